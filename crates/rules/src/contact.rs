//! A contact a code can go to: a mainland mobile number or an email
//! address, told apart by the `@` (or the full-width `＠` of Chinese input
//! methods).

use crate::email::{Email, EmailError};
use crate::phone::{MobileNumber, PhoneError};

/// A valid phone number or email address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contact {
    /// A mobile number.
    Phone(MobileNumber),
    /// An email address.
    Email(Email),
}

/// Why a contact was refused: the error of the kind it looked like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContactError {
    /// It looked like a phone number.
    Phone(PhoneError),
    /// It had an `@`.
    Email(EmailError),
}

impl Contact {
    /// Parses what a user typed: an email address when it has an `@`,
    /// otherwise a mobile number.
    pub fn parse(input: &str) -> Result<Contact, ContactError> {
        if input.contains(['@', '＠']) {
            Email::parse(input)
                .map(Contact::Email)
                .map_err(ContactError::Email)
        } else {
            MobileNumber::parse(input)
                .map(Contact::Phone)
                .map_err(ContactError::Phone)
        }
    }

    /// The contact as stored.
    pub fn as_str(&self) -> &str {
        match self {
            Contact::Phone(p) => p.as_str(),
            Contact::Email(e) => e.as_str(),
        }
    }

    /// The contact as shown back (masked).
    pub fn masked(&self) -> String {
        match self {
            Contact::Phone(p) => p.masked(),
            Contact::Email(e) => e.masked(),
        }
    }

    /// `phone` or `email`.
    pub fn kind(&self) -> &'static str {
        match self {
            Contact::Phone(_) => "phone",
            Contact::Email(_) => "email",
        }
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn the_at_sign_decides_the_kind() {
        assert_eq!(Contact::parse("13800138000").unwrap().kind(), "phone");
        assert_eq!(Contact::parse("a@example.cn").unwrap().kind(), "email");
        assert_eq!(
            Contact::parse("a＠example.cn").unwrap().as_str(),
            "a@example.cn"
        );
        assert!(matches!(Contact::parse("a@"), Err(ContactError::Email(_))));
        assert!(matches!(Contact::parse("123"), Err(ContactError::Phone(_))));
    }
}
