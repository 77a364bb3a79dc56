//! Table tests of the zombie-account (僵尸户) reasons of the seed notice
//! and the status each leads to.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use std::collections::HashSet;

use chrono::NaiveDate;
use rules::zombie::{
    propose, propose_candidates, NurseZombieReason as N, PhysicianZombieReason as P, RegistryFacts,
    ZombieReason,
};
use rules::{Lang, Localized, PhysicianLevel, PracticeStatus, PractitionerKind, System};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn today() -> NaiveDate {
    d(2026, 3, 1)
}

const PHYSICIAN: PractitionerKind = PractitionerKind::Physician {
    level: PhysicianLevel::Assistant,
};

// Every reason, its label and the status it leads to.
#[test]
fn every_reason_and_its_outcome() {
    use PracticeStatus::{Cancelled, Filed};
    let table = [
        // 医师执业注册管理办法 art. 19: 调离、退休、退职、被辞退、开除 → 备案
        (ZombieReason::Physician(P::Transferred), "调离", Filed),
        (ZombieReason::Physician(P::Retired), "退休（未返聘）", Filed),
        (ZombieReason::Physician(P::Resigned), "辞职", Filed),
        (ZombieReason::Physician(P::Dismissed), "辞退", Filed),
        (ZombieReason::Physician(P::Expelled), "开除", Filed),
        // 医师执业注册管理办法 art. 18 / 执业医师法: → 注销
        (ZombieReason::Physician(P::Dead), "死亡", Cancelled),
        (
            ZombieReason::Physician(P::DeclaredMissing),
            "被宣告失踪",
            Cancelled,
        ),
        (
            ZombieReason::Physician(P::CriminallyPunished),
            "受刑事处罚",
            Cancelled,
        ),
        (
            ZombieReason::Physician(P::SuspendedTwoYearsOrMore),
            "中止执业活动满二年",
            Cancelled,
        ),
        // seed notice: 失联, no cancelling rule → 备案
        (ZombieReason::Physician(P::Unreachable), "失联", Filed),
        // 护士执业注册管理办法, 注销执业注册
        (
            ZombieReason::Nurse(N::CertificateExpiredNotRenewed),
            "执业证书有效期届满未延续注册",
            Cancelled,
        ),
        (ZombieReason::Nurse(N::Dead), "死亡", Cancelled),
        (
            ZombieReason::Nurse(N::NoCivilCapacity),
            "丧失民事行为能力",
            Cancelled,
        ),
        // criminal punishment, as for physicians
        (
            ZombieReason::Nurse(N::CriminallyPunished),
            "受刑事处罚",
            Cancelled,
        ),
        (ZombieReason::Nurse(N::Unreachable), "失联", Filed),
    ];
    for (reason, zh, outcome) in table {
        assert_eq!(reason.label(Lang::Zh), zh, "{reason:?}");
        assert_eq!(reason.outcome(), outcome, "{reason:?}");
        assert_eq!(ZombieReason::from_code(reason.code()), Some(reason));
        assert_ne!(reason.message(Lang::Zh), reason.message(Lang::En));
        let json = serde_json::to_string(&reason).unwrap();
        assert_eq!(serde_json::from_str::<ZombieReason>(&json).unwrap(), reason);
    }
    let all: Vec<_> = ZombieReason::for_system(System::Physician)
        .into_iter()
        .chain(ZombieReason::for_system(System::Nurse))
        .collect();
    assert_eq!(all.len(), table.len());
    let codes: HashSet<_> = all.iter().map(|r| r.code()).collect();
    assert_eq!(codes.len(), all.len(), "codes are unique");
    assert_eq!(ZombieReason::for_kind(PractitionerKind::Nurse).len(), 5);
    assert_eq!(ZombieReason::for_kind(PHYSICIAN).len(), 10);
    // cancelling reasons come first in the lists
    for system in [System::Physician, System::Nurse] {
        let outcomes: Vec<_> = ZombieReason::for_system(system)
            .iter()
            .map(|r| r.outcome())
            .collect();
        let first_filed = outcomes.iter().position(|&o| o == Filed).unwrap();
        assert!(outcomes[first_filed..].iter().all(|&o| o == Filed));
    }
}

// Proposals from registry facts, one fact at a time.
#[test]
fn proposals_from_registry_facts() {
    type Case = (
        &'static str,
        PractitionerKind,
        fn(&mut RegistryFacts),
        Option<ZombieReason>,
    );
    let cases: Vec<Case> = vec![
        ("normal physician", PHYSICIAN, |_| {}, None),
        ("normal nurse", PractitionerKind::Nurse, |_| {}, None),
        // 死亡 → 注销
        (
            "physician dead",
            PHYSICIAN,
            |f| f.deceased = true,
            Some(ZombieReason::Physician(P::Dead)),
        ),
        (
            "nurse dead",
            PractitionerKind::Nurse,
            |f| f.deceased = true,
            Some(ZombieReason::Nurse(N::Dead)),
        ),
        // 被宣告失踪 (physicians)
        (
            "declared missing",
            PHYSICIAN,
            |f| f.declared_missing = true,
            Some(ZombieReason::Physician(P::DeclaredMissing)),
        ),
        // 受刑事处罚
        (
            "physician punished",
            PHYSICIAN,
            |f| f.criminally_punished = true,
            Some(ZombieReason::Physician(P::CriminallyPunished)),
        ),
        (
            "nurse punished",
            PractitionerKind::Nurse,
            |f| f.criminally_punished = true,
            Some(ZombieReason::Nurse(N::CriminallyPunished)),
        ),
        // 丧失民事行为能力 (nurses)
        (
            "nurse no civil capacity",
            PractitionerKind::Nurse,
            |f| f.no_civil_capacity = true,
            Some(ZombieReason::Nurse(N::NoCivilCapacity)),
        ),
        // 中止执业活动满二年: suspended exactly two years ago
        (
            "suspended two full years",
            PHYSICIAN,
            |f| {
                f.status = PracticeStatus::Suspended;
                f.status_since = Some(d(2024, 3, 1));
            },
            Some(ZombieReason::Physician(P::SuspendedTwoYearsOrMore)),
        ),
        // filed for more than two years
        (
            "filed three years",
            PHYSICIAN,
            |f| {
                f.status = PracticeStatus::Filed;
                f.status_since = Some(d(2023, 1, 1));
            },
            Some(ZombieReason::Physician(P::SuspendedTwoYearsOrMore)),
        ),
        // one day short of two years
        (
            "suspended two years less a day",
            PHYSICIAN,
            |f| {
                f.status = PracticeStatus::Suspended;
                f.status_since = Some(d(2024, 3, 2));
            },
            None,
        ),
        // 执业证书有效期届满未延续注册: expired yesterday, no renewal pending
        (
            "nurse expired",
            PractitionerKind::Nurse,
            |f| f.registration_valid_until = Some(d(2026, 2, 28)),
            Some(ZombieReason::Nurse(N::CertificateExpiredNotRenewed)),
        ),
        // the last day is still valid
        (
            "nurse last day",
            PractitionerKind::Nurse,
            |f| f.registration_valid_until = Some(today()),
            None,
        ),
        // a renewal waiting for a decision is no reason
        (
            "nurse expired, renewal pending",
            PractitionerKind::Nurse,
            |f| {
                f.registration_valid_until = Some(d(2026, 2, 28));
                f.renewal_pending = true;
            },
            None,
        ),
        // 退休 not rehired → 备案
        (
            "retired",
            PHYSICIAN,
            |f| f.retired = true,
            Some(ZombieReason::Physician(P::Retired)),
        ),
        // 返聘: still practising
        (
            "retired and rehired",
            PHYSICIAN,
            |f| {
                f.retired = true;
                f.rehired = true;
            },
            None,
        ),
        // already filed: filing again changes nothing
        (
            "retired, already filed",
            PHYSICIAN,
            |f| {
                f.retired = true;
                f.status = PracticeStatus::Filed;
                f.status_since = Some(d(2025, 12, 1));
            },
            None,
        ),
        // 失联 → 备案
        (
            "physician unreachable",
            PHYSICIAN,
            |f| f.last_contact_ok = false,
            Some(ZombieReason::Physician(P::Unreachable)),
        ),
        (
            "nurse unreachable",
            PractitionerKind::Nurse,
            |f| f.last_contact_ok = false,
            Some(ZombieReason::Nurse(N::Unreachable)),
        ),
        // already cancelled: nothing to propose
        (
            "cancelled",
            PHYSICIAN,
            |f| {
                f.status = PracticeStatus::Cancelled;
                f.deceased = true;
            },
            None,
        ),
    ];
    for (label, kind, change, expected) in cases {
        let mut f = RegistryFacts::new(kind, PracticeStatus::Normal);
        change(&mut f);
        assert_eq!(propose(&f, today()), expected, "{label}");
        for r in propose_candidates(&f, today()) {
            assert_eq!(r.system(), kind.system(), "{label}");
        }
    }
}

// Several facts: every supported reason, the cancelling one first.
#[test]
fn strongest_reason_first() {
    let mut f = RegistryFacts::new(PHYSICIAN, PracticeStatus::Normal);
    f.retired = true;
    f.last_contact_ok = false;
    f.deceased = true;
    assert_eq!(
        propose_candidates(&f, today()),
        [
            ZombieReason::Physician(P::Dead),
            ZombieReason::Physician(P::Retired),
            ZombieReason::Physician(P::Unreachable),
        ]
    );
    assert_eq!(propose(&f, today()), Some(ZombieReason::Physician(P::Dead)));
}
