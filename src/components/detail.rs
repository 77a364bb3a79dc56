//! The label-and-value rows of the portal's `<dl>` lists: a person's
//! details, a licence's fields, a dashboard's figures. Written once so every
//! list reads the same to a screen reader (term, then its description).

use leptos::prelude::*;

use crate::i18n::{tr, Text};

/// One row of a details list (`<dl class="details">`).
pub fn detail_row(label: Text, value: impl IntoView + 'static) -> impl IntoView {
    view! {
        <div class="field">
            <dt>{tr(label)}</dt>
            <dd>{value}</dd>
        </div>
    }
}

/// One figure of a figures list (`<dl class="figures">`): a label and a
/// number.
pub fn figure(label: Text, value: impl IntoView + 'static) -> impl IntoView {
    view! {
        <div class="figure">
            <dt>{tr(label)}</dt>
            <dd>{value}</dd>
        </div>
    }
}
