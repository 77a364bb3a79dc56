//! Pages that need a signed-in practitioner load the profile through
//! [`SignedIn`], which sends anyone without a session to the sign-in page and
//! back to where they were afterwards.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;
use rules::api::Me;

use crate::api::{self, ApiError};
use crate::i18n::{self, tr, use_lang};

/// The sign-in URL that returns to `path` afterwards.
pub fn sign_in_url(path: &str) -> String {
    format!("/sign-in?next={}", js_sys::encode_uri_component(path))
}

/// Only same-site paths are followed after sign-in, so a crafted link cannot
/// send the user to another site.
pub fn safe_next(next: Option<String>) -> String {
    match next {
        Some(p) if p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') => p,
        _ => "/".into(),
    }
}

/// Loads the signed-in practitioner and renders `render` with the profile;
/// shows loading and error states, and redirects to sign-in without a session.
#[component]
pub fn SignedIn<F, V>(render: F) -> impl IntoView
where
    F: Fn(Me) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let lang = use_lang();
    let me = LocalResource::new(move || api::me(lang.get_untracked()));
    let location = use_location();
    view! {
        <Suspense fallback=|| view! { <p role="status" class="loading">{tr(i18n::LOADING)}</p> }>
            {move || {
                me.get()
                    .map(|result| match result {
                        Ok(me) => render(me).into_any(),
                        Err(ApiError::Unauthorized(_)) => {
                            let here = location.pathname.get_untracked();
                            view! { <Redirect path=sign_in_url(&here) /> }.into_any()
                        }
                        Err(err) => {
                            view! {
                                <div class="card error" role="alert">
                                    <p>{move || err.message(lang.get())}</p>
                                    <button type="button" on:click=move |_| me.refetch()>
                                        {tr(i18n::RETRY)}
                                    </button>
                                </div>
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}
