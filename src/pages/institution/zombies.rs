//! Zombie-account cleanup (僵尸户清理): candidates proposed by the rules with
//! the seed notice's reasons, a case per person (reason, note, confirm step,
//! the 备案 / 注销 status asked for), the cases filed so far with their state
//! (waiting for the health authority, confirmed, or returned with its
//! reason), and a CSV export.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use rules::api::{Deregistration, DeregistrationRequest, ZombieCandidate, ZombiePage};
use rules::{Localized, System, ZombieReason};

use crate::api;
use crate::components::confirm::ConfirmStep;
use crate::components::field::Field;
use crate::components::load_error::Loaded;
use crate::components::pager::{page_in, PagedList};
use crate::effect::effect;
use crate::go::keep_in_address;
use crate::i18n::{self, tr, use_lang};
use crate::pages::institution::nav::AdminPage;
use crate::submit::Submit;

/// The cleanup page.
#[component]
pub fn Zombies() -> impl IntoView {
    view! { <AdminPage><Cleanup /></AdminPage> }
}

/// Candidates per page: a phone's few screens; the server pages the rest.
const PER_PAGE: u32 = 20;

/// The address's query: system, reason and page (the API's, less the page
/// size).
fn candidates_query(system: &str, reason: &str, page: u32) -> String {
    let mut parts = Vec::new();
    if !system.is_empty() {
        parts.push(format!("system={system}"));
    }
    if !reason.is_empty() {
        parts.push(format!("reason={reason}"));
    }
    if page > 1 {
        parts.push(format!("page={page}"));
    }
    parts.join("&")
}

#[component]
fn Cleanup() -> impl IntoView {
    let lang = use_lang();
    // Filters and page live in the address, so a refresh or a shared link
    // keeps the place.
    let address = use_query_map().get_untracked();
    let param = |key: &str| address.get(key).unwrap_or_default();
    let system = RwSignal::new(param("system"));
    let reason = RwSignal::new(param("reason"));
    let page = page_in(&address);
    let query = Memo::new(move |_| candidates_query(&system.get(), &reason.get(), page.get()));
    keep_in_address("/institution/zombies", move || query.get());
    let candidates = LocalResource::new(move || {
        let q = match query.get() {
            q if q.is_empty() => format!("per_page={PER_PAGE}"),
            q => format!("{q}&per_page={PER_PAGE}"),
        };
        async move { api::zombie_candidates(&q, lang.get_untracked()).await }
    });
    let cases = LocalResource::new(move || api::deregistrations(lang.get_untracked()));
    let message = RwSignal::new(None::<String>);
    let refresh = move || {
        candidates.refetch();
        cases.refetch();
    };
    let reasons = move || match system.get().as_str() {
        "physician" => ZombieReason::for_system(System::Physician),
        "nurse" => ZombieReason::for_system(System::Nurse),
        _ => {
            let mut all = ZombieReason::for_system(System::Physician);
            all.extend(ZombieReason::for_system(System::Nurse));
            all
        }
    };
    let candidate_list = move |list: ZombiePage| {
        let rows = list
            .items
            .into_iter()
            .map(|c| view! { <CaseForm candidate=c message on_done=refresh /> })
            .collect_view();
        view! {
            <PagedList page total=list.total per_page=list.per_page count=i18n::ZOMBIES_MATCHING
                empty=i18n::ZOMBIES_NONE>
                {rows}
            </PagedList>
        }
        .into_any()
    };
    let case_list = |list: Vec<Deregistration>| {
        if list.is_empty() {
            return view! { <p>{tr(i18n::CASES_NONE)}</p> }.into_any();
        }
        view! { <ul class="staff-list">{list.into_iter().map(case_row).collect_view()}</ul> }
            .into_any()
    };
    view! {
        <section class="card" aria-labelledby="zombies-heading">
            <h1 id="zombies-heading">{tr(i18n::ZOMBIES)}</h1>
            <p class="hint">{tr(i18n::ZOMBIES_HINT)}</p>
            <form class="filters" role="search" on:submit=|ev| ev.prevent_default()>
                <div class="form-field">
                    <label for="zombie-system">{tr(i18n::KIND)}</label>
                    <select id="zombie-system" on:change=move |ev| {
                        system.set(event_target_value(&ev));
                        // A reason of the other system would match nobody.
                        reason.set(String::new());
                        page.set(1);
                    }>
                        <option value="">{tr(i18n::ALL)}</option>
                        {System::ALL
                            .into_iter()
                            .map(|s| view! {
                                <option value=s.code() selected=move || system.with(|x| x == s.code())>
                                    {move || s.label(lang.get())}
                                </option>
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="form-field">
                    <label for="zombie-reason">{tr(i18n::ZOMBIE_REASON_FILTER)}</label>
                    <select id="zombie-reason" on:change=move |ev| {
                        reason.set(event_target_value(&ev));
                        page.set(1);
                    }>
                        <option value="">{tr(i18n::ALL)}</option>
                        {move || reasons()
                            .into_iter()
                            .map(|r| {
                                let code = r.code();
                                view! {
                                    <option value=code selected=move || reason.with(|x| x == code)>
                                        {move || {
                                            let lang = lang.get();
                                            format!("{} · {}", r.system().label(lang), r.label(lang))
                                        }}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
            </form>
            <p role="status">{move || message.get()}</p>
            <Loaded data=candidates render=candidate_list />
        </section>
        <section class="card" aria-labelledby="cases-heading">
            <h2 id="cases-heading">{tr(i18n::CASES)}</h2>
            <a class="button secondary" href="/api/v1/institution/deregistrations.csv" download="deregistrations.csv">
                {tr(i18n::EXPORT_CSV)}
            </a>
            <Loaded data=cases render=case_list />
        </section>
    }
}

/// A case filed: the reason and the status asked for, who filed it and
/// when, the note, and where it stands (with the authority's reason when it
/// was returned).
fn case_row(case: Deregistration) -> impl IntoView {
    let lang = use_lang();
    let when = rules::china_time::date_time(case.created_at).map(|t| t.date());
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
    effect(move || match submit.value().get() {
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
    let question = move || {
        let lang = lang.get();
        format!(
            "{}{}: {} → {}",
            i18n::CONFIRM_CASE.get(lang),
            name.get_value(),
            reason.get().label(lang),
            reason.get().outcome().label(lang),
        )
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
            <ConfirmStep open=i18n::OPEN_CASE confirm=i18n::CONFIRM_CASE_BUTTON confirming question
                pending=submit.pending() on_confirm=move |()| submit.dispatch(()) />
        </li>
    }
    .into_any()
}
