//! Mainland China mobile numbers (手机号码).
//!
//! Source: the national numbering plan of the Ministry of Industry and
//! Information Technology: mainland mobile numbers have 11 digits and begin
//! with `13`–`19`; the country code is +86. The seed notice sends the
//! activation code to this number.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::i18n::{Lang, Localized};
use crate::text::normalise;

/// Why a mobile number was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum PhoneError {
    /// Nothing was typed.
    #[error("the mobile number is empty")]
    Empty,
    /// A character other than digits, spaces, hyphens and a leading `+86`.
    #[error("invalid character {found:?}")]
    Character {
        /// The character found.
        found: char,
    },
    /// A country code other than +86.
    #[error("not a mainland China number")]
    Country,
    /// Not 11 digits.
    #[error("the mobile number has {found} digits, expected 11")]
    Length {
        /// Digits typed (without the country code).
        found: usize,
    },
    /// 11 digits, but not beginning with 13–19.
    #[error("a mobile number begins with 13 to 19")]
    Prefix,
}

impl Localized for PhoneError {
    fn code(&self) -> &'static str {
        match self {
            PhoneError::Empty => "phone.empty",
            PhoneError::Character { .. } => "phone.character",
            PhoneError::Country => "phone.country",
            PhoneError::Length { .. } => "phone.length",
            PhoneError::Prefix => "phone.prefix",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (PhoneError::Empty, _) => lang
                .pick("请输入手机号码。", "Enter your mobile number.")
                .into(),
            (PhoneError::Character { found }, Lang::Zh) => {
                format!("手机号码中不能有“{found}”，请只输入数字。")
            }
            (PhoneError::Character { found }, Lang::En) => {
                format!("\"{found}\" is not allowed in a mobile number; type digits only.")
            }
            (PhoneError::Country, _) => lang
                .pick(
                    "只支持中国大陆手机号码（+86），验证码将以短信发送到该号码。",
                    "Only mainland China mobile numbers (+86) are supported: the code is sent to it by SMS.",
                )
                .into(),
            (PhoneError::Length { found }, Lang::Zh) => {
                format!("手机号码应为 11 位数字，您输入了 {found} 位。")
            }
            (PhoneError::Length { found }, Lang::En) => {
                format!("A mobile number has 11 digits; you typed {found}.")
            }
            (PhoneError::Prefix, _) => lang
                .pick(
                    "手机号码应以 13–19 开头，请核对。固定电话不能接收验证码。",
                    "A mobile number begins with 13 to 19. Check it; landlines cannot receive the code.",
                )
                .into(),
        }
    }
}

/// A mainland China mobile number: 11 digits beginning with `1[3-9]`.
#[derive(Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct MobileNumber(String);

impl MobileNumber {
    /// Parses what a user typed: spaces and hyphens between digits, a `+86`
    /// or `0086` prefix and full-width digits are accepted.
    pub fn parse(input: &str) -> Result<MobileNumber, PhoneError> {
        let s = normalise(input);
        if s.is_empty() {
            return Err(PhoneError::Empty);
        }
        let rest = if let Some(r) = s.strip_prefix('+') {
            r.trim_start()
                .strip_prefix("86")
                .ok_or(PhoneError::Country)?
        } else if let Some(r) = s.strip_prefix("0086") {
            r
        } else if s.starts_with("00") {
            return Err(PhoneError::Country);
        } else {
            &s
        };
        let mut digits = String::with_capacity(11);
        for c in rest.chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '-' => {}
                _ => return Err(PhoneError::Character { found: c }),
            }
        }
        if digits.len() != 11 {
            return Err(PhoneError::Length {
                found: digits.len(),
            });
        }
        if !matches!(digits.as_bytes(), [b'1', b'3'..=b'9', ..]) {
            return Err(PhoneError::Prefix);
        }
        Ok(MobileNumber(digits))
    }

    /// The 11 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number for display: `138****5678`.
    pub fn masked(&self) -> String {
        format!("{}****{}", &self.0[..3], &self.0[7..])
    }
}

impl fmt::Debug for MobileNumber {
    /// Masked, so that logs never carry the full number.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MobileNumber({})", self.masked())
    }
}

impl fmt::Display for MobileNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for MobileNumber {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        MobileNumber::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn accepted_spellings() {
        for input in [
            "13812345678",
            " 138 1234 5678 ",
            "138-1234-5678",
            "+8613812345678",
            "+86 138 1234 5678",
            "008613812345678",
            "１３８１２３４５６７８",
            "＋８６１３８１２３４５６７８",
        ] {
            let m = MobileNumber::parse(input).unwrap();
            assert_eq!(m.as_str(), "13812345678", "{input}");
            assert_eq!(m.masked(), "138****5678");
        }
        for prefix in 3..=9 {
            assert!(MobileNumber::parse(&format!("1{prefix}012345678")).is_ok());
        }
    }

    #[test]
    fn refused_spellings() {
        let cases = [
            ("", "phone.empty"),
            ("138123456789", "phone.length"),
            ("1381234567", "phone.length"),
            ("+85261234567", "phone.country"),
            ("0085261234567", "phone.country"),
            ("138.1234.5678", "phone.character"),
            ("1381234567a", "phone.character"),
            ("12812345678", "phone.prefix"),
            ("01012345678", "phone.prefix"),
            ("23812345678", "phone.prefix"),
        ];
        for (input, code) in cases {
            let e = MobileNumber::parse(input).unwrap_err();
            assert_eq!(e.code(), code, "{input}");
            assert_ne!(e.message(Lang::Zh), e.message(Lang::En));
        }
    }

    #[test]
    fn debug_is_masked() {
        let m = MobileNumber::parse("13812345678").unwrap();
        assert_eq!(format!("{m:?}"), "MobileNumber(138****5678)");
    }
}
