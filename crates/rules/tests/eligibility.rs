//! Table tests of the e-license criteria of the seed notice: each criterion
//! failing alone, for physicians, nurses and institutions.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use chrono::NaiveDate;
use rules::eligibility::{
    institution_checklist, practitioner_checklist, CriterionCode, PractitionerFacts, Reason,
    ReviewPolicy, Step,
};
use rules::{
    AccountState, Institution, Lang, Localized, PhysicianLevel, PracticeStatus, PractitionerKind,
    ReviewState,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const TODAY: (i32, u32, u32) = (2026, 3, 1);

fn today() -> NaiveDate {
    d(TODAY.0, TODAY.1, TODAY.2)
}

fn account() -> AccountState {
    AccountState {
        registered: true,
        activated: true,
        phone_verified: true,
        email_verified: true,
        photo: Some(ReviewState::Approved),
    }
}

fn physician() -> PractitionerFacts {
    PractitionerFacts {
        kind: PractitionerKind::Physician {
            level: PhysicianLevel::Practising,
        },
        has_valid_qualification: true,
        status: PracticeStatus::Normal,
        registration_valid_from: None,
        registration_valid_until: None,
        account: account(),
    }
}

fn nurse() -> PractitionerFacts {
    PractitionerFacts {
        kind: PractitionerKind::Nurse,
        has_valid_qualification: false,
        status: PracticeStatus::Normal,
        registration_valid_from: Some(d(2022, 5, 1)),
        registration_valid_until: Some(d(2027, 4, 30)),
        account: account(),
    }
}

const REVIEW: ReviewPolicy = ReviewPolicy {
    photo_review_required: true,
};
const NO_REVIEW: ReviewPolicy = ReviewPolicy {
    photo_review_required: false,
};

/// Asserts that exactly `failing` fails (or nothing when `None`), with the
/// reason and the fixing step.
fn check(
    label: &str,
    facts: &PractitionerFacts,
    policy: ReviewPolicy,
    failing: Option<(CriterionCode, Reason, Step)>,
) {
    let list = practitioner_checklist(facts, today(), policy);
    let failures: Vec<_> = list.failures().collect();
    match failing {
        None => {
            assert!(list.is_eligible(), "{label}: {failures:?}");
            assert!(failures.is_empty(), "{label}");
        }
        Some((code, reason, step)) => {
            assert!(!list.is_eligible(), "{label}");
            assert_eq!(failures.len(), 1, "{label}: {failures:?}");
            assert_eq!(failures[0].code, code, "{label}");
            assert_eq!(failures[0].reason, reason, "{label}");
            assert_eq!(failures[0].fix, Some(step), "{label}");
            let r = &failures[0].reason;
            assert_ne!(r.message(Lang::Zh), r.message(Lang::En), "{label}");
        }
    }
    for c in &list.criteria {
        assert_eq!(c.passed, c.fix.is_none(), "{label}: {c:?}");
    }
}

/// The criteria of `f`'s checklist, in its order.
fn criteria(f: &PractitionerFacts) -> Vec<CriterionCode> {
    practitioner_checklist(f, today(), REVIEW)
        .criteria
        .iter()
        .map(|c| c.code)
        .collect()
}

// Seed notice, physicians: qualification, activated account, normal status,
// ID photo — in this order.
#[test]
fn physician_criteria_in_order() {
    for level in PhysicianLevel::ALL {
        let mut f = physician();
        f.kind = PractitionerKind::Physician { level };
        assert_eq!(
            criteria(&f),
            [
                CriterionCode::Qualification,
                CriterionCode::Activated,
                CriterionCode::StatusNormal,
                CriterionCode::Photo
            ]
        );
        check("eligible physician", &f, REVIEW, None);
    }
}

// Seed notice, nurses: activated account, normal status, registration valid
// today, ID photo — in this order.
#[test]
fn nurse_criteria_in_order() {
    assert_eq!(
        criteria(&nurse()),
        [
            CriterionCode::Activated,
            CriterionCode::StatusNormal,
            CriterionCode::RegistrationValid,
            CriterionCode::Photo
        ]
    );
    check("eligible nurse", &nurse(), REVIEW, None);
}

/// A change to an eligible person's facts, the review policy it is checked
/// under and the one criterion it fails (with its reason and step), if any.
type Case = (
    &'static str,
    fn(&mut PractitionerFacts),
    ReviewPolicy,
    Option<(CriterionCode, Reason, Step)>,
);

/// The criteria physicians and nurses share, each failing alone: an
/// activated account, a normal practice status, the ID photo.
fn shared_cases() -> Vec<Case> {
    vec![
        // 账户已激活
        (
            "not activated",
            |f| f.account.activated = false,
            REVIEW,
            Some((
                CriterionCode::Activated,
                Reason::NotActivated,
                Step::Activate,
            )),
        ),
        // 执业状态正常: 备案 / 注销 / 暂停 block
        (
            "filed",
            |f| f.status = PracticeStatus::Filed,
            REVIEW,
            Some((
                CriterionCode::StatusNormal,
                Reason::StatusBlocked {
                    status: PracticeStatus::Filed,
                },
                Step::Institution,
            )),
        ),
        (
            "cancelled",
            |f| f.status = PracticeStatus::Cancelled,
            REVIEW,
            Some((
                CriterionCode::StatusNormal,
                Reason::StatusBlocked {
                    status: PracticeStatus::Cancelled,
                },
                Step::Institution,
            )),
        ),
        (
            "suspended",
            |f| f.status = PracticeStatus::Suspended,
            REVIEW,
            Some((
                CriterionCode::StatusNormal,
                Reason::StatusBlocked {
                    status: PracticeStatus::Suspended,
                },
                Step::Institution,
            )),
        ),
        // 证件照: none uploaded, whatever the policy
        (
            "no photo",
            |f| f.account.photo = None,
            REVIEW,
            Some((CriterionCode::Photo, Reason::PhotoMissing, Step::Photo)),
        ),
        (
            "no photo, no review",
            |f| f.account.photo = None,
            NO_REVIEW,
            Some((CriterionCode::Photo, Reason::PhotoMissing, Step::Photo)),
        ),
        // 证件照: pending, and the institution reviews photos
        (
            "photo pending, review required",
            |f| f.account.photo = Some(ReviewState::Pending),
            REVIEW,
            Some((CriterionCode::Photo, Reason::PhotoPending, Step::Photo)),
        ),
        // 证件照: pending counts when the institution does not review photos
        (
            "photo pending, no review",
            |f| f.account.photo = Some(ReviewState::Pending),
            NO_REVIEW,
            None,
        ),
        // 证件照: rejected, whatever the policy
        (
            "photo rejected",
            |f| {
                f.account.photo = Some(ReviewState::Rejected {
                    reason: "背景不是白色".into(),
                })
            },
            NO_REVIEW,
            Some((
                CriterionCode::Photo,
                Reason::PhotoRejected {
                    reason: "背景不是白色".into(),
                },
                Step::Photo,
            )),
        ),
    ]
}

/// Checks each case's change alone on an eligible person of `eligible`.
fn each_alone(eligible: fn() -> PractitionerFacts, own: Vec<Case>) {
    for (label, change, policy, failing) in shared_cases().into_iter().chain(own) {
        let mut f = eligible();
        change(&mut f);
        check(label, &f, policy, failing);
    }
}

// Seed notice: each physician criterion failing alone.
#[test]
fn physician_each_criterion_alone() {
    let own: Vec<Case> = vec![
        // 具有医师资格: no valid qualification → fix the profile
        (
            "no qualification",
            |f| f.has_valid_qualification = false,
            REVIEW,
            Some((
                CriterionCode::Qualification,
                Reason::QualificationMissing,
                Step::Profile,
            )),
        ),
        // Physicians have no registration period among their criteria: an
        // expired nurse-style period does not matter.
        (
            "registration period ignored",
            |f| {
                f.registration_valid_from = Some(d(2015, 1, 1));
                f.registration_valid_until = Some(d(2019, 12, 31));
            },
            REVIEW,
            None,
        ),
        // Phone/email verification are not criteria of the seed notice.
        (
            "email not verified",
            |f| {
                f.account.email_verified = false;
                f.account.phone_verified = false;
            },
            REVIEW,
            None,
        ),
    ];
    each_alone(physician, own);
}

// Seed notice: each nurse criterion failing alone.
#[test]
fn nurse_each_criterion_alone() {
    let own: Vec<Case> = vec![
        // 执业注册在有效期内: expired yesterday
        (
            "registration expired",
            |f| f.registration_valid_until = Some(d(2026, 2, 28)),
            REVIEW,
            Some((
                CriterionCode::RegistrationValid,
                Reason::RegistrationExpired {
                    until: d(2026, 2, 28),
                },
                Step::Institution,
            )),
        ),
        // 执业注册在有效期内: the last day is still valid
        (
            "registration last day",
            |f| f.registration_valid_until = Some(today()),
            REVIEW,
            None,
        ),
        // 执业注册在有效期内: the first day is valid
        (
            "registration first day",
            |f| f.registration_valid_from = Some(today()),
            REVIEW,
            None,
        ),
        // 执业注册在有效期内: starts tomorrow
        (
            "registration not started",
            |f| f.registration_valid_from = Some(d(2026, 3, 2)),
            REVIEW,
            Some((
                CriterionCode::RegistrationValid,
                Reason::RegistrationNotStarted {
                    from: d(2026, 3, 2),
                },
                Step::Institution,
            )),
        ),
        // 执业注册在有效期内: no period on record
        (
            "registration missing",
            |f| f.registration_valid_until = None,
            REVIEW,
            Some((
                CriterionCode::RegistrationValid,
                Reason::RegistrationMissing,
                Step::Institution,
            )),
        ),
        // Nurses have no physician-qualification criterion.
        (
            "no physician qualification",
            |f| f.has_valid_qualification = false,
            REVIEW,
            None,
        ),
    ];
    each_alone(nurse, own);
}

// Every failing criterion is reported, not only the first.
#[test]
fn all_failures_are_listed() {
    let mut f = nurse();
    f.account.activated = false;
    f.status = PracticeStatus::Filed;
    f.registration_valid_until = Some(d(2020, 1, 1));
    f.account.photo = None;
    let list = practitioner_checklist(&f, today(), REVIEW);
    assert_eq!(list.failures().count(), 4);
}

fn institution(until: NaiveDate, status: PracticeStatus) -> Institution {
    Institution {
        name: "深圳市第一人民医院".into(),
        credit_code: "12100000400000624D".into(),
        licence_number: "PDY00001444030017A1001".into(),
        licence_valid_until: until,
        status,
    }
}

// Seed notice, institutions: the practice licence within validity (the last
// day included) and a normal status.
#[test]
fn institution_criteria() {
    let cases = [
        // valid until a later day
        (d(2027, 1, 1), PracticeStatus::Normal, None),
        // valid on its last day
        (today(), PracticeStatus::Normal, None),
        // expired yesterday
        (
            d(2026, 2, 28),
            PracticeStatus::Normal,
            Some((
                CriterionCode::LicenceValid,
                Reason::LicenceExpired {
                    until: d(2026, 2, 28),
                },
            )),
        ),
        // status blocks
        (
            d(2027, 1, 1),
            PracticeStatus::Cancelled,
            Some((
                CriterionCode::InstitutionStatusNormal,
                Reason::StatusBlocked {
                    status: PracticeStatus::Cancelled,
                },
            )),
        ),
        (
            d(2027, 1, 1),
            PracticeStatus::Suspended,
            Some((
                CriterionCode::InstitutionStatusNormal,
                Reason::StatusBlocked {
                    status: PracticeStatus::Suspended,
                },
            )),
        ),
    ];
    for (until, status, failing) in cases {
        let list = institution_checklist(&institution(until, status), today());
        let failures: Vec<_> = list.failures().collect();
        match failing {
            None => assert!(list.is_eligible(), "{until} {status:?}"),
            Some((code, reason)) => {
                assert_eq!(failures.len(), 1);
                assert_eq!(failures[0].code, code);
                assert_eq!(failures[0].reason, reason);
                assert_eq!(failures[0].fix, Some(Step::InstitutionLicence));
            }
        }
    }
}

// The checklist crosses the API as JSON: the reason carries its stable code.
#[test]
fn checklist_round_trips_as_json() {
    let mut f = nurse();
    f.registration_valid_until = Some(d(2026, 2, 28));
    let list = practitioner_checklist(&f, today(), REVIEW);
    let json = serde_json::to_value(&list).unwrap();
    assert_eq!(
        json["criteria"][2]["reason"]["code"],
        Reason::RegistrationExpired {
            until: d(2026, 2, 28)
        }
        .code()
    );
    let back: rules::Checklist = serde_json::from_value(json).unwrap();
    assert_eq!(back, list);
}
