//! The institutions of the authority's region: registering one, and issuing,
//! re-issuing and disabling their administrator accounts. A one-time
//! password is shown once, where it was issued.

use leptos::prelude::*;
use rules::api::authority::{
    AdminAccountState, AuthorityInstitution, IssueAdminRequest, IssuedAccount, IssuedPassword,
    NewInstitutionRequest,
};
use rules::Lang;

use crate::api::{self, ApiError, Shown};
use crate::components::field::Field;
use crate::components::loading::Loading;
use crate::effect::effect;
use crate::i18n::authority as t;
use crate::i18n::{self, tr, use_lang, Text};
use crate::submit::Submit;
use crate::validate;

fn required(v: &str, lang: Lang) -> Option<String> {
    validate::required(v, t::REQUIRED, lang)
}

/// The list and the registration form.
#[component]
pub fn Institutions() -> impl IntoView {
    let lang = use_lang();
    let list = LocalResource::new(move || api::authority::institutions(lang.get_untracked()));
    let reload = Callback::new(move |()| list.refetch());
    // What an action just did, by institution: kept here because reloading
    // the list renders its items anew.
    let issued = RwSignal::new(None::<(i64, IssuedPassword)>);
    let notice = RwSignal::new(None::<(i64, String)>);
    view! {
        <NewInstitution reload />
        <section class="card" aria-labelledby="institutions-heading">
            <h2 id="institutions-heading">{tr(t::INSTITUTIONS)}</h2>
            <Suspense fallback=|| view! { <Loading page=false /> }>
                {move || list.get().map(|result| match result {
                    Ok(items) if items.is_empty() => view! { <p>{tr(t::NO_INSTITUTIONS)}</p> }.into_any(),
                    Ok(items) => items
                        .into_iter()
                        .map(|item| view! { <InstitutionItem item reload issued notice /> })
                        .collect_view()
                        .into_any(),
                    Err(err) => view! { <p role="alert">{err.message(lang.get_untracked())}</p> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

/// Sets every field's server message from a refusal.
fn field_errors(err: &ApiError, fields: &[(&str, RwSignal<Option<Shown>>)]) {
    for (name, signal) in fields {
        signal.set(err.field(name));
    }
}

#[component]
fn NewInstitution(reload: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let name = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let licence = RwSignal::new(String::new());
    let until = RwSignal::new(String::new());
    let division = RwSignal::new(String::new());
    let errors: [(&str, RwSignal<Option<Shown>>); 5] = [
        ("name", RwSignal::new(None)),
        ("credit_code", RwSignal::new(None)),
        ("licence_number", RwSignal::new(None)),
        ("licence_valid_until", RwSignal::new(None)),
        ("division", RwSignal::new(None)),
    ];
    let submitted = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    let submit = Submit::new(move |req: &NewInstitutionRequest| {
        let req = req.clone();
        async move { api::authority::create_institution(&req, lang.get_untracked()).await }
    });
    effect(move || match submit.value().get() {
        Some(Ok(_)) => {
            for v in [name, code, licence, until, division] {
                v.set(String::new());
            }
            submitted.set(false);
            message.set(Some(
                t::INSTITUTION_REGISTERED.get(lang.get_untracked()).into(),
            ));
            reload.run(());
        }
        Some(Err(err)) => {
            field_errors(&err, &errors);
            message.set(Some(err.message(lang.get_untracked())));
        }
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        let values = [name, code, licence, until, division].map(|v| v.get_untracked());
        if values.iter().any(|v| v.trim().is_empty()) {
            message.set(Some(i18n::FORM_HAS_ERRORS.get(lang.get_untracked()).into()));
            return;
        }
        message.set(None);
        let [name, credit_code, licence_number, licence_valid_until, division] = values;
        submit.dispatch(NewInstitutionRequest {
            name,
            credit_code,
            licence_number,
            licence_valid_until,
            division,
        });
    };
    let show: Signal<bool> = submitted.into();
    let [e_name, e_code, e_licence, e_until, e_division] = errors.map(|(_, s)| s);
    view! {
        <section class="card" aria-labelledby="new-institution-heading">
            <h2 id="new-institution-heading">{tr(t::NEW_INSTITUTION)}</h2>
            <form on:submit=on_submit novalidate>
                <Field id="institution-name" label=t::INSTITUTION_NAME value=name show_errors=show server_error=e_name validate=required />
                <Field id="credit-code" label=t::CREDIT_CODE value=code show_errors=show server_error=e_code validate=required />
                <Field id="licence-number" label=t::LICENCE_NUMBER value=licence show_errors=show server_error=e_licence validate=required />
                <Field id="licence-valid-until" label=t::LICENCE_VALID_UNTIL value=until inputmode="numeric" show_errors=show server_error=e_until validate=required />
                <Field id="division" label=t::DIVISION hint=t::DIVISION_HINT value=division inputmode="numeric" show_errors=show server_error=e_division validate=required />
                <p class="form-error" role="status">{move || message.get()}</p>
                <button type="submit" class="button primary" disabled=move || submit.pending().get()>
                    {tr(t::REGISTER_INSTITUTION)}
                </button>
            </form>
        </section>
    }
}

fn state_text(state: AdminAccountState) -> Text {
    match state {
        AdminAccountState::Issued => t::STATE_ISSUED,
        AdminAccountState::Active => t::STATE_ACTIVE,
        AdminAccountState::Disabled => t::STATE_DISABLED,
    }
}

/// One institution: its accounts, their actions, and the issue form.
#[component]
fn InstitutionItem(
    item: AuthorityInstitution,
    reload: Callback<()>,
    issued: RwSignal<Option<(i64, IssuedPassword)>>,
    notice: RwSignal<Option<(i64, String)>>,
) -> impl IntoView {
    let id = item.id;
    let heading = format!("institution-{id}");
    let labelled_by = heading.clone();
    let accounts = if item.admins.is_empty() {
        view! { <p class="muted">{tr(t::NO_ADMIN)}</p> }.into_any()
    } else {
        item.admins
            .into_iter()
            .map(|a| view! { <AccountRow institution=id account=a issued notice reload /> })
            .collect_view()
            .into_any()
    };
    view! {
        <section class="card nested" aria-labelledby=labelled_by>
            <h3 id=heading>{item.name.clone()}</h3>
            <p class="muted">{item.credit_code.clone()} " · " {item.division.clone()}</p>
            <h4>{tr(t::ADMINS)}</h4>
            {accounts}
            <div role="status">
                // The one-time password just issued, shown once here.
                {move || issued.get().filter(|(i, _)| *i == id).map(|(_, p)| view! {
                    <p>{tr(t::ISSUED_PASSWORD)} " " {p.username.clone()} " / " <code>{p.initial_password.clone()}</code></p>
                })}
                {move || notice.get().filter(|(i, _)| *i == id).map(|(_, n)| n)}
            </div>
            <IssueForm id issued reload />
        </section>
    }
}

#[component]
fn AccountRow(
    institution: i64,
    account: IssuedAccount,
    issued: RwSignal<Option<(i64, IssuedPassword)>>,
    notice: RwSignal<Option<(i64, String)>>,
    reload: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let account_id = account.account_id;
    let reissue = Submit::new(move |_: &()| async move {
        api::authority::reissue_admin(account_id, lang.get_untracked()).await
    });
    let disable = Submit::new(move |_: &()| async move {
        api::authority::disable_admin(account_id, lang.get_untracked()).await
    });
    effect(move || match reissue.value().get() {
        Some(Ok(p)) => {
            notice.set(None);
            issued.set(Some((institution, p)));
            reload.run(());
        }
        Some(Err(e)) => notice.set(Some((institution, e.message(lang.get_untracked())))),
        None => {}
    });
    effect(move || match disable.value().get() {
        Some(Ok(())) => {
            issued.set(None);
            notice.set(Some((
                institution,
                t::DISABLED_DONE.get(lang.get_untracked()).into(),
            )));
            reload.run(());
        }
        Some(Err(e)) => notice.set(Some((institution, e.message(lang.get_untracked())))),
        None => {}
    });
    let disabled = account.state == AdminAccountState::Disabled;
    let username = account.username.clone();
    view! {
        <div class="row">
            <p>
                <strong>{account.username.clone()}</strong> " · " {tr(state_text(account.state))}
                {account.phone_masked.clone().map(|p| format!(" · {p}"))}
            </p>
            <div class="actions">
                <button type="button" class="button secondary" aria-label=format!("{} {}", t::REISSUE.get(lang.get_untracked()), username)
                    disabled=move || reissue.pending().get() on:click=move |_| reissue.dispatch(())>
                    {tr(t::REISSUE)}
                </button>
                {(!disabled).then(|| view! {
                    <button type="button" class="button secondary" aria-label=format!("{} {}", t::DISABLE.get(lang.get_untracked()), account.username)
                        disabled=move || disable.pending().get() on:click=move |_| disable.dispatch(())>
                        {tr(t::DISABLE)}
                    </button>
                })}
            </div>
        </div>
    }
}

#[component]
fn IssueForm(
    id: i64,
    issued: RwSignal<Option<(i64, IssuedPassword)>>,
    reload: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let username = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let e_username = RwSignal::new(None::<Shown>);
    let e_phone = RwSignal::new(None::<Shown>);
    let submitted = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let submit = Submit::new(move |req: &IssueAdminRequest| {
        let req = req.clone();
        async move { api::authority::issue_admin(id, &req, lang.get_untracked()).await }
    });
    effect(move || match submit.value().get() {
        Some(Ok(p)) => {
            issued.set(Some((id, p)));
            username.set(String::new());
            phone.set(String::new());
            submitted.set(false);
            reload.run(());
        }
        Some(Err(err)) => {
            e_username.set(err.field("username"));
            e_phone.set(err.field("phone"));
            error.set(Some(err.message(lang.get_untracked())));
        }
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        if username.get_untracked().trim().is_empty() || phone.get_untracked().trim().is_empty() {
            error.set(Some(i18n::FORM_HAS_ERRORS.get(lang.get_untracked()).into()));
            return;
        }
        error.set(None);
        submit.dispatch(IssueAdminRequest {
            username: username.get_untracked().trim().into(),
            phone: phone.get_untracked().trim().into(),
        });
    };
    let show: Signal<bool> = submitted.into();
    view! {
        <form on:submit=on_submit novalidate>
            <Field id=format!("admin-username-{id}") label=t::ADMIN_USERNAME value=username show_errors=show server_error=e_username validate=required />
            <Field id=format!("admin-phone-{id}") label=t::ADMIN_PHONE value=phone kind="tel" inputmode="tel" show_errors=show server_error=e_phone validate=required />
            <div class="form-error" role="alert">{move || error.get()}</div>
            <button type="submit" class="button primary" disabled=move || submit.pending().get()>
                {tr(t::ISSUE_ADMIN)}
            </button>
        </form>
    }
}
