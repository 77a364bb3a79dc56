//! Email addresses (电子邮箱).
//!
//! A deliberately simple structural check, not the full grammar of RFC 5322:
//! the address is proved by the verification mail the seed notice asks for,
//! so the parser only catches typing mistakes. Limits from RFC 5321 §4.5.3.1
//! (local part at most 64 octets, address at most 254) and RFC 1035 (domain
//! labels of letters, digits and hyphens, at most 63 octets).

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::i18n::{Lang, Localized};
use crate::text::half_width;

/// Longest address accepted (RFC 5321 path limit less the angle brackets).
pub const MAX_LEN: usize = 254;
/// Longest local part accepted (RFC 5321).
pub const MAX_LOCAL_LEN: usize = 64;

/// Why an email address was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum EmailError {
    /// Nothing was typed.
    #[error("the email address is empty")]
    Empty,
    /// Longer than 254 characters.
    #[error("the email address is longer than 254 characters")]
    TooLong,
    /// Spaces inside the address.
    #[error("the email address contains a space")]
    Whitespace,
    /// No `@`.
    #[error("the email address has no @")]
    MissingAt,
    /// More than one `@`.
    #[error("the email address has more than one @")]
    MultipleAt,
    /// Nothing before the `@`.
    #[error("nothing before the @")]
    LocalEmpty,
    /// More than 64 characters before the `@`.
    #[error("more than 64 characters before the @")]
    LocalTooLong,
    /// A character not allowed before the `@`.
    #[error("invalid character {found:?} before the @")]
    LocalCharacter {
        /// The character found.
        found: char,
    },
    /// The domain has no dot (e.g. `name@qq`).
    #[error("the domain has no dot")]
    DomainNoDot,
    /// A domain label is empty, too long, starts or ends with a hyphen, or
    /// has a character other than letters, digits and hyphens.
    #[error("invalid domain part {label:?}")]
    DomainLabel {
        /// The offending label.
        label: String,
    },
}

impl Localized for EmailError {
    fn code(&self) -> &'static str {
        match self {
            EmailError::Empty => "email.empty",
            EmailError::TooLong => "email.too_long",
            EmailError::Whitespace => "email.whitespace",
            EmailError::MissingAt => "email.missing_at",
            EmailError::MultipleAt => "email.multiple_at",
            EmailError::LocalEmpty => "email.local_empty",
            EmailError::LocalTooLong => "email.local_too_long",
            EmailError::LocalCharacter { .. } => "email.local_character",
            EmailError::DomainNoDot => "email.domain_no_dot",
            EmailError::DomainLabel { .. } => "email.domain_label",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (EmailError::Empty, _) => lang
                .pick("请输入电子邮箱。", "Enter your email address.")
                .into(),
            (EmailError::TooLong, _) => lang
                .pick(
                    "电子邮箱不能超过 254 个字符。",
                    "An email address has at most 254 characters.",
                )
                .into(),
            (EmailError::Whitespace, _) => lang
                .pick(
                    "电子邮箱中不能有空格，请删除空格。",
                    "An email address has no spaces; remove them.",
                )
                .into(),
            (EmailError::MissingAt, _) => lang
                .pick(
                    "电子邮箱缺少“@”，格式如 zhangsan@example.com。",
                    "The address has no \"@\"; it looks like zhangsan@example.com.",
                )
                .into(),
            (EmailError::MultipleAt, _) => lang
                .pick(
                    "电子邮箱只能有一个“@”。",
                    "An email address has exactly one \"@\".",
                )
                .into(),
            (EmailError::LocalEmpty, _) => lang
                .pick(
                    "“@”前面缺少用户名。",
                    "The part before the \"@\" is missing.",
                )
                .into(),
            (EmailError::LocalTooLong, _) => lang
                .pick(
                    "“@”前面的部分不能超过 64 个字符。",
                    "The part before the \"@\" has at most 64 characters.",
                )
                .into(),
            (EmailError::LocalCharacter { found }, Lang::Zh) => {
                format!("“@”前面不能有“{found}”。请使用字母、数字或 . _ - + 等符号。")
            }
            (EmailError::LocalCharacter { found }, Lang::En) => format!(
                "\"{found}\" is not allowed before the \"@\". Use letters, digits or symbols such as . _ - +."
            ),
            (EmailError::DomainNoDot, _) => lang
                .pick(
                    "“@”后面的域名不完整，例如应为 qq.com 而不是 qq。",
                    "The domain after the \"@\" is incomplete: for example qq.com, not qq.",
                )
                .into(),
            (EmailError::DomainLabel { label }, Lang::Zh) => format!(
                "域名中的“{label}”无效：域名只能包含字母、数字和连字符，各段之间用一个点分隔。"
            ),
            (EmailError::DomainLabel { label }, Lang::En) => format!(
                "\"{label}\" is not valid in a domain: use letters, digits and hyphens, with single dots between the parts."
            ),
        }
    }
}

/// Characters allowed in the local part besides ASCII letters and digits
/// (the `atext` of RFC 5322, plus the dot).
const LOCAL_SYMBOLS: &str = ".!#$%&'*+/=?^_`{|}~-";

fn check_label(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= 63
        && !label.starts_with('-')
        && !label.ends_with('-')
        && label
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// An email address that passed the structural check; the domain is lower
/// case (domains are case-insensitive, the local part is kept as typed).
#[derive(Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    /// Parses what a user typed. Full-width characters and the ideographic
    /// full stop `。` (typed by Chinese input methods) become ASCII; spaces
    /// around the address are removed.
    pub fn parse(input: &str) -> Result<Email, EmailError> {
        let s: String = input
            .chars()
            .map(|c| if c == '。' { '.' } else { half_width(c) })
            .collect();
        let s = s.trim();
        if s.is_empty() {
            return Err(EmailError::Empty);
        }
        if s.chars().any(char::is_whitespace) {
            return Err(EmailError::Whitespace);
        }
        if s.chars().count() > MAX_LEN {
            return Err(EmailError::TooLong);
        }
        let (local, domain) = s.split_once('@').ok_or(EmailError::MissingAt)?;
        if domain.contains('@') {
            return Err(EmailError::MultipleAt);
        }
        if local.is_empty() {
            return Err(EmailError::LocalEmpty);
        }
        if local.chars().count() > MAX_LOCAL_LEN {
            return Err(EmailError::LocalTooLong);
        }
        if let Some(found) = local
            .chars()
            .find(|&c| !(c.is_ascii_alphanumeric() || LOCAL_SYMBOLS.contains(c)))
        {
            return Err(EmailError::LocalCharacter { found });
        }
        if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
            return Err(EmailError::LocalCharacter { found: '.' });
        }
        let domain = domain.to_ascii_lowercase();
        if !domain.contains('.') {
            return Err(EmailError::DomainNoDot);
        }
        if let Some(label) = domain.split('.').find(|l| !check_label(l)) {
            return Err(EmailError::DomainLabel {
                label: label.into(),
            });
        }
        Ok(Email(format!("{local}@{domain}")))
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The domain (after the `@`), lower case.
    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(_, d)| d)
    }

    /// The address for display: the first character of the local part, three
    /// asterisks and the domain, e.g. `z***@example.com`.
    pub fn masked(&self) -> String {
        let first = self.0.chars().next().unwrap_or('*');
        format!("{first}***@{}", self.domain())
    }
}

impl fmt::Debug for Email {
    /// Masked, so that logs never carry the full address.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Email({})", self.masked())
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Email {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Email::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn accepted() {
        let cases = [
            ("zhangsan@example.com", "zhangsan@example.com"),
            ("  Zhang.San+x@Example.COM ", "Zhang.San+x@example.com"),
            ("１２３４５６@qq。com", "123456@qq.com"),
            ("ｚｈａｎｇ＠１６３．ｃｏｍ", "zhang@163.com"),
            ("a@mail.hospital-1.gov.cn", "a@mail.hospital-1.gov.cn"),
        ];
        for (input, expected) in cases {
            assert_eq!(Email::parse(input).unwrap().as_str(), expected, "{input}");
        }
        let e = Email::parse("zhangsan@example.com").unwrap();
        assert_eq!(e.masked(), "z***@example.com");
        assert_eq!(e.domain(), "example.com");
        assert_eq!(format!("{e:?}"), "Email(z***@example.com)");
    }

    #[test]
    fn refused() {
        let long_local = format!("{}@example.com", "a".repeat(65));
        let long_all = format!("a@{}.com", "b.".repeat(130));
        let cases = [
            ("", "email.empty"),
            ("zhang san@qq.com", "email.whitespace"),
            ("zhangsan.qq.com", "email.missing_at"),
            ("a@b@qq.com", "email.multiple_at"),
            ("@qq.com", "email.local_empty"),
            (long_local.as_str(), "email.local_too_long"),
            (long_all.as_str(), "email.too_long"),
            ("张三@qq.com", "email.local_character"),
            ("a..b@qq.com", "email.local_character"),
            (".ab@qq.com", "email.local_character"),
            ("zhangsan@qq", "email.domain_no_dot"),
            ("zhangsan@qq..com", "email.domain_label"),
            ("zhangsan@-qq.com", "email.domain_label"),
            ("zhangsan@qq_mail.com", "email.domain_label"),
            ("zhangsan@qq.com.", "email.domain_label"),
        ];
        for (input, code) in cases {
            let e = Email::parse(input).unwrap_err();
            assert_eq!(e.code(), code, "{input}");
            assert_ne!(e.message(Lang::Zh), e.message(Lang::En));
        }
    }
}
