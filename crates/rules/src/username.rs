//! Usernames of portal accounts.
//!
//! A username is 4–32 ASCII letters, digits or underscores and starts with a
//! letter: it appears in the institution's admin pages and is read out in
//! support calls, so it must survive any keyboard and any phone line.
//! Comparison is case-insensitive (the server stores it `COLLATE NOCASE`).

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::i18n::{Lang, Localized};
use crate::text::normalise;

/// Shortest username.
pub const MIN_LEN: usize = 4;
/// Longest username.
pub const MAX_LEN: usize = 32;

/// Why a username was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum UsernameError {
    /// Nothing was typed.
    #[error("the username is empty")]
    Empty,
    /// Fewer than 4 or more than 32 characters.
    #[error("the username has {found} characters, expected 4 to 32")]
    Length {
        /// Characters typed.
        found: usize,
    },
    /// The first character is not an ASCII letter.
    #[error("a username starts with a letter")]
    Start,
    /// A character other than ASCII letters, digits and `_`.
    #[error("invalid character {found:?}")]
    Character {
        /// The character found.
        found: char,
    },
}

impl Localized for UsernameError {
    fn code(&self) -> &'static str {
        match self {
            UsernameError::Empty => "username.empty",
            UsernameError::Length { .. } => "username.length",
            UsernameError::Start => "username.start",
            UsernameError::Character { .. } => "username.character",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (UsernameError::Empty, _) => lang.pick("请输入用户名。", "Enter a username.").into(),
            (UsernameError::Length { found }, Lang::Zh) => {
                format!("用户名应为 {MIN_LEN}–{MAX_LEN} 位，您输入了 {found} 位。")
            }
            (UsernameError::Length { found }, Lang::En) => {
                format!("A username has {MIN_LEN} to {MAX_LEN} characters; you typed {found}.")
            }
            (UsernameError::Start, _) => lang
                .pick(
                    "用户名须以英文字母开头。",
                    "A username starts with a letter (a–z).",
                )
                .into(),
            (UsernameError::Character { found }, Lang::Zh) => {
                format!("用户名中不能有“{found}”，只能使用英文字母、数字和下划线。")
            }
            (UsernameError::Character { found }, Lang::En) => format!(
                "\"{found}\" is not allowed in a username; use letters, digits and underscores."
            ),
        }
    }
}

/// A valid username, as typed (case kept; compare with
/// [`Username::eq_ignore_case`]).
#[derive(Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Username(String);

impl Username {
    /// Parses what a user typed: surrounding spaces and full-width letters of
    /// Chinese input methods are accepted.
    pub fn parse(input: &str) -> Result<Username, UsernameError> {
        let s = normalise(input);
        if s.is_empty() {
            return Err(UsernameError::Empty);
        }
        if let Some(found) = s
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '_'))
        {
            return Err(UsernameError::Character { found });
        }
        if !s.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return Err(UsernameError::Start);
        }
        let found = s.len();
        if !(MIN_LEN..=MAX_LEN).contains(&found) {
            return Err(UsernameError::Length { found });
        }
        Ok(Username(s))
    }

    /// The username.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Usernames are unique regardless of case.
    pub fn eq_ignore_case(&self, other: &str) -> bool {
        self.0.eq_ignore_ascii_case(other)
    }
}

impl fmt::Debug for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Username({})", self.0)
    }
}

impl fmt::Display for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Username {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Username::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn accepted() {
        for (input, expected) in [
            ("zhangwei", "zhangwei"),
            ("  Zhang_Wei2 ", "Zhang_Wei2"),
            ("ａｂｃｄ", "abcd"),
            ("abcd", "abcd"),
            (&"a".repeat(32), &"a".repeat(32)),
        ] {
            assert_eq!(
                Username::parse(input).unwrap().as_str(),
                expected,
                "{input}"
            );
        }
        assert!(Username::parse("ZhangWei")
            .unwrap()
            .eq_ignore_case("zhangwei"));
    }

    #[test]
    fn refused() {
        let long = "a".repeat(33);
        let cases = [
            ("", "username.empty"),
            ("   ", "username.empty"),
            ("abc", "username.length"),
            (long.as_str(), "username.length"),
            ("1abcd", "username.start"),
            ("_abcd", "username.start"),
            ("zhang wei", "username.character"),
            ("zhang-wei", "username.character"),
            ("张伟abcd", "username.character"),
            ("zhangwei@", "username.character"),
        ];
        for (input, code) in cases {
            let e = Username::parse(input).unwrap_err();
            assert_eq!(e.code(), code, "{input}");
            assert_ne!(e.message(Lang::Zh), e.message(Lang::En));
        }
    }
}
