//! The institution section's navigation and sign-out.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use rules::api::AdminMe;

use crate::api;
use crate::effect::effect;
use crate::i18n::{self, tr, use_lang};
use crate::submit::Submit;

/// The institution's name, the section's links and sign-out.
#[component]
pub fn InstitutionNav(me: AdminMe) -> impl IntoView {
    let lang = use_lang();
    let navigate = use_navigate();
    let pathname = use_location().pathname;
    let links = [
        ("/institution", i18n::DASHBOARD),
        ("/institution/reviews", i18n::REVIEWS),
        ("/institution/staff", i18n::STAFF),
        ("/institution/zombies", i18n::ZOMBIES),
        ("/institution/reminders", i18n::REMINDERS),
        ("/institution/licence", i18n::INSTITUTION_LICENCE),
        (
            "/institution/administrator-change",
            i18n::administrator_change::ADMIN_CHANGE,
        ),
    ]
    .map(|(href, text)| {
        // The link of the page being shown says so, to sight and to screen readers.
        let current = move || (pathname.get() == href).then_some("page");
        view! { <a class="button secondary" href=href aria-current=current>{tr(text)}</a> }
    });
    let sign_out =
        Submit::new(move |_: &()| async move { api::admin_sign_out(lang.get_untracked()).await });
    effect(move || {
        if sign_out.value().get().is_some() {
            navigate("/institution/sign-in", Default::default());
        }
    });
    view! {
        <nav class="card section-nav" aria-label=move || i18n::INSTITUTION_SECTION.get(lang.get())>
            <p class="muted">{me.institution_name.clone()} " · " {me.username.clone()}</p>
            <div class="actions">
                {links}
                <button type="button" class="button secondary" on:click=move |_| { sign_out.dispatch(()); }>
                    {tr(i18n::SIGN_OUT)}
                </button>
            </div>
        </nav>
    }
}
