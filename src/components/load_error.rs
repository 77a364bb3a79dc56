//! What a page shows while its data loads and when it did not load: the grey
//! bars, then the page's view of the data, or the server's message (or the
//! network's), announced at once, with a button that tries again, so a
//! failed request never leaves a dead end. In the administrators' apps a
//! session that ended leads to sign-in, and back here afterwards.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::loading::Loading;
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

/// A page's data (`data`, a request of the page's own): the grey bars while
/// it first loads, then `render`'s view of it, or a [`LoadError`] whose
/// button loads it again. Loading again (a retry, another page of a list)
/// keeps what is shown until the answer comes (a `Transition`), so a list
/// does not blink. `card`: the whole page is loading (the bars and the error
/// are cards of their own).
///
/// Generic over the loaded type only as far as handing it to `render`: the
/// loading, error and transition code is one copy for every page
/// ([`loaded`]).
#[component]
pub fn Loaded<T, R>(
    data: LocalResource<Result<T, ApiError>>,
    render: R,
    #[prop(optional)] card: bool,
) -> impl IntoView
where
    T: Clone + 'static,
    R: Fn(T) -> AnyView + Send + Sync + 'static,
{
    // Boxed at once: measured, smaller in every app than a `Callback` (a
    // stored value per loaded type) or the closure kept unboxed.
    let render: Box<dyn Fn(T) -> AnyView + Send + Sync> = Box::new(render);
    let view = Callback::new(move |()| data.get().map(|result| result.map(&render)));
    loaded(view, Callback::new(move |()| data.refetch()), card)
}

/// What [`Loaded`] shows, once for every loaded type: `view` reads the
/// request (tracked, so the transition waits for it) and renders its value.
fn loaded(
    view: Callback<(), Option<Result<AnyView, ApiError>>>,
    retry: Callback<()>,
    card: bool,
) -> impl IntoView {
    view! {
        <Transition fallback=move || view! { <Loading page=card /> }>
            {move || {
                view.run(())
                    .map(|result| {
                        result.unwrap_or_else(|error| view! { <LoadError error retry card /> }.into_any())
                    })
            }}
        </Transition>
    }
}
