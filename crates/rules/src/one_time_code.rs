//! The one-time codes sent by SMS or email (activation, recovery, a new
//! contact): six digits. The portal checks the format while typing and the
//! server before it spends a try on the comparison.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::i18n::{Lang, Localized};
use crate::text::normalise;

/// Digits in a code.
pub const LEN: usize = 6;

/// Why a code was refused before it was compared.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum CodeError {
    /// Nothing was typed.
    #[error("the code is empty")]
    Empty,
    /// Not six ASCII digits.
    #[error("a code has {LEN} digits")]
    Format,
}

impl Localized for CodeError {
    fn code(&self) -> &'static str {
        match self {
            CodeError::Empty => "code.empty",
            CodeError::Format => "code.format",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match self {
            CodeError::Empty => lang.pick("请输入验证码。", "Enter the code."),
            CodeError::Format => lang.pick("请输入 6 位数字验证码。", "Enter the 6-digit code."),
        }
        .into()
    }
}

/// Six digits, as typed (surrounding spaces and full-width digits of Chinese
/// input methods accepted). Its `Debug` never shows them.
#[derive(Clone, PartialEq, Eq)]
pub struct OneTimeCode(String);

impl OneTimeCode {
    /// Parses what a user typed.
    pub fn parse(input: &str) -> Result<OneTimeCode, CodeError> {
        let s = normalise(input);
        if s.is_empty() {
            return Err(CodeError::Empty);
        }
        if s.len() != LEN || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(CodeError::Format);
        }
        Ok(OneTimeCode(s))
    }

    /// The digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for OneTimeCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("OneTimeCode(******)")
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn six_digits_are_a_code() {
        assert_eq!(OneTimeCode::parse(" 012345 ").unwrap().as_str(), "012345");
        assert_eq!(
            OneTimeCode::parse("０１２３４５").unwrap().as_str(),
            "012345"
        );
        assert!(!format!("{:?}", OneTimeCode::parse("012345").unwrap()).contains("0123"));
    }

    #[test]
    fn anything_else_is_refused() {
        for (input, code) in [
            ("", "code.empty"),
            ("  ", "code.empty"),
            ("12345", "code.format"),
            ("1234567", "code.format"),
            ("12a456", "code.format"),
            ("12 456", "code.format"),
            ("１２３４５６７", "code.format"),
        ] {
            let e = OneTimeCode::parse(input).unwrap_err();
            assert_eq!(e.code(), code, "{input}");
            assert_ne!(e.message(Lang::Zh), e.message(Lang::En));
        }
    }
}
