//! Resident identity card numbers (公民身份号码).
//!
//! Source: GB 11643-1999 *Citizen identification number*. The 18-character
//! number is a 6-digit address code (the first two digits are the province,
//! GB/T 2260), an 8-digit birth date `YYYYMMDD`, a 3-digit sequence code
//! whose last digit is odd for men and even for women, and a check character
//! computed with ISO 7064 MOD 11-2 (`X` stands for 10). The 15-digit numbers
//! issued before 1999 (GB 11643-1989) have a 6-digit birth date `YYMMDD` of
//! the 1900s and no check character; they still appear inside old
//! qualification certificate numbers.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::i18n::{Lang, Localized};
use crate::text::half_width;

/// Province-level codes of GB/T 2260 (the first two digits of an ID number).
pub const PROVINCE_CODES: [&str; 34] = [
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
    "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71",
    "81", "82",
];

/// Birth years before this are refused as not real: GB 11643 sets no bound,
/// but no holder of a resident ID was born before it.
pub const EARLIEST_BIRTH_YEAR: i32 = 1800;

/// Weights of ISO 7064 MOD 11-2 for the first 17 digits: `2^(17-i) mod 11`.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// The ISO 7064 MOD 11-2 check character of the first 17 digits of an ID
/// number (GB 11643-1999 §5.2), or `None` when `body` is not 17 ASCII digits.
///
/// ```
/// assert_eq!(rules::id_number::check_character("11010519491231002"), Some('X'));
/// ```
pub fn check_character(body: &str) -> Option<char> {
    let bytes = body.as_bytes();
    if bytes.len() != 17 || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum: u32 = bytes
        .iter()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    let value = (12 - sum % 11) % 11;
    Some(if value == 10 {
        'X'
    } else {
        char::from(b'0' + value as u8)
    })
}

/// Why an ID number was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum IdNumberError {
    /// Nothing was typed.
    #[error("the ID number is empty")]
    Empty,
    /// Not 18 characters (or 15 for the old number).
    #[error("the ID number has {found} characters, expected {expected}")]
    Length {
        /// Characters typed (after removing surrounding spaces).
        found: usize,
        /// Characters expected: 18 (or 15 for the old number).
        expected: usize,
    },
    /// A character that is not a digit (or `X` in the last place).
    #[error("invalid character {found:?} at position {position}")]
    Character {
        /// 1-based position.
        position: usize,
        /// The character found.
        found: char,
    },
    /// The first two digits are not a province code of GB/T 2260.
    #[error("{found} is not a province code")]
    Region {
        /// The two digits found.
        found: String,
    },
    /// The birth date part is not a calendar date.
    #[error("{digits} is not a valid birth date")]
    BirthDate {
        /// The 8 (or 6) digits found.
        digits: String,
    },
    /// The birth date is after today.
    #[error("the birth date {date} is in the future")]
    BirthInFuture {
        /// The birth date read from the number.
        date: NaiveDate,
    },
    /// The check character does not match the first 17 digits.
    #[error("the check character does not match")]
    Checksum,
}

impl Localized for IdNumberError {
    fn code(&self) -> &'static str {
        match self {
            IdNumberError::Empty => "id_number.empty",
            IdNumberError::Length { .. } => "id_number.length",
            IdNumberError::Character { .. } => "id_number.character",
            IdNumberError::Region { .. } => "id_number.region",
            IdNumberError::BirthDate { .. } => "id_number.birth_date",
            IdNumberError::BirthInFuture { .. } => "id_number.birth_in_future",
            IdNumberError::Checksum => "id_number.checksum",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (IdNumberError::Empty, _) => lang
                .pick("请输入身份证号码。", "Enter your ID number.")
                .into(),
            (IdNumberError::Length { found, expected }, Lang::Zh) => format!(
                "身份证号码应为 {expected} 位，您输入了 {found} 位。请对照身份证逐位核对。"
            ),
            (IdNumberError::Length { found, expected }, Lang::En) => format!(
                "An ID number has {expected} characters; you typed {found}. Check it against your ID card."
            ),
            (IdNumberError::Character { position, found }, Lang::Zh) => format!(
                "第 {position} 位“{found}”无效：身份证号码只含数字，仅最后一位可以是 X。"
            ),
            (IdNumberError::Character { position, found }, Lang::En) => format!(
                "Character {position} (\"{found}\") is not allowed: an ID number has only digits, and only the last character may be X."
            ),
            (IdNumberError::Region { found }, Lang::Zh) => format!(
                "前两位“{found}”不是有效的省级行政区划代码，请核对身份证号码的开头。"
            ),
            (IdNumberError::Region { found }, Lang::En) => format!(
                "The first two digits \"{found}\" are not a province code. Check the beginning of the number."
            ),
            (IdNumberError::BirthDate { digits }, Lang::Zh) => format!(
                "出生日期部分“{digits}”不是有效日期（第 7–14 位应为年月日），请核对。"
            ),
            (IdNumberError::BirthDate { digits }, Lang::En) => format!(
                "The birth date part \"{digits}\" is not a valid date (characters 7–14 are YYYYMMDD). Check it."
            ),
            (IdNumberError::BirthInFuture { date }, Lang::Zh) => format!(
                "号码中的出生日期 {} 晚于今天，请核对第 7–14 位。",
                Lang::Zh.date(*date)
            ),
            (IdNumberError::BirthInFuture { date }, Lang::En) => format!(
                "The birth date in the number, {}, is after today. Check characters 7–14.",
                Lang::En.date(*date)
            ),
            (IdNumberError::Checksum, _) => lang
                .pick(
                    "校验位不符，号码中至少有一位输入有误。请对照身份证逐位核对（末位 X 可大写或小写）。",
                    "The check character does not match: at least one character is mistyped. Compare each character with your ID card (a final X may be upper or lower case).",
                )
                .into(),
        }
    }
}

/// Gender, as encoded by the 17th digit of an ID number (odd: male).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    /// 男
    Male,
    /// 女
    Female,
}

crate::wire_codes!(Gender {
    Male => "male",
    Female => "female",
});

impl Gender {
    /// The gender's name.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Gender::Male => lang.pick("男", "Male"),
            Gender::Female => lang.pick("女", "Female"),
        }
    }
}

/// Maps full-width characters to ASCII, removes surrounding whitespace and
/// upper-cases `x`; then checks the length and the characters.
fn clean(input: &str, expected: usize, x_last: bool) -> Result<String, IdNumberError> {
    let s: String = input
        .chars()
        .map(half_width)
        .collect::<String>()
        .trim()
        .to_ascii_uppercase();
    if s.is_empty() {
        return Err(IdNumberError::Empty);
    }
    let bad = |i: usize, c: char| IdNumberError::Character {
        position: i + 1,
        found: c,
    };
    if let Some((i, c)) = s
        .chars()
        .enumerate()
        .find(|&(_, c)| !(c.is_ascii_digit() || (x_last && c == 'X')))
    {
        return Err(bad(i, c));
    }
    let found = s.len();
    if found != expected {
        return Err(IdNumberError::Length { found, expected });
    }
    if let Some(i) = s[..expected - 1].find('X') {
        return Err(bad(i, 'X'));
    }
    Ok(s)
}

fn check_region(s: &str) -> Result<(), IdNumberError> {
    let code = &s[..2];
    if PROVINCE_CODES.contains(&code) {
        Ok(())
    } else {
        Err(IdNumberError::Region { found: code.into() })
    }
}

fn date_from_digits(digits: &str) -> Result<NaiveDate, IdNumberError> {
    let bad = || IdNumberError::BirthDate {
        digits: digits.into(),
    };
    let (y, md) = digits.split_at(digits.len() - 4);
    let year: i32 = y.parse().map_err(|_| bad())?;
    let year = if y.len() == 2 { 1900 + year } else { year };
    let month: u32 = md[..2].parse().map_err(|_| bad())?;
    let day: u32 = md[2..].parse().map_err(|_| bad())?;
    NaiveDate::from_ymd_opt(year, month, day)
        .filter(|d| d.year() >= EARLIEST_BIRTH_YEAR)
        .ok_or_else(bad)
}

/// Checks an 18-character number, already cleaned, except the birth date
/// against today: region, birth date, check character.
fn check_structure(s: &str) -> Result<NaiveDate, IdNumberError> {
    check_region(s)?;
    let birth = date_from_digits(&s[6..14])?;
    if check_character(&s[..17]) != s[17..].chars().next() {
        return Err(IdNumberError::Checksum);
    }
    Ok(birth)
}

/// Validates the structure of an 18-character ID number without comparing
/// the birth date with today (used inside other numbers, such as the
/// qualification certificate number, that are checked without a date).
pub(crate) fn parse_structure(input: &str) -> Result<ResidentId, IdNumberError> {
    let s = clean(input, 18, true)?;
    check_structure(&s)?;
    Ok(ResidentId(s))
}

/// An 18-character resident identity number (公民身份号码, GB 11643-1999),
/// valid and normalised: ASCII digits and an upper-case `X`.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct ResidentId(String);

impl ResidentId {
    /// Parses what a user typed.
    ///
    /// Accepts surrounding spaces, a lower-case `x`, and full-width digits and
    /// letters from Chinese input methods. Checks, in this order: 18
    /// characters, digits with an optional final `X`, a GB/T 2260 province
    /// code, a real birth date not after `today`, and the ISO 7064 MOD 11-2
    /// check character (GB 11643-1999).
    pub fn parse(input: &str, today: NaiveDate) -> Result<ResidentId, IdNumberError> {
        let s = clean(input, 18, true)?;
        let birth = check_structure(&s)?;
        if birth > today {
            return Err(IdNumberError::BirthInFuture { date: birth });
        }
        Ok(ResidentId(s))
    }

    /// The normalised number.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The birth date (characters 7–14).
    pub fn birth_date(&self) -> NaiveDate {
        date_from_digits(&self.0[6..14]).expect("validated at parse")
    }

    /// The gender: the 17th digit is odd for men, even for women.
    pub fn gender(&self) -> Gender {
        if (self.0.as_bytes()[16] - b'0') % 2 == 1 {
            Gender::Male
        } else {
            Gender::Female
        }
    }

    /// The 6-digit address code (行政区划代码) of the place of registration.
    pub fn region_code(&self) -> &str {
        &self.0[..6]
    }

    /// The 2-digit province code.
    pub fn province_code(&self) -> &str {
        &self.0[..2]
    }

    /// The number for display: the first 3 and the last 4 characters, e.g.
    /// `110***********123X`.
    pub fn masked(&self) -> String {
        crate::masking::id_number(&self.0)
    }

    /// The 15-digit form of GB 11643-1989 (century digits and check character
    /// removed), as embedded in old certificate numbers. `None` when the
    /// holder was not born in the 1900s, which the old form cannot encode.
    pub fn to_legacy(&self) -> Option<LegacyResidentId> {
        (&self.0[6..8] == "19")
            .then(|| LegacyResidentId(format!("{}{}", &self.0[..6], &self.0[8..17])))
    }
}

impl fmt::Debug for ResidentId {
    /// Masked, so that logs never carry the full number.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ResidentId({})", self.masked())
    }
}

impl fmt::Display for ResidentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for ResidentId {
    /// Validates the structure (not the birth date against today, which a
    /// deserialiser does not know).
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        parse_structure(&s).map_err(serde::de::Error::custom)
    }
}

/// A 15-digit resident identity number of GB 11643-1989 (issued before 1999):
/// 6-digit address code, birth date `YYMMDD` of the 1900s, 3-digit sequence,
/// no check character.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LegacyResidentId(String);

impl LegacyResidentId {
    /// Parses a 15-digit number: digits only, a GB/T 2260 province code and a
    /// real birth date `19YYMMDD`. Full-width digits and surrounding spaces
    /// are accepted.
    pub fn parse(input: &str) -> Result<LegacyResidentId, IdNumberError> {
        let s = clean(input, 15, false)?;
        check_region(&s)?;
        date_from_digits(&s[6..12])?;
        Ok(LegacyResidentId(s))
    }

    /// The number.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The birth date (`19` + characters 7–12).
    pub fn birth_date(&self) -> NaiveDate {
        date_from_digits(&self.0[6..12]).expect("validated at parse")
    }

    /// The 18-character number it was upgraded to in 1999: `19` inserted
    /// before the year and the check character appended.
    pub fn upgrade(&self) -> ResidentId {
        let body = format!("{}19{}", &self.0[..6], &self.0[6..]);
        let check = check_character(&body).expect("17 digits");
        ResidentId(format!("{body}{check}"))
    }

    /// Whether this old number belongs to the holder of `id`: equal to the
    /// 18-character number without its century digits and check character.
    pub fn matches(&self, id: &ResidentId) -> bool {
        let s = id.as_str();
        &s[6..8] == "19" && self.0[..6] == s[..6] && self.0[6..] == s[8..17]
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
    }

    fn code(input: &str) -> &'static str {
        ResidentId::parse(input, today()).unwrap_err().code()
    }

    // GB 11643-1999 appendix example: 11010519491231002X.
    #[test]
    fn standard_example_is_valid() {
        let id = ResidentId::parse("11010519491231002X", today()).unwrap();
        assert_eq!(
            id.birth_date(),
            NaiveDate::from_ymd_opt(1949, 12, 31).unwrap()
        );
        assert_eq!(id.gender(), Gender::Female);
        assert_eq!(id.region_code(), "110105");
        assert_eq!(id.masked(), "110***********002X");
        assert_eq!(id.as_str(), "11010519491231002X");
        assert!(!format!("{id:?}").contains("19491231"));
    }

    #[test]
    fn typing_variants_are_normalised() {
        for input in [
            " 11010519491231002x ",
            "１１０１０５１９４９１２３１００２Ｘ",
            "１１０１０５１９４９１２３１００２ｘ",
            "\u{3000}11010519491231002X",
        ] {
            let id = ResidentId::parse(input, today()).unwrap();
            assert_eq!(id.as_str(), "11010519491231002X", "{input}");
        }
    }

    #[test]
    fn male_when_17th_digit_odd() {
        // 11010519800101001 + check
        let body = "11010519800101001";
        let id = format!("{body}{}", check_character(body).unwrap());
        assert_eq!(
            ResidentId::parse(&id, today()).unwrap().gender(),
            Gender::Male
        );
    }

    #[test]
    fn each_rule_has_its_error() {
        assert_eq!(code(""), "id_number.empty");
        assert_eq!(code("   "), "id_number.empty");
        assert_eq!(code("1101051949123100"), "id_number.length");
        assert_eq!(code("11010519491231002X1"), "id_number.length");
        assert_eq!(code("1101051949123100X2"), "id_number.character");
        assert_eq!(code("11010519491231002Y"), "id_number.character");
        assert_eq!(code("110105194912310021"), "id_number.checksum");
        // province 00 and 99 do not exist (GB/T 2260)
        for body in [
            "00010519491231002",
            "99010519491231002",
            "72010519491231002",
        ] {
            let id = format!("{body}{}", check_character(body).unwrap());
            assert_eq!(code(&id), "id_number.region", "{id}");
        }
        // 30 February is not a date
        let body = "11010519490230002";
        let id = format!("{body}{}", check_character(body).unwrap());
        assert_eq!(code(&id), "id_number.birth_date");
        // year 0001 is a calendar date, but not a real birth date
        let body = "11010500010101002";
        let id = format!("{body}{}", check_character(body).unwrap());
        assert_eq!(code(&id), "id_number.birth_date");
        // born tomorrow
        let body = "11010520260302002";
        let id = format!("{body}{}", check_character(body).unwrap());
        assert_eq!(code(&id), "id_number.birth_in_future");
        // born today is fine
        let body = "11010520260301002";
        let id = format!("{body}{}", check_character(body).unwrap());
        assert!(ResidentId::parse(&id, today()).is_ok());
    }

    #[test]
    fn every_error_has_both_messages() {
        let errors = [
            IdNumberError::Empty,
            IdNumberError::Length {
                found: 3,
                expected: 18,
            },
            IdNumberError::Character {
                position: 2,
                found: 'a',
            },
            IdNumberError::Region { found: "00".into() },
            IdNumberError::BirthDate {
                digits: "19490230".into(),
            },
            IdNumberError::BirthInFuture { date: today() },
            IdNumberError::Checksum,
        ];
        for e in errors {
            assert!(e.code().starts_with("id_number."));
            assert_ne!(e.message(Lang::Zh), e.message(Lang::En));
            assert!(!e.message(Lang::Zh).is_empty());
        }
    }

    #[test]
    fn legacy_number_round_trip() {
        let old = LegacyResidentId::parse("110105491231002").unwrap();
        assert_eq!(
            old.birth_date(),
            NaiveDate::from_ymd_opt(1949, 12, 31).unwrap()
        );
        let new = old.upgrade();
        assert_eq!(new.as_str(), "11010519491231002X");
        assert!(old.matches(&new));
        assert_eq!(new.to_legacy(), Some(old));
        assert_eq!(
            LegacyResidentId::parse("110105490231002")
                .unwrap_err()
                .code(),
            "id_number.birth_date"
        );
        assert_eq!(
            LegacyResidentId::parse("11010549123100X")
                .unwrap_err()
                .code(),
            "id_number.character"
        );
    }

    #[test]
    fn deserialize_validates() {
        let id: ResidentId = serde_json::from_str("\"11010519491231002x\"").unwrap();
        assert_eq!(id.as_str(), "11010519491231002X");
        assert!(serde_json::from_str::<ResidentId>("\"110105194912310021\"").is_err());
    }
}
