//! The password policy of practitioner and institution accounts.
//!
//! # Why these rules
//!
//! * **Length and complexity.** China's Multi-Level Protection Scheme 2.0
//!   (等级保护 2.0, GB/T 22239-2019, "identification" control of the
//!   security computing environment) asks that passwords have complexity
//!   requirements. Common practice in its assessments is a minimum length of
//!   8 and at least three of the four character classes (lower case, upper
//!   case, digits, symbols); this is what the policy enforces. The maximum of
//!   128 characters allows passphrases and password managers while bounding
//!   the hashing work.
//! * **Blocklist.** Following NIST SP 800-63B §5.1.1.2, a password is refused
//!   when it is among the most common ones (compared case-insensitively), or
//!   contains the username or the ID number, because complexity rules alone
//!   still admit `P@ssw0rd` and `Aa123456`.
//! * **No forced rotation.** Also after NIST SP 800-63B, passwords do not
//!   expire periodically: forced rotation leads to predictable variants
//!   (`Abc12345!` → `Abc12346!`). Change is required only on evidence of
//!   compromise, which the server decides.
//!
//! The same function runs in the browser (a live checklist while typing) and
//! on the server (the authoritative check).

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::i18n::{Lang, Localized};

/// Shortest password, in characters.
pub const MIN_LEN: usize = 8;
/// Longest password, in characters.
pub const MAX_LEN: usize = 128;
/// How many of the four character classes a password needs.
pub const MIN_CLASSES: u8 = 3;
/// The username or ID number is looked for in the password only when it has
/// at least this many characters.
pub const MIN_CONTAINED_LEN: usize = 3;

/// Common passwords (lower case), from public leak statistics of Chinese and
/// international services. Compared case-insensitively with the whole
/// password.
pub const COMMON_PASSWORDS: &[&str] = &[
    "123456",
    "123456789",
    "12345678",
    "1234567890",
    "1234567",
    "12345",
    "111111",
    "000000",
    "888888",
    "666666",
    "123123",
    "654321",
    "987654321",
    "112233",
    "121212",
    "123321",
    "5201314",
    "1314520",
    "147258369",
    "11111111",
    "88888888",
    "00000000",
    "66666666",
    "12341234",
    "11223344",
    "password",
    "password1",
    "password123",
    "passw0rd",
    "p@ssw0rd",
    "p@ssword",
    "p@ssw0rd123",
    "admin",
    "admin123",
    "admin@123",
    "administrator",
    "root",
    "root123",
    "qwerty",
    "qwerty123",
    "qwertyuiop",
    "1qaz2wsx",
    "1qaz@wsx",
    "1q2w3e4r",
    "1q2w3e4r5t",
    "q1w2e3r4",
    "zaq12wsx",
    "asdfghjkl",
    "asd123456",
    "asdf1234",
    "abc123",
    "abc12345",
    "abc123456",
    "abcd1234",
    "abcd@1234",
    "a123456",
    "a12345678",
    "a123456789",
    "aa123456",
    "aa12345678",
    "aaa111",
    "a1b2c3d4",
    "qq123456",
    "qq5201314",
    "woaini",
    "woaini1314",
    "woaini520",
    "iloveyou",
    "iloveyou1",
    "5201314a",
    "1314520a",
    "zxcvbnm",
    "zxcvbnm123",
    "welcome",
    "welcome1",
    "welcome123",
    "letmein",
    "monkey",
    "dragon",
    "sunshine",
    "princess",
    "football",
    "baseball",
    "superman",
    "master",
    "shadow",
    "trustno1",
    "changeme",
    "test123",
    "test1234",
    "123qwe",
    "123abc",
    "qazwsx",
    "qazwsxedc",
    "huawei123",
    "huawei@123",
    "yisheng123",
    "hushi123",
    "doctor123",
    "nurse123",
    "china123",
    "zhongguo",
    "beijing",
    "abc@123",
    "abc@1234",
    "admin@1234",
    "p@55w0rd",
    "aa123456!",
    "aa@123456",
    "a1234567",
];

/// The four character classes of the complexity rule.
fn classes(candidate: &str) -> u8 {
    let lower = candidate.chars().any(char::is_lowercase);
    let upper = candidate.chars().any(char::is_uppercase);
    let digit = candidate.chars().any(|c| c.is_ascii_digit());
    let symbol = candidate
        .chars()
        .any(|c| !(c.is_lowercase() || c.is_uppercase() || c.is_ascii_digit()));
    [lower, upper, digit, symbol]
        .into_iter()
        .filter(|&b| b)
        .count() as u8
}

fn contains_ci(haystack: &str, needle: Option<&str>) -> bool {
    match needle.map(str::trim) {
        Some(n) if n.chars().count() >= MIN_CONTAINED_LEN => {
            haystack.to_lowercase().contains(&n.to_lowercase())
        }
        _ => false,
    }
}

/// Each requirement of the policy, for the live checklist of the sign-up
/// and change-password forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordReport {
    /// 8–128 characters.
    pub length_ok: bool,
    /// At least three of: lower case, upper case, digits, symbols.
    pub classes_ok: bool,
    /// Not one of [`COMMON_PASSWORDS`].
    pub not_common: bool,
    /// Does not contain the username.
    pub no_username: bool,
    /// Does not contain the ID number.
    pub no_id_number: bool,
    /// How many of the four classes the candidate has (for the checklist).
    pub classes: u8,
    /// The candidate's length in characters.
    pub length: usize,
}

impl PasswordReport {
    /// Whether every requirement is met.
    pub fn is_ok(&self) -> bool {
        self.failures().is_empty()
    }

    /// Each unmet requirement as an error, in the order of the checklist.
    pub fn failures(&self) -> Vec<PasswordError> {
        let mut out = Vec::new();
        if !self.length_ok {
            out.push(if self.length < MIN_LEN {
                PasswordError::TooShort { min: MIN_LEN }
            } else {
                PasswordError::TooLong { max: MAX_LEN }
            });
        }
        if !self.classes_ok {
            out.push(PasswordError::TooFewClasses {
                found: self.classes,
                required: MIN_CLASSES,
            });
        }
        if !self.not_common {
            out.push(PasswordError::Common);
        }
        if !self.no_username {
            out.push(PasswordError::ContainsUsername);
        }
        if !self.no_id_number {
            out.push(PasswordError::ContainsIdNumber);
        }
        out
    }
}

/// Why a password was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum PasswordError {
    /// Shorter than 8 characters.
    #[error("the password is shorter than {min} characters")]
    TooShort {
        /// The minimum.
        min: usize,
    },
    /// Longer than 128 characters.
    #[error("the password is longer than {max} characters")]
    TooLong {
        /// The maximum.
        max: usize,
    },
    /// Fewer than three character classes.
    #[error("the password has {found} of the {required} required character classes")]
    TooFewClasses {
        /// Classes present.
        found: u8,
        /// Classes required.
        required: u8,
    },
    /// One of the most common passwords.
    #[error("the password is too common")]
    Common,
    /// Contains the username.
    #[error("the password contains the username")]
    ContainsUsername,
    /// Contains the ID number.
    #[error("the password contains the ID number")]
    ContainsIdNumber,
}

impl Localized for PasswordError {
    fn code(&self) -> &'static str {
        match self {
            PasswordError::TooShort { .. } => "password.too_short",
            PasswordError::TooLong { .. } => "password.too_long",
            PasswordError::TooFewClasses { .. } => "password.classes",
            PasswordError::Common => "password.common",
            PasswordError::ContainsUsername => "password.contains_username",
            PasswordError::ContainsIdNumber => "password.contains_id_number",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (PasswordError::TooShort { min }, Lang::Zh) => format!("密码至少 {min} 位。"),
            (PasswordError::TooShort { min }, Lang::En) => {
                format!("Use at least {min} characters.")
            }
            (PasswordError::TooLong { max }, Lang::Zh) => format!("密码最多 {max} 位。"),
            (PasswordError::TooLong { max }, Lang::En) => {
                format!("Use at most {max} characters.")
            }
            (PasswordError::TooFewClasses { found, required }, Lang::Zh) => format!(
                "密码需包含小写字母、大写字母、数字、符号中的至少 {required} 类，当前只有 {found} 类。"
            ),
            (PasswordError::TooFewClasses { found, required }, Lang::En) => format!(
                "Use at least {required} of: lower-case letters, capital letters, digits, symbols (you have {found})."
            ),
            (PasswordError::Common, _) => lang
                .pick(
                    "这是最常见的密码之一，很容易被猜中。请换一个，例如由几个不相关的词和数字组成的长密码。",
                    "This is one of the most common passwords and is easily guessed. Choose another, for example a long one made of unrelated words and digits.",
                )
                .into(),
            (PasswordError::ContainsUsername, _) => lang
                .pick(
                    "密码不能包含用户名。",
                    "The password must not contain your username.",
                )
                .into(),
            (PasswordError::ContainsIdNumber, _) => lang
                .pick(
                    "密码不能包含身份证号码。",
                    "The password must not contain your ID number.",
                )
                .into(),
        }
    }
}

/// A password that meets the policy. Its `Debug` never shows it and it is
/// not serialisable, so it cannot leak into logs or responses by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    /// Checks each requirement of the policy against the candidate.
    /// `username` and `id_number` are looked for case-insensitively, only when
    /// they have at least 3 characters.
    pub fn report(candidate: &str, username: &str, id_number: Option<&str>) -> PasswordReport {
        let length = candidate.chars().count();
        let classes = classes(candidate);
        let lower = candidate.to_lowercase();
        PasswordReport {
            length_ok: (MIN_LEN..=MAX_LEN).contains(&length),
            classes_ok: classes >= MIN_CLASSES,
            not_common: !COMMON_PASSWORDS.contains(&lower.as_str()),
            no_username: !contains_ci(candidate, Some(username)),
            no_id_number: !contains_ci(candidate, id_number),
            classes,
            length,
        }
    }

    /// The first unmet requirement, if any (the order of
    /// [`PasswordReport::failures`]).
    pub fn check(
        candidate: &str,
        username: &str,
        id_number: Option<&str>,
    ) -> Result<(), PasswordError> {
        match Self::report(candidate, username, id_number)
            .failures()
            .into_iter()
            .next()
        {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Checks the candidate and keeps it for hashing.
    pub fn new(
        candidate: &str,
        username: &str,
        id_number: Option<&str>,
    ) -> Result<Password, PasswordError> {
        Self::check(candidate, username, id_number)?;
        Ok(Password(candidate.to_string()))
    }

    /// The password itself, to hash it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    const ID: &str = "11010519491231002X";

    fn code(candidate: &str) -> Option<&'static str> {
        Password::check(candidate, "zhangsan", Some(ID))
            .err()
            .map(|e| e.code())
    }

    #[test]
    fn good_passwords() {
        for p in [
            "Xuehua-Piaopiao7",
            "correct horse Battery",
            "Yisheng#2026",
            "医生Hushi2026",
        ] {
            assert_eq!(code(p), None, "{p}");
        }
        let p = Password::new("Yisheng#2026", "zhangsan", None).unwrap();
        assert_eq!(p.expose(), "Yisheng#2026");
        assert_eq!(format!("{p:?}"), "Password(***)");
    }

    #[test]
    fn each_requirement() {
        let cases = [
            ("Ab1!", "password.too_short"),
            ("Ab1!Ab1", "password.too_short"),
            ("yishenghushi", "password.classes"),
            ("yisheng2026", "password.classes"),
            ("P@ssw0rd", "password.common"),
            ("Aa123456", "password.common"),
            ("aa123456!", "password.common"),
            ("Zhangsan@2026", "password.contains_username"),
            ("Xy#11010519491231002x", "password.contains_id_number"),
        ];
        for (p, expected) in cases {
            assert_eq!(code(p), Some(expected), "{p}");
        }
        let long = format!("Aa1!{}", "x".repeat(125));
        assert_eq!(code(&long), Some("password.too_long"));
        assert_eq!(code(&long[..128]), None);
    }

    #[test]
    fn common_list_is_lower_case_and_holds_the_favourites() {
        assert!(COMMON_PASSWORDS.len() >= 100);
        for p in COMMON_PASSWORDS {
            assert_eq!(*p, p.to_lowercase());
        }
        for p in [
            "123456",
            "password",
            "a123456",
            "qq123456",
            "woaini1314",
            "p@ssw0rd",
            "aa123456",
            "abc123456",
        ] {
            assert!(COMMON_PASSWORDS.contains(&p), "{p}");
        }
        // case-insensitive
        assert!(!Password::report("QQ123456", "u", None).not_common);
    }

    #[test]
    fn short_username_or_id_is_not_looked_for() {
        let r = Password::report("Ab#ab1234", "ab", Some("12"));
        assert!(r.no_username && r.no_id_number);
        let r = Password::report("Ab#abc1234", "ABC", None);
        assert!(!r.no_username);
    }

    #[test]
    fn report_lists_every_failure() {
        let r = Password::report("zhang", "zhang", None);
        let codes: Vec<_> = r.failures().iter().map(|e| e.code()).collect();
        assert_eq!(
            codes,
            [
                "password.too_short",
                "password.classes",
                "password.contains_username"
            ]
        );
        assert!(!r.is_ok());
        for e in r.failures() {
            assert_ne!(e.message(Lang::Zh), e.message(Lang::En));
        }
    }
}
