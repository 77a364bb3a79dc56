//! Administrative division codes (行政区划代码) of health authorities and
//! institutions: 2 digits a province (14 Shanxi), 4 a city (4403 Shenzhen),
//! 6 a county. The national authority has no code: it sees every division.
//! An authority sees an institution when the institution's code starts with
//! the authority's.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::i18n::{Lang, Localized};

/// Why a division code was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum DivisionError {
    /// Not 2, 4 or 6 digits.
    #[error("a division code has 2, 4 or 6 digits")]
    Shape,
    /// The code is outside the authority's own division.
    #[error("outside the authority's division")]
    Outside,
}

impl Localized for DivisionError {
    fn code(&self) -> &'static str {
        match self {
            DivisionError::Shape => "division.shape",
            DivisionError::Outside => "division.outside",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match self {
            DivisionError::Shape => lang.pick(
                "行政区划代码应为 2、4 或 6 位数字（如 14 山西省、4403 深圳市）。",
                "A division code has 2, 4 or 6 digits (14 Shanxi, 4403 Shenzhen).",
            ),
            DivisionError::Outside => lang.pick(
                "该行政区划不在本主管部门的管辖范围内。",
                "This division is outside your authority's region.",
            ),
        }
        .into()
    }
}

/// A division code, or the whole country.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Division(String);

impl Division {
    /// The whole country (the national authority).
    pub fn national() -> Division {
        Division(String::new())
    }

    /// Reads a code: 2, 4 or 6 ASCII digits, not starting with `00`;
    /// `national`, `全国` or `0` for the whole country.
    pub fn parse(text: &str) -> Result<Division, DivisionError> {
        let text = text.trim();
        if matches!(text, "national" | "全国" | "0" | "") {
            return Ok(Division::national());
        }
        let digits = text.bytes().all(|b| b.is_ascii_digit());
        if !digits || !matches!(text.len(), 2 | 4 | 6) || text.starts_with("00") {
            return Err(DivisionError::Shape);
        }
        Ok(Division(text.to_owned()))
    }

    /// Reads a stored code ('' is national) without checking it.
    pub fn from_stored(code: &str) -> Division {
        Division(code.to_owned())
    }

    /// The code as stored ('' for the whole country).
    pub fn code(&self) -> &str {
        &self.0
    }

    /// Whether this is the whole country.
    pub fn is_national(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `other` lies within this division (itself included).
    pub fn contains(&self, other: &Division) -> bool {
        other.0.starts_with(&self.0)
    }

    /// The province part (first 2 digits), as institutions' `region` keeps it.
    pub fn province(&self) -> &str {
        self.0.get(..2).unwrap_or("")
    }
}

impl fmt::Display for Division {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_national() {
            f.write_str("全国")
        } else {
            f.write_str(&self.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_provinces_cities_counties_and_the_country() {
        assert_eq!(Division::parse("14").unwrap().code(), "14");
        assert_eq!(Division::parse(" 4403 ").unwrap().code(), "4403");
        assert_eq!(Division::parse("440305").unwrap().code(), "440305");
        assert!(Division::parse("national").unwrap().is_national());
        for bad in ["1", "443", "44030", "4403051", "00", "44a3", "４４"] {
            assert_eq!(Division::parse(bad), Err(DivisionError::Shape), "{bad}");
        }
    }

    #[test]
    fn containment_is_by_prefix() {
        let shenzhen = Division::parse("4403").unwrap();
        let nanshan = Division::parse("440305").unwrap();
        let shanxi = Division::parse("14").unwrap();
        assert!(shenzhen.contains(&nanshan));
        assert!(shenzhen.contains(&shenzhen));
        assert!(!shenzhen.contains(&shanxi));
        assert!(!nanshan.contains(&shenzhen));
        assert!(Division::national().contains(&shanxi));
        assert_eq!(nanshan.province(), "44");
    }
}
