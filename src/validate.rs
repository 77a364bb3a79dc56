//! Live form validation with the rules crate. The portal's forms call their
//! `rules::form` validation (the one the server runs in the handler) while
//! the user types and on submit; the other inputs use the rules parsers one
//! field at a time. Each function returns the message to show next to the
//! field, or `None` when the input is valid.

use std::sync::Arc;

use leptos::prelude::*;
use rules::form::{FieldErrors, FormField, Refused};
use rules::Lang;
use wasm_bindgen::JsCast;

use crate::i18n::Text;

/// A form's whole validation (`rules::form`): its refused fields, or
/// `None` when the form is valid. Run where it is read (a field's message
/// runs it once the field was left; a submit once more), so that no copy of
/// the errors is kept per form.
#[derive(Clone, Copy)]
pub struct Form(StoredValue<Check>);

type Check = Box<dyn Fn() -> Option<Refused> + Send + Sync>;

/// A field's message from its form, in a language (`Field`'s `rule`).
pub type Rule = Arc<dyn Fn(Lang) -> Option<String> + Send + Sync>;

impl Form {
    /// The form of a validation over the page's signals (read tracked).
    pub fn new<F: FormField, T>(
        validate: impl Fn() -> Result<T, FieldErrors<F>> + Send + Sync + 'static,
    ) -> Form {
        Form(StoredValue::new(Box::new(move || {
            validate().err().map(FieldErrors::into_refused)
        })))
    }

    /// The refused fields now (tracked where the caller tracks).
    pub fn check(self) -> Option<Refused> {
        self.0.with_value(|check| check())
    }

    /// The message of the request field `name`, for its `Field`.
    pub fn rule(self, name: &'static str) -> Rule {
        Arc::new(move |lang| self.check()?.message(name, lang))
    }

    /// On submit: whether the form is valid; if not, the input of its first
    /// refused field (`input_id` of the request field's name) gets the focus.
    pub fn submit_ok(self, input_id: impl Fn(&'static str) -> String) -> bool {
        match untrack(|| self.check()).as_ref().and_then(Refused::first) {
            None => true,
            Some(name) => {
                focus(&input_id(name));
                false
            }
        }
    }
}

/// Moves the focus to the element with the id.
pub fn focus(id: &str) {
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// A required field.
pub fn required(value: &str, missing: Text, lang: Lang) -> Option<String> {
    value
        .trim()
        .is_empty()
        .then(|| missing.get(lang).to_string())
}
