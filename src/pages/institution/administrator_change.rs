//! The institution's change of administrator: the new person's details and
//! the receipt stamped with the unit's seal, sent to the health authority;
//! the latest request's state (with the reason of a rejection).

use leptos::html::Input;
use leptos::prelude::*;
use rules::api::administrator_change::{
    AdministratorChange, ChangeStatus, NewAdministratorChange, RECEIPT_MAX_BYTES,
};
use rules::Lang;

use crate::api::{self, Shown};
use crate::components::field::Field;
use crate::components::load_error::LoadError;
use crate::components::loading::Loading;
use crate::effect::effect;
use crate::i18n::administrator_change as t;
use crate::i18n::authority as ta;
use crate::i18n::{self, tr, use_lang};
use crate::pages::institution::nav::AdminPage;
use crate::submit::Submit;
use crate::validate;

fn required(v: &str, lang: Lang) -> Option<String> {
    validate::required(v, ta::REQUIRED, lang)
}

/// `/institution/administrator-change`.
#[component]
pub fn AdministratorChangePage() -> impl IntoView {
    view! { <AdminPage><ChangeSection /></AdminPage> }
}

#[component]
fn ChangeSection() -> impl IntoView {
    let lang = use_lang();
    let latest =
        LocalResource::new(move || api::administrator_change::latest(lang.get_untracked()));
    view! {
        <section class="card" aria-labelledby="admin-change-heading">
            <h1 id="admin-change-heading">{tr(t::ADMIN_CHANGE)}</h1>
            <p class="muted">{tr(t::ADMIN_CHANGE_INTRO)}</p>
            <Suspense fallback=|| view! { <Loading page=false /> }>
                {move || latest.get().map(|r| match r {
                    Ok(l) => {
                        let pending = l.latest.as_ref().is_some_and(|c| c.status == ChangeStatus::Pending);
                        view! {
                            {l.latest.map(|c| view! { <Latest change=c /> })}
                            {(!pending).then(|| view! { <ChangeForm latest /> })}
                        }.into_any()
                    }
                    Err(error) => view! { <LoadError error retry=move |()| latest.refetch() /> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Latest(change: AdministratorChange) -> impl IntoView {
    let status = match change.status {
        ChangeStatus::Pending => t::STATUS_PENDING,
        ChangeStatus::Approved => t::STATUS_APPROVED,
        ChangeStatus::Rejected => t::STATUS_REJECTED,
    };
    view! {
        <section class="card nested" aria-labelledby="latest-change-heading">
            <h2 id="latest-change-heading">{tr(t::LATEST)}</h2>
            <p><strong>{tr(status)}</strong></p>
            <p>{tr(t::NEW_ADMIN)} ": " {change.new_name} " · " {change.new_username} " · " {change.phone_masked}</p>
            {change.reason.map(|r| view! { <p>{tr(t::REASON)} ": " {r}</p> })}
        </section>
    }
}

#[component]
fn ChangeForm(
    latest: LocalResource<
        Result<rules::api::administrator_change::LatestAdministratorChange, api::ApiError>,
    >,
) -> impl IntoView {
    let lang = use_lang();
    let name = RwSignal::new(String::new());
    let username = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let errors: [(&str, RwSignal<Option<Shown>>); 5] = [
        ("name", RwSignal::new(None)),
        ("username", RwSignal::new(None)),
        ("phone", RwSignal::new(None)),
        ("email", RwSignal::new(None)),
        ("receipt", RwSignal::new(None)),
    ];
    let [e_name, e_username, e_phone, e_email, e_receipt] = errors.map(|(_, s)| s);
    let file_input = NodeRef::<Input>::new();
    let submitted = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    let submit = Submit::new(
        move |(req, file): &(NewAdministratorChange, web_sys::File)| {
            let (req, file) = (req.clone(), file.clone());
            async move { api::administrator_change::file(&req, &file, lang.get_untracked()).await }
        },
    );
    effect(move || match submit.value().get() {
        Some(Ok(_)) => latest.refetch(),
        Some(Err(err)) => {
            for (field, signal) in &errors {
                signal.set(err.field(field));
            }
            message.set(Some(err.message(lang.get_untracked())));
        }
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        let l = lang.get_untracked();
        let file = file_input
            .get_untracked()
            .and_then(|i| i.files())
            .and_then(|f| f.get(0));
        e_receipt.set(match &file {
            None => Some(Shown::Text(t::RECEIPT_MISSING)),
            Some(f) if f.size() > RECEIPT_MAX_BYTES as f64 => Some(Shown::Text(t::RECEIPT_TOO_BIG)),
            Some(_) => None,
        });
        let missing = [name, username, phone]
            .iter()
            .any(|v| v.get_untracked().trim().is_empty());
        let (Some(file), false, None) = (file, missing, e_receipt.get_untracked()) else {
            message.set(Some(i18n::FORM_HAS_ERRORS.get(l).into()));
            return;
        };
        message.set(None);
        let email = email.get_untracked();
        submit.dispatch((
            NewAdministratorChange {
                name: name.get_untracked(),
                username: username.get_untracked(),
                phone: phone.get_untracked(),
                email: (!email.trim().is_empty()).then_some(email),
            },
            file,
        ));
    };
    let on_file = move |_| e_receipt.set(None);
    let show: Signal<bool> = submitted.into();
    view! {
        <form on:submit=on_submit novalidate>
            <Field id="new-admin-name" label=t::NEW_ADMIN_NAME value=name show_errors=show server_error=e_name validate=required />
            <Field id="new-admin-username" label=t::NEW_ADMIN_USERNAME value=username show_errors=show server_error=e_username validate=required />
            <Field id="new-admin-phone" label=t::NEW_ADMIN_PHONE value=phone kind="tel" inputmode="tel" show_errors=show server_error=e_phone validate=required />
            <Field id="new-admin-email" label=t::NEW_ADMIN_EMAIL value=email kind="email" inputmode="email" server_error=e_email />
            <div class="field">
                <label for="receipt">{tr(t::RECEIPT)}</label>
                <input id="receipt" type="file" accept="application/pdf,image/jpeg,image/png" node_ref=file_input
                    aria-invalid=move || e_receipt.get().is_some().then_some("true")
                    aria-describedby="receipt-error" on:change=on_file />
                <p id="receipt-error" class="field-error" aria-live="polite">{move || e_receipt.get().map(|e| e.get(lang.get()))}</p>
            </div>
            <p class="form-error" role="status">{move || message.get()}</p>
            <button type="submit" class="button primary" disabled=move || submit.pending().get()>
                {move || if submit.pending().get() { i18n::PHOTO_UPLOADING.get(lang.get()) } else { t::SUBMIT_CHANGE.get(lang.get()) }}
            </button>
        </form>
    }
}
