//! A labelled input that validates while typing: the message appears next to
//! the field once the user has left it (or tried to submit), is tied to the
//! input with `aria-describedby`, and is announced by screen readers.

use leptos::prelude::*;
use rules::Lang;

use crate::api::Shown;
use crate::i18n::{tr, use_lang, Text};
use crate::validate::Rule;

/// A validator: the message for the current value, or `None`.
pub type Validator = fn(&str, Lang) -> Option<String>;

/// A text input with its label, hint and live error.
#[component]
pub fn Field(
    /// The element id (also the `name`).
    #[prop(into)]
    id: String,
    /// The label text.
    label: Text,
    /// A label known only at run time (e.g. a security question); replaces
    /// `label`.
    #[prop(optional)]
    label_text: Option<String>,
    /// The value.
    value: RwSignal<String>,
    /// Input type (`text`, `password`, `tel`, `email`).
    #[prop(default = "text")]
    kind: &'static str,
    /// `autocomplete` token.
    #[prop(default = "off")]
    autocomplete: &'static str,
    /// `inputmode` hint for on-screen keyboards.
    #[prop(default = "text")]
    inputmode: &'static str,
    /// Validation run on every change.
    #[prop(optional)]
    validate: Option<Validator>,
    /// The field's message from its form's whole validation
    /// (`rules::form`); used instead of `validate`.
    #[prop(optional)]
    rule: Option<Rule>,
    /// A hint under the label.
    #[prop(optional)]
    hint: Option<Text>,
    /// Errors from the server for this field (shown until the value changes).
    #[prop(optional, into)]
    server_error: Option<RwSignal<Option<Shown>>>,
    /// Show the error even before the field was left (after a submit).
    #[prop(optional, into)]
    show_errors: Option<Signal<bool>>,
) -> impl IntoView {
    let lang = use_lang();
    let touched = RwSignal::new(false);
    let error = Memo::new(move |_| {
        let v = value.get();
        if let Some(msg) = server_error.and_then(|s| s.get()) {
            return Some(msg.get(lang.get()));
        }
        let visible = touched.get() || show_errors.is_some_and(|s| s.get());
        if !visible {
            return None;
        }
        match &rule {
            Some(rule) => rule(lang.get()),
            None => validate.and_then(|f| f(&v, lang.get())),
        }
    });
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described_by = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="form-field">
            <label for=id.clone()>
                {match label_text {
                    Some(text) => text.into_any(),
                    None => tr(label).into_any(),
                }}
            </label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{tr(h)}</p> })}
            <input
                id=id.clone()
                name=id
                type=kind
                autocomplete=autocomplete
                inputmode=inputmode
                autocapitalize="none"
                spellcheck="false"
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described_by
                prop:value=value
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    if let Some(s) = server_error {
                        s.set(None);
                    }
                }
                on:blur=move |_| touched.set(true)
            />
            <p class="field-error" id=error_id aria-live="polite">
                {move || error.get()}
            </p>
        </div>
    }
}
