//! Zombie-account cleanup (僵尸户清理): candidates proposed by the rules with
//! the seed notice's reasons, a case per person (reason, note, confirm step,
//! the 备案 / 注销 status asked for), the cases filed so far with their state
//! (waiting for the health authority, confirmed, or returned with its
//! reason), and a CSV export.

use leptos::prelude::*;
use rules::api::{AdminMe, DeregistrationRequest, ZombieCandidate};
use rules::ZombieReason;

use crate::api;
use crate::components::field::Field;
use crate::components::loading::Loading;
use crate::components::session::AdminSignedIn;
use crate::i18n::{self, tr, use_lang};
use crate::pages::institution::nav::InstitutionNav;
use crate::submit::Submit;
use crate::watch::watch;

/// The cleanup page.
#[component]
pub fn Zombies() -> impl IntoView {
    view! { <AdminSignedIn render=|me: AdminMe| view! { <InstitutionNav me /> <Cleanup /> }.into_any() /> }
}

#[component]
fn Cleanup() -> impl IntoView {
    let lang = use_lang();
    let candidates = LocalResource::new(move || api::zombie_candidates(lang.get_untracked()));
    let cases = LocalResource::new(move || api::deregistrations(lang.get_untracked()));
    let message = RwSignal::new(None::<String>);
    let refresh = move || {
        candidates.refetch();
        cases.refetch();
    };
    view! {
        <section class="card" aria-labelledby="zombies-heading">
            <h1 id="zombies-heading">{tr(i18n::ZOMBIES)}</h1>
            <p class="hint">{tr(i18n::ZOMBIES_HINT)}</p>
            <p role="status">{move || message.get()}</p>
            <Transition fallback=|| view! { <Loading /> }>
                {move || {
                    candidates
                        .get()
                        .map(|result| match result {
                            Ok(list) if list.is_empty() => view! { <p>{tr(i18n::ZOMBIES_NONE)}</p> }.into_any(),
                            Ok(list) => {
                                let rows = list
                                    .into_iter()
                                    .map(|c| view! { <CaseForm candidate=c message on_done=refresh /> })
                                    .collect_view();
                                view! { <ul class="staff-list">{rows}</ul> }.into_any()
                            }
                            Err(err) => view! { <p class="form-error" role="alert">{move || err.message(lang.get())}</p> }.into_any(),
                        })
                }}
            </Transition>
        </section>
        <section class="card" aria-labelledby="cases-heading">
            <h2 id="cases-heading">{tr(i18n::CASES)}</h2>
            <a class="button secondary" href="/api/v1/institution/deregistrations.csv" download="deregistrations.csv">
                {tr(i18n::EXPORT_CSV)}
            </a>
            <Transition fallback=|| view! { <Loading /> }>
                {move || {
                    cases
                        .get()
                        .map(|result| match result {
                            Ok(list) if list.is_empty() => view! { <p>{tr(i18n::CASES_NONE)}</p> }.into_any(),
                            Ok(list) => {
                                let rows = list
                                    .into_iter()
                                    .map(|case| {
                                        let when = chrono::DateTime::from_timestamp(case.created_at, 0)
                                            .map(|t| t.date_naive());
                                        let reason = case.reason;
                                        let outcome = case.outcome;
                                        let state = case.state;
                                        view! {
                                            <li class="staff-row">
                                                <h3>{case.name.clone()}</h3>
                                                <p>
                                                    {move || {
                                                        let lang = lang.get();
                                                        format!(
                                                            "{} → {} · {} · {}",
                                                            reason.label(lang),
                                                            outcome.label(lang),
                                                            case.actor,
                                                            when.map(|d| lang.date(d)).unwrap_or_default(),
                                                        )
                                                    }}
                                                </p>
                                                {(!case.note.is_empty()).then(|| view! { <p class="muted">{case.note.clone()}</p> })}
                                                <p>
                                                    <strong>{tr(i18n::CASE_STATE)} {move || state.label(lang.get())}</strong>
                                                </p>
                                                {case.return_reason.clone().map(|r| view! {
                                                    <p>{tr(i18n::CASE_RETURN_REASON)} {r}</p>
                                                })}
                                            </li>
                                        }
                                    })
                                    .collect_view();
                                view! { <ul class="staff-list">{rows}</ul> }.into_any()
                            }
                            Err(err) => view! { <p class="form-error" role="alert">{move || err.message(lang.get())}</p> }.into_any(),
                        })
                }}
            </Transition>
        </section>
    }
}

/// One candidate: the proposed reason preselected, every reason of the
/// person's system available, a note, and a confirm step that says which
/// status the registry will record.
#[component]
fn CaseForm<F>(
    candidate: ZombieCandidate,
    message: RwSignal<Option<String>>,
    on_done: F,
) -> impl IntoView
where
    F: Fn() + Copy + Send + Sync + 'static,
{
    let lang = use_lang();
    let Some(proposed) = candidate.reasons.first().copied() else {
        return ().into_any();
    };
    let choices = ZombieReason::for_system(proposed.system());
    let reason = RwSignal::new(proposed);
    let note = RwSignal::new(String::new());
    let confirming = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let id = candidate.practitioner_id;
    let name = StoredValue::new(candidate.name.clone());
    let submit = Submit::new(move |_: &()| {
        let req = DeregistrationRequest {
            practitioner_id: id,
            reason: reason.get_untracked(),
            note: note.get_untracked().trim().to_string(),
        };
        async move { api::deregister(&req, lang.get_untracked()).await }
    });
    watch(move || match submit.value().get() {
        Some(Ok(case)) => {
            let l = lang.get_untracked();
            message.set(Some(format!(
                "{}{} → {}",
                i18n::CASE_FILED.get(l),
                name.get_value(),
                case.outcome.label(l)
            )));
            on_done();
        }
        Some(Err(err)) => error.set(Some(err.message(lang.get_untracked()))),
        None => {}
    });
    let select_id = format!("reason-{id}");
    let note_id = format!("note-{id}");
    let proposed_text = move || {
        let lang = lang.get();
        candidate
            .reasons
            .iter()
            .map(|r| r.label(lang))
            .collect::<Vec<_>>()
            .join("、")
    };
    let options = choices
        .iter()
        .map(|r| {
            let r = *r;
            let code = rules::Localized::code(&r);
            view! { <option value=code selected=move || reason.get() == r>{move || r.label(lang.get())}</option> }
        })
        .collect_view();
    view! {
        <li class="staff-row">
            <h3>{name.get_value()}</h3>
            <p class="muted">
                {move || format!("{}{}", i18n::STATUS_NOW.get(lang.get()), candidate.status.label(lang.get()))}
                " · "
                {move || format!("{}{}", i18n::PROPOSED.get(lang.get()), proposed_text())}
            </p>
            <div class="form-field">
                <label for=select_id.clone()>{tr(i18n::REASON_LABEL)}</label>
                <select
                    id=select_id
                    on:change=move |ev| {
                        if let Some(r) = ZombieReason::from_code(&event_target_value(&ev)) {
                            reason.set(r);
                            confirming.set(false);
                        }
                    }
                >
                    {options}
                </select>
            </div>
            <Field id=note_id label=i18n::NOTE value=note />
            <div class="form-error" role="alert">{move || error.get()}</div>
            <Show
                when=move || confirming.get()
                fallback=move || {
                    view! {
                        <button type="button" class="button secondary" on:click=move |_| confirming.set(true)>
                            {tr(i18n::OPEN_CASE)}
                        </button>
                    }
                }
            >
                <div class="confirm" role="group" aria-label=move || i18n::OPEN_CASE.get(lang.get())>
                    <p>
                        {move || {
                            let lang = lang.get();
                            format!(
                                "{}{}: {} → {}",
                                i18n::CONFIRM_CASE.get(lang),
                                name.get_value(),
                                reason.get().label(lang),
                                reason.get().outcome().label(lang),
                            )
                        }}
                    </p>
                    <div class="actions">
                        <button type="button" class="button danger" disabled=move || submit.pending().get()
                            on:click=move |_| { submit.dispatch(()); }>
                            {tr(i18n::CONFIRM_CASE_BUTTON)}
                        </button>
                        <button type="button" class="button secondary" on:click=move |_| confirming.set(false)>
                            {tr(i18n::CANCEL)}
                        </button>
                    </div>
                </div>
            </Show>
        </li>
    }
    .into_any()
}
