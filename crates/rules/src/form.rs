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

use std::marker::PhantomData;

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

/// The message of an empty password field, in zh-CN and English: the
/// portal's sign-in forms say it too, before anything is sent.
pub const PASSWORD_REQUIRED: (&str, &str) = ("请输入密码。", "Enter your password.");

/// Declares `FieldError`, one variant per field error type of the rules
/// crate besides `PasswordRequired`, with its `Localized` answer (the
/// error's own) and its `From`, so that a type is listed once.
macro_rules! field_error {
    ($($(#[$vmeta:meta])* $variant:ident($error:ty)),* $(,)?) => {
        /// Why one field was refused: the rules crate's own error of that field.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum FieldError {
            /// A password (new or current) was not typed.
            PasswordRequired,
            $($(#[$vmeta])* $variant($error)),*
        }

        impl Localized for FieldError {
            fn code(&self) -> &'static str {
                match self {
                    FieldError::PasswordRequired => "password.required",
                    $(FieldError::$variant(e) => e.code()),*
                }
            }

            fn message(&self, lang: Lang) -> String {
                match self {
                    FieldError::PasswordRequired => {
                        lang.pick(PASSWORD_REQUIRED.0, PASSWORD_REQUIRED.1).into()
                    }
                    $(FieldError::$variant(e) => e.message(lang)),*
                }
            }
        }

        $(impl From<$error> for FieldError {
            fn from(e: $error) -> FieldError {
                FieldError::$variant(e)
            }
        })*
    };
}

field_error!(
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
);

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

impl From<ContactError> for FieldError {
    fn from(e: ContactError) -> FieldError {
        match e {
            ContactError::Phone(e) => FieldError::Phone(e),
            ContactError::Email(e) => FieldError::Email(e),
        }
    }
}

/// Every refused field of a form, in the form's order, at most one error
/// per field. Kept by the request field's name, so that the code that holds
/// errors exists once for every form (the browser downloads it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldErrors<F> {
    refused: Refused,
    form: PhantomData<fn() -> F>,
}

impl<F: FormField> Default for FieldErrors<F> {
    fn default() -> Self {
        FieldErrors {
            refused: Refused(Vec::new()),
            form: PhantomData,
        }
    }
}

impl<F: FormField> FieldErrors<F> {
    /// The value of a field's check, or `None` with its error recorded.
    pub fn check<T, E: Into<FieldError>>(&mut self, field: F, result: Result<T, E>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.refused.push(field.name(), e.into());
                None
            }
        }
    }

    /// A password the server checks itself (the current one): only
    /// required here.
    pub fn password_given(&mut self, field: F, value: &str) {
        if value.is_empty() {
            self.refused
                .push(field.name(), FieldError::PasswordRequired);
        }
    }

    /// `Ok(value)` when no field was refused.
    pub fn or_value<T>(self, value: Option<T>) -> Result<T, FieldErrors<F>> {
        match value {
            Some(v) if self.refused.0.is_empty() => Ok(v),
            _ => Err(self),
        }
    }

    /// The error of one field.
    pub fn get(&self, field: F) -> Option<&FieldError> {
        self.refused.get(field.name())
    }

    /// The message of one field, in `lang`.
    pub fn message(&self, field: F, lang: Lang) -> Option<String> {
        self.get(field).map(|e| e.message(lang))
    }

    /// The errors by request field name, in the form's order.
    pub fn refused(&self) -> &Refused {
        &self.refused
    }

    /// The API error code of the answer (see [`FieldError::error_code`]).
    pub fn error_code(&self) -> ErrorCode {
        self.refused
            .0
            .first()
            .map_or(ErrorCode::ValidationFailed, |(_, e)| e.error_code())
    }

    /// The errors by request field name, whatever the form.
    pub fn into_refused(self) -> Refused {
        self.refused
    }
}

/// A form's refused fields by request field name, in the form's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(Vec<(&'static str, FieldError)>);

impl Refused {
    // One copy of the push for every check of every form (the browser's
    // size).
    #[inline(never)]
    fn push(&mut self, name: &'static str, error: FieldError) {
        self.0.push((name, error));
    }

    /// The error of the field named `name`.
    pub fn get(&self, name: &str) -> Option<&FieldError> {
        self.0.iter().find(|(n, _)| *n == name).map(|(_, e)| e)
    }

    /// Its message, in `lang`.
    pub fn message(&self, name: &str, lang: Lang) -> Option<String> {
        self.get(name).map(|e| e.message(lang))
    }

    /// The first refused field's name (the one to focus).
    pub fn first(&self) -> Option<&'static str> {
        self.0.first().map(|(n, _)| *n)
    }

    /// The refused fields' names with their errors.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &FieldError)> {
        self.0.iter().map(|(n, e)| (*n, e))
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
        errors.refused().iter().map(|(name, _)| name).collect()
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::recovery::{self, CodeField};
    use super::*;
    use crate::api::VerifyCodeRequest;

    #[test]
    fn refused_keys_the_errors_by_request_field_name() {
        let req = VerifyCodeRequest {
            to: "1".into(),
            code: "".into(),
        };
        let errors = recovery::verify_code(&req).unwrap_err();
        assert_eq!(errors.error_code(), ErrorCode::ValidationFailed);
        let code_zh = errors.message(CodeField::Code, Lang::Zh);
        assert_eq!(code_zh.as_deref(), Some("请输入验证码。"));
        let refused = errors.into_refused();
        assert_eq!(refused.first(), Some("to"));
        assert_eq!(refused.message("code", Lang::Zh), code_zh);
        assert!(matches!(refused.get("to"), Some(FieldError::Phone(_))));
        assert_eq!(refused.get("name"), None);
    }

    #[test]
    fn a_missing_password_says_so_in_both_languages() {
        let e = FieldError::PasswordRequired;
        assert_eq!(e.code(), "password.required");
        assert_eq!(e.message(Lang::Zh), "请输入密码。");
        assert_eq!(e.message(Lang::En), "Enter your password.");
        assert!(matches!(
            new_password("", "zhangwei", None),
            Err(FieldError::PasswordRequired)
        ));
        assert!(matches!(
            new_password("short", "zhangwei", None),
            Err(FieldError::Password(PasswordError::TooShort { .. }))
        ));
    }
}
