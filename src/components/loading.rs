//! What shows while a page's data loads: the same grey bars as the shell
//! index.html paints before the wasm, so the page goes from bars to content
//! instead of from bars to a line of text to content; "Loading…" is said to
//! screen readers and shown above the bars.

use leptos::prelude::*;

use crate::i18n::{self, tr};

/// A loading placeholder; `page` makes it a card of its own (a whole page
/// loading), otherwise it sits inside the card that is loading.
#[component]
pub fn Loading(#[prop(optional)] page: bool) -> impl IntoView {
    view! {
        <div class="skeleton" class:card=page aria-busy="true">
            <p class="loading" role="status">{tr(i18n::LOADING)}</p>
            <span class="skeleton-line"></span>
            <span class="skeleton-line"></span>
            <span class="skeleton-line short"></span>
        </div>
    }
}
