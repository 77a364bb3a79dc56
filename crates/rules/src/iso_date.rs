//! Dates on the wire: exactly `YYYY-MM-DD` (what chrono's `Display` writes).
//!
//! Every date the API and the license payload carry is read by [`parse`],
//! a strict reader of that one form. chrono's own reader accepts more
//! spellings and, being a general format parser, is a large part of the
//! portal's wasm; the types here use it through `deserialize_with`.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};

/// Reads exactly `YYYY-MM-DD`, a year of four digits.
pub fn parse(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(5..7)?, digits(8..10)?)
}

/// Writes `YYYY-MM-DD` (what [`parse`] reads back), as dates are stored.
pub fn format(date: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// [`parse`], or the error a field reports.
fn read<E: serde::de::Error>(text: &str) -> Result<NaiveDate, E> {
    parse(text).ok_or_else(|| E::custom("expected a date as YYYY-MM-DD"))
}

/// `deserialize_with` for a `NaiveDate` field.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    read(&String::deserialize(d)?)
}

/// `deserialize_with` for an `Option<NaiveDate>` field (with `default`, so a
/// missing field is `None` as before).
pub fn deserialize_optional<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<NaiveDate>, D::Error> {
    Option::<String>::deserialize(d)?
        .map(|text| read(&text))
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn format_writes_what_parse_reads() {
        for (y, m, d, text) in [(2026, 1, 5, "2026-01-05"), (999, 12, 31, "0999-12-31")] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(format(date), text);
            assert_eq!(parse(text), Some(date));
        }
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Dated {
        #[serde(deserialize_with = "deserialize")]
        on: NaiveDate,
        #[serde(deserialize_with = "deserialize_optional", default)]
        until: Option<NaiveDate>,
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn reads_what_chrono_writes() {
        let on = day(2021, 1, 5);
        assert_eq!(parse(&on.to_string()), Some(on));
        assert_eq!(parse("9999-12-31"), Some(day(9999, 12, 31)));
        assert_eq!(parse("0999-01-01"), Some(day(999, 1, 1)));
        assert_eq!(parse(&day(999, 1, 1).to_string()), Some(day(999, 1, 1)));
    }

    #[test]
    fn refuses_every_other_spelling() {
        for text in [
            "",
            "2021-1-5",
            "2021-01-5",
            "2021/01/05",
            "20210105",
            " 2021-01-05",
            "2021-01-05 ",
            "+2021-01-05",
            "2021-02-30",
            "2021-13-01",
            "-999-12-31",
            "2021-01-05T00:00:00",
            "２０２１-01-05",
            "2021-0a-05",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn fields_read_dates_and_missing_optional_dates() {
        let json = r#"{"on":"2026-06-30","until":"2027-01-01"}"#;
        let dated: Dated = serde_json::from_str(json).unwrap();
        assert_eq!(
            dated,
            Dated {
                on: day(2026, 6, 30),
                until: Some(day(2027, 1, 1))
            }
        );
        let dated: Dated = serde_json::from_str(r#"{"on":"2026-06-30"}"#).unwrap();
        assert_eq!(dated.until, None);
        let dated: Dated = serde_json::from_str(r#"{"on":"2026-06-30","until":null}"#).unwrap();
        assert_eq!(dated.until, None);
    }

    #[test]
    fn fields_refuse_loose_dates_with_a_clear_error() {
        for json in [
            r#"{"on":"2026-6-30"}"#,
            r#"{"on":"2026-06-30","until":"2027/01/01"}"#,
        ] {
            let err = serde_json::from_str::<Dated>(json).unwrap_err().to_string();
            assert!(
                err.contains("expected a date as YYYY-MM-DD"),
                "{json}: {err}"
            );
        }
        let err = serde_json::from_str::<Dated>(r#"{"on":20260630}"#).unwrap_err();
        assert!(err.to_string().contains("invalid type"), "{err}");
    }
}
