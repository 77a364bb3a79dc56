//! The institution's own e-license: its checklist (practice licence within
//! validity, status normal) and the application.

use leptos::prelude::*;
use rules::api::{AdminMe, InstitutionLicence};

use crate::api;
use crate::components::checklist::ChecklistView;
use crate::components::loading::Loading;
use crate::components::session::AdminSignedIn;
use crate::i18n::{self, tr, use_lang, Text};
use crate::pages::institution::nav::InstitutionNav;
use crate::submit::Submit;
use crate::watch::watch;

/// The institution's e-license page.
#[component]
pub fn Licence() -> impl IntoView {
    view! { <AdminSignedIn render=|me: AdminMe| view! { <InstitutionNav me /> <LicenceSection /> }.into_any() /> }
}

#[component]
fn LicenceSection() -> impl IntoView {
    let lang = use_lang();
    let licence = LocalResource::new(move || api::institution_licence(lang.get_untracked()));
    view! {
        <Transition fallback=|| view! { <Loading page=true /> }>
            {move || {
                licence
                    .get()
                    .map(|result| match result {
                        Ok(data) => view! { <LicenceView data licence /> }.into_any(),
                        Err(err) => view! { <p class="card form-error" role="alert">{move || err.message(lang.get())}</p> }.into_any(),
                    })
            }}
        </Transition>
    }
}

#[component]
fn LicenceView(
    data: InstitutionLicence,
    licence: LocalResource<Result<InstitutionLicence, api::ApiError>>,
) -> impl IntoView {
    let lang = use_lang();
    let eligible = data.checklist.is_eligible();
    let applied = data.application.clone();
    let apply = Submit::new(move |_: &()| async move {
        api::apply_institution_licence(lang.get_untracked()).await
    });
    watch(move || {
        if let Some(Ok(_)) = apply.value().get() {
            licence.refetch();
        }
    });
    let until = data.licence_valid_until;
    let row = |label: Text, value: String| {
        view! {
            <div class="field">
                <dt>{tr(label)}</dt>
                <dd>{value}</dd>
            </div>
        }
    };
    view! {
        <section class="card" aria-labelledby="licence-heading">
            <h1 id="licence-heading">{tr(i18n::INSTITUTION_LICENCE)}</h1>
            <dl class="details">
                {row(i18n::INSTITUTION, data.name.clone())}
                {row(i18n::CREDIT_CODE, data.credit_code.clone())}
                {row(i18n::LICENCE_NUMBER, data.licence_number.clone())}
                <div class="field">
                    <dt>{tr(i18n::VALID_UNTIL)}</dt>
                    <dd>{move || lang.get().date(until)}</dd>
                </div>
            </dl>
        </section>
        <ChecklistView checklist=data.checklist.clone() />
        <section class="card" aria-labelledby="licence-apply-heading">
            <h2 id="licence-apply-heading">{tr(i18n::STEP_APPLY)}</h2>
            {match applied {
                // The registry issues the institution's e-license from the
                // application; this portal does not sign one. Say what is
                // pending, since when, and who acts next.
                Some(app) => {
                    let on = chrono::DateTime::from_timestamp(app.submitted_at, 0).map(|t| t.date_naive());
                    view! {
                        <p class="summary ok">
                            {move || {
                                let lang = lang.get();
                                let date = on.map(|d| lang.date(d)).unwrap_or_default();
                                let (open, close) = if lang == rules::Lang::Zh { ("（", "）") } else { (" (", ")") };
                                format!("{}{open}{date}{close}", i18n::LICENSE_SUBMITTED.get(lang))
                            }}
                        </p>
                        <p>{tr(i18n::INSTITUTION_LICENCE_PENDING)}</p>
                        <p class="muted">{move || format!("{}{}", i18n::APPLICATION_NUMBER.get(lang.get()), app.id)}</p>
                    }
                    .into_any()
                }
                None => {
                    view! {
                        <button type="button" class="button primary" disabled=move || !eligible || apply.pending().get()
                            on:click=move |_| { apply.dispatch(()); }>
                            {tr(i18n::APPLY)}
                        </button>
                        <div class="form-error" role="alert">
                            {move || apply.value().get().and_then(|r| r.err()).map(|e| e.message(lang.get()))}
                        </div>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}
