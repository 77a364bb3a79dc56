//! Registration (linking an account to the registry record) and its
//! activation with the code sent to the phone.

use chrono::NaiveDate;

use super::recovery::CodeField;
use super::{new_password, FieldErrors};
use crate::api::{RegisterRequest, SendCodeRequest, VerifyCodeRequest};
use crate::one_time_code::OneTimeCode;
use crate::{
    MobileNumber, Password, PracticeCertificateNumber, ResidentId, SecurityQuestions, System,
    Username,
};

form_fields!(
    /// The fields of the registration form.
    Field {
        /// Resident ID number.
        IdNumber = "id_number",
        /// Practice certificate number.
        CertificateNumber = "certificate_number",
        /// The chosen username.
        Username = "username",
        /// The chosen password.
        Password = "password",
        /// The mobile number the activation code goes to.
        Phone = "phone",
        /// The three security questions with their answers.
        SecurityQuestions = "security_questions",
    }
);

/// A registration that passed every check of the form.
#[derive(Debug, Clone)]
pub struct Registration {
    /// The system (医师 / 护士).
    pub system: System,
    /// Resident ID number.
    pub id_number: ResidentId,
    /// Practice certificate number.
    pub certificate_number: PracticeCertificateNumber,
    /// Username.
    pub username: Username,
    /// Password, to hash.
    pub password: Password,
    /// Mobile number.
    pub phone: MobileNumber,
    /// Questions with normalised answers, to hash.
    pub security_questions: SecurityQuestions,
}

/// Checks every field of a registration; `today` decides which birth dates
/// an ID number may carry.
pub fn validate(
    req: &RegisterRequest,
    today: NaiveDate,
) -> Result<Registration, FieldErrors<Field>> {
    let mut e = FieldErrors::default();
    let id_number = e.check(Field::IdNumber, ResidentId::parse(&req.id_number, today));
    let certificate_number = e.check(
        Field::CertificateNumber,
        PracticeCertificateNumber::parse(&req.certificate_number),
    );
    let username = e.check(Field::Username, Username::parse(&req.username));
    // The password must not contain the username as typed, even when the
    // username itself is refused.
    let name_in_password = username
        .as_ref()
        .map_or_else(|| req.username.trim(), |u| u.as_str());
    let password = e.check(
        Field::Password,
        new_password(
            &req.password,
            name_in_password,
            id_number.as_ref().map(|i| i.as_str()),
        ),
    );
    let phone = e.check(Field::Phone, MobileNumber::parse(&req.phone));
    let security_questions = e.check(
        Field::SecurityQuestions,
        SecurityQuestions::parse(&req.security_questions),
    );
    // One match, not an early return per field: one drop of what was parsed
    // when something was refused (smaller in the browser).
    let parsed = match (
        id_number,
        certificate_number,
        username,
        password,
        phone,
        security_questions,
    ) {
        (Some(id), Some(cert), Some(username), Some(password), Some(phone), Some(qa)) => {
            Some(Registration {
                system: req.system,
                id_number: id,
                certificate_number: cert,
                username,
                password,
                phone,
                security_questions: qa,
            })
        }
        _ => None,
    };
    e.or_value(parsed)
}

/// `POST /api/v1/activation/code`: the phone to send the code to.
pub fn send_code(req: &SendCodeRequest) -> Result<MobileNumber, FieldErrors<CodeField>> {
    let mut e = FieldErrors::default();
    let phone = e.check(CodeField::To, MobileNumber::parse(&req.to));
    e.or_value(phone)
}

/// `POST /api/v1/activation`: the phone and the code sent to it.
pub fn activate(
    req: &VerifyCodeRequest,
) -> Result<(MobileNumber, OneTimeCode), FieldErrors<CodeField>> {
    let mut e = FieldErrors::default();
    let phone = e.check(CodeField::To, MobileNumber::parse(&req.to));
    let code = e.check(CodeField::Code, OneTimeCode::parse(&req.code));
    e.or_value(phone.zip(code))
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::api::SecurityAnswer;
    use crate::form::test_support::refused;
    use crate::Localized;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()
    }

    fn valid() -> RegisterRequest {
        RegisterRequest {
            system: System::Physician,
            id_number: "11010519491231002X".into(),
            certificate_number: "110110000012345".into(),
            username: " zhangwei ".into(),
            password: "Blue-Heron-42".into(),
            phone: "13800138000".into(),
            security_questions: ["城市？", "学校？", "书？"]
                .iter()
                .map(|q| SecurityAnswer {
                    question: (*q).into(),
                    answer: "答案".into(),
                })
                .collect(),
        }
    }

    #[test]
    fn a_valid_registration_is_parsed() {
        let r = validate(&valid(), today()).unwrap();
        assert_eq!(r.username.as_str(), "zhangwei");
        assert_eq!(r.phone.as_str(), "13800138000");
        assert_eq!(r.id_number.as_str(), "11010519491231002X");
        assert_eq!(r.security_questions.pairs().len(), 3);
        assert_eq!(r.password.expose(), "Blue-Heron-42");
    }

    #[test]
    fn each_bad_field_is_refused_alone() {
        type Edit = fn(&mut RegisterRequest);
        let cases: [(Edit, &str); 6] = [
            (|r| r.id_number = "110105194912310021".into(), "id_number"),
            (
                |r| r.certificate_number = "12345".into(),
                "certificate_number",
            ),
            (|r| r.username = "9abc".into(), "username"),
            (|r| r.password = "password".into(), "password"),
            (|r| r.phone = "123".into(), "phone"),
            (
                |r| r.security_questions[2].answer = " ".into(),
                "security_questions",
            ),
        ];
        for (edit, field) in cases {
            let mut req = valid();
            edit(&mut req);
            let errors = validate(&req, today()).unwrap_err();
            assert_eq!(refused(&errors), [field]);
            let e = errors.refused().iter().next().unwrap().1;
            assert_ne!(e.message(crate::Lang::Zh), e.message(crate::Lang::En));
        }
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let req = RegisterRequest {
            system: System::Nurse,
            id_number: "1101".into(),
            certificate_number: "x".into(),
            username: "".into(),
            password: "".into(),
            phone: "".into(),
            security_questions: vec![],
        };
        let errors = validate(&req, today()).unwrap_err();
        assert_eq!(
            refused(&errors),
            [
                "id_number",
                "certificate_number",
                "username",
                "password",
                "phone",
                "security_questions"
            ]
        );
        assert_eq!(errors.refused().first(), Some("id_number"));
        assert_eq!(
            errors.message(Field::Password, crate::Lang::Zh).as_deref(),
            Some("请输入密码。")
        );
        assert_eq!(errors.error_code(), crate::api::ErrorCode::ValidationFailed);
    }

    #[test]
    fn the_password_may_not_contain_the_username() {
        let mut req = valid();
        req.password = "Q7!zhangweiX".into();
        let errors = validate(&req, today()).unwrap_err();
        assert_eq!(
            errors.get(Field::Password).map(|e| e.code()),
            Some("password.contains_username")
        );
    }

    #[test]
    fn activation_needs_a_phone_and_six_digits() {
        let ok = VerifyCodeRequest {
            to: "138 0013 8000".into(),
            code: " 123456 ".into(),
        };
        let (phone, code) = activate(&ok).unwrap();
        assert_eq!((phone.as_str(), code.as_str()), ("13800138000", "123456"));
        let bad = VerifyCodeRequest {
            to: "a@b.cn".into(),
            code: "12345".into(),
        };
        assert_eq!(refused(&activate(&bad).unwrap_err()), ["to", "code"]);
        let code_only = VerifyCodeRequest {
            code: "1234567".into(),
            ..ok.clone()
        };
        assert_eq!(refused(&activate(&code_only).unwrap_err()), ["code"]);
        assert!(send_code(&SendCodeRequest { to: ok.to }).is_ok());
        let email = SendCodeRequest {
            to: "a@b.cn".into(),
        };
        assert_eq!(refused(&send_code(&email).unwrap_err()), ["to"]);
    }
}
