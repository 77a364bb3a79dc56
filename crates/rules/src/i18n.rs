//! Languages for user-facing messages of the rules (zh-CN first, English).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A user-facing language. zh-CN is the default: the portal's users are
/// practitioners in mainland China.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    /// Simplified Chinese (zh-CN).
    #[default]
    #[serde(rename = "zh-CN")]
    Zh,
    /// English.
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// Picks the language from a BCP 47 tag such as the browser's
    /// `navigator.language`: English for `en*`, Chinese otherwise.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.trim().to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    /// The BCP 47 tag, for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Chooses between the two texts of a message.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

impl Lang {
    /// A day as people write it in the language: `2020年1月5日` /
    /// `5 Jan 2020`. Written out rather than with chrono's `format`, whose
    /// strftime interpreter would otherwise be compiled into every wasm app.
    pub fn date(self, date: NaiveDate) -> String {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let (year, month, day) = (date.year(), date.month(), date.day());
        match self {
            Lang::Zh => format!("{year}年{month}月{day}日"),
            Lang::En => format!("{day} {} {year}", MONTHS[date.month0() as usize]),
        }
    }
}

/// Anything that can be told to a user: a stable machine code (for the API
/// and tests) and a message in each language.
pub trait Localized {
    /// Stable, machine-readable code, e.g. `id_number.checksum`.
    fn code(&self) -> &'static str;
    /// The message in the given language.
    fn message(&self, lang: Lang) -> String;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_people_write_them() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(Lang::Zh.date(day(2020, 12, 31)), "2020年12月31日");
        assert_eq!(Lang::Zh.date(day(2021, 1, 5)), "2021年1月5日");
        assert_eq!(Lang::En.date(day(2021, 1, 5)), "5 Jan 2021");
        // Every month's name is chrono's own abbreviation.
        for m in 1..=12 {
            let d = day(2024, m, 29);
            assert_eq!(Lang::En.date(d), d.format("%-d %b %Y").to_string());
            assert_eq!(Lang::Zh.date(d), d.format("%Y年%-m月%-d日").to_string());
        }
    }
}
