//! The institution's own e-license: its checklist (practice licence within
//! validity, status normal) and the application; once issued, the signed
//! licence's card with the QR code of its verification link (the QR and
//! link code of the practitioner's card, `pages::license`).

use leptos::prelude::*;
use rules::api::{InstitutionLicence, IssuedInstitutionLicense};
use rules::license::LicenseStatus;

use crate::api;
use crate::components::checklist::ChecklistView;
use crate::components::details::{detail, detail_date, identifier_row};
use crate::components::load_error::Loaded;
use crate::effect::effect;
use crate::i18n::{self, tr, use_lang};
use crate::pages::institution::nav::AdminPage;
use crate::pages::license::{status_line, verification};
use crate::submit::Submit;

/// The institution's e-license page.
#[component]
pub fn Licence() -> impl IntoView {
    view! { <AdminPage><LicenceSection /></AdminPage> }
}

#[component]
fn LicenceSection() -> impl IntoView {
    let lang = use_lang();
    let licence = LocalResource::new(move || api::institution_licence(lang.get_untracked()));
    let render = move |data: InstitutionLicence| view! { <LicenceView data licence /> }.into_any();
    view! { <Loaded data=licence render card=true /> }
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
    effect(move || {
        if let Some(Ok(_)) = apply.value().get() {
            licence.refetch();
        }
    });
    let apply_button = move || apply_button_view(eligible, apply);
    if let Some(issued) = data.licence {
        // An expired or revoked licence, while the checklist passes again
        // (a renewed practice licence): a new application issues a new one.
        let renew = (issued.status != LicenseStatus::Valid && eligible).then(apply_button);
        return view! {
            <section class="card license" aria-labelledby="licence-heading">
                <h1 id="licence-heading">{tr(i18n::INSTITUTION_LICENCE)}</h1>
                <LicenceCard issued />
                {renew}
                {applied.map(|app| view! {
                    <p class="muted">{move || format!("{}{}", i18n::APPLICATION_NUMBER.get(lang.get()), app.id)}</p>
                })}
            </section>
        }
        .into_any();
    }
    view! {
        <section class="card" aria-labelledby="licence-heading">
            <h1 id="licence-heading">{tr(i18n::INSTITUTION_LICENCE)}</h1>
            <dl class="details">
                {detail(i18n::INSTITUTION, data.name.clone())}
                {detail(i18n::CREDIT_CODE, data.credit_code.clone())}
                {detail(i18n::LICENCE_NUMBER, data.licence_number.clone())}
                {detail_date(i18n::VALID_UNTIL, Some(data.licence_valid_until))}
            </dl>
        </section>
        <ChecklistView checklist=data.checklist.clone() />
        <section class="card" aria-labelledby="licence-apply-heading">
            <h2 id="licence-apply-heading">{tr(i18n::STEP_APPLY)}</h2>
            {match applied {
                // Applied, yet no licence: applied before licences were
                // issued, or none is signed without a signing key
                // (PORTAL_SIGNING_KEY). Say what is pending and since when.
                Some(app) => {
                    let on = rules::china_time::date_time(app.submitted_at).map(|t| t.date());
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
                        {apply_button()}
                    }
                    .into_any()
                }
                None => apply_button().into_any(),
            }}
        </section>
    }
    .into_any()
}

/// The apply button with its error. Also shown beside an application that
/// has no licence yet (one submitted before licences were issued, or while
/// no signing key was set): a repeat application issues it.
fn apply_button_view(
    eligible: bool,
    apply: Submit<(), Result<rules::api::Application, api::ApiError>>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <button type="button" class="button primary" disabled=move || !eligible || apply.pending().get()
            on:click=move |_| { apply.dispatch(()); }>
            {tr(i18n::APPLY)}
        </button>
        <div class="form-error" role="alert">
            {move || apply.value().get().and_then(|r| r.err()).map(|e| e.message(lang.get()))}
        </div>
    }
}

/// The signed licence: its status, the institution's fields as signed, the
/// identifier and the QR code of its verification link.
#[component]
fn LicenceCard(issued: IssuedInstitutionLicense) -> impl IntoView {
    let f = issued.fields;
    let (url, svg) = verification(&issued.payload);
    view! {
        <div class="license-document">
            {status_line(issued.status)}
            <dl class="details">
                {detail(i18n::INSTITUTION_NAME, f.name)}
                {detail(i18n::CREDIT_CODE, f.credit_code)}
                {detail(i18n::LICENCE_NUMBER, f.licence_number)}
                {detail_date(i18n::VALID_UNTIL, Some(f.licence_valid_until))}
                {identifier_row(f.id)}
                {detail(i18n::EL_AUTHORITY, f.authority)}
                {detail_date(i18n::EL_ISSUED, Some(f.issued_on))}
            </dl>
            <figure class="license-qr">
                <div class="qr" role="img" aria-label=tr(i18n::EL_QR_LABEL) inner_html=svg></div>
                <figcaption class="hint">{tr(i18n::EL_QR_HINT)}</figcaption>
            </figure>
            <p class="verify-link">
                <a href=url rel="external">{tr(i18n::EL_VERIFY_LINK)}</a>
            </p>
        </div>
    }
}
