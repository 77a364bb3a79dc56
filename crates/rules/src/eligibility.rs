//! E-license eligibility (电子证照申领条件), exactly as the seed notice states it.
//!
//! Every check returns the whole checklist (never only the first failure), so
//! the portal can show each criterion with its reason and the step that fixes
//! it, and the server can answer a refused application with the same list.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::{AccountState, Institution, PracticeStatus, PractitionerKind, ReviewState};
use crate::i18n::{Lang, Localized};

/// The portal step where a failed criterion is fixed.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Activate the account with the code sent to the phone.
    Activate,
    /// Check and maintain the profile.
    Profile,
    /// Upload an ID photo.
    Photo,
    /// Ask the main practice institution (status, registration, deletion).
    Institution,
    /// The institution's licence data (institution side).
    InstitutionLicence,
}

/// Stable codes of the criteria, used by the API, the portal and tests.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CriterionCode {
    /// Physician: holds a valid physician qualification (医师资格).
    Qualification,
    /// The account is activated.
    Activated,
    /// Practice status is normal (not filed, cancelled or suspended).
    StatusNormal,
    /// Nurse: today is inside the validity period of the practice registration.
    RegistrationValid,
    /// An ID photo is on file (and approved where the institution reviews photos).
    Photo,
    /// Institution: the practice licence is within validity.
    LicenceValid,
    /// Institution: status normal.
    InstitutionStatusNormal,
}

crate::wire_codes!(CriterionCode {
    Qualification => "qualification",
    Activated => "activated",
    StatusNormal => "status_normal",
    RegistrationValid => "registration_valid",
    Photo => "photo",
    LicenceValid => "licence_valid",
    InstitutionStatusNormal => "institution_status_normal",
});

impl CriterionCode {
    /// The criteria of practitioners' checklists (physicians' and nurses').
    pub const PRACTITIONER: [CriterionCode; 5] = [
        CriterionCode::Qualification,
        CriterionCode::Activated,
        CriterionCode::StatusNormal,
        CriterionCode::RegistrationValid,
        CriterionCode::Photo,
    ];

    /// The criterion's name, as a checklist heading.
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            CriterionCode::Qualification => lang.pick("具有医师资格", "Physician qualification"),
            CriterionCode::Activated => lang.pick("账户已激活", "Account activated"),
            CriterionCode::StatusNormal => lang.pick("执业状态正常", "Practice status normal"),
            CriterionCode::RegistrationValid => {
                lang.pick("执业注册在有效期内", "Practice registration valid")
            }
            CriterionCode::Photo => lang.pick("已上传证件照", "ID photo on file"),
            CriterionCode::LicenceValid => {
                lang.pick("执业许可证在有效期内", "Practice licence valid")
            }
            CriterionCode::InstitutionStatusNormal => {
                lang.pick("机构状态正常", "Institution status normal")
            }
        }
    }
}

/// Why a criterion passed or failed, with the facts the message needs.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case", try_from = "ReasonWire")]
pub enum Reason {
    /// A valid physician qualification is on record.
    QualificationValid,
    /// No valid physician qualification on record.
    QualificationMissing,
    /// The account is activated.
    Activated,
    /// The account was never activated.
    NotActivated,
    /// Practice status is normal.
    StatusNormal,
    /// Practice status blocks the e-license.
    StatusBlocked {
        /// The blocking status.
        status: PracticeStatus,
    },
    /// Registration valid until the given day (inclusive).
    RegistrationValid {
        /// Last valid day.
        until: NaiveDate,
    },
    /// Registration expired on the given day.
    RegistrationExpired {
        /// Last valid day.
        until: NaiveDate,
    },
    /// Registration starts in the future.
    RegistrationNotStarted {
        /// First valid day.
        from: NaiveDate,
    },
    /// No registration period on record.
    RegistrationMissing,
    /// A photo is on file (approved, or review not required).
    PhotoOnFile,
    /// No photo was uploaded.
    PhotoMissing,
    /// The photo waits for the institution's review.
    PhotoPending,
    /// The institution rejected the photo.
    PhotoRejected {
        /// The institution's reason.
        reason: String,
    },
    /// Licence valid until the given day.
    LicenceValid {
        /// Last valid day.
        until: NaiveDate,
    },
    /// Licence expired on the given day.
    LicenceExpired {
        /// Last valid day.
        until: NaiveDate,
    },
}

/// A [`Reason`] as it arrives on the wire, read as one flat object. serde's
/// derived reader for an internally tagged enum buffers the whole object
/// before choosing the variant; it was the largest single function in the
/// portal's wasm. This reads the same JSON with a fraction of the code.
#[derive(Deserialize)]
struct ReasonWire {
    code: String,
    status: Option<PracticeStatus>,
    #[serde(deserialize_with = "crate::iso_date::deserialize_optional", default)]
    until: Option<NaiveDate>,
    #[serde(deserialize_with = "crate::iso_date::deserialize_optional", default)]
    from: Option<NaiveDate>,
    reason: Option<String>,
}

impl TryFrom<ReasonWire> for Reason {
    type Error = String;

    fn try_from(wire: ReasonWire) -> Result<Self, String> {
        let code = wire.code.as_str();
        let missing = |field: &str| format!("reason `{code}` needs the field `{field}`");
        let until = || wire.until.ok_or_else(|| missing("until"));
        Ok(match code {
            "qualification_valid" => Reason::QualificationValid,
            "qualification_missing" => Reason::QualificationMissing,
            "activated" => Reason::Activated,
            "not_activated" => Reason::NotActivated,
            "status_normal" => Reason::StatusNormal,
            "status_blocked" => Reason::StatusBlocked {
                status: wire.status.ok_or_else(|| missing("status"))?,
            },
            "registration_valid" => Reason::RegistrationValid { until: until()? },
            "registration_expired" => Reason::RegistrationExpired { until: until()? },
            "registration_not_started" => Reason::RegistrationNotStarted {
                from: wire.from.ok_or_else(|| missing("from"))?,
            },
            "registration_missing" => Reason::RegistrationMissing,
            "photo_on_file" => Reason::PhotoOnFile,
            "photo_missing" => Reason::PhotoMissing,
            "photo_pending" => Reason::PhotoPending,
            "photo_rejected" => Reason::PhotoRejected {
                reason: wire.reason.clone().ok_or_else(|| missing("reason"))?,
            },
            "licence_valid" => Reason::LicenceValid { until: until()? },
            "licence_expired" => Reason::LicenceExpired { until: until()? },
            other => return Err(format!("unknown reason `{other}`")),
        })
    }
}

#[cfg(test)]
mod reason_wire_tests {
    use super::*;

    fn every_reason() -> Vec<Reason> {
        let day = NaiveDate::from_ymd_opt(2020, 12, 31).unwrap();
        vec![
            Reason::QualificationValid,
            Reason::QualificationMissing,
            Reason::Activated,
            Reason::NotActivated,
            Reason::StatusNormal,
            Reason::StatusBlocked {
                status: PracticeStatus::Filed,
            },
            Reason::RegistrationValid { until: day },
            Reason::RegistrationExpired { until: day },
            Reason::RegistrationNotStarted { from: day },
            Reason::RegistrationMissing,
            Reason::PhotoOnFile,
            Reason::PhotoMissing,
            Reason::PhotoPending,
            Reason::PhotoRejected {
                reason: "背景不是纯色".into(),
            },
            Reason::LicenceValid { until: day },
            Reason::LicenceExpired { until: day },
        ]
    }

    #[test]
    fn every_reason_reads_back_what_it_writes() {
        for reason in every_reason() {
            let json = serde_json::to_string(&reason).unwrap();
            assert_eq!(
                serde_json::from_str::<Reason>(&json).unwrap(),
                reason,
                "{json}"
            );
            assert!(
                json.contains(&format!(r#""code":"{}""#, reason.code())),
                "{json}"
            );
        }
    }

    #[test]
    fn criterion_codes_are_the_wire_spelling() {
        let institution = [
            CriterionCode::LicenceValid,
            CriterionCode::InstitutionStatusNormal,
        ];
        for code in CriterionCode::PRACTITIONER.into_iter().chain(institution) {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.code()));
        }
    }

    #[test]
    fn a_reason_without_its_field_or_with_an_unknown_code_is_refused() {
        for json in [
            r#"{"code":"status_blocked"}"#,
            r#"{"code":"registration_valid","from":"2020-01-01"}"#,
            r#"{"code":"photo_rejected"}"#,
            r#"{"code":"no_such_reason"}"#,
            r#"{"until":"2020-01-01"}"#,
            r#"{"code":"licence_valid","until":"2020-13-01"}"#,
        ] {
            assert!(serde_json::from_str::<Reason>(json).is_err(), "{json}");
        }
    }
}

impl Localized for Reason {
    fn code(&self) -> &'static str {
        match self {
            Reason::QualificationValid => "qualification_valid",
            Reason::QualificationMissing => "qualification_missing",
            Reason::Activated => "activated",
            Reason::NotActivated => "not_activated",
            Reason::StatusNormal => "status_normal",
            Reason::StatusBlocked { .. } => "status_blocked",
            Reason::RegistrationValid { .. } => "registration_valid",
            Reason::RegistrationExpired { .. } => "registration_expired",
            Reason::RegistrationNotStarted { .. } => "registration_not_started",
            Reason::RegistrationMissing => "registration_missing",
            Reason::PhotoOnFile => "photo_on_file",
            Reason::PhotoMissing => "photo_missing",
            Reason::PhotoPending => "photo_pending",
            Reason::PhotoRejected { .. } => "photo_rejected",
            Reason::LicenceValid { .. } => "licence_valid",
            Reason::LicenceExpired { .. } => "licence_expired",
        }
    }

    fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Reason::QualificationValid => lang.pick("已取得医师资格。", "You hold a physician qualification.").into(),
            Reason::QualificationMissing => lang
                .pick(
                    "系统中没有您有效的医师资格信息。请核对个人信息中的资格证书编码，如有误请联系主要执业机构更正。",
                    "The registry has no valid physician qualification for you. Check the qualification certificate number in your profile and ask your main institution to correct it.",
                )
                .into(),
            Reason::Activated => lang.pick("账户已激活。", "Your account is activated.").into(),
            Reason::NotActivated => lang
                .pick(
                    "账户尚未激活。请用手机收到的验证码激活账户。",
                    "Your account is not activated yet. Activate it with the code sent to your phone.",
                )
                .into(),
            Reason::StatusNormal => lang.pick("执业状态正常。", "Your practice status is normal.").into(),
            Reason::StatusBlocked { status } => {
                if zh {
                    format!(
                        "您的执业状态为“{}”，不能申领电子证照。请联系主要执业机构办理变更或重新注册。",
                        status.label(lang)
                    )
                } else {
                    format!(
                        "Your practice status is \"{}\", which cannot claim an e-license. Ask your main institution about a change or a new registration.",
                        status.label(lang)
                    )
                }
            }
            Reason::RegistrationValid { until } => {
                if zh {
                    format!("执业注册有效期至 {}。", Lang::Zh.date(*until))
                } else {
                    format!("Your registration is valid until {}.", Lang::En.date(*until))
                }
            }
            Reason::RegistrationExpired { until } => {
                if zh {
                    format!(
                        "执业注册已于 {} 到期。请通过主要执业机构办理延续注册。",
                        Lang::Zh.date(*until)
                    )
                } else {
                    format!(
                        "Your registration expired on {}. Renew it through your main institution.",
                        Lang::En.date(*until)
                    )
                }
            }
            Reason::RegistrationNotStarted { from } => {
                if zh {
                    format!("执业注册自 {} 起生效，请届时再申领。", Lang::Zh.date(*from))
                } else {
                    format!(
                        "Your registration takes effect on {}; apply from that day.",
                        Lang::En.date(*from)
                    )
                }
            }
            Reason::RegistrationMissing => lang
                .pick(
                    "系统中没有您的执业注册有效期。请联系主要执业机构核实注册信息。",
                    "The registry has no registration period for you. Ask your main institution to check your registration.",
                )
                .into(),
            Reason::PhotoOnFile => lang.pick("证件照已上传。", "Your ID photo is on file.").into(),
            Reason::PhotoMissing => lang
                .pick(
                    "尚未上传证件照。请上传一张近期免冠证件照。",
                    "No ID photo yet. Upload a recent ID photo.",
                )
                .into(),
            Reason::PhotoPending => lang
                .pick(
                    "证件照正在等待主要执业机构审核。",
                    "Your ID photo is waiting for your main institution's review.",
                )
                .into(),
            Reason::PhotoRejected { reason } => {
                if zh {
                    format!("证件照未通过审核：{reason}。请重新上传。")
                } else {
                    format!("Your ID photo was rejected: {reason}. Upload a new one.")
                }
            }
            Reason::LicenceValid { until } => {
                if zh {
                    format!("执业许可证有效期至 {}。", Lang::Zh.date(*until))
                } else {
                    format!("The practice licence is valid until {}.", Lang::En.date(*until))
                }
            }
            Reason::LicenceExpired { until } => {
                if zh {
                    format!(
                        "执业许可证已于 {} 到期。请先办理校验或延续。",
                        Lang::Zh.date(*until)
                    )
                } else {
                    format!(
                        "The practice licence expired on {}. Have it renewed first.",
                        Lang::En.date(*until)
                    )
                }
            }
        }
    }
}

impl Reason {
    /// The same fact worded for the institution's administrator (the
    /// roster and its export): what the institution does, or what to ask
    /// the person to do. [`Localized::message`] speaks to the practitioner.
    pub fn for_institution(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Reason::QualificationValid => lang.pick("已取得医师资格。", "Holds a physician qualification.").into(),
            Reason::QualificationMissing => lang
                .pick(
                    "注册系统中没有此人有效的医师资格信息。请核对其资格证书编码，如有误请在注册系统中更正。",
                    "The registry has no valid physician qualification for this person. Check the qualification certificate number and correct it in the registry.",
                )
                .into(),
            Reason::Activated => lang.pick("账户已激活。", "The account is activated.").into(),
            Reason::NotActivated => lang
                .pick(
                    "账户尚未激活。请提醒本人用手机收到的验证码激活账户。",
                    "The account is not activated. Remind the person to activate it with the code sent to their phone.",
                )
                .into(),
            Reason::StatusNormal => lang.pick("执业状态正常。", "Practice status is normal.").into(),
            Reason::StatusBlocked { status } => {
                if zh {
                    format!(
                        "执业状态为“{}”，不能申领电子证照。如其仍在本机构执业，请为其办理注册变更或重新注册。",
                        status.label(lang)
                    )
                } else {
                    format!(
                        "Practice status is \"{}\", which cannot claim an e-license. If the person still practises here, file a registration change or a new registration for them.",
                        status.label(lang)
                    )
                }
            }
            Reason::RegistrationValid { until } => {
                if zh {
                    format!("执业注册有效期至 {}。", Lang::Zh.date(*until))
                } else {
                    format!("The registration is valid until {}.", Lang::En.date(*until))
                }
            }
            Reason::RegistrationExpired { until } => {
                if zh {
                    format!("执业注册已于 {} 到期。请为其办理延续注册。", Lang::Zh.date(*until))
                } else {
                    format!(
                        "The registration expired on {}. File the renewal for this person.",
                        Lang::En.date(*until)
                    )
                }
            }
            Reason::RegistrationNotStarted { from } => {
                if zh {
                    format!("执业注册自 {} 起生效，届时本人即可申领。", Lang::Zh.date(*from))
                } else {
                    format!(
                        "The registration takes effect on {}; the person can apply from that day.",
                        Lang::En.date(*from)
                    )
                }
            }
            Reason::RegistrationMissing => lang
                .pick(
                    "注册系统中没有此人的执业注册有效期。请核实并补全其注册信息。",
                    "The registry has no registration period for this person. Check and complete the registration record.",
                )
                .into(),
            Reason::PhotoOnFile => lang.pick("证件照已通过。", "The ID photo is on file.").into(),
            Reason::PhotoMissing => lang
                .pick(
                    "尚未上传证件照。请提醒本人上传近期免冠证件照。",
                    "No ID photo yet. Ask the person to upload a recent ID photo.",
                )
                .into(),
            Reason::PhotoPending => lang
                .pick(
                    "证件照等待本机构审核。请在“审核”中通过或退回。",
                    "The ID photo waits for your review: approve or reject it under Reviews.",
                )
                .into(),
            Reason::PhotoRejected { reason } => {
                if zh {
                    format!("证件照未通过审核（{reason}）。请提醒本人重新上传。")
                } else {
                    format!("The ID photo was rejected ({reason}). Ask the person to upload a new one.")
                }
            }
            // The institution's own licence: already worded for it.
            Reason::LicenceValid { .. } | Reason::LicenceExpired { .. } => self.message(lang),
        }
    }
}

#[cfg(test)]
mod institution_wording_tests {
    use super::*;

    #[test]
    fn the_administrator_is_never_sent_to_the_main_institution() {
        let day = NaiveDate::from_ymd_opt(2020, 12, 31).unwrap();
        let reasons = [
            Reason::QualificationMissing,
            Reason::NotActivated,
            Reason::StatusBlocked {
                status: PracticeStatus::Filed,
            },
            Reason::RegistrationExpired { until: day },
            Reason::RegistrationNotStarted { from: day },
            Reason::RegistrationMissing,
            Reason::PhotoMissing,
            Reason::PhotoPending,
            Reason::PhotoRejected {
                reason: "照片模糊".into(),
            },
        ];
        for reason in reasons {
            for lang in [Lang::Zh, Lang::En] {
                let text = reason.for_institution(lang);
                assert_ne!(text, reason.message(lang), "{reason:?}");
                for practitioner_words in ["主要执业机构", "您", "main institution", "Your "]
                {
                    assert!(!text.contains(practitioner_words), "{text}");
                }
            }
        }
    }
}

/// One criterion of the checklist.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    /// Which criterion.
    pub code: CriterionCode,
    /// Whether it holds.
    pub passed: bool,
    /// Why, with the facts for the message.
    pub reason: Reason,
    /// Where a failed criterion is fixed; `None` when it passed.
    pub fix: Option<Step>,
}

impl Criterion {
    fn new(code: CriterionCode, passed: bool, reason: Reason, fix: Step) -> Self {
        Criterion {
            code,
            passed,
            reason,
            fix: (!passed).then_some(fix),
        }
    }
}

/// The full checklist for one e-license.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checklist {
    /// Every criterion, in the seed notice's order.
    pub criteria: Vec<Criterion>,
}

impl Checklist {
    /// Eligible exactly when every criterion passes.
    pub fn is_eligible(&self) -> bool {
        self.criteria.iter().all(|c| c.passed)
    }

    /// The criteria that failed.
    pub fn failures(&self) -> impl Iterator<Item = &Criterion> {
        self.criteria.iter().filter(|c| !c.passed)
    }
}

/// Whether the main institution must approve ID photos before they count.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ReviewPolicy {
    /// Photos count only once approved.
    pub photo_review_required: bool,
}

/// The registry and account facts that decide a practitioner's eligibility.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PractitionerFacts {
    /// Physician (with level) or nurse.
    pub kind: PractitionerKind,
    /// Physician: a valid physician qualification (医师资格) is on record.
    pub has_valid_qualification: bool,
    /// Practice status in the registry.
    pub status: PracticeStatus,
    /// First day of the practice registration (nurses).
    #[serde(deserialize_with = "crate::iso_date::deserialize_optional", default)]
    pub registration_valid_from: Option<NaiveDate>,
    /// Last day of the practice registration (nurses).
    #[serde(deserialize_with = "crate::iso_date::deserialize_optional", default)]
    pub registration_valid_until: Option<NaiveDate>,
    /// Account state, including the photo on file.
    pub account: AccountState,
}

fn activated(account: &AccountState) -> Criterion {
    let ok = account.activated;
    Criterion::new(
        CriterionCode::Activated,
        ok,
        if ok {
            Reason::Activated
        } else {
            Reason::NotActivated
        },
        Step::Activate,
    )
}

fn status_normal(status: PracticeStatus) -> Criterion {
    let ok = status == PracticeStatus::Normal;
    Criterion::new(
        CriterionCode::StatusNormal,
        ok,
        if ok {
            Reason::StatusNormal
        } else {
            Reason::StatusBlocked { status }
        },
        Step::Institution,
    )
}

fn photo(account: &AccountState, policy: ReviewPolicy) -> Criterion {
    let (ok, reason) = match &account.photo {
        None => (false, Reason::PhotoMissing),
        Some(ReviewState::Approved) => (true, Reason::PhotoOnFile),
        Some(ReviewState::Pending) if !policy.photo_review_required => (true, Reason::PhotoOnFile),
        Some(ReviewState::Pending) => (false, Reason::PhotoPending),
        Some(ReviewState::Rejected { reason }) => (
            false,
            Reason::PhotoRejected {
                reason: reason.clone(),
            },
        ),
    };
    Criterion::new(CriterionCode::Photo, ok, reason, Step::Photo)
}

fn registration_valid(
    from: Option<NaiveDate>,
    until: Option<NaiveDate>,
    today: NaiveDate,
) -> Criterion {
    let (ok, reason) = match (from, until) {
        (_, None) => (false, Reason::RegistrationMissing),
        (Some(from), Some(_)) if today < from => (false, Reason::RegistrationNotStarted { from }),
        (_, Some(until)) if today > until => (false, Reason::RegistrationExpired { until }),
        (_, Some(until)) => (true, Reason::RegistrationValid { until }),
    };
    Criterion::new(
        CriterionCode::RegistrationValid,
        ok,
        reason,
        Step::Institution,
    )
}

/// The e-license checklist of a practitioner.
///
/// Seed notice: a physician needs a valid physician qualification, an
/// activated account, a normal practice status (not filed, not cancelled;
/// suspended blocks too) and an ID photo on file. A nurse needs an activated
/// account, a normal practice status, `today` inside the validity period of
/// the practice registration, and an ID photo on file.
pub fn practitioner_checklist(
    facts: &PractitionerFacts,
    today: NaiveDate,
    policy: ReviewPolicy,
) -> Checklist {
    let mut criteria = Vec::with_capacity(4);
    match facts.kind {
        PractitionerKind::Physician { .. } => {
            let ok = facts.has_valid_qualification;
            criteria.push(Criterion::new(
                CriterionCode::Qualification,
                ok,
                if ok {
                    Reason::QualificationValid
                } else {
                    Reason::QualificationMissing
                },
                Step::Profile,
            ));
            criteria.push(activated(&facts.account));
            criteria.push(status_normal(facts.status));
        }
        PractitionerKind::Nurse => {
            criteria.push(activated(&facts.account));
            criteria.push(status_normal(facts.status));
            criteria.push(registration_valid(
                facts.registration_valid_from,
                facts.registration_valid_until,
                today,
            ));
        }
    }
    criteria.push(photo(&facts.account, policy));
    Checklist { criteria }
}

/// The e-license checklist of a medical institution.
///
/// Seed notice: the practice licence (医疗机构执业许可证) is within validity and
/// the institution's status is normal.
pub fn institution_checklist(inst: &Institution, today: NaiveDate) -> Checklist {
    let licence_ok = today <= inst.licence_valid_until;
    let until = inst.licence_valid_until;
    let status_ok = inst.status == PracticeStatus::Normal;
    Checklist {
        criteria: vec![
            Criterion::new(
                CriterionCode::LicenceValid,
                licence_ok,
                if licence_ok {
                    Reason::LicenceValid { until }
                } else {
                    Reason::LicenceExpired { until }
                },
                Step::InstitutionLicence,
            ),
            Criterion::new(
                CriterionCode::InstitutionStatusNormal,
                status_ok,
                if status_ok {
                    Reason::StatusNormal
                } else {
                    Reason::StatusBlocked {
                        status: inst.status,
                    }
                },
                Step::InstitutionLicence,
            ),
        ],
    }
}
