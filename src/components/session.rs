//! Pages that need a signed-in practitioner load the profile through
//! [`SignedIn`], which sends anyone without a session to the sign-in page and
//! back to where they were afterwards.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;
use std::future::Future;

use rules::api::Me;
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

/// Shows what a page needs with the session (`data`, loaded by the page, see
/// [`session`]): loading and error states, and anyone without a session is
/// sent to `sign_in` and back to where they were afterwards.
///
/// Generic only over the loaded type: the page's view comes as a
/// [`Callback`], so every page shares one copy of this code in the wasm.
#[component]
pub fn Guard<T>(
    data: LocalResource<Result<T, ApiError>>,
    sign_in: &'static str,
    render: Callback<T, AnyView>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
{
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

/// The session's profile (`load`: the app's `/me`), loaded as the page
/// starts.
pub fn session<T, Fut>(load: fn(Lang) -> Fut) -> LocalResource<Result<T, ApiError>>
where
    T: 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let lang = use_lang();
    LocalResource::new(move || load(lang.get_untracked()))
}

/// The profile of an administrators' app (institution, authority), kept
/// once known and shared by its pages through context: moving to another
/// page then asks the server only for that page's own data. Their profile
/// changes only at sign-in (which keeps the answer), at sign-out (which
/// forgets it) and when the one-time password is replaced (the app reloads).
/// A page whose own request finds the session ended ([`LoadError`]) forgets
/// it and leaves for the sign-in page, which comes back to it afterwards.
pub struct Kept<T: Send + Sync + 'static>(RwSignal<Option<T>>);

impl<T: Send + Sync + 'static> Clone for Kept<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Kept<T> {}

impl<T: Clone + Send + Sync + 'static> Kept<T> {
    /// Gives the app an empty one, and the means for any page to forget it
    /// and go to `sign_in`.
    pub fn provide(sign_in: &'static str) {
        let kept = Kept::<T>(RwSignal::new(None));
        provide_context(kept);
        provide_context(Forget(Callback::new(move |()| {
            kept.forget();
            let location = window().location();
            let here = format!(
                "{}{}",
                location.pathname().unwrap_or_default(),
                location.search().unwrap_or_default()
            );
            let _ = location.assign(&sign_in_url(sign_in, &here));
        })));
    }

    /// The app's.
    pub fn get() -> Self {
        expect_context()
    }

    /// The profile a sign-in answered with.
    pub fn keep(self, me: T) {
        self.0.set(Some(me));
    }

    /// After sign-out, or when the session ended.
    pub fn forget(self) {
        self.0.set(None);
    }

    /// The profile for a page's guard: the kept one, or loaded with `load`
    /// (and then kept).
    pub fn load<Fut>(self, load: fn(Lang) -> Fut) -> LocalResource<Result<T, ApiError>>
    where
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        let lang = use_lang();
        LocalResource::new(move || {
            let kept = self.0.get_untracked();
            let lang = lang.get_untracked();
            async move {
                if let Some(me) = kept {
                    return Ok(me);
                }
                let result = load(lang).await;
                if let Ok(me) = &result {
                    self.keep(me.clone());
                }
                result
            }
        })
    }
}

/// Forgets the app's kept profile, whatever its type, and leaves for
/// sign-in (see [`Kept`]).
#[derive(Clone, Copy)]
pub struct Forget(pub Callback<()>);

/// A page for a signed-in practitioner, rendered with their profile.
#[component]
pub fn SignedIn(#[prop(into)] render: Callback<Me, AnyView>) -> impl IntoView {
    view! { <Guard data=session(api::me) sign_in="/sign-in" render /> }
}
