//! The institution section's pages: the session, the navigation and
//! sign-out around each page's content.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use rules::api::AdminMe;

use crate::api;
use crate::components::change_password::ChangePassword;
use crate::components::session::{Guard, Kept};
use crate::effect::effect;
use crate::i18n::{self, tr, use_lang};
use crate::submit::Submit;

/// A page for a signed-in institution administrator: the section's
/// navigation once the session is known, then the page's `children`.
///
/// The content is built at once and shown when the session is known, so its
/// own requests leave together with the session's instead of one round trip
/// after it (a phone on a slow network sees the first row of a list sooner).
/// Without a session the guard leaves for the sign-in page; an administrator
/// issued a one-time password sees only the password change until it is
/// replaced (the content's requests were refused meanwhile).
#[component]
pub fn AdminPage(children: Children) -> impl IntoView {
    let me = Kept::<AdminMe>::get().load(api::admin_me);
    let content = children();
    let render = Callback::new(|me: AdminMe| {
        if me.must_change_password {
            view! { <ChangePassword authority=false /> }.into_any()
        } else {
            view! { <InstitutionNav me /> }.into_any()
        }
    });
    let shown = move || me.with(|r| matches!(r, Some(Ok(me)) if !me.must_change_password));
    view! {
        <Guard data=me sign_in="/institution/sign-in" render />
        <div hidden=move || !shown()>{content}</div>
    }
}

/// The institution's name, the section's links and sign-out.
#[component]
fn InstitutionNav(me: AdminMe) -> impl IntoView {
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
            Kept::<AdminMe>::get().forget();
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
