//! Domain types of the electronic registration system (电子化注册).
//!
//! Source: the seed notice (practitioner kinds, practice status, the e-license
//! criteria) and the national title series for health professionals.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// Physician levels (医师级别) of the practice certificate.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhysicianLevel {
    /// 执业医师
    Practising,
    /// 执业助理医师
    Assistant,
    /// 乡镇执业助理医师
    TownshipAssistant,
    /// 乡村全科执业助理医师
    VillageGeneralAssistant,
}

crate::wire_codes!(PhysicianLevel {
    Practising => "practising",
    Assistant => "assistant",
    TownshipAssistant => "township_assistant",
    VillageGeneralAssistant => "village_general_assistant",
});

impl PhysicianLevel {
    /// The level's name as printed on the certificate.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            PhysicianLevel::Practising => lang.pick("执业医师", "Practising physician"),
            PhysicianLevel::Assistant => lang.pick("执业助理医师", "Assistant physician"),
            PhysicianLevel::TownshipAssistant => {
                lang.pick("乡镇执业助理医师", "Township assistant physician")
            }
            PhysicianLevel::VillageGeneralAssistant => lang.pick(
                "乡村全科执业助理医师",
                "Village general-practice assistant physician",
            ),
        }
    }
}

/// The kind of practitioner: the e-license criteria differ between the two
/// systems (医师 / 护士) in the seed notice.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PractitionerKind {
    /// 医师, with the level of the practice certificate.
    Physician {
        /// 医师级别
        level: PhysicianLevel,
    },
    /// 护士
    Nurse,
}

impl PractitionerKind {
    /// The system the practitioner signs in to.
    pub fn system(self) -> System {
        match self {
            PractitionerKind::Physician { .. } => System::Physician,
            PractitionerKind::Nurse => System::Nurse,
        }
    }

    /// Display name of the kind (the level for physicians).
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            PractitionerKind::Physician { level } => level.label(lang),
            PractitionerKind::Nurse => lang.pick("护士", "Nurse"),
        }
    }
}

/// The two practitioner systems a user chooses between at sign-in.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum System {
    /// 医师电子化注册系统
    Physician,
    /// 护士电子化注册系统
    Nurse,
}

crate::wire_codes!(System {
    Physician => "physician",
    Nurse => "nurse",
});

impl System {
    /// The other system: where an account is when it is not in this one.
    pub fn other(self) -> System {
        match self {
            System::Physician => System::Nurse,
            System::Nurse => System::Physician,
        }
    }

    /// The system's name.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            System::Physician => lang.pick("医师", "Physician"),
            System::Nurse => lang.pick("护士", "Nurse"),
        }
    }
}

/// Practice categories (执业类别) of physicians.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PracticeCategory {
    /// 临床
    Clinical,
    /// 中医
    Tcm,
    /// 口腔
    Dental,
    /// 公共卫生
    PublicHealth,
}

crate::wire_codes!(PracticeCategory {
    Clinical => "clinical",
    Tcm => "tcm",
    Dental => "dental",
    PublicHealth => "public_health",
});

impl PracticeCategory {
    /// The category's name.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            PracticeCategory::Clinical => lang.pick("临床", "Clinical"),
            PracticeCategory::Tcm => lang.pick("中医", "Traditional Chinese medicine"),
            PracticeCategory::Dental => lang.pick("口腔", "Dental"),
            PracticeCategory::PublicHealth => lang.pick("公共卫生", "Public health"),
        }
    }

    /// The practice scopes (执业范围) registrable under this category, as data:
    /// `(code, zh, en)`.
    pub fn scopes(self) -> &'static [(&'static str, &'static str, &'static str)] {
        match self {
            PracticeCategory::Clinical => &[
                ("internal", "内科专业", "Internal medicine"),
                ("surgery", "外科专业", "Surgery"),
                ("obstetrics", "妇产科专业", "Obstetrics and gynaecology"),
                ("paediatrics", "儿科专业", "Paediatrics"),
                ("emergency", "急救医学专业", "Emergency medicine"),
                ("general", "全科医学专业", "General practice"),
                (
                    "imaging",
                    "医学影像和放射治疗专业",
                    "Imaging and radiotherapy",
                ),
            ],
            PracticeCategory::Tcm => &[
                ("tcm", "中医专业", "Traditional Chinese medicine"),
                (
                    "integrated",
                    "中西医结合专业",
                    "Integrated Chinese and Western medicine",
                ),
            ],
            PracticeCategory::Dental => &[("dental", "口腔专业", "Dentistry")],
            PracticeCategory::PublicHealth => {
                &[("public_health", "公共卫生类别专业", "Public health")]
            }
        }
    }
}

/// Practice status (执业状态) of a registration, as the registry records it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PracticeStatus {
    /// 正常
    Normal,
    /// 备案 (filed: no longer practising; blocks the e-license)
    Filed,
    /// 注销 (cancelled; blocks the e-license)
    Cancelled,
    /// 暂停 (suspended; blocks the e-license)
    Suspended,
}

crate::wire_codes!(PracticeStatus {
    Normal => "normal",
    Filed => "filed",
    Cancelled => "cancelled",
    Suspended => "suspended",
});

impl PracticeStatus {
    /// The status's name.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            PracticeStatus::Normal => lang.pick("正常", "Normal"),
            PracticeStatus::Filed => lang.pick("备案", "Filed"),
            PracticeStatus::Cancelled => lang.pick("注销", "Cancelled"),
            PracticeStatus::Suspended => lang.pick("暂停", "Suspended"),
        }
    }
}

/// Tier (级别) of a professional title.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TitleTier {
    /// 初级
    Junior,
    /// 中级
    Intermediate,
    /// 副高
    AssociateSenior,
    /// 正高
    Senior,
}

crate::wire_codes!(TitleTier {
    Junior => "junior",
    Intermediate => "intermediate",
    AssociateSenior => "associate_senior",
    Senior => "senior",
});

impl TitleTier {
    /// The tier's name.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            TitleTier::Junior => lang.pick("初级", "Junior"),
            TitleTier::Intermediate => lang.pick("中级", "Intermediate"),
            TitleTier::AssociateSenior => lang.pick("副高", "Associate senior"),
            TitleTier::Senior => lang.pick("正高", "Senior"),
        }
    }
}

/// Professional titles (职称) of the physician and nurse series.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Title {
    /// 医士
    PhysicianAssistantGrade,
    /// 医师(住院医师)
    Resident,
    /// 主治医师
    Attending,
    /// 副主任医师
    AssociateChiefPhysician,
    /// 主任医师
    ChiefPhysician,
    /// 护士
    Nurse,
    /// 护师
    NursePractitioner,
    /// 主管护师
    SupervisorNurse,
    /// 副主任护师
    AssociateChiefNurse,
    /// 主任护师
    ChiefNurse,
}

crate::wire_codes!(Title {
    PhysicianAssistantGrade => "physician_assistant_grade",
    Resident => "resident",
    Attending => "attending",
    AssociateChiefPhysician => "associate_chief_physician",
    ChiefPhysician => "chief_physician",
    Nurse => "nurse",
    NursePractitioner => "nurse_practitioner",
    SupervisorNurse => "supervisor_nurse",
    AssociateChiefNurse => "associate_chief_nurse",
    ChiefNurse => "chief_nurse",
});

impl Title {
    /// The physician series, junior to senior.
    pub const PHYSICIAN_SERIES: [Title; 5] = [
        Title::PhysicianAssistantGrade,
        Title::Resident,
        Title::Attending,
        Title::AssociateChiefPhysician,
        Title::ChiefPhysician,
    ];
    /// The nurse series, junior to senior.
    pub const NURSE_SERIES: [Title; 5] = [
        Title::Nurse,
        Title::NursePractitioner,
        Title::SupervisorNurse,
        Title::AssociateChiefNurse,
        Title::ChiefNurse,
    ];

    /// The titles a practitioner of this system may hold.
    pub fn series(system: System) -> &'static [Title] {
        match system {
            System::Physician => &Self::PHYSICIAN_SERIES,
            System::Nurse => &Self::NURSE_SERIES,
        }
    }

    /// Whether the title belongs to the system's series.
    pub fn belongs_to(self, system: System) -> bool {
        Self::series(system).contains(&self)
    }

    /// The title's tier.
    pub fn tier(self) -> TitleTier {
        match self {
            Title::PhysicianAssistantGrade
            | Title::Resident
            | Title::Nurse
            | Title::NursePractitioner => TitleTier::Junior,
            Title::Attending | Title::SupervisorNurse => TitleTier::Intermediate,
            Title::AssociateChiefPhysician | Title::AssociateChiefNurse => {
                TitleTier::AssociateSenior
            }
            Title::ChiefPhysician | Title::ChiefNurse => TitleTier::Senior,
        }
    }

    /// The title's name.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Title::PhysicianAssistantGrade => lang.pick("医士", "Assistant medical officer"),
            Title::Resident => lang.pick("医师(住院医师)", "Physician (resident)"),
            Title::Attending => lang.pick("主治医师", "Attending physician"),
            Title::AssociateChiefPhysician => lang.pick("副主任医师", "Associate chief physician"),
            Title::ChiefPhysician => lang.pick("主任医师", "Chief physician"),
            Title::Nurse => lang.pick("护士", "Nurse"),
            Title::NursePractitioner => lang.pick("护师", "Senior nurse"),
            Title::SupervisorNurse => lang.pick("主管护师", "Supervisor nurse"),
            Title::AssociateChiefNurse => lang.pick("副主任护师", "Associate chief nurse"),
            Title::ChiefNurse => lang.pick("主任护师", "Chief nurse"),
        }
    }
}

/// Review state of an item the main institution must approve (ID photo,
/// title change).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ReviewState {
    /// Waiting in the institution's review queue.
    Pending,
    /// Approved by the institution.
    Approved,
    /// Rejected, with the reason the practitioner sees.
    Rejected {
        /// The institution's reason.
        reason: String,
    },
}

impl ReviewState {
    /// The state as stored (`pending`, `approved`, `rejected`) with the
    /// rejection's reason; anything else is pending.
    pub fn from_stored(state: &str, reason: Option<String>) -> ReviewState {
        match ReviewStage::from_code(state) {
            Some(ReviewStage::Approved) => ReviewState::Approved,
            Some(ReviewStage::Rejected) => ReviewState::Rejected {
                reason: reason.unwrap_or_default(),
            },
            Some(ReviewStage::Pending) | None => ReviewState::Pending,
        }
    }

    /// The stage, without the reason.
    pub fn stage(&self) -> ReviewStage {
        match self {
            ReviewState::Pending => ReviewStage::Pending,
            ReviewState::Approved => ReviewStage::Approved,
            ReviewState::Rejected { .. } => ReviewStage::Rejected,
        }
    }
}

/// Where a reviewed item stands, without the reason (lists, the database's
/// `*_state` columns).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStage {
    /// Waiting in the institution's review queue.
    Pending,
    /// Approved by the institution.
    Approved,
    /// Rejected.
    Rejected,
}

crate::wire_codes!(ReviewStage {
    Pending => "pending",
    Approved => "approved",
    Rejected => "rejected",
});

/// Account state of a practitioner in the registration system.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountState {
    /// The account exists (registered).
    pub registered: bool,
    /// The account was activated with the code sent to the phone.
    pub activated: bool,
    /// The phone number was verified.
    pub phone_verified: bool,
    /// The email address was verified.
    pub email_verified: bool,
    /// The ID photo on file and its review state; `None` when no photo was
    /// uploaded.
    pub photo: Option<ReviewState>,
}

/// A medical institution (医疗机构) as the registry records it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Institution {
    /// Name.
    pub name: String,
    /// Unified social credit code (统一社会信用代码, GB 32100-2015).
    pub credit_code: String,
    /// Practice-licence number (医疗机构执业许可证登记号).
    pub licence_number: String,
    /// Last day the practice licence is valid.
    #[serde(deserialize_with = "crate::iso_date::deserialize")]
    pub licence_valid_until: NaiveDate,
    /// Status of the institution.
    pub status: PracticeStatus,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn codes_are_the_wire_spelling() {
        for system in System::ALL {
            let json = serde_json::to_string(&system).unwrap();
            assert_eq!(json, format!("\"{}\"", system.code()));
        }
        for status in PracticeStatus::ALL {
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, format!("\"{}\"", status.code()));
        }
    }
}
