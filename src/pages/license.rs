//! The e-license: the holder's details and the application it was issued
//! from.

use leptos::prelude::*;
use rules::api::{Application, Me};

use crate::api;
use crate::components::session::SignedIn;
use crate::i18n::{self, format_date, tr, use_lang, Text};

/// The e-license page.
#[component]
pub fn License() -> impl IntoView {
    view! { <SignedIn render=|me: Me| view! { <LicenseView me /> } /> }
}

#[component]
fn LicenseView(me: Me) -> impl IntoView {
    let lang = use_lang();
    let application = LocalResource::new(move || api::current_application(lang.get_untracked()));
    let me = StoredValue::new(me);
    view! {
        <Transition fallback=|| view! { <p role="status" class="loading">{tr(i18n::LOADING)}</p> }>
            {move || {
                application
                    .get()
                    .map(|result| match result {
                        Ok(Some(app)) => view! { <LicenseCard me=me.get_value() app /> }.into_any(),
                        Ok(None) => {
                            view! {
                                <section class="card">
                                    <h1>{tr(i18n::LICENSE)}</h1>
                                    <p>{tr(i18n::LICENSE_NONE)}</p>
                                    <a class="button secondary" href="/">{tr(i18n::BACK_HOME)}</a>
                                </section>
                            }
                                .into_any()
                        }
                        Err(err) => {
                            view! {
                                <section class="card error" role="alert">
                                    <p>{move || err.message(lang.get())}</p>
                                    <button type="button" class="button secondary" on:click=move |_| application.refetch()>
                                        {tr(i18n::RETRY)}
                                    </button>
                                </section>
                            }
                                .into_any()
                        }
                    })
            }}
        </Transition>
    }
}

#[component]
fn LicenseCard(me: Me, app: Application) -> impl IntoView {
    let lang = use_lang();
    let kind = me.facts.kind;
    let category = me.category;
    let submitted = chrono::DateTime::from_timestamp(app.submitted_at, 0).map(|t| {
        t.with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).expect("valid offset"))
            .date_naive()
    });
    let row = move |label: Text, value: String| {
        view! {
            <div class="field">
                <dt>{tr(label)}</dt>
                <dd>{value}</dd>
            </div>
        }
    };
    view! {
        <section class="card license" aria-labelledby="license-heading">
            <h1 id="license-heading">{tr(i18n::LICENSE)}</h1>
            <p class="summary ok">{tr(i18n::LICENSE_SUBMITTED)}</p>
            <dl class="details">
                {row(i18n::NAME, me.name.clone())}
                {row(i18n::ID_NUMBER, me.id_number_masked.clone())}
                <div class="field">
                    <dt>{tr(i18n::KIND)}</dt>
                    <dd>
                        {move || {
                            let lang = lang.get();
                            match category {
                                Some(c) => format!("{} · {}", kind.label(lang), c.label(lang)),
                                None => kind.label(lang).to_string(),
                            }
                        }}
                    </dd>
                </div>
                {row(i18n::CERTIFICATE_NUMBER, me.certificate_number.clone())}
                {row(i18n::INSTITUTION, me.institution_name.clone())}
                {row(i18n::APPLICATION_NO, app.id.to_string())}
                <div class="field">
                    <dt>{tr(i18n::SUBMITTED_AT)}</dt>
                    <dd>{move || submitted.map(|d| format_date(d, lang.get())).unwrap_or_default()}</dd>
                </div>
            </dl>
            <a href="/">{tr(i18n::BACK_HOME)}</a>
        </section>
    }
}
