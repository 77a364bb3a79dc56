//! Live form validation with the rules crate. The portal's forms call their
//! `rules::form` validation (the one the server runs in the handler) while
//! the user types and on submit; the other inputs use the rules parsers one
//! field at a time. Each function returns the message to show next to the
//! field, or `None` when the input is valid.

use leptos::prelude::*;
use rules::form::{FieldErrors, FormField, Refused};
use rules::Lang;
use wasm_bindgen::JsCast;

use crate::i18n::{use_lang, Text};

/// A form's whole validation, run again whenever a value it reads changes:
/// its refused fields, or `None` when the form is valid.
pub fn form<F: FormField, T>(
    validate: impl Fn() -> Result<T, FieldErrors<F>> + Send + Sync + 'static,
) -> Memo<Option<Refused>> {
    Memo::new(move |_| validate().err().map(FieldErrors::into_refused))
}

/// The message of the request field `name` of a form, in the page's
/// language (a `Field`'s `rule`).
pub fn field_message(form: Memo<Option<Refused>>, name: &'static str) -> Signal<Option<String>> {
    let lang = use_lang();
    Signal::derive(move || form.with(|r| r.as_ref()?.message(name, lang.get())))
}

/// On submit: whether the form is valid; if not, the input of its first
/// refused field (`input_id` of the request field's name) gets the focus.
pub fn submit_ok(form: Memo<Option<Refused>>, input_id: impl Fn(&'static str) -> String) -> bool {
    match form.with_untracked(|r| r.as_ref().and_then(Refused::first)) {
        None => true,
        Some(name) => {
            focus(&input_id(name));
            false
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
