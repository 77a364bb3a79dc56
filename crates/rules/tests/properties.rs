//! Property tests.
//!
//! Each property is a plain function of raw inputs. On native targets
//! proptest drives them with random, shrinking inputs; on every target
//! (including wasm32 in the browser, where proptest does not build) a
//! deterministic linear congruential generator drives them over many inputs,
//! so the properties are checked in the browser too.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use chrono::{Days, NaiveDate};
use rules::eligibility::{practitioner_checklist, PractitionerFacts, ReviewPolicy};
use rules::id_number::{check_character, PROVINCE_CODES};
use rules::{
    AccountState, PhysicianLevel, PracticeStatus, PractitionerKind, QualificationNumber,
    ResidentId, ReviewState,
};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
}

/// Days from 1900-01-01 to `today()`: birth dates are drawn in this range.
const BIRTH_RANGE: u64 = 46_080;

/// A valid 18-character ID number from raw parts: a GB/T 2260 province, the
/// rest of the address code, a birth date between 1900-01-01 and today, a
/// sequence code, and the MOD 11-2 check character computed here.
fn make_id(province: usize, rest: u32, birth_offset: u64, sequence: u32) -> String {
    let province = PROVINCE_CODES[province % PROVINCE_CODES.len()];
    let birth = NaiveDate::from_ymd_opt(1900, 1, 1)
        .unwrap()
        .checked_add_days(Days::new(birth_offset % (BIRTH_RANGE + 1)))
        .unwrap();
    let body = format!(
        "{province}{:04}{}{:03}",
        rest % 10_000,
        birth.format("%Y%m%d"),
        sequence % 1000
    );
    format!("{body}{}", check_character(&body).unwrap())
}

/// GB 11643-1999: every generated valid number is accepted, and every
/// substitution of one character by another digit or `X` is refused (the
/// MOD 11-2 weights are non-zero modulo the prime 11, so a single
/// substitution always changes the check character).
fn id_property(id: &str) {
    let parsed = ResidentId::parse(id, today()).unwrap_or_else(|e| panic!("{id}: {e}"));
    assert_eq!(parsed.as_str(), id);
    assert_eq!(parsed.masked().len(), 18);
    for (i, original) in id.char_indices() {
        for c in "0123456789X".chars().filter(|&c| c != original) {
            let mut changed = id.to_string();
            changed.replace_range(i..i + 1, &c.to_string());
            assert!(
                ResidentId::parse(&changed, today()).is_err(),
                "{id} → {changed} accepted"
            );
        }
    }
}

/// A qualification number built from an ID number (18-character or old
/// 15-digit, behind a 24- or 27-character prefix) matches that ID and not a
/// different one.
fn qualification_property(id: &str, other: &str, prefix: u64, long: bool, legacy: bool) {
    let holder = ResidentId::parse(id, today()).unwrap();
    let other = ResidentId::parse(other, today()).unwrap();
    let tail = match (legacy, holder.to_legacy()) {
        (true, Some(old)) => old.as_str().to_string(),
        _ => holder.as_str().to_string(),
    };
    let len = if long { 27 } else { 24 };
    let prefix = format!("{:012}", prefix % 1_000_000_000_000);
    let number = format!("{}{tail}", &prefix[..len - tail.len()]);
    let q = QualificationNumber::parse_for_holder(&number, &holder)
        .unwrap_or_else(|e| panic!("{number} for {id}: {e}"));
    assert!(q.matches_holder(&holder));
    if other != holder {
        assert!(!q.matches_holder(&other), "{number} matches {other}");
        assert!(QualificationNumber::parse_for_holder(&number, &other).is_err());
    }
}

/// Arbitrary practitioner facts from raw choices.
#[allow(clippy::too_many_arguments)]
fn make_facts(
    kind: u8,
    qualification: bool,
    status: u8,
    from: Option<i64>,
    until: Option<i64>,
    activated: bool,
    photo: u8,
) -> PractitionerFacts {
    let day = |offset: i64| today() + chrono::Duration::days(offset);
    PractitionerFacts {
        kind: match kind % 5 {
            4 => PractitionerKind::Nurse,
            n => PractitionerKind::Physician {
                level: PhysicianLevel::ALL[n as usize],
            },
        },
        has_valid_qualification: qualification,
        status: [
            PracticeStatus::Normal,
            PracticeStatus::Filed,
            PracticeStatus::Cancelled,
            PracticeStatus::Suspended,
        ][status as usize % 4],
        registration_valid_from: from.map(day),
        registration_valid_until: until.map(day),
        account: AccountState {
            registered: true,
            activated,
            phone_verified: true,
            email_verified: false,
            photo: match photo % 4 {
                0 => None,
                1 => Some(ReviewState::Pending),
                2 => Some(ReviewState::Approved),
                _ => Some(ReviewState::Rejected {
                    reason: "模糊".into(),
                }),
            },
        },
    }
}

/// Seed notice: a profile is eligible exactly when every criterion passes,
/// and the criteria are those of the notice (checked against an independent
/// statement of the rules).
fn eligibility_property(facts: &PractitionerFacts, review: bool) {
    let policy = ReviewPolicy {
        photo_review_required: review,
    };
    let list = practitioner_checklist(facts, today(), policy);
    assert_eq!(list.is_eligible(), list.criteria.iter().all(|c| c.passed));
    assert_eq!(list.is_eligible(), list.failures().next().is_none());
    for c in &list.criteria {
        assert_eq!(c.passed, c.fix.is_none());
    }
    let photo_ok = match facts.account.photo {
        Some(ReviewState::Approved) => true,
        Some(ReviewState::Pending) => !review,
        _ => false,
    };
    let common = facts.account.activated && facts.status == PracticeStatus::Normal && photo_ok;
    let expected = match facts.kind {
        PractitionerKind::Physician { .. } => common && facts.has_valid_qualification,
        PractitionerKind::Nurse => {
            let started = facts.registration_valid_from.is_none_or(|f| f <= today());
            let not_ended = facts.registration_valid_until.is_some_and(|u| today() <= u);
            common && started && not_ended
        }
    };
    assert_eq!(list.is_eligible(), expected, "{facts:?} review={review}");
}

/// A 64-bit linear congruential generator (Knuth's MMIX constants), for
/// deterministic inputs where proptest is not available.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 16
    }

    /// An ID number from the next four draws.
    fn id(&mut self) -> String {
        make_id(
            self.next() as usize,
            self.next() as u32,
            self.next(),
            self.next() as u32,
        )
    }
}

#[test]
fn generated_ids_deterministic() {
    let mut rng = Lcg(2026);
    for _ in 0..300 {
        let id = rng.id();
        id_property(&id);
    }
    // the extremes of the birth range
    id_property(&make_id(0, 0, 0, 0));
    id_property(&make_id(33, 9999, BIRTH_RANGE, 999));
}

#[test]
fn qualification_cross_check_deterministic() {
    let mut rng = Lcg(11643);
    for _ in 0..300 {
        let id = rng.id();
        let other = rng.id();
        let r = rng.next();
        qualification_property(&id, &other, rng.next(), r & 1 == 1, r & 2 == 2);
    }
}

#[test]
fn eligibility_deterministic() {
    let mut rng = Lcg(7);
    let offset = |r: u64| match r % 3 {
        0 => None,
        _ => Some((r >> 2) as i64 % 4000 - 2000),
    };
    for _ in 0..2000 {
        let r = rng.next();
        let facts = make_facts(
            r as u8,
            r & 0x100 != 0,
            (r >> 9) as u8,
            offset(rng.next()),
            offset(rng.next()),
            r & 0x10000 != 0,
            (r >> 17) as u8,
        );
        eligibility_property(&facts, r & 0x1000000 != 0);
    }
    // boundaries: first and last valid day of a nurse registration
    for (from, until) in [(Some(0), Some(0)), (Some(1), Some(5)), (None, Some(-1))] {
        let facts = make_facts(4, false, 0, from, until, true, 2);
        eligibility_property(&facts, true);
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod with_proptest {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn generated_ids(
            province in 0..PROVINCE_CODES.len(),
            rest in 0u32..10_000,
            birth in 0..=BIRTH_RANGE,
            sequence in 0u32..1000,
        ) {
            id_property(&make_id(province, rest, birth, sequence));
        }

        #[test]
        fn qualification_cross_check(
            a in (0..PROVINCE_CODES.len(), 0u32..10_000, 0..=BIRTH_RANGE, 0u32..1000),
            b in (0..PROVINCE_CODES.len(), 0u32..10_000, 0..=BIRTH_RANGE, 0u32..1000),
            prefix in any::<u64>(),
            long in any::<bool>(),
            legacy in any::<bool>(),
        ) {
            let id = make_id(a.0, a.1, a.2, a.3);
            let other = make_id(b.0, b.1, b.2, b.3);
            qualification_property(&id, &other, prefix, long, legacy);
        }

        #[test]
        fn eligible_exactly_when_every_criterion_passes(
            kind in 0u8..5,
            qualification in any::<bool>(),
            status in 0u8..4,
            from in proptest::option::of(-2000i64..2000),
            until in proptest::option::of(-2000i64..2000),
            activated in any::<bool>(),
            photo in 0u8..4,
            review in any::<bool>(),
        ) {
            let facts = make_facts(kind, qualification, status, from, until, activated, photo);
            eligibility_property(&facts, review);
        }
    }
}
