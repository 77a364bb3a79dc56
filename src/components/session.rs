//! Pages that need a signed-in practitioner load the profile through
//! [`SignedIn`], which sends anyone without a session to the sign-in page and
//! back to where they were afterwards.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;
use std::future::Future;

use rules::api::{AdminMe, Me};
use rules::Lang;

use crate::api::{self, ApiError};
use crate::components::load_error::LoadError;
use crate::components::loading::Loading;
use crate::i18n::use_lang;

/// The sign-in URL that returns to `path` afterwards.
pub fn sign_in_url(sign_in: &str, path: &str) -> String {
    format!("{sign_in}?next={}", js_sys::encode_uri_component(path))
}

/// Only same-site paths are followed after sign-in, so a crafted link cannot
/// send the user to another site.
pub fn safe_next(next: Option<String>) -> String {
    match next {
        Some(p) if p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') => p,
        _ => "/".into(),
    }
}

/// Loads what a page needs with the session (`load`), shows loading and
/// error states, and sends anyone without a session to `sign_in` and back
/// to where they were afterwards.
///
/// Generic only over the loaded type: the page's view comes as a
/// [`Callback`], so every page shares one copy of this code in the wasm.
#[component]
pub fn Guard<T, Fut>(
    load: fn(Lang) -> Fut,
    sign_in: &'static str,
    render: Callback<T, AnyView>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let lang = use_lang();
    let data = LocalResource::new(move || load(lang.get_untracked()));
    let location = use_location();
    view! {
        <Suspense fallback=|| view! { <Loading page=true /> }>
            {move || {
                data.get()
                    .map(|result| match result {
                        Ok(value) => render.run(value),
                        Err(ApiError::Unauthorized(_)) => {
                            let here = location.pathname.get_untracked();
                            view! { <Redirect path=sign_in_url(sign_in, &here) /> }.into_any()
                        }
                        Err(error) => {
                            view! { <LoadError error retry=move |()| data.refetch() card=true /> }.into_any()
                        }
                    })
            }}
        </Suspense>
    }
}

/// A page for a signed-in practitioner, rendered with their profile.
#[component]
pub fn SignedIn(#[prop(into)] render: Callback<Me, AnyView>) -> impl IntoView {
    view! { <Guard load=api::me sign_in="/sign-in" render /> }
}

/// A page for a signed-in institution administrator.
/// An administrator issued a one-time password by the authority sees only
/// the password change until it is replaced.
#[component]
pub fn AdminSignedIn(#[prop(into)] render: Callback<AdminMe, AnyView>) -> impl IntoView {
    let render = Callback::new(move |me: AdminMe| {
        if me.must_change_password {
            view! { <crate::components::change_password::ChangePassword authority=false /> }
                .into_any()
        } else {
            render.run(me)
        }
    });
    view! { <Guard load=api::admin_me sign_in="/institution/sign-in" render /> }
}
