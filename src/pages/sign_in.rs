//! Sign-in to the physician or nurse system.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use rules::api::SignInRequest;
use rules::System;

use crate::api::{self, Shown};
use crate::components::deadline_banner::NationalBanner;
use crate::components::session::safe_next;
use crate::components::system_choice::SystemChoice;
use crate::components::wait::WaitTimer;
use crate::effect::effect;
use crate::i18n::{self, tr, use_lang};
use crate::submit::Submit;

/// Where the wait after too many failed sign-ins is kept.
const WAIT_KEY: &str = "portal.wait.sign-in";

/// The sign-in page.
#[component]
pub fn SignIn() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let navigate = use_navigate();

    let system = RwSignal::new(System::Physician);
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Shown>);

    // After too many failures the server refuses sign-ins for a while; the
    // button says how long instead of inviting more refused attempts.
    let wait = WaitTimer::new(WAIT_KEY);
    let submit = Submit::new(move |req: &SignInRequest| {
        let req = req.clone();
        async move { api::sign_in(&req, lang.get_untracked()).await }
    });

    effect(move || {
        if let Some(result) = submit.value().get() {
            match result {
                Ok(_) => {
                    password.set(String::new());
                    let next = safe_next(query.get_untracked().get("next"));
                    navigate(&next, Default::default());
                }
                // The password was right, the system was not: select the
                // account's system, and the message says to sign in again.
                Err(err) if err.is(rules::api::ErrorCode::AuthWrongSystem) => {
                    system.update(|s| *s = s.other());
                    error.set(Some(Shown::Api(err)));
                }
                Err(err) if err.is(rules::api::ErrorCode::AuthNotActivated) => {
                    password.set(String::new());
                    navigate("/activate?from=sign-in", Default::default());
                }
                Err(err) => {
                    wait.wait_after(&err);
                    error.set(Some(Shown::Api(err)));
                }
            }
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let user = username.get_untracked().trim().to_string();
        let pass = password.get_untracked();
        let missing = if user.is_empty() {
            Some(i18n::REQUIRED_USERNAME)
        } else if pass.is_empty() {
            Some(i18n::REQUIRED_PASSWORD)
        } else {
            None
        };
        if let Some(text) = missing {
            error.set(Some(Shown::Text(text)));
            return;
        }
        error.set(None);
        submit.dispatch(SignInRequest {
            system: system.get_untracked(),
            username: user,
            password: pass,
        });
    };

    view! {
        <NationalBanner />
        <section class="card narrow" aria-labelledby="sign-in-heading">
            <h1 id="sign-in-heading">{tr(i18n::SIGN_IN)}</h1>
            <form on:submit=on_submit novalidate>
                <SystemChoice system />
                <label for="username">{tr(i18n::USERNAME)}</label>
                <input
                    id="username"
                    name="username"
                    autocomplete="username"
                    autocapitalize="none"
                    spellcheck="false"
                    prop:value=username
                    on:input=move |ev| username.set(event_target_value(&ev))
                />
                <label for="password">{tr(i18n::PASSWORD)}</label>
                <input
                    id="password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    prop:value=password
                    on:input=move |ev| password.set(event_target_value(&ev))
                />
                <div class="form-error" role="alert">
                    {move || error.get().map(|e| e.get(lang.get()))}
                </div>
                <button type="submit" class="button primary" disabled=move || submit.pending().get() || wait.waiting()>
                    {move || {
                        let text = if submit.pending().get() { i18n::SIGNING_IN } else { i18n::SIGN_IN };
                        wait.label(text.get(lang.get()), lang.get())
                    }}
                </button>
            </form>
            <p class="hint">
                <a href="/recover">{tr(i18n::FORGOT_PASSWORD)}</a>
            </p>
            <p class="hint">
                <a href="/register">{tr(i18n::NO_ACCOUNT)}</a>
            </p>
            <p class="hint">
                <a href="/institution/sign-in" rel="external">{tr(i18n::ADMIN_ENTRY)}</a>
            </p>
        </section>
    }
}
