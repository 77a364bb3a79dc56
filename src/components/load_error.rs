//! What a page shows when its data did not load: the server's message (or
//! the network's), announced at once, and a button that tries again, so a
//! failed request never leaves a dead end. In the administrators' apps a
//! session that ended leads to sign-in, and back here afterwards.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::session::Forget;
use crate::i18n::{self, tr, use_lang};

/// A failed load with a retry button. `card`: shown on its own (a card),
/// rather than inside one.
#[component]
pub fn LoadError(
    /// Why the load failed.
    error: ApiError,
    /// Loads again.
    #[prop(into)]
    retry: Callback<()>,
    /// Shown as a card of its own.
    #[prop(optional)]
    card: bool,
) -> impl IntoView {
    if let (ApiError::Unauthorized(_), Some(Forget(forget))) = (&error, use_context::<Forget>()) {
        forget.run(());
    }
    let lang = use_lang();
    view! {
        <div class=if card { "card error" } else { "error" } role="alert">
            <p>{move || error.message(lang.get())}</p>
            <button type="button" class="button secondary" on:click=move |_| retry.run(())>
                {tr(i18n::RETRY)}
            </button>
        </div>
    }
}
