//! The authority's start page: who is signed in, sign-out, and the
//! institutions of its region (or the password change first).

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use rules::api::authority::AuthorityMe;

use crate::api;
use crate::components::change_password::ChangePassword;
use crate::components::session::{Guard, Kept};
use crate::effect::effect;
use crate::i18n::authority as t;
use crate::i18n::{self, tr, use_lang};
use crate::submit::Submit;

use super::administrator_changes::AdministratorChanges;
use super::campaign::CampaignSection;
use super::follow_up::FollowUp;
use super::institutions::Institutions;

/// `/authority`.
#[component]
pub fn AuthorityHome() -> impl IntoView {
    let render = Callback::new(|me: AuthorityMe| {
        if me.must_change_password {
            view! { <ChangePassword authority=true /> }.into_any()
        } else {
            let national = me.division.is_empty();
            view! { <AuthorityNav me /> <AdministratorChanges /> <FollowUp /> <CampaignSection national /> <Institutions /> }
                .into_any()
        }
    });
    let data = Kept::<AuthorityMe>::get().load(api::authority::me);
    view! { <Guard data sign_in="/authority/sign-in" render /> }
}

/// The authority's division and username, and sign-out.
#[component]
fn AuthorityNav(me: AuthorityMe) -> impl IntoView {
    let lang = use_lang();
    let navigate = use_navigate();
    let sign_out =
        Submit::new(
            move |_: &()| async move { api::authority::sign_out(lang.get_untracked()).await },
        );
    effect(move || {
        if sign_out.value().get().is_some() {
            Kept::<AuthorityMe>::get().forget();
            navigate("/authority/sign-in", Default::default());
        }
    });
    let division = me.division.clone();
    let division = move || {
        if division.is_empty() {
            t::NATIONAL.get(lang.get()).to_owned()
        } else {
            division.clone()
        }
    };
    view! {
        <nav class="card section-nav" aria-label=move || t::AUTHORITY_SECTION.get(lang.get())>
            <p class="muted">{tr(t::AUTHORITY_SECTION)} " · " {division} " · " {me.username.clone()}</p>
            <div class="actions">
                <a class="button secondary" href="/authority/deregistrations">{tr(crate::i18n::authority_deregistrations::DEREGISTRATIONS_LINK)}</a>
                <button type="button" class="button secondary" on:click=move |_| { sign_out.dispatch(()); }>
                    {tr(i18n::SIGN_OUT)}
                </button>
            </div>
        </nav>
    }
}
