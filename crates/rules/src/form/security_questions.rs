//! Setting or changing the security questions after registration.

use super::FieldErrors;
use crate::api::SecurityQuestionsRequest;
use crate::SecurityQuestions;

form_fields!(
    /// The fields of the security questions form.
    Field {
        /// The current password (re-authentication).
        CurrentPassword = "current_password",
        /// The three questions with their answers.
        SecurityQuestions = "security_questions",
    }
);

/// `PUT /api/v1/me/security-questions`: the questions and answers (the
/// password is only required here; the server checks it).
pub fn validate(req: &SecurityQuestionsRequest) -> Result<SecurityQuestions, FieldErrors<Field>> {
    let mut e = FieldErrors::default();
    e.password_given(Field::CurrentPassword, &req.current_password);
    let qa = e.check(
        Field::SecurityQuestions,
        SecurityQuestions::parse(&req.security_questions),
    );
    e.or_value(qa)
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::api::SecurityAnswer;
    use crate::form::test_support::refused;

    fn req(password: &str, questions: &[&str]) -> SecurityQuestionsRequest {
        SecurityQuestionsRequest {
            current_password: password.into(),
            security_questions: questions
                .iter()
                .map(|q| SecurityAnswer {
                    question: (*q).into(),
                    answer: "答".into(),
                })
                .collect(),
        }
    }

    #[test]
    fn questions_and_password_are_checked_together() {
        let qa = validate(&req("pw", &["一？", "二？", "三？"])).unwrap();
        assert_eq!(qa.questions().collect::<Vec<_>>(), ["一？", "二？", "三？"]);
        assert_eq!(
            refused(&validate(&req("", &["一？", "二？", "三？"])).unwrap_err()),
            ["current_password"]
        );
        assert_eq!(
            refused(&validate(&req("pw", &["一？", "一？", "三？"])).unwrap_err()),
            ["security_questions"]
        );
        assert_eq!(
            refused(&validate(&req("", &[])).unwrap_err()),
            ["current_password", "security_questions"]
        );
    }
}
