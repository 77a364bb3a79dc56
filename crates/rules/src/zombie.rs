//! Zombie accounts (僵尸户): practitioners still registered at an
//! institution who no longer practise there.
//!
//! The seed notice asks institutions to clean up these registrations before
//! the e-licenses are issued, giving the reasons listed here. Each reason
//! leads to one change of practice status, chosen after the registration
//! rules:
//!
//! * Physicians — Measures for the Administration of Physician Practice
//!   Registration (医师执业注册管理办法, 2017), art. 18 (注销注册: death,
//!   criminal punishment, suspension of practice for two full years,
//!   revocation, …; the Law on Practising Physicians also cancels on a
//!   declaration of missing, 被宣告失踪) and art. 19 (备案: transfer,
//!   retirement, resignation, dismissal and expulsion, 调离、退休、退职、被辞退、开除).
//!   Expulsion is therefore *filed*, not cancelled.
//! * Nurses — Measures for the Administration of Nurse Practice Registration
//!   (护士执业注册管理办法), the article on cancellation (注销执业注册: expiry
//!   without renewal, revocation, death or loss of civil capacity). Criminal
//!   punishment, which the nurse measures do not list, is cancelled as for
//!   physicians, as the seed notice's list of nurse reasons implies.
//! * Unreachable (失联) is a reason of the seed notice only; no rule cancels a
//!   registration for it, so it is filed: filing is reversible when the
//!   practitioner reappears.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::{PracticeStatus, PractitionerKind, System};
use crate::i18n::{Lang, Localized};

/// Why a physician's account is a zombie account.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhysicianZombieReason {
    /// 调离: moved to another employer. Filed (art. 19).
    Transferred,
    /// 退休 and not rehired. Filed (art. 19).
    Retired,
    /// 辞职 (退职). Filed (art. 19).
    Resigned,
    /// 辞退 (被辞退). Filed (art. 19).
    Dismissed,
    /// 开除. Filed (art. 19).
    Expelled,
    /// 死亡. Cancelled (art. 18).
    Dead,
    /// 被宣告失踪. Cancelled (Law on Practising Physicians).
    DeclaredMissing,
    /// 受刑事处罚. Cancelled (art. 18).
    CriminallyPunished,
    /// 中止执业活动满二年. Cancelled (art. 18).
    SuspendedTwoYearsOrMore,
    /// 失联. Filed (seed notice).
    Unreachable,
}

impl PhysicianZombieReason {
    /// Every reason, cancelling ones first.
    pub const ALL: [PhysicianZombieReason; 10] = [
        PhysicianZombieReason::Dead,
        PhysicianZombieReason::DeclaredMissing,
        PhysicianZombieReason::CriminallyPunished,
        PhysicianZombieReason::SuspendedTwoYearsOrMore,
        PhysicianZombieReason::Transferred,
        PhysicianZombieReason::Retired,
        PhysicianZombieReason::Resigned,
        PhysicianZombieReason::Dismissed,
        PhysicianZombieReason::Expelled,
        PhysicianZombieReason::Unreachable,
    ];

    /// The status the registration gets.
    pub fn outcome(self) -> PracticeStatus {
        use PhysicianZombieReason::*;
        match self {
            Dead | DeclaredMissing | CriminallyPunished | SuspendedTwoYearsOrMore => {
                PracticeStatus::Cancelled
            }
            Transferred | Retired | Resigned | Dismissed | Expelled | Unreachable => {
                PracticeStatus::Filed
            }
        }
    }

    /// Stable code, e.g. `zombie.physician.transferred`.
    pub fn code(self) -> &'static str {
        use PhysicianZombieReason::*;
        match self {
            Transferred => "zombie.physician.transferred",
            Retired => "zombie.physician.retired",
            Resigned => "zombie.physician.resigned",
            Dismissed => "zombie.physician.dismissed",
            Expelled => "zombie.physician.expelled",
            Dead => "zombie.physician.dead",
            DeclaredMissing => "zombie.physician.declared_missing",
            CriminallyPunished => "zombie.physician.criminally_punished",
            SuspendedTwoYearsOrMore => "zombie.physician.suspended_two_years",
            Unreachable => "zombie.physician.unreachable",
        }
    }

    /// The reason's name.
    pub fn label(self, lang: Lang) -> &'static str {
        use PhysicianZombieReason::*;
        match self {
            Transferred => lang.pick("调离", "Transferred"),
            Retired => lang.pick("退休（未返聘）", "Retired (not rehired)"),
            Resigned => lang.pick("辞职", "Resigned"),
            Dismissed => lang.pick("辞退", "Dismissed"),
            Expelled => lang.pick("开除", "Expelled"),
            Dead => lang.pick("死亡", "Deceased"),
            DeclaredMissing => lang.pick("被宣告失踪", "Declared missing"),
            CriminallyPunished => lang.pick("受刑事处罚", "Criminally punished"),
            SuspendedTwoYearsOrMore => lang.pick(
                "中止执业活动满二年",
                "Practice discontinued for two full years",
            ),
            Unreachable => lang.pick("失联", "Unreachable"),
        }
    }
}

/// Why a nurse's account is a zombie account.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NurseZombieReason {
    /// 执业证书有效期届满未延续注册. Cancelled.
    CertificateExpiredNotRenewed,
    /// 受刑事处罚. Cancelled.
    CriminallyPunished,
    /// 死亡. Cancelled.
    Dead,
    /// 丧失民事行为能力. Cancelled.
    NoCivilCapacity,
    /// 失联. Filed (seed notice).
    Unreachable,
}

impl NurseZombieReason {
    /// Every reason, cancelling ones first.
    pub const ALL: [NurseZombieReason; 5] = [
        NurseZombieReason::Dead,
        NurseZombieReason::NoCivilCapacity,
        NurseZombieReason::CriminallyPunished,
        NurseZombieReason::CertificateExpiredNotRenewed,
        NurseZombieReason::Unreachable,
    ];

    /// The status the registration gets.
    pub fn outcome(self) -> PracticeStatus {
        match self {
            NurseZombieReason::Unreachable => PracticeStatus::Filed,
            _ => PracticeStatus::Cancelled,
        }
    }

    /// Stable code, e.g. `zombie.nurse.expired_not_renewed`.
    pub fn code(self) -> &'static str {
        match self {
            NurseZombieReason::CertificateExpiredNotRenewed => "zombie.nurse.expired_not_renewed",
            NurseZombieReason::CriminallyPunished => "zombie.nurse.criminally_punished",
            NurseZombieReason::Dead => "zombie.nurse.dead",
            NurseZombieReason::NoCivilCapacity => "zombie.nurse.no_civil_capacity",
            NurseZombieReason::Unreachable => "zombie.nurse.unreachable",
        }
    }

    /// The reason's name.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            NurseZombieReason::CertificateExpiredNotRenewed => lang.pick(
                "执业证书有效期届满未延续注册",
                "Registration expired without renewal",
            ),
            NurseZombieReason::CriminallyPunished => lang.pick("受刑事处罚", "Criminally punished"),
            NurseZombieReason::Dead => lang.pick("死亡", "Deceased"),
            NurseZombieReason::NoCivilCapacity => {
                lang.pick("丧失民事行为能力", "Lost civil capacity")
            }
            NurseZombieReason::Unreachable => lang.pick("失联", "Unreachable"),
        }
    }
}

/// A zombie-account reason of either system.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "system", content = "reason", rename_all = "snake_case")]
pub enum ZombieReason {
    /// A physician's reason.
    Physician(PhysicianZombieReason),
    /// A nurse's reason.
    Nurse(NurseZombieReason),
}

impl ZombieReason {
    /// The reasons an institution may choose for a practitioner of `system`,
    /// cancelling ones first.
    pub fn for_system(system: System) -> Vec<ZombieReason> {
        match system {
            System::Physician => PhysicianZombieReason::ALL
                .into_iter()
                .map(ZombieReason::Physician)
                .collect(),
            System::Nurse => NurseZombieReason::ALL
                .into_iter()
                .map(ZombieReason::Nurse)
                .collect(),
        }
    }

    /// [`ZombieReason::for_system`] of the kind's system.
    pub fn for_kind(kind: PractitionerKind) -> Vec<ZombieReason> {
        Self::for_system(kind.system())
    }

    /// The system the reason belongs to.
    pub fn system(self) -> System {
        match self {
            ZombieReason::Physician(_) => System::Physician,
            ZombieReason::Nurse(_) => System::Nurse,
        }
    }

    /// The status the registration gets: [`PracticeStatus::Cancelled`] (注销)
    /// or [`PracticeStatus::Filed`] (备案).
    pub fn outcome(self) -> PracticeStatus {
        match self {
            ZombieReason::Physician(r) => r.outcome(),
            ZombieReason::Nurse(r) => r.outcome(),
        }
    }

    /// The reason's name.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ZombieReason::Physician(r) => r.label(lang),
            ZombieReason::Nurse(r) => r.label(lang),
        }
    }

    /// Looks a reason up by its stable code.
    pub fn from_code(code: &str) -> Option<ZombieReason> {
        Self::for_system(System::Physician)
            .into_iter()
            .chain(Self::for_system(System::Nurse))
            .find(|r| r.code() == code)
    }
}

impl Localized for ZombieReason {
    fn code(&self) -> &'static str {
        match self {
            ZombieReason::Physician(r) => r.code(),
            ZombieReason::Nurse(r) => r.code(),
        }
    }

    /// The reason and its consequence, e.g. "调离：办理备案".
    fn message(&self, lang: Lang) -> String {
        let outcome = match (self.outcome(), lang) {
            (PracticeStatus::Cancelled, Lang::Zh) => "注销注册",
            (_, Lang::Zh) => "办理备案",
            (PracticeStatus::Cancelled, Lang::En) => "the registration is cancelled",
            (_, Lang::En) => "the registration is filed",
        };
        match lang {
            Lang::Zh => format!("{}：{outcome}", self.label(lang)),
            Lang::En => format!("{}: {outcome}", self.label(lang)),
        }
    }
}

/// What the registry knows about one registration, for proposing zombie
/// accounts to the institution.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistryFacts {
    /// Physician or nurse.
    pub kind: PractitionerKind,
    /// Current practice status.
    pub status: PracticeStatus,
    /// Since when the current status holds.
    #[serde(deserialize_with = "crate::iso_date::deserialize_optional", default)]
    pub status_since: Option<NaiveDate>,
    /// Nurses: last valid day of the registration.
    #[serde(deserialize_with = "crate::iso_date::deserialize_optional", default)]
    pub registration_valid_until: Option<NaiveDate>,
    /// Nurses: a renewal application is waiting for a decision.
    pub renewal_pending: bool,
    /// Retired (退休).
    pub retired: bool,
    /// Rehired after retirement (返聘): retirement is then no reason.
    pub rehired: bool,
    /// A death is recorded.
    pub deceased: bool,
    /// Declared missing by a court.
    pub declared_missing: bool,
    /// A criminal punishment is recorded.
    pub criminally_punished: bool,
    /// Lost civil capacity (court decision).
    pub no_civil_capacity: bool,
    /// The last attempt to contact the practitioner succeeded. `false`
    /// proposes [`PhysicianZombieReason::Unreachable`] /
    /// [`NurseZombieReason::Unreachable`].
    pub last_contact_ok: bool,
}

impl RegistryFacts {
    /// Facts with nothing remarkable: the given kind and status, reachable,
    /// no events recorded.
    pub fn new(kind: PractitionerKind, status: PracticeStatus) -> RegistryFacts {
        RegistryFacts {
            kind,
            status,
            status_since: None,
            registration_valid_until: None,
            renewal_pending: false,
            retired: false,
            rehired: false,
            deceased: false,
            declared_missing: false,
            criminally_punished: false,
            no_civil_capacity: false,
            last_contact_ok: true,
        }
    }
}

/// The latest `status_since` that makes a filed or suspended physician's
/// break last two full years by `today` (the date whose 24th monthly
/// anniversary, as [`propose_candidates`] counts it, is not after `today`):
/// the bound a database query compares with, so it proposes the same people.
pub fn two_years_cutoff(today: NaiveDate) -> NaiveDate {
    let reaches = |since: NaiveDate| {
        since
            .checked_add_months(Months::new(24))
            .is_some_and(|anniversary| anniversary <= today)
    };
    let mut cutoff = today
        .checked_sub_months(Months::new(24))
        .unwrap_or(NaiveDate::MIN);
    // 29 February's anniversary falls on the 28th: step past the clamp.
    while let Some(next) = cutoff.succ_opt().filter(|&d| reaches(d)) {
        cutoff = next;
    }
    cutoff
}

/// Every reason the registry facts support, cancelling reasons first.
///
/// Only reasons that would change the status are proposed: nothing for a
/// registration already cancelled, and filing reasons only for a normal or
/// suspended one. Transfer, resignation, dismissal and expulsion are not in
/// the registry; the institution chooses them itself. The rules:
///
/// * death recorded → Dead; declared missing → DeclaredMissing (physicians);
///   lost civil capacity → NoCivilCapacity (nurses); criminal punishment →
///   CriminallyPunished;
/// * physician filed or suspended since at least two full years before
///   `today` → SuspendedTwoYearsOrMore (中止执业活动满二年);
/// * nurse whose registration ended before `today` with no renewal pending →
///   CertificateExpiredNotRenewed;
/// * physician retired and not rehired → Retired;
/// * last contact failed → Unreachable.
pub fn propose_candidates(facts: &RegistryFacts, today: NaiveDate) -> Vec<ZombieReason> {
    if facts.status == PracticeStatus::Cancelled {
        return Vec::new();
    }
    let may_file = matches!(
        facts.status,
        PracticeStatus::Normal | PracticeStatus::Suspended
    );
    let mut out = Vec::new();
    match facts.kind {
        PractitionerKind::Physician { .. } => {
            use PhysicianZombieReason as P;
            let two_years = facts
                .status_since
                .and_then(|since| since.checked_add_months(Months::new(24)))
                .is_some_and(|anniversary| anniversary <= today);
            let holds = |r: P| match r {
                P::Dead => facts.deceased,
                P::DeclaredMissing => facts.declared_missing,
                P::CriminallyPunished => facts.criminally_punished,
                P::SuspendedTwoYearsOrMore => {
                    matches!(
                        facts.status,
                        PracticeStatus::Filed | PracticeStatus::Suspended
                    ) && two_years
                }
                P::Retired => may_file && facts.retired && !facts.rehired,
                P::Unreachable => may_file && !facts.last_contact_ok,
                P::Transferred | P::Resigned | P::Dismissed | P::Expelled => false,
            };
            out.extend(
                P::ALL
                    .into_iter()
                    .filter(|&r| holds(r))
                    .map(ZombieReason::Physician),
            );
        }
        PractitionerKind::Nurse => {
            use NurseZombieReason as N;
            let expired = facts
                .registration_valid_until
                .is_some_and(|until| until < today);
            let holds = |r: N| match r {
                N::Dead => facts.deceased,
                N::NoCivilCapacity => facts.no_civil_capacity,
                N::CriminallyPunished => facts.criminally_punished,
                N::CertificateExpiredNotRenewed => expired && !facts.renewal_pending,
                N::Unreachable => may_file && !facts.last_contact_ok,
            };
            out.extend(
                N::ALL
                    .into_iter()
                    .filter(|&r| holds(r))
                    .map(ZombieReason::Nurse),
            );
        }
    }
    out
}

/// The strongest reason the facts support (the first of
/// [`propose_candidates`]), if any.
pub fn propose(facts: &RegistryFacts, today: NaiveDate) -> Option<ZombieReason> {
    propose_candidates(facts, today).into_iter().next()
}

#[cfg(test)]
mod cutoff_tests {
    use super::*;
    use crate::test_dates::d;

    #[test]
    fn the_cutoff_is_the_last_day_two_full_years_back() {
        assert_eq!(two_years_cutoff(d(2026, 3, 15)), d(2024, 3, 15));
        // 2024-02-29 + 24 months is 2026-02-28.
        assert_eq!(two_years_cutoff(d(2026, 2, 28)), d(2024, 2, 29));
        assert_eq!(two_years_cutoff(d(2026, 3, 1)), d(2024, 3, 1));
        for days in 0..800 {
            let today = d(2025, 1, 1) + chrono::Days::new(days);
            let cutoff = two_years_cutoff(today);
            assert!(cutoff.checked_add_months(Months::new(24)).unwrap() <= today);
            let after = cutoff.succ_opt().unwrap();
            assert!(after.checked_add_months(Months::new(24)).unwrap() > today);
        }
    }
}
