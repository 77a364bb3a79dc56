//! The identifier of an e-license (电子证照标识), in the format of the national
//! e-license identifier scheme of the national integrated government-service
//! platform:
//!
//! ```text
//! 1.2.156.3005.2.<license type code>.<issuer code>.<serial>.<version>.<check>
//! ```
//!
//! - `1.2.156.3005.2`: the root of the scheme (the OID arc of the national
//!   e-license catalogue), the same for every license;
//! - license type code (证照类型代码): the unified social credit code of the
//!   department that defines the license type, followed by a 3-digit number;
//! - issuer code (颁发机构代码): the issuer's 18-character unified social credit
//!   code (GB 32100-2015);
//! - serial (流水号): the issuer's serial number of the license;
//! - version (版本号): 3 digits, `001` for the first version;
//! - check character (校验位): ISO/IEC 7064 MOD 37,36 (the hybrid system with
//!   M = 36 over the 36 characters `0`–`9` `A`–`Z`).
//!
//! **What the check character covers.** The published example
//! `1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U`
//! fixes the input: the check character is computed over the concatenation of
//! the four variable segments, *without* the dots and *without* the root,
//! i.e. over `11100000000013338W011` `11430000006122244L` `20230000403` `001`
//! (`U`). The root is a constant and is compared literally instead. (Trying
//! every run of consecutive segments with and without dots, this is the only
//! input that spans exactly the variable part; the other three runs that
//! happen to give `U` cover a part of the root or skip the version, which the
//! scheme would not do.)
//!
//! Parsing is strict (no case folding, no spaces), so that changing any single
//! character of a valid identifier makes it invalid: a change in the root or a
//! dot breaks the structure, a change anywhere else breaks the MOD 37,36
//! check, which detects every single substitution.

use std::fmt;

use crate::i18n::{Lang, Localized};

/// The constant root of every e-license identifier.
pub const ROOT: &str = "1.2.156.3005.2";

/// The 36 characters of ISO/IEC 7064 MOD 37,36, in value order.
const ALPHABET: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

fn value(c: u8) -> Option<u32> {
    match c {
        b'0'..=b'9' => Some(u32::from(c - b'0')),
        b'A'..=b'Z' => Some(u32::from(c - b'A') + 10),
        _ => None,
    }
}

/// The ISO/IEC 7064 MOD 37,36 hybrid check character of `data` (characters
/// `0`–`9`, `A`–`Z`, upper case only). `None` when `data` holds any other
/// character.
///
/// The hybrid system with M = 36: start with P = M; for each character of
/// value a, S = (P + a) mod M (0 counts as M), P = 2·S mod (M + 1); the
/// check value makes the final P·… sum equal 1, i.e. (M + 1 − P) mod M.
pub fn check_character(data: &str) -> Option<char> {
    const M: u32 = 36;
    let mut p = M;
    for &c in data.as_bytes() {
        let s = match (p + value(c)?) % M {
            0 => M,
            s => s,
        };
        p = (2 * s) % (M + 1);
    }
    Some(char::from(ALPHABET[((M + 1 - p) % M) as usize]))
}

/// Why a text is not a valid e-license identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LicenseIdError {
    /// It does not start with the scheme's root `1.2.156.3005.2.`.
    #[error("not an e-license identifier (root)")]
    Root,
    /// Not exactly five dot-separated parts after the root, or an empty part.
    #[error("wrong number of parts")]
    Parts,
    /// A part holds a character outside `0`–`9`, `A`–`Z`.
    #[error("invalid character")]
    Character,
    /// The issuer code is not 18 characters long.
    #[error("issuer code length")]
    Issuer,
    /// The version is not 3 digits.
    #[error("version")]
    Version,
    /// The check character does not match (a mistyped or altered identifier).
    #[error("check character")]
    Check,
}

impl Localized for LicenseIdError {
    fn code(&self) -> &'static str {
        match self {
            LicenseIdError::Root => "license_id.root",
            LicenseIdError::Parts => "license_id.parts",
            LicenseIdError::Character => "license_id.character",
            LicenseIdError::Issuer => "license_id.issuer",
            LicenseIdError::Version => "license_id.version",
            LicenseIdError::Check => "license_id.check",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match self {
            LicenseIdError::Root => lang.pick(
                "这不是电子证照标识（应以 1.2.156.3005.2. 开头）。",
                "This is not an e-license identifier (it must start with 1.2.156.3005.2.).",
            ),
            LicenseIdError::Parts | LicenseIdError::Character | LicenseIdError::Issuer => lang
                .pick(
                    "电子证照标识的格式不正确。",
                    "The e-license identifier is not in the right format.",
                ),
            LicenseIdError::Version => lang.pick(
                "电子证照标识的版本号应为 3 位数字。",
                "The version of the identifier must be 3 digits.",
            ),
            LicenseIdError::Check => lang.pick(
                "电子证照标识的校验位不正确，标识可能被录错或篡改。",
                "The check character does not match: the identifier was mistyped or altered.",
            ),
        }
        .to_owned()
    }
}

/// A valid e-license identifier (see the module documentation).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LicenseId {
    text: String,
}

fn is_code(part: &str) -> bool {
    !part.is_empty() && part.bytes().all(|b| value(b).is_some())
}

impl LicenseId {
    /// Builds the identifier of the given parts and computes its check
    /// character.
    pub fn new(
        type_code: &str,
        issuer: &str,
        serial: &str,
        version: u16,
    ) -> Result<LicenseId, LicenseIdError> {
        if version > 999 {
            return Err(LicenseIdError::Version);
        }
        let version = format!("{version:03}");
        for part in [type_code, issuer, serial] {
            if !is_code(part) {
                return Err(LicenseIdError::Character);
            }
        }
        if issuer.len() != 18 {
            return Err(LicenseIdError::Issuer);
        }
        let check = check_character(&format!("{type_code}{issuer}{serial}{version}"))
            .ok_or(LicenseIdError::Character)?;
        Ok(LicenseId {
            text: format!("{ROOT}.{type_code}.{issuer}.{serial}.{version}.{check}"),
        })
    }

    /// Parses an identifier exactly as written (upper case, no spaces).
    pub fn parse(text: &str) -> Result<LicenseId, LicenseIdError> {
        let rest = text
            .strip_prefix(ROOT)
            .and_then(|r| r.strip_prefix('.'))
            .ok_or(LicenseIdError::Root)?;
        let parts: Vec<&str> = rest.split('.').collect();
        let [type_code, issuer, serial, version, check] = parts[..] else {
            return Err(LicenseIdError::Parts);
        };
        if parts.iter().any(|p| p.is_empty()) {
            return Err(LicenseIdError::Parts);
        }
        if !parts.iter().all(|p| is_code(p)) {
            return Err(LicenseIdError::Character);
        }
        if issuer.len() != 18 {
            return Err(LicenseIdError::Issuer);
        }
        if version.len() != 3 || !version.bytes().all(|b| b.is_ascii_digit()) {
            return Err(LicenseIdError::Version);
        }
        let expected = check_character(&format!("{type_code}{issuer}{serial}{version}"))
            .ok_or(LicenseIdError::Character)?;
        if check.len() != 1 || !check.starts_with(expected) {
            return Err(LicenseIdError::Check);
        }
        Ok(LicenseId {
            text: text.to_owned(),
        })
    }

    /// The identifier's text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    fn part(&self, n: usize) -> &str {
        self.text[ROOT.len() + 1..].split('.').nth(n).unwrap_or("")
    }

    /// The license type code.
    pub fn type_code(&self) -> &str {
        self.part(0)
    }

    /// The issuer's unified social credit code.
    pub fn issuer(&self) -> &str {
        self.part(1)
    }

    /// The serial number.
    pub fn serial(&self) -> &str {
        self.part(2)
    }

    /// The version (1 for `001`).
    pub fn version(&self) -> u16 {
        self.part(3).parse().unwrap_or(0)
    }
}

impl fmt::Display for LicenseId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for LicenseId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "LicenseId({})", self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const EXAMPLE: &str =
        "1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.001.U";

    #[test]
    fn the_published_example_is_valid() {
        let id = LicenseId::parse(EXAMPLE).unwrap();
        assert_eq!(id.type_code(), "11100000000013338W011");
        assert_eq!(id.issuer(), "11430000006122244L");
        assert_eq!(id.serial(), "20230000403");
        assert_eq!(id.version(), 1);
        assert_eq!(id.to_string(), EXAMPLE);
    }

    #[test]
    fn the_check_covers_the_variable_segments_without_dots() {
        assert_eq!(
            check_character("11100000000013338W01111430000006122244L20230000403001"),
            Some('U')
        );
        let rebuilt = LicenseId::new(
            "11100000000013338W011",
            "11430000006122244L",
            "20230000403",
            1,
        )
        .unwrap();
        assert_eq!(rebuilt.as_str(), EXAMPLE);
    }

    #[test]
    fn changing_any_one_character_makes_it_invalid() {
        let bytes = EXAMPLE.as_bytes();
        let replacements = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcz.-* ";
        for i in 0..bytes.len() {
            for &r in replacements {
                if r == bytes[i] {
                    continue;
                }
                let mut changed = bytes.to_vec();
                changed[i] = r;
                let text = String::from_utf8(changed).unwrap();
                assert!(LicenseId::parse(&text).is_err(), "{text} should be invalid");
            }
        }
    }

    #[test]
    fn specific_errors() {
        assert_eq!(
            LicenseId::parse(&EXAMPLE.replace(".U", ".V")),
            Err(LicenseIdError::Check)
        );
        assert_eq!(
            LicenseId::parse(&EXAMPLE.replace("1.2.156", "1.2.157")),
            Err(LicenseIdError::Root)
        );
        assert_eq!(
            LicenseId::parse(&EXAMPLE.replace(".001.", ".01.")),
            Err(LicenseIdError::Version)
        );
        assert_eq!(
            LicenseId::parse(&EXAMPLE.replace("W011", "w011")),
            Err(LicenseIdError::Character)
        );
        assert_eq!(
            LicenseId::parse(&EXAMPLE.replace(".001.U", ".U")),
            Err(LicenseIdError::Parts)
        );
        assert_eq!(LicenseId::parse(""), Err(LicenseIdError::Root));
        assert_eq!(
            LicenseId::new("A", "SHORT", "1", 1),
            Err(LicenseIdError::Issuer)
        );
        assert_eq!(
            LicenseId::new("a", "11430000006122244L", "1", 1),
            Err(LicenseIdError::Character)
        );
        assert_eq!(
            LicenseId::new("A", "11430000006122244L", "1", 1000),
            Err(LicenseIdError::Version)
        );
    }

    #[test]
    fn more_computed_examples() {
        // Worked by hand with the recurrence of ISO/IEC 7064 (M = 36).
        assert_eq!(check_character(""), Some('1'));
        assert_eq!(check_character("0"), Some('2'));
        assert_eq!(check_character("A"), Some('H'));
        assert_eq!(check_character("a"), None);
        assert_eq!(check_character("1.2"), None);
        // Every identifier built by `new` parses back, and its check
        // character is the only one accepted.
        for serial in ["20260000001", "20260000002", "20269999999", "1"] {
            for version in [1, 2, 999] {
                let id = LicenseId::new(
                    "11100000000013338W011",
                    "11100000000013338W",
                    serial,
                    version,
                )
                .unwrap();
                assert_eq!(LicenseId::parse(id.as_str()), Ok(id.clone()));
                let (head, check) = id.as_str().rsplit_once('.').unwrap();
                let accepted = ALPHABET
                    .iter()
                    .filter(|&&c| LicenseId::parse(&format!("{head}.{}", char::from(c))).is_ok())
                    .count();
                assert_eq!(accepted, 1, "{head}.{check}");
            }
        }
    }

    #[test]
    fn errors_are_localized() {
        let e = LicenseIdError::Check;
        assert_eq!(e.code(), "license_id.check");
        assert!(e.message(Lang::Zh).contains("校验位"));
        assert!(e.message(Lang::En).contains("check character"));
    }
}
