//! Home: where the practitioner stands, their checklist, and what to do next.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use rules::api::Me;

use crate::api;
use crate::components::checklist::ChecklistView;
use crate::components::session::SignedIn;
use crate::i18n::{self, tr, use_lang};
use crate::today::today;

/// The home page.
#[component]
pub fn Home() -> impl IntoView {
    view! { <SignedIn render=|me: Me| view! { <Dashboard me /> } /> }
}

#[component]
fn Dashboard(me: Me) -> impl IntoView {
    let lang = use_lang();
    let navigate = use_navigate();
    let checklist = me.checklist(today());
    let sign_out =
        Action::new_local(move |_: &()| async move { api::sign_out(lang.get_untracked()).await });
    Effect::new(move |_| {
        if sign_out.value().get().is_some() {
            navigate("/sign-in", Default::default());
        }
    });
    let name = me.name.clone();
    view! {
        <section class="card">
            <h1>{move || format!("{}{}", i18n::HOME_GREETING.get(lang.get()), name)}</h1>
            <p class="muted">{me.institution_name.clone()}</p>
            <div class="actions">
                <a class="button secondary" href="/profile">{tr(i18n::PROFILE)}</a>
                <button
                    type="button"
                    class="button secondary"
                    disabled=move || sign_out.pending().get()
                    on:click=move |_| {
                        sign_out.dispatch(());
                    }
                >
                    {tr(i18n::SIGN_OUT)}
                </button>
            </div>
        </section>
        <ChecklistView checklist />
    }
}
