//! The change of a one-time password (issued by the health authority to its
//! own administrators and to institution administrators): shown instead of
//! every page until it is done, then the page loads again.

use leptos::prelude::*;
use rules::api::authority::ChangePasswordRequest;
use rules::Lang;

use crate::api::{self, Shown};
use crate::components::field::Field;
use crate::effect::effect;
use crate::i18n::authority as t;
use crate::i18n::{self, tr, use_lang};
use crate::submit::Submit;
use crate::validate;

/// The form; `authority` picks the authority's route, else the institution
/// administrator's.
#[component]
pub fn ChangePassword(authority: bool) -> impl IntoView {
    let lang = use_lang();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let submitted = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let current_error = RwSignal::new(None::<Shown>);
    let new_error = RwSignal::new(None::<Shown>);
    let submit = Submit::new(move |req: &ChangePasswordRequest| {
        let req = req.clone();
        async move { api::authority::change_password(authority, &req, lang.get_untracked()).await }
    });
    effect(move || match submit.value().get() {
        // The session stays; the page loads again with the account in use.
        Some(Ok(())) => {
            let _ = window().location().reload();
        }
        Some(Err(err)) => {
            let l = lang.get_untracked();
            current_error.set(err.field("current_password"));
            new_error.set(err.field("new_password"));
            error.set(Some(err.message(l)));
        }
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        if current.get_untracked().is_empty() || new.get_untracked().is_empty() {
            error.set(Some(i18n::FORM_HAS_ERRORS.get(lang.get_untracked()).into()));
            return;
        }
        error.set(None);
        submit.dispatch(ChangePasswordRequest {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
        });
    };
    let show: Signal<bool> = submitted.into();
    view! {
        <section class="card narrow" aria-labelledby="change-password-heading">
            <h1 id="change-password-heading">{tr(t::CHANGE_PASSWORD)}</h1>
            <p>{tr(t::CHANGE_PASSWORD_INTRO)}</p>
            <form on:submit=on_submit novalidate>
                <Field id="current-password" label=t::CURRENT_PASSWORD value=current kind="password"
                    autocomplete="current-password" show_errors=show server_error=current_error
                    validate=|v: &str, lang: Lang| validate::required(v, i18n::REQUIRED_PASSWORD, lang) />
                <Field id="new-password" label=i18n::NEW_PASSWORD value=new kind="password"
                    autocomplete="new-password" show_errors=show server_error=new_error
                    validate=|v: &str, lang: Lang| validate::required(v, i18n::REQUIRED_PASSWORD, lang) />
                <div class="form-error" role="alert">{move || error.get()}</div>
                <button type="submit" class="button primary" disabled=move || submit.pending().get()>
                    {tr(t::SAVE_PASSWORD)}
                </button>
            </form>
        </section>
    }
}
