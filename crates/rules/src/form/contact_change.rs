//! Changing the phone number or email address: the new contact with the
//! current password, then the code sent to it.

use super::{contact, FieldErrors};
use crate::api::{ContactCodeRequest, ContactVerifyRequest};
use crate::contact::Contact;
use crate::one_time_code::OneTimeCode;

form_fields!(
    /// The fields of the contact change.
    Field {
        /// The new phone or email.
        Contact = "contact",
        /// The current password (re-authentication).
        CurrentPassword = "current_password",
        /// The code sent to the new contact.
        Code = "code",
    }
);

/// `POST /api/v1/me/contacts/code`: the new contact (the password is only
/// required here; the server checks it).
pub fn send_code(req: &ContactCodeRequest) -> Result<Contact, FieldErrors<Field>> {
    let mut e = FieldErrors::default();
    let contact = contact(&mut e, Field::Contact, &req.contact);
    e.password_given(Field::CurrentPassword, &req.current_password);
    e.or_value(contact)
}

/// `POST /api/v1/me/contacts`: the new contact and its code.
pub fn verify(req: &ContactVerifyRequest) -> Result<(Contact, OneTimeCode), FieldErrors<Field>> {
    let mut e = FieldErrors::default();
    let contact = contact(&mut e, Field::Contact, &req.contact);
    let code = e.check(Field::Code, OneTimeCode::parse(&req.code));
    e.or_value(contact.zip(code))
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::form::test_support::refused;

    fn send(contact: &str, password: &str) -> Result<Contact, FieldErrors<Field>> {
        send_code(&ContactCodeRequest {
            contact: contact.into(),
            current_password: password.into(),
        })
    }

    #[test]
    fn a_new_contact_needs_the_current_password() {
        assert_eq!(send("a＠example.cn", "pw").unwrap().kind(), "email");
        assert_eq!(
            refused(&send("13800138000", "").unwrap_err()),
            ["current_password"]
        );
        assert_eq!(refused(&send("1380013800", "pw").unwrap_err()), ["contact"]);
        assert_eq!(
            refused(&send("", "").unwrap_err()),
            ["contact", "current_password"]
        );
    }

    #[test]
    fn the_code_is_six_digits() {
        let verify = |contact: &str, code: &str| {
            verify(&ContactVerifyRequest {
                contact: contact.into(),
                code: code.into(),
            })
        };
        assert!(verify("13800138000", "123456").is_ok());
        assert_eq!(
            refused(&verify("13800138000", "12345").unwrap_err()),
            ["code"]
        );
        assert_eq!(refused(&verify("x@", "123456").unwrap_err()), ["contact"]);
        assert_eq!(refused(&verify("x@", "").unwrap_err()), ["contact", "code"]);
    }
}
