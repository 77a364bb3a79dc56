//! A destructive action's confirm step (an administrator deletes an account,
//! files a zombie case): a button opens it, it says what will happen, and
//! only its second button sends the request.

use leptos::prelude::*;

use crate::i18n::{tr, use_lang, Text};

/// The button `open`, then in its place a group named after it: the
/// `question`, the `confirm` button (disabled while `pending`) that runs
/// `on_confirm`, and Cancel. `confirming` is open or not; the page may close
/// it (when what it asks about changes).
#[component]
pub fn ConfirmStep(
    /// Opens the step and names its group.
    open: Text,
    /// What will happen, in the page's language.
    #[prop(into)]
    question: Signal<String>,
    /// The button that sends the request.
    confirm: Text,
    /// Whether the request is running.
    pending: Signal<bool>,
    /// Sends the request.
    #[prop(into)]
    on_confirm: Callback<()>,
    /// Whether the step is open.
    confirming: RwSignal<bool>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Show
            when=move || confirming.get()
            fallback=move || {
                view! {
                    <button type="button" class="button secondary" on:click=move |_| confirming.set(true)>
                        {tr(open)}
                    </button>
                }
            }
        >
            <div class="confirm" role="group" aria-label=move || open.get(lang.get())>
                <p>{question}</p>
                <div class="actions">
                    <button type="button" class="button danger" disabled=pending
                        on:click=move |_| on_confirm.run(())>
                        {tr(confirm)}
                    </button>
                    <button type="button" class="button secondary" on:click=move |_| confirming.set(false)>
                        {tr(crate::i18n::CANCEL)}
                    </button>
                </div>
            </div>
        </Show>
    }
}
