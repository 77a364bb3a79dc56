//! Profile: the registry details the e-license is issued from.

use leptos::prelude::*;
use rules::api::Me;

use crate::components::session::SignedIn;
use crate::i18n::{self, tr, use_lang, Text};

/// The profile page.
#[component]
pub fn Profile() -> impl IntoView {
    view! { <SignedIn render=|me: Me| view! { <ProfileDetails me /> } /> }
}

#[component]
fn ProfileDetails(me: Me) -> impl IntoView {
    let lang = use_lang();
    let kind = me.facts.kind;
    let title = me.title;
    let row = |label: Text, value: String| {
        view! {
            <div class="field">
                <dt>{tr(label)}</dt>
                <dd>{value}</dd>
            </div>
        }
    };
    view! {
        <section class="card" aria-labelledby="profile-heading">
            <h1 id="profile-heading">{tr(i18n::PROFILE)}</h1>
            <dl class="details">
                {row(i18n::NAME, me.name.clone())}
                {row(i18n::ID_NUMBER, me.id_number_masked.clone())}
                {row(i18n::CERTIFICATE_NUMBER, me.certificate_number.clone())}
                {row(i18n::INSTITUTION, me.institution_name.clone())}
                <div class="field">
                    <dt>{tr(i18n::KIND)}</dt>
                    <dd>{move || kind.label(lang.get())}</dd>
                </div>
                <div class="field">
                    <dt>{tr(i18n::TITLE)}</dt>
                    <dd>
                        {move || {
                            title
                                .map(|t| t.label(lang.get()))
                                .unwrap_or_else(|| i18n::NONE.get(lang.get()))
                        }}
                    </dd>
                </div>
            </dl>
            <a href="/">{tr(i18n::BACK_HOME)}</a>
        </section>
    }
}
