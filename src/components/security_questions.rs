//! The three security questions with their answers: chosen at registration
//! and changed later in the profile (recovery way 3 needs them).

use leptos::prelude::*;
use rules::api::SecurityAnswer;
use rules::form::FieldError;
use rules::i18n::Localized;
use rules::security_answer::{check_answer, SecurityQuestionsError};

use crate::api::Shown;
use crate::components::field::Field;
use crate::i18n::{self, tr, use_lang, Lang, Text};
use crate::validate::Form;

/// The questions offered (stored in the language the person chose them in,
/// and shown back exactly so at recovery).
const QUESTIONS: [Text; 6] = [
    Text {
        zh: "您母亲的姓名是？",
        en: "What is your mother's name?",
    },
    Text {
        zh: "您出生的城市是？",
        en: "In which city were you born?",
    },
    Text {
        zh: "您小学的校名是？",
        en: "What was the name of your primary school?",
    },
    Text {
        zh: "您第一位导师的姓名是？",
        en: "What was the name of your first mentor?",
    },
    Text {
        zh: "您最喜欢的书是？",
        en: "What is your favourite book?",
    },
    Text {
        zh: "您配偶的生日是？",
        en: "What is your spouse's birthday?",
    },
];

/// The form's state: which question is chosen in each place (an index into
/// the offered ones, as text so that drafts can keep it) and the answers.
#[derive(Clone, Copy)]
pub struct QuestionsForm {
    /// The chosen question of each place.
    pub questions: [RwSignal<String>; 3],
    /// The answers, never kept in drafts.
    pub answers: [RwSignal<String>; 3],
    /// The server's (or the form's) error of the whole group.
    pub error: RwSignal<Option<Shown>>,
}

impl QuestionsForm {
    /// A form whose question choices are the given signals.
    pub fn new(questions: [RwSignal<String>; 3]) -> Self {
        Self {
            questions,
            answers: std::array::from_fn(|_| RwSignal::new(String::new())),
            error: RwSignal::new(None),
        }
    }

    /// A form starting at the first three questions.
    pub fn fresh() -> Self {
        Self::new(std::array::from_fn(|i| RwSignal::new(i.to_string())))
    }

    /// After a submit: the form's error of the group (`name`, from the
    /// form's validation) under the group, unless it concerns one answer,
    /// which its own field shows.
    pub fn show_group_error(&self, form: Form, name: &'static str) {
        let refused = untrack(|| form.check());
        let group = match refused.as_ref().and_then(|r| r.get(name)) {
            None | Some(FieldError::Questions(SecurityQuestionsError::Answer { .. })) => None,
            Some(e) => Shown::both(|l| Some(e.message(l))),
        };
        self.error.set(group);
    }

    /// The id of the group's first input to correct: the first answer its
    /// rule refuses, else the first question.
    pub fn first_invalid_id(&self) -> String {
        let answer = (0..3).find(|&i| check_answer(&self.answers[i].get_untracked()).is_err());
        match answer {
            Some(i) => format!("answer-{}", i + 1),
            None => "question-1".into(),
        }
    }

    /// The questions and answers to send, in `lang`. Reads the signals
    /// tracked (a form's validation reruns when they change): outside a
    /// reactive scope, call it within `untrack`.
    pub fn answers(&self, lang: Lang) -> Vec<SecurityAnswer> {
        (0..3)
            .map(|i| {
                let index: usize = self.questions[i].get().parse().unwrap_or(i);
                let question = QUESTIONS.get(index).copied().unwrap_or(QUESTIONS[i]);
                SecurityAnswer {
                    question: question.get(lang).to_string(),
                    answer: self.answers[i].get(),
                }
            })
            .collect()
    }
}

/// One answer's own rule (the rules crate's), while it is typed.
pub fn answer_rule(value: &str, lang: Lang) -> Option<String> {
    check_answer(value).err().map(|e| e.message(lang))
}

/// The three question selects and answer fields, in a fieldset.
#[component]
pub fn SecurityQuestionsFields(
    form: QuestionsForm,
    /// Show the answers' errors (after a submit).
    show_errors: Signal<bool>,
) -> impl IntoView {
    let lang = use_lang();
    let QuestionsForm {
        questions,
        answers,
        error,
    } = form;
    let block = move |i: usize| {
        let select_id = format!("question-{}", i + 1);
        let answer_id: &'static str = ["answer-1", "answer-2", "answer-3"][i];
        let options = move || {
            QUESTIONS
                .iter()
                .enumerate()
                .map(|(k, q)| {
                    let q = *q;
                    view! {
                        <option value=k.to_string() selected=move || questions[i].get() == k.to_string()>
                            {move || q.get(lang.get())}
                        </option>
                    }
                })
                .collect_view()
        };
        view! {
            <div class="form-field">
                <label for=select_id.clone()>{move || format!("{} {}", i18n::QUESTION_N.get(lang.get()), i + 1)}</label>
                <select
                    id=select_id
                    prop:value=move || questions[i].get()
                    on:change=move |ev| {
                        questions[i].set(event_target_value(&ev));
                        error.set(None);
                    }
                >
                    {options}
                </select>
            </div>
            <Field
                id=answer_id
                label=[i18n::ANSWER_1, i18n::ANSWER_2, i18n::ANSWER_3][i]
                value=answers[i]
                validate=answer_rule
                show_errors
            />
        }
    };
    view! {
        <fieldset class="questions">
            <legend>{tr(i18n::SECURITY_QUESTIONS)}</legend>
            <p class="hint">{tr(i18n::SECURITY_QUESTIONS_HINT)}</p>
            {block(0)}
            {block(1)}
            {block(2)}
            <p class="field-error" aria-live="polite">{move || error.get().map(|e| e.get(lang.get()))}</p>
        </fieldset>
    }
}
