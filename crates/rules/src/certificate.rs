//! Certificate numbers of practitioners: the qualification certificate
//! (资格证书编码) and the practice certificate (执业证书编码).
//!
//! Source: the seed notice, which asks the practitioner to check the
//! qualification certificate number in the profile (the physician
//! qualification criterion), and the numbering of the certificates issued by
//! the National Health Commission: the qualification certificate number has
//! 24 or 27 characters and ends with the holder's ID number (18 characters,
//! or the old 15-digit number for certificates issued before 1999); the
//! practice certificate number has 15 digits.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::i18n::{Lang, Localized};
use crate::id_number::{parse_structure, LegacyResidentId, ResidentId};
use crate::text::normalise;

/// Why a qualification certificate number was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum QualificationError {
    /// Nothing was typed.
    #[error("the qualification certificate number is empty")]
    Empty,
    /// Neither 24 nor 27 characters.
    #[error("the qualification certificate number has {found} characters, expected 24 or 27")]
    Length {
        /// Characters typed.
        found: usize,
    },
    /// A character other than a digit (or `X` in the last place).
    #[error("invalid character {found:?} at position {position}")]
    Character {
        /// 1-based position.
        position: usize,
        /// The character found.
        found: char,
    },
    /// The number does not end with a valid 18-character or 15-digit ID
    /// number.
    #[error("the number does not end with a valid ID number")]
    EmbeddedId,
    /// The number ends with an ID number, but not the holder's.
    #[error("the number does not belong to the holder's ID number")]
    HolderMismatch,
}

impl Localized for QualificationError {
    fn code(&self) -> &'static str {
        match self {
            QualificationError::Empty => "qualification.empty",
            QualificationError::Length { .. } => "qualification.length",
            QualificationError::Character { .. } => "qualification.character",
            QualificationError::EmbeddedId => "qualification.embedded_id",
            QualificationError::HolderMismatch => "qualification.holder_mismatch",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (QualificationError::Empty, _) => lang
                .pick(
                    "请输入资格证书编码。",
                    "Enter the qualification certificate number.",
                )
                .into(),
            (QualificationError::Length { found }, Lang::Zh) => format!(
                "资格证书编码应为 24 位或 27 位，您输入了 {found} 位。请对照资格证书核对。"
            ),
            (QualificationError::Length { found }, Lang::En) => format!(
                "A qualification certificate number has 24 or 27 characters; you typed {found}. Check it against the certificate."
            ),
            (QualificationError::Character { position, found }, Lang::Zh) => format!(
                "第 {position} 位“{found}”无效：资格证书编码只含数字，仅最后一位可以是 X。"
            ),
            (QualificationError::Character { position, found }, Lang::En) => format!(
                "Character {position} (\"{found}\") is not allowed: the number has only digits, and only the last character may be X."
            ),
            (QualificationError::EmbeddedId, _) => lang
                .pick(
                    "资格证书编码的末尾应为持证人的身份证号码（18 位或旧 15 位），请核对编码。",
                    "A qualification certificate number ends with the holder's ID number (18 characters, or the old 15 digits). Check the number.",
                )
                .into(),
            (QualificationError::HolderMismatch, _) => lang
                .pick(
                    "资格证书编码末尾的身份证号码与您的身份证号码不一致。请核对编码；若证书信息有误，请联系主要执业机构更正。",
                    "The ID number at the end of the qualification certificate number is not yours. Check the number; if the certificate is wrong, ask your main institution to correct it.",
                )
                .into(),
        }
    }
}

/// The ID number embedded at the end of a qualification certificate number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmbeddedId {
    /// The last 18 characters are an 18-character ID number.
    Current(ResidentId),
    /// The last 15 digits are an old 15-digit ID number.
    Legacy(LegacyResidentId),
}

/// A qualification certificate number (资格证书编码): 24 or 27 digits (the
/// last may be `X`) ending with the holder's ID number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct QualificationNumber(String);

impl QualificationNumber {
    /// Parses what a user typed (surrounding spaces, full-width digits and a
    /// lower-case `x` are accepted). The last 18 characters must be a valid
    /// ID number (province, birth date, check character), or the last 15
    /// digits a valid old ID number (province, birth date).
    pub fn parse(input: &str) -> Result<QualificationNumber, QualificationError> {
        let s = normalise(input).to_ascii_uppercase();
        if s.is_empty() {
            return Err(QualificationError::Empty);
        }
        if let Some((i, c)) = s
            .chars()
            .enumerate()
            .find(|&(_, c)| !(c.is_ascii_digit() || c == 'X'))
        {
            return Err(QualificationError::Character {
                position: i + 1,
                found: c,
            });
        }
        if s.len() != 24 && s.len() != 27 {
            return Err(QualificationError::Length { found: s.len() });
        }
        if let Some(i) = s[..s.len() - 1].find('X') {
            return Err(QualificationError::Character {
                position: i + 1,
                found: 'X',
            });
        }
        let number = QualificationNumber(s);
        number.embedded_id().ok_or(QualificationError::EmbeddedId)?;
        Ok(number)
    }

    /// Parses the number and checks that it belongs to `holder`
    /// ([`QualificationNumber::matches_holder`]); otherwise
    /// [`QualificationError::HolderMismatch`].
    pub fn parse_for_holder(
        input: &str,
        holder: &ResidentId,
    ) -> Result<QualificationNumber, QualificationError> {
        let number = Self::parse(input)?;
        if number.matches_holder(holder) {
            Ok(number)
        } else {
            Err(QualificationError::HolderMismatch)
        }
    }

    /// The normalised number.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The ID number at the end: the 18-character number when the last 18
    /// characters are one, else the old 15-digit number when the last 15
    /// digits are one.
    pub fn embedded_id(&self) -> Option<EmbeddedId> {
        let s = &self.0;
        if let Ok(id) = parse_structure(&s[s.len() - 18..]) {
            return Some(EmbeddedId::Current(id));
        }
        LegacyResidentId::parse(&s[s.len() - 15..])
            .ok()
            .map(EmbeddedId::Legacy)
    }

    /// Whether the number belongs to `holder`: it ends with the holder's
    /// 18-character ID number, or with the holder's old 15-digit number (the
    /// 18-character number without the century digits and the check
    /// character: `id[0..6] + id[8..17]`).
    pub fn matches_holder(&self, holder: &ResidentId) -> bool {
        let s = &self.0;
        s.ends_with(holder.as_str())
            || holder
                .to_legacy()
                .is_some_and(|old| s.ends_with(old.as_str()))
    }
}

/// Why a practice certificate number was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum PracticeCertificateError {
    /// Nothing was typed.
    #[error("the practice certificate number is empty")]
    Empty,
    /// A character other than a digit.
    #[error("invalid character {found:?} at position {position}")]
    Character {
        /// 1-based position.
        position: usize,
        /// The character found.
        found: char,
    },
    /// Not 15 digits.
    #[error("the practice certificate number has {found} digits, expected 15")]
    Length {
        /// Digits typed.
        found: usize,
    },
}

impl Localized for PracticeCertificateError {
    fn code(&self) -> &'static str {
        match self {
            PracticeCertificateError::Empty => "practice_certificate.empty",
            PracticeCertificateError::Character { .. } => "practice_certificate.character",
            PracticeCertificateError::Length { .. } => "practice_certificate.length",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (PracticeCertificateError::Empty, _) => lang
                .pick(
                    "请输入执业证书编码。",
                    "Enter the practice certificate number.",
                )
                .into(),
            (PracticeCertificateError::Character { position, found }, Lang::Zh) => {
                format!("第 {position} 位“{found}”无效：执业证书编码只含数字。")
            }
            (PracticeCertificateError::Character { position, found }, Lang::En) => format!(
                "Character {position} (\"{found}\") is not allowed: a practice certificate number has only digits."
            ),
            (PracticeCertificateError::Length { found }, Lang::Zh) => format!(
                "执业证书编码应为 15 位数字，您输入了 {found} 位。请对照执业证书核对。"
            ),
            (PracticeCertificateError::Length { found }, Lang::En) => format!(
                "A practice certificate number has 15 digits; you typed {found}. Check it against the certificate."
            ),
        }
    }
}

/// A practice certificate number (执业证书编码): exactly 15 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct PracticeCertificateNumber(String);

impl PracticeCertificateNumber {
    /// Parses what a user typed (surrounding spaces and full-width digits are
    /// accepted).
    pub fn parse(input: &str) -> Result<PracticeCertificateNumber, PracticeCertificateError> {
        let s = normalise(input);
        if s.is_empty() {
            return Err(PracticeCertificateError::Empty);
        }
        if let Some((i, c)) = s.chars().enumerate().find(|(_, c)| !c.is_ascii_digit()) {
            return Err(PracticeCertificateError::Character {
                position: i + 1,
                found: c,
            });
        }
        if s.len() != 15 {
            return Err(PracticeCertificateError::Length { found: s.len() });
        }
        Ok(PracticeCertificateNumber(s))
    }

    /// The 15 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for QualificationNumber {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        QualificationNumber::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl<'de> Deserialize<'de> for PracticeCertificateNumber {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        PracticeCertificateNumber::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use chrono::NaiveDate;

    use super::*;

    fn holder() -> ResidentId {
        ResidentId::parse(
            "11010519491231002X",
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn holder_cross_check_24_and_27() {
        for prefix in ["199811", "199811000"] {
            let n = format!("{prefix}11010519491231002x");
            let q = QualificationNumber::parse_for_holder(&n, &holder()).unwrap();
            assert_eq!(q.embedded_id(), Some(EmbeddedId::Current(holder())));
        }
        // old 15-digit number: 9 + 15 = 24 and 12 + 15 = 27
        for prefix in ["199811000", "199811000123"] {
            let n = format!("{prefix}110105491231002");
            let q = QualificationNumber::parse_for_holder(&n, &holder()).unwrap();
            assert!(matches!(q.embedded_id(), Some(EmbeddedId::Legacy(_))));
        }
    }

    #[test]
    fn refused_numbers() {
        let cases = [
            ("", "qualification.empty"),
            ("19981111010519491231002", "qualification.length"),
            ("19981111010519491231002X1", "qualification.length"),
            ("1998111101051949123100X2", "qualification.character"),
            ("199811110105194912310 02X", "qualification.character"),
            // last 18 fail the check character and last 15 are not an old ID
            ("199811110105194912310021", "qualification.embedded_id"),
        ];
        for (input, code) in cases {
            let e = QualificationNumber::parse(input).unwrap_err();
            assert_eq!(e.code(), code, "{input}");
            assert_ne!(e.message(Lang::Zh), e.message(Lang::En));
        }
        let other = "199811000110105491231004";
        assert_eq!(
            QualificationNumber::parse_for_holder(other, &holder())
                .unwrap_err()
                .code(),
            "qualification.holder_mismatch"
        );
    }

    #[test]
    fn practice_certificate_has_15_digits() {
        let n = PracticeCertificateNumber::parse(" １１０１１０００００１２３４５ ").unwrap();
        assert_eq!(n.as_str(), "110110000012345");
        for (input, code) in [
            ("", "practice_certificate.empty"),
            ("11011000001234", "practice_certificate.length"),
            ("1101100000123456", "practice_certificate.length"),
            ("11011000001234X", "practice_certificate.character"),
        ] {
            let e = PracticeCertificateNumber::parse(input).unwrap_err();
            assert_eq!(e.code(), code, "{input}");
            assert_ne!(e.message(Lang::Zh), e.message(Lang::En));
        }
    }
}
