//! Sign-in for health authority administrators.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use rules::api::authority::{AuthorityMe, AuthoritySignInRequest};
use rules::Lang;

use crate::api;
use crate::components::field::Field;
use crate::components::session::Kept;
use crate::components::wait::WaitTimer;
use crate::effect::effect;
use crate::i18n::authority as t;
use crate::i18n::{self, tr, use_lang};
use crate::submit::Submit;
use crate::validate;

/// Where the wait after too many failed sign-ins is kept.
const WAIT_KEY: &str = "portal.wait.authority-sign-in";

/// The authority's sign-in page.
#[component]
pub fn AuthoritySignIn() -> impl IntoView {
    let lang = use_lang();
    let navigate = use_navigate();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let submitted = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let wait = WaitTimer::new(WAIT_KEY);
    let submit = Submit::new(move |req: &AuthoritySignInRequest| {
        let req = req.clone();
        async move { api::authority::sign_in(&req, lang.get_untracked()).await }
    });
    effect(move || match submit.value().get() {
        Some(Ok(me)) => {
            Kept::<AuthorityMe>::get().keep(me);
            navigate("/authority", Default::default());
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
        submit.dispatch(AuthoritySignInRequest {
            username: username.get_untracked().trim().into(),
            password: password.get_untracked(),
        });
    };
    let show: Signal<bool> = submitted.into();
    view! {
        <section class="card narrow" aria-labelledby="authority-sign-in-heading">
            <h1 id="authority-sign-in-heading">{tr(t::AUTHORITY_SIGN_IN)}</h1>
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
        </section>
    }
}
