//! The e-license campaigns (申领工作) as data: for each region, its
//! deadlines and what happens to those who miss them.
//!
//! Campaigns live in the database: the national authority sets the national
//! one and each regional authority its own, within the national one
//! ([`Campaign::check_within`]). The lookup ([`campaign_in`]) is the same in
//! the browser and on the server: the campaign of the longest region prefix.
//!
//! The seed notice's campaign of 2020 is the documented example
//! ([`SEED_2020`]), and what a new database starts with: nationally,
//! applications stop on 1 January 2021, so the last day is 31 December 2020;
//! Shenzhen set earlier dates (institution accounts by 9 December, e-licenses
//! by 20 December) and Shanxi asked for registration changes (自查自纠) by 30
//! December, overdue staff taken off duty (逾期作离岗处理). Every date is the
//! *last* day (inclusive).

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::i18n::{Lang, Localized};

/// What happens to whoever has not claimed the e-license by the deadline.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AfterDeadline {
    /// They may not practise until they hold the e-license.
    CannotPractise,
    /// Their institution takes them off duty (离岗处理).
    OffDuty,
}

crate::wire_codes!(AfterDeadline {
    CannotPractise => "cannot_practise",
    OffDuty => "off_duty",
});

impl AfterDeadline {
    /// The consequence, as a sentence.
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            AfterDeadline::CannotPractise => lang.pick(
                "逾期未申领电子证照者不得执业。",
                "Whoever has not claimed the e-license by then may not practise.",
            ),
            AfterDeadline::OffDuty => lang.pick(
                "逾期未申领电子证照者作离岗处理。",
                "Staff without the e-license by then are taken off duty.",
            ),
        }
    }
}

/// The campaign of one region.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Campaign {
    /// Prefix of the administrative division code (GB/T 2260) the campaign
    /// applies to: `"14"` a province, `"4403"` a city, `""` everywhere.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub region_code: Cow<'static, str>,
    /// Name of the region in Chinese.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub name_zh: Cow<'static, str>,
    /// Name of the region in English.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub name_en: Cow<'static, str>,
    /// Last day for institutions to open their administrator accounts.
    #[serde(deserialize_with = "crate::iso_date::deserialize_optional", default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub institution_accounts_by: Option<NaiveDate>,
    /// Last day to claim the e-license.
    #[serde(deserialize_with = "crate::iso_date::deserialize")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub e_license_by: NaiveDate,
    /// Last day for registration changes (变更注册, the self-inspection).
    #[serde(deserialize_with = "crate::iso_date::deserialize_optional", default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub registration_changes_by: Option<NaiveDate>,
    /// What happens to whoever misses the e-license deadline.
    pub after_deadline: AfterDeadline,
}

const fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => date,
        None => panic!("invalid date in the seed campaign"),
    }
}

/// The seed notice's national campaign: applications stop on 1 January 2021.
pub const NATIONAL_2020: Campaign = Campaign {
    region_code: Cow::Borrowed(""),
    name_zh: Cow::Borrowed("全国"),
    name_en: Cow::Borrowed("Nationwide"),
    institution_accounts_by: None,
    e_license_by: date(2020, 12, 31),
    registration_changes_by: None,
    after_deadline: AfterDeadline::CannotPractise,
};

/// The seed notice's campaigns, the national one last: the documented
/// example, and the rows a new database starts with (migration 0011).
pub const SEED_2020: &[Campaign] = &[
    Campaign {
        region_code: Cow::Borrowed("4403"),
        name_zh: Cow::Borrowed("深圳市"),
        name_en: Cow::Borrowed("Shenzhen"),
        institution_accounts_by: Some(date(2020, 12, 9)),
        e_license_by: date(2020, 12, 20),
        registration_changes_by: None,
        after_deadline: AfterDeadline::CannotPractise,
    },
    Campaign {
        region_code: Cow::Borrowed("14"),
        name_zh: Cow::Borrowed("山西省"),
        name_en: Cow::Borrowed("Shanxi"),
        institution_accounts_by: None,
        e_license_by: date(2020, 12, 30),
        registration_changes_by: Some(date(2020, 12, 30)),
        after_deadline: AfterDeadline::OffDuty,
    },
    NATIONAL_2020,
];

/// Why a campaign was refused, with the field it concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum CampaignError {
    /// A region's name is empty or longer than [`MAX_NAME_CHARS`].
    #[error("region name")]
    Name,
    /// The institution-account deadline falls after the e-license one.
    #[error("institution accounts after the e-license deadline")]
    AccountsAfterLicences,
    /// A date falls after the same date of the enclosing campaign.
    #[error("later than the enclosing campaign")]
    AfterEnclosing(NaiveDate),
    /// A region inside this one has a later date: change it first.
    #[error("a region inside ends later")]
    InnerLater(NaiveDate),
}

/// Longest region name, in characters.
pub const MAX_NAME_CHARS: usize = 30;

impl Localized for CampaignError {
    fn code(&self) -> &'static str {
        match self {
            CampaignError::Name => "campaign.name",
            CampaignError::AccountsAfterLicences => "campaign.accounts_after_licences",
            CampaignError::AfterEnclosing(_) => "campaign.after_enclosing",
            CampaignError::InnerLater(_) => "campaign.inner_later",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match self {
            CampaignError::Name => match lang {
                Lang::Zh => format!("请填写地区名称（不超过 {MAX_NAME_CHARS} 字）。"),
                Lang::En => {
                    format!("Enter the region's name (at most {MAX_NAME_CHARS} characters).")
                }
            },
            CampaignError::AccountsAfterLicences => lang
                .pick(
                    "机构账户开通截止日期不能晚于电子证照申领截止日期。",
                    "Institution accounts must be due no later than the e-licenses.",
                )
                .into(),
            CampaignError::AfterEnclosing(by) => match lang {
                Lang::Zh => format!("不能晚于上级确定的日期（{}）。", lang.date(*by)),
                Lang::En => format!(
                    "Must not be later than the enclosing campaign's date ({}).",
                    lang.date(*by)
                ),
            },
            CampaignError::InnerLater(by) => match lang {
                Lang::Zh => format!(
                    "辖区内已有地区的截止日期更晚（{}），请先调整该地区。",
                    lang.date(*by)
                ),
                Lang::En => format!(
                    "A region inside ends later ({}); change it first.",
                    lang.date(*by)
                ),
            },
        }
    }
}

impl Campaign {
    /// The region's name.
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_zh, &self.name_en)
    }

    /// Whether the campaign applies to the division code `region_code`.
    pub fn applies_to(&self, region_code: &str) -> bool {
        region_code.trim().starts_with(&*self.region_code)
    }

    /// Days from `today` to the e-license deadline: 0 on the last day,
    /// negative after it.
    pub fn days_left(&self, today: NaiveDate) -> i64 {
        (self.e_license_by - today).num_days()
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

    /// Checks the campaign before it is stored, against the campaign that
    /// encloses its region (`None` for the national one) and the stored
    /// campaigns of regions inside it: every refusal with its field
    /// (`name`, `institution_accounts_by`, `e_license_by`,
    /// `registration_changes_by`).
    pub fn check_within<'a>(
        &self,
        enclosing: Option<&Campaign>,
        inner: impl IntoIterator<Item = &'a Campaign>,
    ) -> Result<(), Vec<(&'static str, CampaignError)>> {
        let mut errors = Vec::new();
        let name_ok = |n: &str| !n.trim().is_empty() && n.chars().count() <= MAX_NAME_CHARS;
        if !name_ok(&self.name_zh) || !name_ok(&self.name_en) {
            errors.push(("name", CampaignError::Name));
        }
        if self
            .institution_accounts_by
            .is_some_and(|by| by > self.e_license_by)
        {
            errors.push((
                "institution_accounts_by",
                CampaignError::AccountsAfterLicences,
            ));
        }
        // A missing account deadline is bounded by the e-license one.
        let fields = |c: &Campaign, bounded: bool| {
            let accounts_by = if bounded {
                c.institution_accounts_by.or(Some(c.e_license_by))
            } else {
                c.institution_accounts_by
            };
            [
                ("institution_accounts_by", accounts_by),
                ("e_license_by", Some(c.e_license_by)),
                ("registration_changes_by", c.registration_changes_by),
            ]
        };
        if let Some(outer) = enclosing {
            for ((field, mine), (_, theirs)) in
                fields(self, false).into_iter().zip(fields(outer, true))
            {
                if let (Some(mine), Some(theirs)) = (mine, theirs) {
                    if mine > theirs && !errors.iter().any(|(f, _)| *f == field) {
                        errors.push((field, CampaignError::AfterEnclosing(theirs)));
                    }
                }
            }
        }
        for region in inner {
            if region.region_code.len() <= self.region_code.len()
                || !region.region_code.starts_with(&*self.region_code)
            {
                continue;
            }
            for ((field, mine), (_, theirs)) in
                fields(self, true).into_iter().zip(fields(region, false))
            {
                if let (Some(mine), Some(theirs)) = (mine, theirs) {
                    if theirs > mine && !errors.iter().any(|(f, _)| *f == field) {
                        errors.push((field, CampaignError::InnerLater(theirs)));
                    }
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// The campaign of the region with the longest code prefix of
/// `region_code` in `table`; the national seed when the table has none
/// (a table always holds a national row once migrated).
pub fn campaign_in<'a>(table: &'a [Campaign], region_code: &str) -> &'a Campaign {
    table
        .iter()
        .filter(|c| c.applies_to(region_code))
        .max_by_key(|c| c.region_code.len())
        .unwrap_or(&NATIONAL_2020)
}

/// The campaign enclosing `region_code` (that of its longest strict
/// prefix): the bounds a regional authority sets its campaign within;
/// `None` for the national campaign.
pub fn enclosing_in<'a>(table: &'a [Campaign], region_code: &str) -> Option<&'a Campaign> {
    if region_code.is_empty() {
        return None;
    }
    Some(
        table
            .iter()
            .filter(|c| {
                c.region_code.len() < region_code.len() && region_code.starts_with(&*c.region_code)
            })
            .max_by_key(|c| c.region_code.len())
            .unwrap_or(&NATIONAL_2020),
    )
}

/// Demo mode: the seed's regions with dates counted from `today`, so the
/// countdowns show (the national one a month away, Shenzhen's earlier).
pub fn demo(today: NaiveDate) -> Vec<Campaign> {
    let in_days = |n: u64| today + chrono::Days::new(n);
    SEED_2020
        .iter()
        .map(|c| {
            let (accounts, licences, changes) = match &*c.region_code {
                "4403" => (Some(in_days(7)), in_days(18), None),
                "14" => (None, in_days(28), Some(in_days(28))),
                _ => (None, in_days(31), None),
            };
            Campaign {
                institution_accounts_by: accounts,
                e_license_by: licences,
                registration_changes_by: changes,
                ..c.clone()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn seed(code: &str) -> &'static Campaign {
        campaign_in(SEED_2020, code)
    }

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
            let c = seed(code);
            assert_eq!(c.region_code, region, "{code}");
            assert_eq!(c.institution_accounts_by, accounts, "{code}");
            assert_eq!(c.e_license_by, licences, "{code}");
        }
        assert_eq!(seed("440305").name(Lang::Zh), "深圳市");
        assert_eq!(seed("140105").name(Lang::En), "Shanxi");
        assert_eq!(seed("140105").after_deadline, AfterDeadline::OffDuty);
        // an empty table still answers with the national seed
        assert_eq!(campaign_in(&[], "4403"), &NATIONAL_2020);
    }

    #[test]
    fn days_left_counts_to_the_last_day() {
        let sz = seed("4403");
        assert_eq!(sz.days_left(date(2020, 12, 20)), 0);
        assert_eq!(sz.days_left(date(2020, 12, 10)), 10);
        assert_eq!(sz.institution_days_left(date(2020, 12, 10)), Some(-1));
        assert!(sz.is_open(date(2020, 12, 20)));
        assert!(!sz.is_open(date(2020, 12, 21)));
        assert!(NATIONAL_2020.days_left(date(2026, 3, 1)) < 0);
    }

    #[test]
    fn demo_dates_count_from_today() {
        let today = date(2026, 11, 30);
        let table = demo(today);
        assert_eq!(campaign_in(&table, "").days_left(today), 31);
        assert_eq!(campaign_in(&table, "440305").days_left(today), 18);
        assert_eq!(
            campaign_in(&table, "440305").institution_days_left(today),
            Some(7)
        );
        for c in &table {
            assert_eq!(
                c.check_within(enclosing_in(&table, &c.region_code), &table),
                Ok(()),
                "{c:?}"
            );
        }
    }

    #[test]
    fn a_region_stays_within_the_national_campaign() {
        let sz = seed("4403");
        assert_eq!(
            sz.check_within(enclosing_in(SEED_2020, "4403"), SEED_2020),
            Ok(())
        );
        let late = Campaign {
            e_license_by: date(2021, 1, 5),
            institution_accounts_by: Some(date(2021, 1, 6)),
            name_zh: " ".into(),
            ..sz.clone()
        };
        let errors = late
            .check_within(enclosing_in(SEED_2020, "4403"), SEED_2020)
            .unwrap_err();
        assert_eq!(
            errors,
            vec![
                ("name", CampaignError::Name),
                (
                    "institution_accounts_by",
                    CampaignError::AccountsAfterLicences
                ),
                (
                    "e_license_by",
                    CampaignError::AfterEnclosing(date(2020, 12, 31))
                ),
            ]
        );
        // The nation cannot end before a region that ends later inside it.
        let early = Campaign {
            e_license_by: date(2020, 12, 25),
            ..NATIONAL_2020
        };
        let errors = early.check_within(None, SEED_2020).unwrap_err();
        assert_eq!(
            errors,
            vec![(
                "e_license_by",
                CampaignError::InnerLater(date(2020, 12, 30))
            )]
        );
        assert_eq!(
            CampaignError::InnerLater(date(2020, 12, 30)).message(Lang::Zh),
            "辖区内已有地区的截止日期更晚（2020年12月30日），请先调整该地区。"
        );
    }

    #[test]
    fn consequences_round_trip() {
        for a in AfterDeadline::ALL {
            assert_eq!(AfterDeadline::from_code(a.code()), Some(a));
        }
        assert_eq!(AfterDeadline::from_code("close"), None);
        let json = serde_json::to_string(&SEED_2020[1]).unwrap();
        assert_eq!(
            serde_json::from_str::<Campaign>(&json).unwrap(),
            SEED_2020[1]
        );
    }
}
