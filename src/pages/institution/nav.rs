//! The institution section's navigation and sign-out.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use rules::api::AdminMe;

use crate::api;
use crate::i18n::{self, tr, use_lang};

/// The institution's name, the section's links and sign-out.
#[component]
pub fn InstitutionNav(me: AdminMe) -> impl IntoView {
    let lang = use_lang();
    let navigate = use_navigate();
    let pathname = use_location().pathname;
    // The link of the page being shown says so, to sight and to screen readers.
    let current = move |href: &'static str| move || (pathname.get() == href).then_some("page");
    let sign_out =
        Action::new_local(
            move |_: &()| async move { api::admin_sign_out(lang.get_untracked()).await },
        );
    Effect::new(move |_| {
        if sign_out.value().get().is_some() {
            navigate("/institution/sign-in", Default::default());
        }
    });
    view! {
        <nav class="card section-nav" aria-label=move || i18n::INSTITUTION_SECTION.get(lang.get())>
            <p class="muted">{me.institution_name.clone()} " · " {me.username.clone()}</p>
            <div class="actions">
                <a class="button secondary" href="/institution" aria-current=current("/institution")>{tr(i18n::DASHBOARD)}</a>
                <a class="button secondary" href="/institution/reviews" aria-current=current("/institution/reviews")>{tr(i18n::REVIEWS)}</a>
                <a class="button secondary" href="/institution/staff" aria-current=current("/institution/staff")>{tr(i18n::STAFF)}</a>
                <a class="button secondary" href="/institution/zombies" aria-current=current("/institution/zombies")>{tr(i18n::ZOMBIES)}</a>
                <a class="button secondary" href="/institution/licence" aria-current=current("/institution/licence")>{tr(i18n::INSTITUTION_LICENCE)}</a>
                <button type="button" class="button secondary" on:click=move |_| { sign_out.dispatch(()); }>
                    {tr(i18n::SIGN_OUT)}
                </button>
            </div>
        </nav>
    }
}
