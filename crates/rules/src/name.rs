//! Person names (姓名) as printed on the ID card and the certificates.
//!
//! Sources: names of Chinese citizens are written in Chinese characters; the
//! names of ethnic-minority citizens transliterated into Chinese separate
//! their parts with the middle dot `·` (U+00B7), the form the Ministry of
//! Public Security prescribes on ID cards. Foreign practitioners use Latin
//! letters as on the passport. The lengths (2–25 Chinese characters, 2–60
//! Latin characters) follow the field sizes of the registration system
//! given in the seed notice's data specification.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::i18n::{Lang, Localized};
use crate::text::half_width;

/// Shortest and longest Chinese name, in characters (dots included).
pub const CHINESE_LEN: (usize, usize) = (2, 25);
/// Shortest and longest Latin name, in characters (spaces included).
pub const LATIN_LEN: (usize, usize) = (2, 60);

/// The middle dot of minority names.
pub const MIDDLE_DOT: char = '\u{00B7}';

/// Which script a name is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Script {
    /// Chinese characters (汉字), with `·` between the parts of minority names.
    Chinese,
    /// Latin letters, as on a passport.
    Latin,
}

/// Why a name was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum NameError {
    /// Nothing was typed.
    #[error("the name is empty")]
    Empty,
    /// The name has digits.
    #[error("the name contains a digit")]
    Digit,
    /// Chinese characters and Latin letters in one name.
    #[error("the name mixes Chinese characters and Latin letters")]
    MixedScripts,
    /// A character that belongs in no name (symbols, emoji, other scripts).
    #[error("invalid character {found:?}")]
    Character {
        /// The character found.
        found: char,
    },
    /// A `·` at the start or the end, or two in a row.
    #[error("misplaced middle dot")]
    Dot,
    /// Too short.
    #[error("the name is too short (at least {min} characters)")]
    TooShort {
        /// The script of the name.
        script: Script,
        /// The minimum.
        min: usize,
    },
    /// Too long.
    #[error("the name is too long (at most {max} characters)")]
    TooLong {
        /// The script of the name.
        script: Script,
        /// The maximum.
        max: usize,
    },
}

impl Localized for NameError {
    fn code(&self) -> &'static str {
        match self {
            NameError::Empty => "name.empty",
            NameError::Digit => "name.digit",
            NameError::MixedScripts => "name.mixed_scripts",
            NameError::Character { .. } => "name.character",
            NameError::Dot => "name.dot",
            NameError::TooShort { .. } => "name.too_short",
            NameError::TooLong { .. } => "name.too_long",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (NameError::Empty, _) => lang
                .pick("请输入姓名。", "Enter your name.")
                .into(),
            (NameError::Digit, _) => lang
                .pick(
                    "姓名中不能有数字，请按身份证上的姓名填写。",
                    "A name has no digits. Type it as on your ID card or passport.",
                )
                .into(),
            (NameError::MixedScripts, _) => lang
                .pick(
                    "姓名不能同时包含汉字和英文字母。中国公民请填写身份证上的中文姓名；外籍人员请填写护照上的英文姓名。",
                    "A name cannot mix Chinese characters and Latin letters. Chinese citizens type the Chinese name on the ID card; foreign nationals the Latin name on the passport.",
                )
                .into(),
            (NameError::Character { found }, Lang::Zh) => format!(
                "姓名中不能有“{found}”。中文姓名只含汉字和间隔号“·”；英文姓名只含字母、空格、连字符、撇号和点。"
            ),
            (NameError::Character { found }, Lang::En) => format!(
                "\"{found}\" is not allowed in a name. A Chinese name has Chinese characters and the middle dot \"·\"; a Latin name has letters, spaces, hyphens, apostrophes and dots."
            ),
            (NameError::Dot, _) => lang
                .pick(
                    "间隔号“·”只能出现在姓名各部分之间，不能在开头或结尾，也不能连续出现。",
                    "The middle dot \"·\" goes between the parts of a name: not at the start or the end, and never two in a row.",
                )
                .into(),
            (NameError::TooShort { script, min }, Lang::Zh) => match script {
                Script::Chinese => format!("中文姓名至少 {min} 个字。"),
                Script::Latin => format!("英文姓名至少 {min} 个字符。"),
            },
            (NameError::TooShort { script, min }, Lang::En) => match script {
                Script::Chinese => format!("A Chinese name has at least {min} characters."),
                Script::Latin => format!("A Latin name has at least {min} characters."),
            },
            (NameError::TooLong { script, max }, Lang::Zh) => match script {
                Script::Chinese => format!("中文姓名最多 {max} 个字（含间隔号）。"),
                Script::Latin => format!("英文姓名最多 {max} 个字符（含空格）。"),
            },
            (NameError::TooLong { script, max }, Lang::En) => match script {
                Script::Chinese => format!(
                    "A Chinese name has at most {max} characters, middle dots included."
                ),
                Script::Latin => {
                    format!("A Latin name has at most {max} characters, spaces included.")
                }
            },
        }
    }
}

/// CJK unified ideographs: the basic block, extensions A to H, the
/// compatibility ideographs and `〇`.
fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3007}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2A6DF}'
        | '\u{2A700}'..='\u{2EE5F}'
        | '\u{30000}'..='\u{323AF}')
}

/// Letters of the Latin script: ASCII, Latin-1 and Latin Extended-A/B
/// (accented letters of passports), without `×` and `÷`.
fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (matches!(c, '\u{00C0}'..='\u{024F}') && c != '\u{00D7}' && c != '\u{00F7}')
}

/// Dots typed for `·` by various input methods: katakana middle dot, bullet,
/// half-width katakana middle dot, hyphenation point, dot operator.
fn is_dot_variant(c: char) -> bool {
    matches!(
        c,
        '\u{00B7}' | '\u{30FB}' | '\u{2022}' | '\u{FF65}' | '\u{2027}' | '\u{22C5}'
    )
}

/// A person's name, normalised: trimmed, inner whitespace collapsed (removed
/// in Chinese names), every dot variant of a Chinese name turned into `·`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct PersonName(String);

impl PersonName {
    /// Parses what a user typed.
    ///
    /// A name with any Chinese character is a Chinese name: Chinese
    /// characters and `·` only (the variants `・`, `•`, `･`, `‧`, `⋅` are
    /// turned into `·`), no `·` at the start, at the end or twice in a row,
    /// 2–25 characters; spaces between the characters are dropped. Any other
    /// name is a Latin name: Latin letters, spaces, hyphens, apostrophes and
    /// dots, beginning with a letter, 2–60 characters, runs of spaces
    /// collapsed to one. Digits and mixed scripts are refused with their own
    /// errors.
    pub fn parse(input: &str) -> Result<PersonName, NameError> {
        let chars: Vec<char> = input
            .chars()
            .map(half_width)
            .map(|c| if c == '\u{2019}' { '\'' } else { c })
            .collect();
        let words: Vec<String> = chars
            .split(|c| c.is_whitespace())
            .filter(|w| !w.is_empty())
            .map(|w| w.iter().collect())
            .collect();
        if words.is_empty() {
            return Err(NameError::Empty);
        }
        if chars.iter().any(|&c| c.is_numeric() && !is_han(c)) {
            return Err(NameError::Digit);
        }
        let han = chars.iter().any(|&c| is_han(c));
        let latin = chars.iter().any(|&c| is_latin_letter(c));
        if han && latin {
            return Err(NameError::MixedScripts);
        }
        if han {
            Self::chinese(&words.concat())
        } else {
            Self::latin(&words.join(" "))
        }
    }

    fn chinese(s: &str) -> Result<PersonName, NameError> {
        let s: String = s
            .chars()
            .map(|c| if is_dot_variant(c) { MIDDLE_DOT } else { c })
            .collect();
        if let Some(found) = s.chars().find(|&c| !(is_han(c) || c == MIDDLE_DOT)) {
            return Err(NameError::Character { found });
        }
        if s.starts_with(MIDDLE_DOT) || s.ends_with(MIDDLE_DOT) || s.contains("··") {
            return Err(NameError::Dot);
        }
        Self::length(s, Script::Chinese, CHINESE_LEN)
    }

    fn latin(s: &str) -> Result<PersonName, NameError> {
        if let Some(found) = s
            .chars()
            .find(|&c| !(is_latin_letter(c) || matches!(c, ' ' | '-' | '\'' | '.')))
        {
            return Err(NameError::Character { found });
        }
        if let Some(found) = s.chars().next().filter(|&c| !is_latin_letter(c)) {
            return Err(NameError::Character { found });
        }
        Self::length(s.to_string(), Script::Latin, LATIN_LEN)
    }

    fn length(s: String, script: Script, (min, max): (usize, usize)) -> Result<Self, NameError> {
        let n = s.chars().count();
        if n < min {
            Err(NameError::TooShort { script, min })
        } else if n > max {
            Err(NameError::TooLong { script, max })
        } else {
            Ok(PersonName(s))
        }
    }

    /// The normalised name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The script of the name.
    pub fn script(&self) -> Script {
        if self.0.chars().any(is_han) {
            Script::Chinese
        } else {
            Script::Latin
        }
    }
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for PersonName {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        PersonName::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn accepted_names() {
        let cases = [
            ("张三", "张三", Script::Chinese),
            (" 张 三 ", "张三", Script::Chinese),
            ("欧阳娜娜", "欧阳娜娜", Script::Chinese),
            ("买买提·艾力", "买买提·艾力", Script::Chinese),
            ("买买提・艾力", "买买提·艾力", Script::Chinese),
            ("买买提•艾力", "买买提·艾力", Script::Chinese),
            ("买买提 · 艾力", "买买提·艾力", Script::Chinese),
            ("王〇", "王〇", Script::Chinese),
            ("𠀋一", "𠀋一", Script::Chinese),
            ("John  Smith", "John Smith", Script::Latin),
            ("Mary-Jane O'Neil", "Mary-Jane O'Neil", Script::Latin),
            ("Mary-Jane O\u{2019}Neil", "Mary-Jane O'Neil", Script::Latin),
            ("J. R. R. Tolkien", "J. R. R. Tolkien", Script::Latin),
            ("José Müller", "José Müller", Script::Latin),
            ("Ｊｏｈｎ", "John", Script::Latin),
        ];
        for (input, expected, script) in cases {
            let n = PersonName::parse(input).unwrap();
            assert_eq!(n.as_str(), expected, "{input}");
            assert_eq!(n.script(), script, "{input}");
        }
    }

    #[test]
    fn refused_names() {
        let long_han = "张".repeat(26);
        let long_latin = "a".repeat(61);
        let cases = [
            ("", "name.empty"),
            ("   ", "name.empty"),
            ("张三1", "name.digit"),
            ("John2", "name.digit"),
            ("张三１", "name.digit"),
            ("张San", "name.mixed_scripts"),
            ("张三!", "name.character"),
            ("张三😀", "name.character"),
            ("张-三", "name.character"),
            ("Иван", "name.character"),
            ("-John", "name.character"),
            ("·张三", "name.dot"),
            ("张三·", "name.dot"),
            ("张··三", "name.dot"),
            ("张", "name.too_short"),
            ("J", "name.too_short"),
            (long_han.as_str(), "name.too_long"),
            (long_latin.as_str(), "name.too_long"),
        ];
        for (input, code) in cases {
            let e = PersonName::parse(input).unwrap_err();
            assert_eq!(e.code(), code, "{input}");
            assert_ne!(e.message(Lang::Zh), e.message(Lang::En));
        }
        assert!(PersonName::parse(&"张".repeat(25)).is_ok());
        assert!(PersonName::parse(&"a".repeat(60)).is_ok());
    }
}
