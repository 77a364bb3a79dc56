//! Validity of a nurse's practice registration (护士执业注册有效期).
//!
//! Sources: the Nurses Regulations (护士条例, art. 8) and the Measures for
//! the Administration of Nurse Practice Registration (护士执业注册管理办法):
//! a registration is valid for 5 years; a nurse who wants to keep practising
//! applies for renewal (延续注册) 30 days before it expires; a registration
//! that expires without renewal is cancelled (注销). The seed notice makes
//! `today` inside the validity period a criterion of the nurse e-license.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Localized};

/// Years a registration (first or renewed) is valid.
pub const VALIDITY_YEARS: u32 = 5;
/// Days before the last valid day from which renewal can be applied for.
pub const RENEWAL_WINDOW_DAYS: i64 = 30;

/// The last valid day of a registration that starts on `from`: five years
/// later, less one day (2021-03-15 → 2026-03-14).
///
/// A registration starting on 29 February ends on 28 February five years
/// later, the day before the anniversary (1 March) in a common year.
pub fn valid_until(from: NaiveDate) -> NaiveDate {
    let Some(anniversary) = from.checked_add_months(Months::new(12 * VALIDITY_YEARS)) else {
        return NaiveDate::MAX;
    };
    if anniversary.day() != from.day() {
        // 29 February to a common year: chrono clamps to 28 February, which
        // is already the day before the anniversary.
        anniversary
    } else {
        anniversary.pred_opt().unwrap_or(anniversary)
    }
}

/// Days from `today` to the last valid day `until`: 0 on the last day,
/// negative once expired.
pub fn days_left(until: NaiveDate, today: NaiveDate) -> i64 {
    (until - today).num_days()
}

/// Whether renewal can be applied for today: from 30 days before the last
/// valid day up to the last valid day itself. After that the registration has
/// expired and a new registration is needed.
pub fn renewal_window_open(until: NaiveDate, today: NaiveDate) -> bool {
    (0..=RENEWAL_WINDOW_DAYS).contains(&days_left(until, today))
}

/// The first day of the renewal window.
pub fn renewal_window_opens(until: NaiveDate) -> NaiveDate {
    until
        .checked_sub_days(Days::new(RENEWAL_WINDOW_DAYS as u64))
        .unwrap_or(NaiveDate::MIN)
}

/// Where a registration stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "phase", rename_all = "snake_case")]
pub enum RegistrationPhase {
    /// The registration starts after today.
    NotStarted,
    /// Valid, more than 30 days left.
    Valid {
        /// Days to the last valid day.
        days_left: i64,
    },
    /// Valid, and renewal can be applied for (30 days or fewer left).
    RenewalWindow {
        /// Days to the last valid day (0 on the last day).
        days_left: i64,
    },
    /// Expired: renewal is no longer possible.
    Expired {
        /// Days since the last valid day (1 the day after).
        days_since: i64,
    },
}

impl RegistrationPhase {
    /// The phase of the registration `from..=until` on `today`.
    pub fn on(from: NaiveDate, until: NaiveDate, today: NaiveDate) -> RegistrationPhase {
        let left = days_left(until, today);
        if today < from {
            RegistrationPhase::NotStarted
        } else if left < 0 {
            RegistrationPhase::Expired { days_since: -left }
        } else if left <= RENEWAL_WINDOW_DAYS {
            RegistrationPhase::RenewalWindow { days_left: left }
        } else {
            RegistrationPhase::Valid { days_left: left }
        }
    }

    /// The phase of a registration that started on `from` and runs for the
    /// regular five years ([`valid_until`]).
    pub fn from_start(from: NaiveDate, today: NaiveDate) -> RegistrationPhase {
        Self::on(from, valid_until(from), today)
    }

    /// Whether the registration is valid today (the e-license criterion).
    pub fn is_valid(self) -> bool {
        matches!(
            self,
            RegistrationPhase::Valid { .. } | RegistrationPhase::RenewalWindow { .. }
        )
    }
}

impl Localized for RegistrationPhase {
    fn code(&self) -> &'static str {
        match self {
            RegistrationPhase::NotStarted => "registration.not_started",
            RegistrationPhase::Valid { .. } => "registration.valid",
            RegistrationPhase::RenewalWindow { .. } => "registration.renewal_window",
            RegistrationPhase::Expired { .. } => "registration.expired",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (RegistrationPhase::NotStarted, _) => lang
                .pick("执业注册尚未生效。", "The registration has not started yet.")
                .into(),
            (RegistrationPhase::Valid { days_left }, Lang::Zh) => {
                format!("执业注册有效，剩余 {days_left} 天。")
            }
            (RegistrationPhase::Valid { days_left }, Lang::En) => {
                format!("The registration is valid for {days_left} more days.")
            }
            (RegistrationPhase::RenewalWindow { days_left }, Lang::Zh) => format!(
                "执业注册将在 {days_left} 天后到期，请尽快通过主要执业机构申请延续注册。"
            ),
            (RegistrationPhase::RenewalWindow { days_left }, Lang::En) => format!(
                "The registration expires in {days_left} days: apply for renewal through your main institution now."
            ),
            (RegistrationPhase::Expired { days_since }, Lang::Zh) => format!(
                "执业注册已过期 {days_since} 天，不能再延续注册，请通过主要执业机构重新申请执业注册。"
            ),
            (RegistrationPhase::Expired { days_since }, Lang::En) => format!(
                "The registration expired {days_since} days ago and can no longer be renewed: apply for a new registration through your main institution."
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::test_dates::d;

    // 护士执业注册管理办法: 5-year validity.
    #[test]
    fn five_years_less_one_day() {
        assert_eq!(valid_until(d(2021, 3, 15)), d(2026, 3, 14));
        assert_eq!(valid_until(d(2021, 1, 1)), d(2025, 12, 31));
        assert_eq!(valid_until(d(2023, 3, 1)), d(2028, 2, 29));
        assert_eq!(valid_until(d(2024, 2, 29)), d(2029, 2, 28));
        assert_eq!(valid_until(d(2024, 3, 1)), d(2029, 2, 28));
    }

    // 护士执业注册管理办法: renewal 30 days before expiry.
    #[test]
    fn renewal_window() {
        let until = d(2026, 3, 14);
        assert_eq!(renewal_window_opens(until), d(2026, 2, 12));
        assert!(!renewal_window_open(until, d(2026, 2, 11)));
        assert!(renewal_window_open(until, d(2026, 2, 12)));
        assert!(renewal_window_open(until, until));
        assert!(!renewal_window_open(until, d(2026, 3, 15)));
        assert_eq!(days_left(until, until), 0);
        assert_eq!(days_left(until, d(2026, 3, 15)), -1);
    }

    #[test]
    fn phases() {
        let from = d(2021, 3, 15);
        let cases = [
            (d(2021, 3, 14), RegistrationPhase::NotStarted),
            (from, RegistrationPhase::Valid { days_left: 1825 }),
            (d(2026, 2, 11), RegistrationPhase::Valid { days_left: 31 }),
            (
                d(2026, 2, 12),
                RegistrationPhase::RenewalWindow { days_left: 30 },
            ),
            (
                d(2026, 3, 14),
                RegistrationPhase::RenewalWindow { days_left: 0 },
            ),
            (d(2026, 3, 15), RegistrationPhase::Expired { days_since: 1 }),
        ];
        for (today, phase) in cases {
            let got = RegistrationPhase::from_start(from, today);
            assert_eq!(got, phase, "{today}");
            assert_eq!(
                got.is_valid(),
                matches!(
                    phase,
                    RegistrationPhase::Valid { .. } | RegistrationPhase::RenewalWindow { .. }
                )
            );
            assert_ne!(got.message(Lang::Zh), got.message(Lang::En));
            assert!(got.code().starts_with("registration."));
        }
    }
}
