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
//!   when it is among the most common ones, or contains the username or the
//!   ID number, because complexity rules alone still admit `P@ssw0rd`,
//!   `Aa123456` and `Woaini1314!`. The common ones are the more than a
//!   million that [`crate::common_passwords`] describes by a grammar (pinyin
//!   words and names, keyboard walks, digit patterns, dates, and their
//!   combinations, whatever the case and symbols), recognised without a
//!   table.
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

use crate::common_passwords;
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

/// Whether `haystack` contains `needle` whatever the case. The needles are
/// usernames and ID numbers, ASCII by their own rules, so ASCII case folding
/// finds them (and keeps Unicode's case tables out of the wasm).
fn contains_ci(haystack: &str, needle: Option<&str>) -> bool {
    match needle.map(str::trim) {
        Some(n) if n.chars().count() >= MIN_CONTAINED_LEN => haystack
            .to_ascii_lowercase()
            .contains(&n.to_ascii_lowercase()),
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
    /// Not a common password ([`common_passwords::is_common`]).
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
    /// A common password ([`common_passwords::is_common`]).
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
                    "这个密码太常见，容易被猜到，请换一个",
                    "This password is too common and easy to guess; choose another",
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
        PasswordReport {
            length_ok: (MIN_LEN..=MAX_LEN).contains(&length),
            classes_ok: classes >= MIN_CLASSES,
            not_common: !common_passwords::is_common(candidate),
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
            "医生Hushi2026",
            "Horse#Battery9",
            // The demo accounts' password.
            "Demo#2026pass",
        ] {
            assert_eq!(code(p), None, "{p}");
        }
        let p = Password::new("Horse#Battery9", "zhangsan", None).unwrap();
        assert_eq!(p.expose(), "Horse#Battery9");
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
            ("Password1!", "password.common"),
            ("Qwer1234", "password.common"),
            ("Abc@123456", "password.common"),
            ("Woaini1314!", "password.common"),
            ("Zhangwei@0815", "password.common"),
            // A profession and the year: as guessable as it looks.
            ("Yisheng#2026", "password.common"),
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
    fn the_favourites_are_common_whatever_the_case() {
        for p in [
            "123456",
            "password",
            "a123456",
            "qq123456",
            "woaini1314",
            "p@ssw0rd",
            "aa123456",
            "abc123456",
            "QQ123456",
            "WoAiNi520",
        ] {
            assert!(!Password::report(p, "u", None).not_common, "{p}");
        }
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
