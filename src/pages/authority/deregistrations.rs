//! The region's deregistration cases waiting for the authority (acting for
//! the physicians' association or the nursing society): each one with what
//! the institution filed, a two-step confirmation that says which status the
//! registry will record, and a return with a reason the institution sees.

use leptos::prelude::*;
use rules::api::authority::AuthorityMe;
use rules::api::authority_deregistrations::{AuthorityDeregistration, ReturnDeregistrationRequest};
use rules::Lang;

use crate::api::authority_deregistrations as calls;
use crate::api::Shown;
use crate::components::field::Field;
use crate::components::loading::Loading;
use crate::components::session::{Guard, Kept};
use crate::effect::effect;
use crate::i18n::authority_deregistrations as t;
use crate::i18n::{self, tr, use_lang};
use crate::submit::Submit;

fn reason_required(v: &str, lang: Lang) -> Option<String> {
    crate::validate::required(v, t::REASON_REQUIRED, lang)
}

/// `/authority/deregistrations`.
#[component]
pub fn AuthorityDeregistrations() -> impl IntoView {
    let render = Callback::new(|me: AuthorityMe| {
        if me.must_change_password {
            // The password change comes first, on the home page.
            view! { <p><a href="/authority">{tr(t::BACK)}</a></p> }.into_any()
        } else {
            view! { <Queue /> }.into_any()
        }
    });
    let data = Kept::<AuthorityMe>::get().load(crate::api::authority::me);
    view! { <Guard data sign_in="/authority/sign-in" render /> }
}

#[component]
fn Queue() -> impl IntoView {
    let lang = use_lang();
    let list = LocalResource::new(move || calls::pending(lang.get_untracked()));
    // What the last decision did; kept here because the list is rendered
    // anew when it reloads.
    let message = RwSignal::new(None::<String>);
    let reload = Callback::new(move |()| list.refetch());
    view! {
        <section class="card" aria-labelledby="deregistrations-heading">
            <p><a href="/authority">{tr(t::BACK)}</a></p>
            <h1 id="deregistrations-heading">{tr(t::DEREGISTRATIONS)}</h1>
            <p class="hint">{tr(t::DEREGISTRATIONS_HINT)}</p>
            <p role="status">{move || message.get()}</p>
            <Suspense fallback=|| view! { <Loading page=false /> }>
                {move || list.get().map(|result| match result {
                    Ok(cases) if cases.is_empty() => view! { <p>{tr(t::DEREGISTRATIONS_NONE)}</p> }.into_any(),
                    Ok(cases) => {
                        let rows = cases
                            .into_iter()
                            .map(|case| view! { <CaseItem case message reload /> })
                            .collect_view();
                        view! { <ul class="staff-list">{rows}</ul> }.into_any()
                    }
                    Err(err) => view! { <p class="form-error" role="alert">{err.message(lang.get_untracked())}</p> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

/// One case: its facts, confirm (two steps) and return (with a reason).
#[component]
fn CaseItem(
    case: AuthorityDeregistration,
    message: RwSignal<Option<String>>,
    reload: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let id = case.id;
    let name = StoredValue::new(case.name.clone());
    let outcome = case.outcome;
    let confirming = RwSignal::new(false);
    let return_reason = RwSignal::new(String::new());
    let reason_error = RwSignal::new(None::<Shown>);
    let submitted = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let confirm =
        Submit::new(move |_: &()| async move { calls::confirm(id, lang.get_untracked()).await });
    let give_back = Submit::new(move |req: &ReturnDeregistrationRequest| {
        let req = req.clone();
        async move { calls::return_case(id, &req, lang.get_untracked()).await }
    });
    let done = move |confirmed: bool| {
        let l = lang.get_untracked();
        message.set(Some(if confirmed {
            format!(
                "{}{} → {}",
                t::CONFIRMED.get(l),
                name.get_value(),
                outcome.label(l)
            )
        } else {
            format!("{}{}", t::RETURNED.get(l), name.get_value())
        }));
        reload.run(());
    };
    effect(move || match confirm.value().get() {
        Some(Ok(_)) => done(true),
        Some(Err(e)) => error.set(Some(e.message(lang.get_untracked()))),
        None => {}
    });
    effect(move || match give_back.value().get() {
        Some(Ok(_)) => done(false),
        Some(Err(e)) => {
            reason_error.set(e.field("reason"));
            error.set(Some(e.message(lang.get_untracked())));
        }
        None => {}
    });
    let on_return = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        let reason = return_reason.get_untracked().trim().to_owned();
        if reason.is_empty() {
            error.set(Some(i18n::FORM_HAS_ERRORS.get(lang.get_untracked()).into()));
            return;
        }
        error.set(None);
        give_back.dispatch(ReturnDeregistrationRequest { reason });
    };
    let heading = format!("case-{id}");
    let when = rules::china_time::date_time(case.created_at).map(|t| t.date());
    let reason = rules::ZombieReason::from_code(&case.reason_code);
    let previous = case.previous_status;
    let facts = move || {
        let l = lang.get();
        format!(
            "{} · {}{} → {} · {}{}",
            reason.map(|r| r.label(l)).unwrap_or(""),
            t::STATUS_CHANGE.get(l),
            previous.map(|s| s.label(l)).unwrap_or("—"),
            outcome.label(l),
            t::FILED_ON.get(l),
            when.map(|d| l.date(d)).unwrap_or_default(),
        )
    };
    let show: Signal<bool> = submitted.into();
    let busy = move || confirm.pending().get() || give_back.pending().get();
    view! {
        <li class="staff-row">
            <h2 id=heading>{name.get_value()}</h2>
            <p>{tr(t::FILED_BY)} {case.institution.clone()} " · " {case.division.clone()}</p>
            <p>{facts}</p>
            {(!case.note.is_empty()).then(|| view! { <p class="muted">{case.note.clone()}</p> })}
            <div class="form-error" role="alert">{move || error.get()}</div>
            {move || if confirming.get() {
                view! {
                    <div class="confirm" role="group" aria-label=move || t::CONFIRM.get(lang.get())>
                        <p>{move || format!("{}{}", t::CONFIRM_QUESTION.get(lang.get()), outcome.label(lang.get()))}</p>
                        <div class="actions">
                            <button type="button" class="button danger" disabled=busy on:click=move |_| { confirm.dispatch(()); }>
                                {tr(t::CONFIRM_FINAL)}
                            </button>
                            <button type="button" class="button secondary" on:click=move |_| confirming.set(false)>
                                {tr(i18n::CANCEL)}
                            </button>
                        </div>
                    </div>
                }.into_any()
            } else {
                view! {
                    <button type="button" class="button primary" on:click=move |_| confirming.set(true)>
                        {tr(t::CONFIRM)}
                    </button>
                }.into_any()
            }}
            <form on:submit=on_return novalidate>
                <Field id=format!("return-reason-{id}") label=t::RETURN_REASON value=return_reason
                    show_errors=show server_error=reason_error validate=reason_required />
                <button type="submit" class="button secondary" disabled=busy>{tr(t::RETURN)}</button>
            </form>
        </li>
    }
}
