//! The administrators' sign-in form, the same for an institution's
//! administrator and a health authority's: username and password, the wait
//! the server asks for after too many failures, and the profile the sign-in
//! answered with kept for the app's pages ([`Kept`]).

use std::future::Future;

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use rules::Lang;

use crate::api::ApiError;
use crate::components::field::Field;
use crate::components::session::{safe_next, Kept};
use crate::components::wait::WaitTimer;
use crate::effect::effect;
use crate::i18n::{self, tr, use_lang, Text};
use crate::submit::Submit;
use crate::validate;

/// The page the address names to return to after sign-in (`next`, see
/// [`Kept`]), or `home`. Read as the page starts: the sign-in page's own
/// address does not change.
pub fn next_or(home: &str) -> String {
    match safe_next(use_query_map().get_untracked().get("next")) {
        next if next == "/" => home.into(),
        next => next,
    }
}

/// A sign-in page of an administrators' app. Each app has one, so being
/// generic over the app's profile and request costs nothing in the wasm.
#[component]
pub fn AdminSignInForm<Me, S, Fut>(
    /// The heading's id (the section is labelled by it).
    heading_id: &'static str,
    /// The heading.
    heading: Text,
    /// Where the wait after too many failed sign-ins is kept.
    wait_key: &'static str,
    /// Where a sign-in leads (the institution's app: back to the page that
    /// sent the administrator here, [`next_or`]).
    then: String,
    /// Sends the username and password (the app's sign-in endpoint).
    send: S,
    /// Below the form.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView
where
    Me: Clone + Send + Sync + 'static,
    S: Fn(String, String, Lang) -> Fut + 'static,
    Fut: Future<Output = Result<Me, ApiError>> + 'static,
{
    let lang = use_lang();
    let navigate = use_navigate();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let submitted = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    // After too many failures the server refuses sign-ins for a while.
    let wait = WaitTimer::new(wait_key);
    let submit = Submit::new(move |(username, password): &(String, String)| {
        send(username.clone(), password.clone(), lang.get_untracked())
    });
    effect(move || match submit.value().get() {
        Some(Ok(me)) => {
            Kept::<Me>::get().keep(me);
            navigate(&then, Default::default());
        }
        Some(Err(err)) => {
            error.set(Some(err.message(lang.get_untracked())));
            wait.wait_after(&err);
        }
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        if username.get_untracked().trim().is_empty() || password.get_untracked().is_empty() {
            error.set(Some(i18n::FORM_HAS_ERRORS.get(lang.get_untracked()).into()));
            return;
        }
        error.set(None);
        submit.dispatch((
            username.get_untracked().trim().into(),
            password.get_untracked(),
        ));
    };
    let show: Signal<bool> = submitted.into();
    view! {
        <section class="card narrow" aria-labelledby=heading_id>
            <h1 id=heading_id>{tr(heading)}</h1>
            <form on:submit=on_submit novalidate>
                <Field id="username" label=i18n::USERNAME value=username autocomplete="username" show_errors=show
                    validate=|v: &str, lang: Lang| validate::required(v, i18n::REQUIRED_USERNAME, lang) />
                <Field id="password" label=i18n::PASSWORD value=password kind="password"
                    autocomplete="current-password" show_errors=show
                    validate=|v: &str, lang: Lang| validate::required(v, i18n::REQUIRED_PASSWORD, lang) />
                <div class="form-error" role="alert">{move || error.get()}</div>
                <button type="submit" class="button primary" disabled=move || submit.pending().get() || wait.waiting()>
                    {move || wait.label(i18n::SIGN_IN.get(lang.get()), lang.get())}
                </button>
            </form>
            {children.map(|footer| footer())}
        </section>
    }
}
