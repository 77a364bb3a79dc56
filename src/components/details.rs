//! The label/value rows of a details list (`<dl class="details">`): the
//! profile, the licences (the practitioner's, the institution's, the verify
//! page's). Plain functions over one value type each, not components generic
//! over their value: every page shares one copy of each row in the wasm.

use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;
use rules::Lang;

use crate::i18n::{self, tr, use_lang, Text};

/// A row whose value does not depend on the language.
pub fn detail(label: Text, value: String) -> impl IntoView {
    view! {
        <div class="field">
            <dt>{tr(label)}</dt>
            <dd>{value}</dd>
        </div>
    }
}

/// A row whose value is said in the page's language (a date, a label, a
/// text): `value` runs again when the language changes, and whenever a
/// signal it reads does.
pub fn detail_in(
    label: Text,
    value: impl Fn(Lang) -> String + Send + Sync + 'static,
) -> impl IntoView {
    detail_by(label, Arc::new(value))
}

/// [`detail_in`] once for every closure type.
fn detail_by(label: Text, value: Arc<dyn Fn(Lang) -> String + Send + Sync>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="field">
            <dt>{tr(label)}</dt>
            <dd>{move || value(lang.get())}</dd>
        </div>
    }
}

/// A date row; `None` is a licence without an end date.
pub fn detail_date(label: Text, date: Option<NaiveDate>) -> impl IntoView {
    detail_in(label, move |lang| match date {
        Some(d) => lang.date(d),
        None => i18n::EL_NO_END.get(lang).to_owned(),
    })
}

/// The e-license identifier, in monospace (`license-id`, also in print) so
/// that it can be read out and typed character by character.
pub fn identifier_row(id: String) -> impl IntoView {
    view! {
        <div class="field">
            <dt>{tr(i18n::EL_IDENTIFIER)}</dt>
            <dd class="license-id">{id}</dd>
        </div>
    }
}
