//! The steps of password recovery: a code to a verified phone or email
//! (send, verify), personal details, the security questions (which, then
//! the answers), and the new password.

use chrono::NaiveDate;

use super::{contact, new_password, FieldErrors};
use crate::api::{
    AnswersRequest, PersonalRecoveryRequest, QuestionsRequest, ResetPasswordRequest,
    SendCodeRequest, VerifyCodeRequest,
};
use crate::contact::Contact;
use crate::one_time_code::OneTimeCode;
use crate::security_answer::{check_answer, SecurityQuestionsError, COUNT};
use crate::{Password, PersonName, PracticeCertificateNumber, ResidentId, System, Username};

form_fields!(
    /// The fields of a form that sends a code or checks it (recovery and
    /// activation).
    CodeField {
        /// The phone (or email) the code goes to.
        To = "to",
        /// The code.
        Code = "code",
    }
);

/// `POST /api/v1/recovery/code`: the phone or email to send the code to.
pub fn send_code(req: &SendCodeRequest) -> Result<Contact, FieldErrors<CodeField>> {
    let mut e = FieldErrors::default();
    let to = contact(&mut e, CodeField::To, &req.to);
    e.or_value(to)
}

/// `POST /api/v1/recovery/code/verify`: the contact and its code.
pub fn verify_code(
    req: &VerifyCodeRequest,
) -> Result<(Contact, OneTimeCode), FieldErrors<CodeField>> {
    let mut e = FieldErrors::default();
    let to = contact(&mut e, CodeField::To, &req.to);
    let code = e.check(CodeField::Code, OneTimeCode::parse(&req.code));
    e.or_value(to.zip(code))
}

form_fields!(
    /// The fields of recovery by personal details.
    PersonalField {
        /// Full name.
        Name = "name",
        /// Resident ID number.
        IdNumber = "id_number",
        /// Practice certificate number.
        CertificateNumber = "certificate_number",
    }
);

/// Personal details that passed the form's checks.
#[derive(Debug, Clone)]
pub struct PersonalDetails {
    /// The system.
    pub system: System,
    /// Full name.
    pub name: PersonName,
    /// Resident ID number.
    pub id_number: ResidentId,
    /// Practice certificate number.
    pub certificate_number: PracticeCertificateNumber,
}

/// `POST /api/v1/recovery/personal`.
pub fn personal(
    req: &PersonalRecoveryRequest,
    today: NaiveDate,
) -> Result<PersonalDetails, FieldErrors<PersonalField>> {
    let mut e = FieldErrors::default();
    let name = e.check(PersonalField::Name, PersonName::parse(&req.name));
    let id_number = e.check(
        PersonalField::IdNumber,
        ResidentId::parse(&req.id_number, today),
    );
    let certificate_number = e.check(
        PersonalField::CertificateNumber,
        PracticeCertificateNumber::parse(&req.certificate_number),
    );
    let parsed = match (name, id_number, certificate_number) {
        (Some(name), Some(id_number), Some(certificate_number)) => Some(PersonalDetails {
            system: req.system,
            name,
            id_number,
            certificate_number,
        }),
        _ => None,
    };
    e.or_value(parsed)
}

form_fields!(
    /// The fields of recovery by security questions.
    AnswersField {
        /// The account's username.
        Username = "username",
        /// The answers, in the order of the questions.
        Answers = "answers",
    }
);

/// `POST /api/v1/recovery/questions`: the username whose questions to show.
pub fn questions(req: &QuestionsRequest) -> Result<Username, FieldErrors<AnswersField>> {
    let mut e = FieldErrors::default();
    let username = e.check(AnswersField::Username, Username::parse(&req.username));
    e.or_value(username)
}

/// Answers that passed the form's checks.
#[derive(Clone)]
pub struct Answers {
    /// The account's username.
    pub username: Username,
    /// The answers, normalised for comparison.
    pub answers: Vec<String>,
}

impl std::fmt::Debug for Answers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Answers")
            .field("username", &self.username)
            .finish_non_exhaustive()
    }
}

/// `POST /api/v1/recovery/answers`: a username and one answer per question.
pub fn answers(req: &AnswersRequest) -> Result<Answers, FieldErrors<AnswersField>> {
    let mut e = FieldErrors::default();
    let username = e.check(AnswersField::Username, Username::parse(&req.username));
    let answers = e.check(AnswersField::Answers, check_answers(&req.answers));
    e.or_value(
        username
            .zip(answers)
            .map(|(username, answers)| Answers { username, answers }),
    )
}

fn check_answers(answers: &[String]) -> Result<Vec<String>, SecurityQuestionsError> {
    if answers.len() != COUNT {
        return Err(SecurityQuestionsError::Count {
            found: answers.len(),
        });
    }
    answers
        .iter()
        .enumerate()
        .map(|(index, a)| {
            check_answer(a).map_err(|error| SecurityQuestionsError::Answer { index, error })
        })
        .collect()
}

form_fields!(
    /// The field of the last step, the new password.
    ResetField {
        /// The new password.
        NewPassword = "new_password",
    }
);

/// `POST /api/v1/recovery/reset`: the new password of the account whose
/// username and ID number the proof names (it may contain neither).
pub fn reset(
    req: &ResetPasswordRequest,
    username: &str,
    id_number: Option<&str>,
) -> Result<Password, FieldErrors<ResetField>> {
    let mut e = FieldErrors::default();
    let password = e.check(
        ResetField::NewPassword,
        new_password(&req.new_password, username, id_number),
    );
    e.or_value(password)
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::form::test_support::refused;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()
    }

    #[test]
    fn a_code_goes_to_a_phone_or_an_email() {
        let send = |to: &str| send_code(&SendCodeRequest { to: to.into() });
        assert_eq!(send("13800138000").unwrap().kind(), "phone");
        assert_eq!(send(" a@example.cn ").unwrap().as_str(), "a@example.cn");
        assert_eq!(refused(&send("a@").unwrap_err()), ["to"]);
        assert_eq!(refused(&send("").unwrap_err()), ["to"]);
    }

    #[test]
    fn a_code_is_checked_with_its_contact() {
        let verify = |to: &str, code: &str| {
            verify_code(&VerifyCodeRequest {
                to: to.into(),
                code: code.into(),
            })
        };
        let (to, code) = verify("a@example.cn", "000123").unwrap();
        assert_eq!((to.as_str(), code.as_str()), ("a@example.cn", "000123"));
        assert_eq!(refused(&verify("12", "000123").unwrap_err()), ["to"]);
        assert_eq!(
            refused(&verify("a@example.cn", "abc").unwrap_err()),
            ["code"]
        );
        assert_eq!(refused(&verify("", "").unwrap_err()), ["to", "code"]);
    }

    fn personal_req(name: &str, id: &str, cert: &str) -> PersonalRecoveryRequest {
        PersonalRecoveryRequest {
            system: System::Nurse,
            name: name.into(),
            id_number: id.into(),
            certificate_number: cert.into(),
        }
    }

    #[test]
    fn personal_details_are_parsed_or_refused_per_field() {
        let ok = personal(
            &personal_req(" 张三 ", "11010519491231002X", "110110000012345"),
            today(),
        )
        .unwrap();
        assert_eq!(ok.name.as_str(), "张三");
        assert_eq!(ok.system, System::Nurse);
        let fields = |name, id, cert| {
            refused(&personal(&personal_req(name, id, cert), today()).unwrap_err())
        };
        assert_eq!(
            fields("张3", "11010519491231002X", "110110000012345"),
            ["name"]
        );
        assert_eq!(
            fields("张三", "110105194912310021", "110110000012345"),
            ["id_number"]
        );
        assert_eq!(
            fields("张三", "11010519491231002X", "1"),
            ["certificate_number"]
        );
        assert_eq!(
            fields("", "", ""),
            ["name", "id_number", "certificate_number"]
        );
    }

    #[test]
    fn answers_need_a_username_and_three_answers() {
        let req = |username: &str, answers: &[&str]| AnswersRequest {
            username: username.into(),
            answers: answers.iter().map(|a| (*a).into()).collect(),
        };
        let ok = answers(&req("machao", &["王秀英", "Hong Xing", "x"])).unwrap();
        assert_eq!(ok.username.as_str(), "machao");
        assert_eq!(ok.answers[1], "hongxing");
        assert!(!format!("{ok:?}").contains("hongxing"));
        assert_eq!(
            refused(&answers(&req("", &["a", "b", "c"])).unwrap_err()),
            ["username"]
        );
        assert_eq!(
            refused(&answers(&req("machao", &["a", " ", "c"])).unwrap_err()),
            ["answers"]
        );
        assert_eq!(
            refused(&answers(&req("machao", &["a"])).unwrap_err()),
            ["answers"]
        );
        assert_eq!(
            refused(&answers(&req("1x", &[])).unwrap_err()),
            ["username", "answers"]
        );
        assert_eq!(
            questions(&QuestionsRequest {
                username: " ghost ".into()
            })
            .unwrap()
            .as_str(),
            "ghost"
        );
        assert!(questions(&QuestionsRequest {
            username: "".into()
        })
        .is_err());
    }

    #[test]
    fn the_new_password_follows_the_policy_and_the_account() {
        let req = |p: &str| ResetPasswordRequest {
            token: String::new(),
            new_password: p.into(),
        };
        assert!(reset(&req("Blue-Heron-42"), "machao", Some("11010519491231002X")).is_ok());
        let e = reset(&req("Machao-2024!"), "machao", None).unwrap_err();
        assert_eq!(refused(&e), ["new_password"]);
        assert_eq!(
            refused(&reset(&req(""), "machao", None).unwrap_err()),
            ["new_password"]
        );
    }
}
