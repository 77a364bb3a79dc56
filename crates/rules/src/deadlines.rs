//! Regional deadlines of the e-license campaign, as data.
//!
//! Source: the seed notice and the regional notices it cites. Nationally,
//! applications stop on 1 January 2021, so the last day is 31 December 2020.
//! Some regions set earlier dates: Shenzhen (institution accounts by
//! 9 December 2020, e-licenses by 20 December 2020) and Shanxi (e-licenses by
//! 30 December 2020).
//!
//! A [`Deadline`] is a plain struct: a server that reads its deadlines from
//! configuration (e.g. for a demo run after 2020) builds its own table and
//! looks it up with [`deadline_in`], the same rule as [`deadline_for`].
//! Every date is the *last* day (inclusive).

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// The deadlines of one region.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Deadline {
    /// Prefix of the administrative division code (GB/T 2260) the deadline
    /// applies to: `"14"` a province, `"4403"` a city, `""` everywhere.
    pub region_code: Cow<'static, str>,
    /// Name of the region in Chinese.
    pub name_zh: Cow<'static, str>,
    /// Name of the region in English.
    pub name_en: Cow<'static, str>,
    /// Last day for institutions to open their accounts, where set.
    #[serde(deserialize_with = "crate::iso_date::deserialize_optional", default)]
    pub institution_accounts_by: Option<NaiveDate>,
    /// Last day to claim the e-license.
    #[serde(deserialize_with = "crate::iso_date::deserialize")]
    pub e_license_by: NaiveDate,
}

const fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => date,
        None => panic!("invalid date in the deadline table"),
    }
}

/// The national deadline: applications stop on 1 January 2021.
pub const NATIONAL: Deadline = Deadline {
    region_code: Cow::Borrowed(""),
    name_zh: Cow::Borrowed("全国"),
    name_en: Cow::Borrowed("Nationwide"),
    institution_accounts_by: None,
    e_license_by: date(2020, 12, 31),
};

/// The regional deadlines of the seed notice, the national one last.
pub const DEADLINES: &[Deadline] = &[
    Deadline {
        region_code: Cow::Borrowed("4403"),
        name_zh: Cow::Borrowed("深圳市"),
        name_en: Cow::Borrowed("Shenzhen"),
        institution_accounts_by: Some(date(2020, 12, 9)),
        e_license_by: date(2020, 12, 20),
    },
    Deadline {
        region_code: Cow::Borrowed("14"),
        name_zh: Cow::Borrowed("山西省"),
        name_en: Cow::Borrowed("Shanxi"),
        institution_accounts_by: None,
        e_license_by: date(2020, 12, 30),
    },
    NATIONAL,
];

impl Deadline {
    /// The region's name.
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_zh, &self.name_en)
    }

    /// Whether the deadline applies to the division code `region_code`.
    pub fn applies_to(&self, region_code: &str) -> bool {
        region_code.trim().starts_with(&*self.region_code)
    }

    /// Days from `today` to the e-license deadline: 0 on the last day,
    /// negative after it.
    pub fn days_left(&self, today: NaiveDate) -> i64 {
        days_left(self, today)
    }

    /// Days from `today` to the institution-account deadline, where set.
    pub fn institution_days_left(&self, today: NaiveDate) -> Option<i64> {
        self.institution_accounts_by
            .map(|by| (by - today).num_days())
    }

    /// Whether e-licenses can still be claimed on `today`.
    pub fn is_open(&self, today: NaiveDate) -> bool {
        today <= self.e_license_by
    }
}

/// The deadline of the region with the longest code prefix of `region_code`
/// in `table`; `default` when none applies.
pub fn deadline_in<'a>(
    table: &'a [Deadline],
    default: &'a Deadline,
    region_code: &str,
) -> &'a Deadline {
    table
        .iter()
        .filter(|d| d.applies_to(region_code))
        .max_by_key(|d| d.region_code.len())
        .unwrap_or(default)
}

/// The deadline for an administrative division code (e.g. `"440305"`, a
/// district of Shenzhen), from [`DEADLINES`]; the national deadline for
/// regions without their own.
pub fn deadline_for(region_code: &str) -> &'static Deadline {
    deadline_in(DEADLINES, &NATIONAL, region_code)
}

/// Days from `today` to the e-license deadline: 0 on the last day, negative
/// after it.
pub fn days_left(deadline: &Deadline, today: NaiveDate) -> i64 {
    (deadline.e_license_by - today).num_days()
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn longest_prefix_wins() {
        let cases = [
            (
                "440305",
                "4403",
                Some(date(2020, 12, 9)),
                date(2020, 12, 20),
            ),
            ("4403", "4403", Some(date(2020, 12, 9)), date(2020, 12, 20)),
            ("440100", "", None, date(2020, 12, 31)),
            ("140105", "14", None, date(2020, 12, 30)),
            ("110105", "", None, date(2020, 12, 31)),
            ("", "", None, date(2020, 12, 31)),
        ];
        for (code, region, accounts, licences) in cases {
            let d = deadline_for(code);
            assert_eq!(d.region_code, region, "{code}");
            assert_eq!(d.institution_accounts_by, accounts, "{code}");
            assert_eq!(d.e_license_by, licences, "{code}");
        }
        assert_eq!(deadline_for("440305").name(Lang::Zh), "深圳市");
        assert_eq!(deadline_for("140105").name(Lang::En), "Shanxi");
    }

    #[test]
    fn days_left_counts_to_the_last_day() {
        let sz = deadline_for("4403");
        assert_eq!(days_left(sz, date(2020, 12, 20)), 0);
        assert_eq!(sz.days_left(date(2020, 12, 10)), 10);
        assert_eq!(sz.institution_days_left(date(2020, 12, 10)), Some(-1));
        assert!(sz.is_open(date(2020, 12, 20)));
        assert!(!sz.is_open(date(2020, 12, 21)));
        // the demo runs in 2026: the seed notice's dates are past
        assert!(days_left(&NATIONAL, date(2026, 3, 1)) < 0);
    }

    #[test]
    fn configured_table() {
        let demo = Deadline {
            region_code: "44".to_string().into(),
            name_zh: "广东省".to_string().into(),
            name_en: "Guangdong".to_string().into(),
            institution_accounts_by: None,
            e_license_by: date(2026, 12, 31),
        };
        let default = Deadline {
            e_license_by: date(2026, 6, 30),
            ..NATIONAL
        };
        let table = vec![demo.clone()];
        assert_eq!(deadline_in(&table, &default, "440305"), &demo);
        assert_eq!(deadline_in(&table, &default, "110105"), &default);
        let json = serde_json::to_string(&demo).unwrap();
        assert_eq!(serde_json::from_str::<Deadline>(&json).unwrap(), demo);
    }
}
