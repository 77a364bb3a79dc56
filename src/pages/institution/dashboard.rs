//! The institution's dashboard: staff by kind and state, the application
//! rate (申领率) toward 100 %, the deadline, and who still lacks a photo or an
//! activated account.

use leptos::prelude::*;
use rules::api::{AdminMe, Roster, StaffMember};
use rules::System;

use crate::api;
use crate::components::session::AdminSignedIn;
use crate::i18n::{self, format_date, tr, use_lang, Text};
use crate::pages::institution::nav::InstitutionNav;
use crate::today::today;

/// The dashboard page.
#[component]
pub fn Dashboard() -> impl IntoView {
    view! { <AdminSignedIn render=|me: AdminMe| view! { <InstitutionNav me /> <Figures /> } /> }
}

/// Counts derived from the roster, as the dashboard shows them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Figures {
    /// All staff with an account.
    pub total: usize,
    /// Physicians.
    pub physicians: usize,
    /// Nurses.
    pub nurses: usize,
    /// Meeting every criterion today.
    pub eligible: usize,
    /// Applied for the e-license.
    pub applied: usize,
    /// Not eligible.
    pub blocked: usize,
}

impl Figures {
    /// Counts the roster.
    pub fn of(roster: &Roster) -> Figures {
        let count = |f: &dyn Fn(&StaffMember) -> bool| roster.staff.iter().filter(|s| f(s)).count();
        Figures {
            total: roster.staff.len(),
            physicians: count(&|s| s.system == System::Physician),
            nurses: count(&|s| s.system == System::Nurse),
            eligible: roster.eligible,
            applied: roster.applied,
            blocked: count(&|s| !s.eligible),
        }
    }

    /// The application rate in whole percent (100 when there is no staff).
    pub fn rate_percent(&self) -> usize {
        (self.applied * 100).checked_div(self.total).unwrap_or(100)
    }
}

#[component]
fn Figures() -> impl IntoView {
    let lang = use_lang();
    let roster = LocalResource::new(move || api::staff("", lang.get_untracked()));
    view! {
        <Transition fallback=|| view! { <p role="status" class="loading">{tr(i18n::LOADING)}</p> }>
            {move || {
                roster
                    .get()
                    .map(|result| match result {
                        Ok(roster) => view! { <FiguresView roster /> }.into_any(),
                        Err(err) => {
                            view! {
                                <div class="card error" role="alert">
                                    <p>{move || err.message(lang.get())}</p>
                                    <button type="button" class="button secondary" on:click=move |_| roster.refetch()>
                                        {tr(i18n::RETRY)}
                                    </button>
                                </div>
                            }
                                .into_any()
                        }
                    })
            }}
        </Transition>
    }
}

#[component]
fn FiguresView(roster: Roster) -> impl IntoView {
    let lang = use_lang();
    let figures = Figures::of(&roster);
    let rate = figures.rate_percent();
    let deadline = rules::deadlines::NATIONAL;
    let days_left = deadline.days_left(today());
    let figure = move |label: Text, value: usize| {
        view! {
            <div class="figure">
                <dt>{tr(label)}</dt>
                <dd>{value}</dd>
            </div>
        }
    };
    let lacking = |title: Text, who: Vec<StaffMember>| {
        let items = who
            .into_iter()
            .map(|s| view! { <li>{s.name} " (" {s.username} ")"</li> })
            .collect_view();
        view! {
            <h3>{tr(title)}</h3>
            <ul class="plain-list">{items}</ul>
        }
    };
    let no_photo: Vec<StaffMember> = roster
        .staff
        .iter()
        .filter(|s| s.photo_state.is_none())
        .cloned()
        .collect();
    let not_activated: Vec<StaffMember> = roster
        .staff
        .iter()
        .filter(|s| !s.activated)
        .cloned()
        .collect();
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
                    if days_left >= 0 {
                        format!(
                            "{} {} {} ({})",
                            i18n::DEADLINE_LEFT.get(lang),
                            days_left,
                            i18n::DEADLINE_DAYS.get(lang),
                            format_date(deadline.e_license_by, lang),
                        )
                    } else {
                        format!("{} {}", i18n::DEADLINE_PASSED.get(lang), format_date(deadline.e_license_by, lang))
                    }
                }}
            </p>
            <dl class="figures">
                {figure(i18n::STAFF_TOTAL, figures.total)}
                {figure(i18n::PHYSICIANS, figures.physicians)}
                {figure(i18n::NURSES, figures.nurses)}
                {figure(i18n::ELIGIBLE, figures.eligible)}
                {figure(i18n::APPLIED, figures.applied)}
                {figure(i18n::BLOCKED, figures.blocked)}
            </dl>
        </section>
        <section class="card" aria-labelledby="lacking-heading">
            <h2 id="lacking-heading">{tr(i18n::STILL_LACKING)}</h2>
            {lacking(i18n::LACKS_PHOTO, no_photo)}
            {lacking(i18n::LACKS_ACTIVATION, not_activated)}
        </section>
    }
}
