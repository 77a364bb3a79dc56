//! The institution's dashboard: staff by kind and state, the application
//! rate (申领率) toward 100 %, the deadline, and who still lacks a photo or an
//! activated account.

use leptos::prelude::*;
use rules::api::{Dashboard, StaffRef, SystemCounts};

use crate::api;
use crate::components::deadline_banner::countdown;
use crate::components::load_error::LoadError;
use crate::components::loading::Loading;
use crate::i18n::{self, tr, use_lang, Text};
use crate::pages::institution::nav::AdminPage;
use crate::today::today;

/// The dashboard page.
#[component]
pub fn Dashboard() -> impl IntoView {
    view! { <AdminPage><Figures /></AdminPage> }
}

#[component]
fn Figures() -> impl IntoView {
    let lang = use_lang();
    let dashboard = LocalResource::new(move || api::dashboard(lang.get_untracked()));
    view! {
        <Transition fallback=|| view! { <Loading page=true /> }>
            {move || {
                dashboard
                    .get()
                    .map(|result| match result {
                        Ok(data) => view! { <FiguresView data /> }.into_any(),
                        Err(error) => view! { <LoadError error retry=move |()| dashboard.refetch() card=true /> }.into_any(),
                    })
            }}
        </Transition>
    }
}

/// The application rate in whole percent, rounded down so that 100 % means
/// everyone applied.
pub fn rate_percent(rate: f64) -> u32 {
    (rate.clamp(0.0, 1.0) * 100.0).floor() as u32
}

#[component]
fn FiguresView(data: Dashboard) -> impl IntoView {
    let lang = use_lang();
    let rate = rate_percent(data.application_rate);
    let today = today();
    let campaign = data.campaign.clone();
    let accounts_by = campaign.institution_accounts_by;
    let campaign_after = campaign.after_deadline;
    let systems = data
        .systems
        .into_iter()
        .map(|counts| view! { <SystemFigures counts /> })
        .collect_view();
    // The first few names of each list (the server sends at most ten) and
    // how many there are; the full list, paged, is one link away. An empty
    // list shows no heading.
    let lacking = move |title: Text, who: Vec<StaffRef>, total: usize, list: &'static str| {
        (total > 0).then(|| {
            let shown = who.len();
            let items = who
                .into_iter()
                .map(|s| view! { <li>{s.name}</li> })
                .collect_view();
            let href = format!("/institution/needs-help?list={list}");
            view! {
                <h3>{move || format!("{}（{}）", title.get(lang.get()), total)}</h3>
                <ul class="plain-list">{items}</ul>
                {(total > shown).then(|| view! {
                    <a href=href>{move || format!("{}：{}（{}）", i18n::SEE_ALL_OF.get(lang.get()), title.get(lang.get()), total)}</a>
                })}
            }
        })
    };
    let nobody = data.missing_photo_total == 0 && data.not_activated_total == 0;
    view! {
        <section class="card" aria-labelledby="dashboard-heading">
            <h1 id="dashboard-heading">{tr(i18n::DASHBOARD)}</h1>
            <p class="rate">
                <span id="rate-label">{tr(i18n::APPLICATION_RATE)}</span>
                " "
                <strong>{format!("{rate}%")}</strong>
            </p>
            <progress max="100" value=rate aria-labelledby="rate-label">{format!("{rate}%")}</progress>
            <p class="muted">
                {move || {
                    let lang = lang.get();
                    format!("{} · {}", campaign.name(lang), countdown(&campaign, today, lang))
                }}
            </p>
            {accounts_by.map(|by| view! {
                <p class="muted">{move || format!("{}{}", i18n::INSTITUTION_ACCOUNTS_BY.get(lang.get()), lang.get().date(by))}</p>
            })}
            <p class="muted">{move || campaign_after.text(lang.get())}</p>
        </section>
        {systems}
        <crate::pages::institution::reminders::ReminderCounts counts=data.reminders />
        <section class="card" aria-labelledby="lacking-heading">
            <h2 id="lacking-heading">{tr(i18n::STILL_LACKING)}</h2>
            {nobody.then(|| view! { <p>{tr(i18n::NOBODY_LACKING)}</p> })}
            {lacking(i18n::LACKS_PHOTO, data.missing_photo, data.missing_photo_total, "missing_photo")}
            {lacking(i18n::LACKS_ACTIVATION, data.not_activated, data.not_activated_total, "not_activated")}
        </section>
    }
}

/// The figures of one system (physicians or nurses).
#[component]
fn SystemFigures(counts: SystemCounts) -> impl IntoView {
    let lang = use_lang();
    let system = counts.system;
    let heading_id = format!("figures-{system:?}").to_lowercase();
    let labelled_by = heading_id.clone();
    let figure = move |label: Text, value: usize| {
        view! {
            <div class="figure">
                <dt>{tr(label)}</dt>
                <dd>{value}</dd>
            </div>
        }
    };
    let blocked = counts
        .blocked
        .into_iter()
        .map(|b| view! { <li>{move || format!("{}: {}", b.criterion.title(lang.get()), b.count)}</li> })
        .collect_view();
    view! {
        <section class="card" aria-labelledby=labelled_by>
            <h2 id=heading_id>{move || system.label(lang.get())}</h2>
            <dl class="figures">
                {figure(i18n::STAFF_TOTAL, counts.total)}
                {figure(i18n::REGISTERED, counts.registered)}
                {figure(i18n::ELIGIBLE, counts.eligible)}
                {figure(i18n::APPLIED, counts.applied)}
            </dl>
            <h3>{tr(i18n::BLOCKED_BY)}</h3>
            <ul class="plain-list">{blocked}</ul>
        </section>
    }
}
