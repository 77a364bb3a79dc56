//! Security questions and their answers (密保问题), the third recovery path.
//!
//! Answers are low-entropy secrets typed months apart, often with another
//! input method: they are compared after [`normalize_answer`] (full-width
//! forms folded to ASCII, lower case, all whitespace removed), so
//! "  Bei Jing " and "ｂｅｉｊｉｎｇ" match. The server hashes the normalised
//! answer; the browser uses the same rules to validate while typing.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::api::SecurityAnswer;
use crate::i18n::{Lang, Localized};
use crate::text::half_width;

/// How many questions an account has.
pub const COUNT: usize = 3;
/// Longest answer, in characters (as typed).
pub const MAX_ANSWER_CHARS: usize = 100;
/// Longest question, in characters.
pub const MAX_QUESTION_CHARS: usize = 100;

/// The form in which answers are hashed and compared: full-width forms and
/// the ideographic space folded to ASCII, lower case, every whitespace
/// character removed.
pub fn normalize_answer(answer: &str) -> String {
    answer
        .chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Why an answer was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum AnswerError {
    /// Nothing but spaces.
    #[error("the answer is empty")]
    Empty,
    /// Longer than [`MAX_ANSWER_CHARS`].
    #[error("the answer has more than {max} characters")]
    TooLong {
        /// The limit.
        max: usize,
    },
}

impl Localized for AnswerError {
    fn code(&self) -> &'static str {
        match self {
            AnswerError::Empty => "security_answer.empty",
            AnswerError::TooLong { .. } => "security_answer.too_long",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (AnswerError::Empty, _) => lang.pick("请填写答案。", "Enter an answer.").into(),
            (AnswerError::TooLong { max }, Lang::Zh) => format!("答案不能超过 {max} 个字。"),
            (AnswerError::TooLong { max }, Lang::En) => {
                format!("An answer has at most {max} characters.")
            }
        }
    }
}

/// Checks one answer and returns its normalised form.
pub fn check_answer(answer: &str) -> Result<String, AnswerError> {
    if answer.chars().count() > MAX_ANSWER_CHARS {
        return Err(AnswerError::TooLong {
            max: MAX_ANSWER_CHARS,
        });
    }
    let normal = normalize_answer(answer);
    if normal.is_empty() {
        return Err(AnswerError::Empty);
    }
    Ok(normal)
}

/// Why a set of security questions was refused. `index` counts from 0.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum SecurityQuestionsError {
    /// Not exactly [`COUNT`] questions.
    #[error("{found} questions, expected {COUNT}")]
    Count {
        /// Questions given.
        found: usize,
    },
    /// A question is empty.
    #[error("question {index} is empty")]
    EmptyQuestion {
        /// Which one.
        index: usize,
    },
    /// A question is longer than [`MAX_QUESTION_CHARS`].
    #[error("question {index} is too long")]
    QuestionTooLong {
        /// Which one.
        index: usize,
    },
    /// A question repeats an earlier one (compared normalised).
    #[error("question {index} repeats an earlier one")]
    Duplicate {
        /// Which one.
        index: usize,
    },
    /// An answer is refused.
    #[error("answer {index}: {error}")]
    Answer {
        /// Which one.
        index: usize,
        /// Why.
        error: AnswerError,
    },
}

impl Localized for SecurityQuestionsError {
    fn code(&self) -> &'static str {
        match self {
            SecurityQuestionsError::Count { .. } => "security_questions.count",
            SecurityQuestionsError::EmptyQuestion { .. } => "security_questions.empty_question",
            SecurityQuestionsError::QuestionTooLong { .. } => {
                "security_questions.question_too_long"
            }
            SecurityQuestionsError::Duplicate { .. } => "security_questions.duplicate",
            SecurityQuestionsError::Answer { error, .. } => error.code(),
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (SecurityQuestionsError::Count { found }, Lang::Zh) => {
                format!("请设置 {COUNT} 个密保问题（现有 {found} 个）。")
            }
            (SecurityQuestionsError::Count { found }, Lang::En) => {
                format!("Set {COUNT} security questions ({found} given).")
            }
            (SecurityQuestionsError::EmptyQuestion { index }, Lang::Zh) => {
                format!("第 {} 个密保问题为空。", index + 1)
            }
            (SecurityQuestionsError::EmptyQuestion { index }, Lang::En) => {
                format!("Security question {} is empty.", index + 1)
            }
            (SecurityQuestionsError::QuestionTooLong { index }, Lang::Zh) => {
                format!(
                    "第 {} 个密保问题不能超过 {MAX_QUESTION_CHARS} 个字。",
                    index + 1
                )
            }
            (SecurityQuestionsError::QuestionTooLong { index }, Lang::En) => format!(
                "Security question {} has more than {MAX_QUESTION_CHARS} characters.",
                index + 1
            ),
            (SecurityQuestionsError::Duplicate { index }, Lang::Zh) => {
                format!(
                    "第 {} 个密保问题与前面的重复，请选择三个不同的问题。",
                    index + 1
                )
            }
            (SecurityQuestionsError::Duplicate { index }, Lang::En) => format!(
                "Security question {} repeats an earlier one; choose three different questions.",
                index + 1
            ),
            (SecurityQuestionsError::Answer { index, error }, Lang::Zh) => {
                format!("第 {} 个问题：{}", index + 1, error.message(lang))
            }
            (SecurityQuestionsError::Answer { index, error }, Lang::En) => {
                format!("Question {}: {}", index + 1, error.message(lang))
            }
        }
    }
}

/// Three valid security questions: questions trimmed, answers normalised
/// (ready to hash). Its `Debug` never shows the answers.
#[derive(Clone, PartialEq, Eq)]
pub struct SecurityQuestions {
    items: Vec<(String, String)>,
}

impl std::fmt::Debug for SecurityQuestions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecurityQuestions")
            .field("questions", &self.questions().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl SecurityQuestions {
    /// Checks the questions and answers of a registration: exactly
    /// [`COUNT`], no question empty or repeated, every answer valid.
    pub fn parse(items: &[SecurityAnswer]) -> Result<SecurityQuestions, SecurityQuestionsError> {
        if items.len() != COUNT {
            return Err(SecurityQuestionsError::Count { found: items.len() });
        }
        // Three questions: a list is enough (and smaller in the browser
        // than a set).
        let mut seen: Vec<String> = Vec::with_capacity(COUNT);
        let mut out = Vec::with_capacity(COUNT);
        for (index, item) in items.iter().enumerate() {
            let question = item.question.trim();
            if question.is_empty() {
                return Err(SecurityQuestionsError::EmptyQuestion { index });
            }
            if question.chars().count() > MAX_QUESTION_CHARS {
                return Err(SecurityQuestionsError::QuestionTooLong { index });
            }
            let key = normalize_answer(question);
            if seen.contains(&key) {
                return Err(SecurityQuestionsError::Duplicate { index });
            }
            seen.push(key);
            let answer = check_answer(&item.answer)
                .map_err(|error| SecurityQuestionsError::Answer { index, error })?;
            out.push((question.to_owned(), answer));
        }
        Ok(SecurityQuestions { items: out })
    }

    /// The questions, in order.
    pub fn questions(&self) -> impl Iterator<Item = &str> {
        self.items.iter().map(|(q, _)| q.as_str())
    }

    /// `(question, normalised answer)` pairs, in order.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.items
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn qa(q: &str, a: &str) -> SecurityAnswer {
        SecurityAnswer {
            question: q.into(),
            answer: a.into(),
        }
    }

    #[test]
    fn normalisation() {
        assert_eq!(normalize_answer("  Bei Jing "), "beijing");
        assert_eq!(normalize_answer("ＢＥＩ\u{3000}ｊｉｎｇ"), "beijing");
        assert_eq!(normalize_answer("北京 协和"), "北京协和");
        assert_eq!(normalize_answer("\tA\nb "), "ab");
    }

    #[test]
    fn answers() {
        assert_eq!(check_answer(" Doudou ").unwrap(), "doudou");
        assert_eq!(
            check_answer(" \u{3000} ").unwrap_err().code(),
            "security_answer.empty"
        );
        let long = "长".repeat(MAX_ANSWER_CHARS + 1);
        let e = check_answer(&long).unwrap_err();
        assert_eq!(e.code(), "security_answer.too_long");
        assert_ne!(e.message(Lang::Zh), e.message(Lang::En));
        assert!(check_answer(&"长".repeat(MAX_ANSWER_CHARS)).is_ok());
    }

    #[test]
    fn three_distinct_questions() {
        let ok = SecurityQuestions::parse(&[
            qa(" 母亲的姓名? ", "王 秀英"),
            qa("小学的名字?", "ＨＯＮＧ ｘｉｎｇ"),
            qa("第一只宠物?", "Doudou"),
        ])
        .unwrap();
        assert_eq!(ok.questions().next(), Some("母亲的姓名?"));
        assert_eq!(ok.pairs()[1].1, "hongxing");
        assert!(!format!("{ok:?}").contains("hongxing"));

        let cases: Vec<(Vec<SecurityAnswer>, &str)> = vec![
            (vec![qa("a", "b"), qa("c", "d")], "security_questions.count"),
            (vec![], "security_questions.count"),
            (
                vec![qa("a", "1"), qa(" ", "2"), qa("c", "3")],
                "security_questions.empty_question",
            ),
            (
                vec![qa("a", "1"), qa("b", "2"), qa(" A ", "3")],
                "security_questions.duplicate",
            ),
            (
                vec![qa("a", "1"), qa("b", " "), qa("c", "3")],
                "security_answer.empty",
            ),
            (
                vec![qa(&"q".repeat(101), "1"), qa("b", "2"), qa("c", "3")],
                "security_questions.question_too_long",
            ),
        ];
        for (items, code) in cases {
            let e = SecurityQuestions::parse(&items).unwrap_err();
            assert_eq!(e.code(), code, "{items:?}");
            assert_ne!(e.message(Lang::Zh), e.message(Lang::En));
        }
    }
}
