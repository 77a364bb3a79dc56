//! Unified social credit codes (统一社会信用代码) of institutions.
//!
//! Source: GB 32100-2015 *Coding rule of the unified social credit
//! identifier for legal entities and other organizations*. The code has 18
//! characters from a 31-character set (the digits and the capital letters
//! without I, O, S, V and Z): the registration authority (1), the
//! organisation type (1), the administrative division code of GB/T 2260 (6
//! digits), the organisation's identifier (9) and a check character. The
//! check character makes `Σ value(cᵢ)·3ⁱ mod 31` complete to a multiple of
//! 31 (weights 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28).
//! The seed notice identifies institutions by this code.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::i18n::{Lang, Localized};
use crate::text::normalise;

/// The characters of GB 32100-2015, in the order of their values 0–30.
pub const CHARSET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// Weights of the first 17 characters: `3^i mod 31`.
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

fn value(c: char) -> Option<u32> {
    CHARSET.find(c).map(|i| i as u32)
}

/// The check character of the first 17 characters of a credit code, or
/// `None` when `body` is not 17 characters of [`CHARSET`].
///
/// ```
/// assert_eq!(rules::credit_code::check_character("91350100M000100Y4"), Some('3'));
/// ```
pub fn check_character(body: &str) -> Option<char> {
    if body.chars().count() != 17 {
        return None;
    }
    let mut sum = 0;
    for (c, w) in body.chars().zip(WEIGHTS) {
        sum += value(c)? * w;
    }
    let check = (31 - sum % 31) % 31;
    CHARSET.chars().nth(check as usize)
}

/// Why a unified social credit code was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum CreditCodeError {
    /// Nothing was typed.
    #[error("the credit code is empty")]
    Empty,
    /// A character outside the GB 32100 set (I, O, S, V, Z are never used).
    #[error("invalid character {found:?} at position {position}")]
    Character {
        /// 1-based position.
        position: usize,
        /// The character found (upper case).
        found: char,
    },
    /// Not 18 characters.
    #[error("the credit code has {found} characters, expected 18")]
    Length {
        /// Characters typed.
        found: usize,
    },
    /// Characters 3–8 (the administrative division code) are not digits.
    #[error("characters 3 to 8 must be a division code")]
    Region,
    /// The check character does not match.
    #[error("the check character does not match")]
    Checksum,
}

impl Localized for CreditCodeError {
    fn code(&self) -> &'static str {
        match self {
            CreditCodeError::Empty => "credit_code.empty",
            CreditCodeError::Character { .. } => "credit_code.character",
            CreditCodeError::Length { .. } => "credit_code.length",
            CreditCodeError::Region => "credit_code.region",
            CreditCodeError::Checksum => "credit_code.checksum",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (CreditCodeError::Empty, _) => lang
                .pick(
                    "请输入统一社会信用代码。",
                    "Enter the unified social credit code.",
                )
                .into(),
            (CreditCodeError::Character { position, found }, Lang::Zh) => {
                let hint = match found {
                    'I' => "（字母 I 不使用，可能是数字 1）",
                    'O' => "（字母 O 不使用，可能是数字 0）",
                    'S' | 'V' | 'Z' => "（代码中不使用字母 I、O、S、V、Z）",
                    _ => "",
                };
                format!(
                    "第 {position} 位“{found}”无效{hint}：统一社会信用代码只含数字和大写字母。"
                )
            }
            (CreditCodeError::Character { position, found }, Lang::En) => {
                let hint = match found {
                    'I' => " (the letter I is never used; is it the digit 1?)",
                    'O' => " (the letter O is never used; is it the digit 0?)",
                    'S' | 'V' | 'Z' => " (the letters I, O, S, V and Z are never used)",
                    _ => "",
                };
                format!(
                    "Character {position} (\"{found}\") is not allowed{hint}: the code has digits and capital letters only."
                )
            }
            (CreditCodeError::Length { found }, Lang::Zh) => format!(
                "统一社会信用代码应为 18 位，您输入了 {found} 位。请对照营业执照或登记证书核对。"
            ),
            (CreditCodeError::Length { found }, Lang::En) => format!(
                "A unified social credit code has 18 characters; you typed {found}. Check it against the licence."
            ),
            (CreditCodeError::Region, _) => lang
                .pick(
                    "第 3–8 位应为行政区划代码（6 位数字），请核对。",
                    "Characters 3–8 are the administrative division code (6 digits). Check them.",
                )
                .into(),
            (CreditCodeError::Checksum, _) => lang
                .pick(
                    "校验位不符，代码中至少有一位输入有误。请逐位核对。",
                    "The check character does not match: at least one character is mistyped. Compare each character.",
                )
                .into(),
        }
    }
}

/// A valid unified social credit code (GB 32100-2015), upper case.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct CreditCode(String);

impl CreditCode {
    /// Parses what a user typed: surrounding spaces, lower case and
    /// full-width characters are accepted.
    pub fn parse(input: &str) -> Result<CreditCode, CreditCodeError> {
        let s = normalise(input).to_uppercase();
        if s.is_empty() {
            return Err(CreditCodeError::Empty);
        }
        if let Some((i, c)) = s.chars().enumerate().find(|&(_, c)| value(c).is_none()) {
            return Err(CreditCodeError::Character {
                position: i + 1,
                found: c,
            });
        }
        if s.len() != 18 {
            return Err(CreditCodeError::Length { found: s.len() });
        }
        if !s[2..8].bytes().all(|b| b.is_ascii_digit()) {
            return Err(CreditCodeError::Region);
        }
        if check_character(&s[..17]) != s[17..].chars().next() {
            return Err(CreditCodeError::Checksum);
        }
        Ok(CreditCode(s))
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The administrative division code (characters 3–8), usable with
    /// [`crate::campaign::campaign_in`].
    pub fn region_code(&self) -> &str {
        &self.0[2..8]
    }
}

impl fmt::Debug for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CreditCode({})", self.0)
    }
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for CreditCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        CreditCode::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    // Each example was checked by hand against the GB 32100-2015 algorithm.
    const VALID: [&str; 3] = [
        "91350100M000100Y43",
        "11430000006122244L",
        "12100000400000624D",
    ];

    #[test]
    fn valid_codes() {
        for code in VALID {
            let c = CreditCode::parse(code).unwrap();
            assert_eq!(c.as_str(), code);
        }
        let c = CreditCode::parse(" ９１３５０１００ｍ０００１００ｙ４３ ").unwrap();
        assert_eq!(c.as_str(), "91350100M000100Y43");
        assert_eq!(c.region_code(), "350100");
    }

    #[test]
    fn every_single_substitution_is_refused() {
        for code in VALID {
            for (i, original) in code.char_indices() {
                for c in CHARSET.chars().filter(|&c| c != original) {
                    let mut changed = code.to_string();
                    changed.replace_range(i..i + 1, &c.to_string());
                    assert!(CreditCode::parse(&changed).is_err(), "{changed}");
                }
            }
        }
    }

    #[test]
    fn refused_codes() {
        for (input, code) in [
            ("", "credit_code.empty"),
            ("91350100M000100Y4", "credit_code.length"),
            ("91350100M000100Y433", "credit_code.length"),
            ("91350100M0001O0Y43", "credit_code.character"),
            ("91350100M000100Y4I", "credit_code.character"),
            ("9135010SM000100Y43", "credit_code.character"),
            ("91A50100M000100Y43", "credit_code.region"),
            ("91350100M000100Y44", "credit_code.checksum"),
        ] {
            let e = CreditCode::parse(input).unwrap_err();
            assert_eq!(e.code(), code, "{input}");
            assert_ne!(e.message(Lang::Zh), e.message(Lang::En));
        }
    }
}
