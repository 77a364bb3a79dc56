//! Live form validation with the rules crate: each function returns the
//! message to show next to the field, or `None` when the input is valid.
//! The server checks the same rules again.

use rules::i18n::Localized;
use rules::{
    Email, Lang, MobileNumber, Password, PersonName, PracticeCertificateNumber, ResidentId,
};

use crate::i18n::{self, Text};
use crate::today::today;

fn rule<T, E: Localized>(result: Result<T, E>, lang: Lang) -> Option<String> {
    result.err().map(|e| e.message(lang))
}

/// A required field.
pub fn required(value: &str, missing: Text, lang: Lang) -> Option<String> {
    value
        .trim()
        .is_empty()
        .then(|| missing.get(lang).to_string())
}

/// 18-digit resident ID number (GB 11643-1999).
pub fn id_number(value: &str, lang: Lang) -> Option<String> {
    rule(ResidentId::parse(value, today()), lang)
}

/// Mainland mobile number.
pub fn phone(value: &str, lang: Lang) -> Option<String> {
    rule(MobileNumber::parse(value), lang)
}

/// Phone number or email address (recovery path 1 accepts either).
pub fn phone_or_email(value: &str, lang: Lang) -> Option<String> {
    if value.contains('@') {
        rule(Email::parse(value), lang)
    } else {
        phone(value, lang)
    }
}

/// A new password: the first requirement of the policy it misses (the list
/// under the field shows them all).
pub fn new_password(
    value: &str,
    username: &str,
    id_number: Option<&str>,
    lang: Lang,
) -> Option<String> {
    if value.is_empty() {
        return Some(i18n::REQUIRED_PASSWORD.get(lang).to_string());
    }
    rule(Password::check(value, username, id_number), lang)
}

/// Practice certificate number (执业证书编码).
pub fn certificate(value: &str, lang: Lang) -> Option<String> {
    rule(PracticeCertificateNumber::parse(value), lang)
}

/// A person's name.
pub fn name(value: &str, lang: Lang) -> Option<String> {
    rule(PersonName::parse(value), lang)
}

/// A 6-digit code.
pub fn code(value: &str, lang: Lang) -> Option<String> {
    let digits = value.trim();
    (digits.len() != 6 || !digits.chars().all(|c| c.is_ascii_digit()))
        .then(|| i18n::CODE_FORMAT.get(lang).to_string())
}
