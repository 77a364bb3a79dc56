//! Languages for user-facing messages of the rules (zh-CN first, English).

use serde::{Deserialize, Serialize};

/// A user-facing language. zh-CN is the default: the portal's users are
/// practitioners in mainland China.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    /// Simplified Chinese (zh-CN).
    #[default]
    #[serde(rename = "zh-CN")]
    Zh,
    /// English.
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// Picks the language from a BCP 47 tag such as the browser's
    /// `navigator.language`: English for `en*`, Chinese otherwise.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.trim().to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    /// The BCP 47 tag, for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Chooses between the two texts of a message.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// Anything that can be told to a user: a stable machine code (for the API
/// and tests) and a message in each language.
pub trait Localized {
    /// Stable, machine-readable code, e.g. `id_number.checksum`.
    fn code(&self) -> &'static str;
    /// The message in the given language.
    fn message(&self, lang: Lang) -> String;
}
