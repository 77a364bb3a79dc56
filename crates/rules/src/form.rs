//! Whole-form validation (issue 20): each form of the portal has one
//! `validate` here that turns its request body into the parsed values or
//! into every field's error at once. The portal calls it while the user
//! types and on submit, the server in the handler, so a form's rules and
//! messages exist once.
//!
//! A form's `Field` enum names its fields; [`FormField::name`] is the
//! request field's name, which the API's 422 answer keys its messages by
//! and the portal shows them under.

/// Declares a form's `Field` enum with each variant's request field name.
macro_rules! form_fields {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $($(#[$vmeta])* $variant),*
        }

        impl $crate::form::FormField for $name {
            fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $wire),*
                }
            }
        }
    };
}

pub mod contact_change;
pub mod recovery;
pub mod registration;
pub mod security_questions;
pub mod title;

use crate::api::ErrorCode;
use crate::contact::{Contact, ContactError};
use crate::i18n::{Lang, Localized};
use crate::{
    CodeError, EmailError, IdNumberError, NameError, Password, PasswordError, PhoneError,
    PracticeCertificateError, SecurityQuestionsError, UsernameError,
};

/// A form's field.
pub trait FormField: Copy + Eq {
    /// The request field's name (the key of the API's field errors).
    fn name(self) -> &'static str;
}

/// Why one field was refused: the rules crate's own error of that field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldError {
    /// A password (new or current) was not typed.
    PasswordRequired,
    /// A username.
    Username(UsernameError),
    /// A new password.
    Password(PasswordError),
    /// A resident ID number.
    IdNumber(IdNumberError),
    /// A practice certificate number.
    Certificate(PracticeCertificateError),
    /// A person's name.
    Name(NameError),
    /// A mobile number.
    Phone(PhoneError),
    /// An email address.
    Email(EmailError),
    /// A one-time code.
    Code(CodeError),
    /// The security questions.
    Questions(SecurityQuestionsError),
    /// A title change.
    Title(title::TitleError),
}

impl FieldError {
    /// The API error code of an answer whose first error is this one: most
    /// are `validation.failed`; a title change has its own codes.
    pub fn error_code(&self) -> ErrorCode {
        match self {
            FieldError::Title(e) => e.error_code(),
            _ => ErrorCode::ValidationFailed,
        }
    }
}

impl Localized for FieldError {
    fn code(&self) -> &'static str {
        match self {
            FieldError::PasswordRequired => "password.required",
            FieldError::Username(e) => e.code(),
            FieldError::Password(e) => e.code(),
            FieldError::IdNumber(e) => e.code(),
            FieldError::Certificate(e) => e.code(),
            FieldError::Name(e) => e.code(),
            FieldError::Phone(e) => e.code(),
            FieldError::Email(e) => e.code(),
            FieldError::Code(e) => e.code(),
            FieldError::Questions(e) => e.code(),
            FieldError::Title(e) => e.code(),
        }
    }

    fn message(&self, lang: Lang) -> String {
        match self {
            FieldError::PasswordRequired => {
                lang.pick("请输入密码。", "Enter your password.").into()
            }
            FieldError::Username(e) => e.message(lang),
            FieldError::Password(e) => e.message(lang),
            FieldError::IdNumber(e) => e.message(lang),
            FieldError::Certificate(e) => e.message(lang),
            FieldError::Name(e) => e.message(lang),
            FieldError::Phone(e) => e.message(lang),
            FieldError::Email(e) => e.message(lang),
            FieldError::Code(e) => e.message(lang),
            FieldError::Questions(e) => e.message(lang),
            FieldError::Title(e) => e.message(lang),
        }
    }
}

macro_rules! field_error_from {
    ($($variant:ident($error:ty)),* $(,)?) => {
        $(impl From<$error> for FieldError {
            fn from(e: $error) -> FieldError {
                FieldError::$variant(e)
            }
        })*
    };
}

field_error_from!(
    Username(UsernameError),
    Password(PasswordError),
    IdNumber(IdNumberError),
    Certificate(PracticeCertificateError),
    Name(NameError),
    Phone(PhoneError),
    Email(EmailError),
    Code(CodeError),
    Questions(SecurityQuestionsError),
    Title(title::TitleError),
);

impl From<ContactError> for FieldError {
    fn from(e: ContactError) -> FieldError {
        match e {
            ContactError::Phone(e) => FieldError::Phone(e),
            ContactError::Email(e) => FieldError::Email(e),
        }
    }
}

/// Every refused field of a form, in the form's order, at most one error
/// per field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldErrors<F> {
    errors: Vec<(F, FieldError)>,
}

impl<F: FormField> Default for FieldErrors<F> {
    fn default() -> Self {
        FieldErrors { errors: Vec::new() }
    }
}

impl<F: FormField> FieldErrors<F> {
    /// The value of a field's check, or `None` with its error recorded.
    pub fn check<T, E: Into<FieldError>>(&mut self, field: F, result: Result<T, E>) -> Option<T> {
        result.map_err(|e| self.errors.push((field, e.into()))).ok()
    }

    /// A password the server checks itself (the current one): only
    /// required here.
    pub fn password_given(&mut self, field: F, value: &str) {
        if value.is_empty() {
            self.errors.push((field, FieldError::PasswordRequired));
        }
    }

    /// `Ok(value)` when no field was refused.
    pub fn or_value<T>(self, value: Option<T>) -> Result<T, FieldErrors<F>> {
        match value {
            Some(v) if self.errors.is_empty() => Ok(v),
            _ => Err(self),
        }
    }

    /// The error of one field.
    pub fn get(&self, field: F) -> Option<&FieldError> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, e)| e)
    }

    /// The message of one field, in `lang`.
    pub fn message(&self, field: F, lang: Lang) -> Option<String> {
        self.get(field).map(|e| e.message(lang))
    }

    /// The refused fields with their errors, in the form's order.
    pub fn iter(&self) -> impl Iterator<Item = (F, &FieldError)> {
        self.errors.iter().map(|(f, e)| (*f, e))
    }

    /// The first refused field (the one to focus).
    pub fn first(&self) -> Option<F> {
        self.errors.first().map(|(f, _)| *f)
    }

    /// The API error code of the answer (see [`FieldError::error_code`]).
    pub fn error_code(&self) -> ErrorCode {
        self.errors
            .first()
            .map_or(ErrorCode::ValidationFailed, |(_, e)| e.error_code())
    }

    /// The errors keyed by the request fields' names: one type for every
    /// form, so that the browser keeps one copy of the code that holds them.
    pub fn into_refused(self) -> Refused {
        Refused(
            self.errors
                .into_iter()
                .map(|(f, e)| (f.name(), e))
                .collect(),
        )
    }
}

/// A form's refused fields by request field name ([`FieldErrors::into_refused`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(Vec<(&'static str, FieldError)>);

impl Refused {
    /// The error of the field named `name`.
    pub fn get(&self, name: &str) -> Option<&FieldError> {
        self.0.iter().find(|(n, _)| *n == name).map(|(_, e)| e)
    }

    /// Its message, in `lang`.
    pub fn message(&self, name: &str, lang: Lang) -> Option<String> {
        self.get(name).map(|e| e.message(lang))
    }

    /// The first refused field's name.
    pub fn first(&self) -> Option<&'static str> {
        self.0.first().map(|(n, _)| *n)
    }
}

/// A new password: required, then the policy (it may contain neither the
/// username nor the ID number).
pub fn new_password(
    value: &str,
    username: &str,
    id_number: Option<&str>,
) -> Result<Password, FieldError> {
    if value.is_empty() {
        return Err(FieldError::PasswordRequired);
    }
    Ok(Password::new(value, username, id_number)?)
}

/// A contact field: a phone number or an email address.
pub(crate) fn contact<F: FormField>(
    errors: &mut FieldErrors<F>,
    field: F,
    value: &str,
) -> Option<Contact> {
    errors.check(field, Contact::parse(value))
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::*;

    /// The names of the refused fields, in order.
    pub fn refused<F: FormField>(errors: &FieldErrors<F>) -> Vec<&'static str> {
        errors.iter().map(|(f, _)| f.name()).collect()
    }
}
