//! The regional follow-up: the region's institutions counted by the server,
//! most endangered first, the regions one level down, and the CSV export.

use leptos::prelude::*;
use rules::api::authority::{AdminAccountState, InstitutionFollowUp, RegionFollowUp};

use crate::api;
use crate::components::loading::Loading;
use crate::i18n::authority as t;
use crate::i18n::{tr, use_lang};

fn percent(rate: f64) -> String {
    format!("{:.1}%", rate * 100.0)
}

fn admin_text(state: Option<AdminAccountState>) -> crate::i18n::Text {
    match state {
        None => t::NO_ADMIN,
        Some(AdminAccountState::Issued) => t::STATE_ISSUED,
        Some(AdminAccountState::Active) => t::STATE_ACTIVE,
        Some(AdminAccountState::Disabled) => t::STATE_DISABLED,
    }
}

/// The follow-up section.
#[component]
pub fn FollowUp() -> impl IntoView {
    let lang = use_lang();
    let list = LocalResource::new(move || api::authority::follow_up(lang.get_untracked()));
    let regions =
        LocalResource::new(move || api::authority::follow_up_regions(lang.get_untracked()));
    view! {
        <section class="card" aria-labelledby="follow-up-heading">
            <h2 id="follow-up-heading">{tr(t::FOLLOW_UP)}</h2>
            <p class="muted">{tr(t::FOLLOW_UP_HINT)}</p>
            <p><a class="button secondary" href="/api/v1/authority/follow-up.csv" rel="external" download="follow-up.csv">{tr(t::EXPORT_CSV)}</a></p>
            <Suspense fallback=|| view! { <Loading page=false /> }>
                {move || regions.get().map(|r| match r {
                    Ok(rows) if rows.len() > 1 => view! { <Regions rows /> }.into_any(),
                    _ => ().into_any(),
                })}
                {move || list.get().map(|r| match r {
                    Ok(rows) => view! { <Table rows /> }.into_any(),
                    Err(e) => view! { <p role="alert">{e.message(lang.get_untracked())}</p> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Regions(rows: Vec<RegionFollowUp>) -> impl IntoView {
    let body = rows
        .into_iter()
        .map(|r| {
            view! {
                <tr>
                    <th scope="row">{r.division}</th>
                    <td>{r.institutions}</td>
                    <td>{r.without_admin}</td>
                    <td>{percent(r.application_rate)}</td>
                    <td>{format!("{} / {}", r.applied, r.staff)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll" tabindex="0">
            <table>
                <caption>{tr(t::REGIONS)}</caption>
                <thead><tr>
                    <th scope="col">{tr(t::COL_REGION)}</th>
                    <th scope="col">{tr(t::COL_INSTITUTIONS)}</th>
                    <th scope="col">{tr(t::COL_WITHOUT_ADMIN)}</th>
                    <th scope="col">{tr(t::COL_RATE)}</th>
                    <th scope="col">{tr(t::COL_APPLIED)}</th>
                </tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

#[component]
fn Table(rows: Vec<InstitutionFollowUp>) -> impl IntoView {
    let body = rows
        .into_iter()
        .map(|i| {
            let staff = i.physicians + i.nurses;
            let applied = i.physicians_applied + i.nurses_applied;
            view! {
                <tr>
                    <th scope="row">{i.name}</th>
                    <td>{tr(admin_text(i.admin))}</td>
                    <td>{percent(i.application_rate)}</td>
                    <td>{format!("{applied} / {staff}")}</td>
                    <td>{i.not_activated}</td>
                    <td>{i.lacking_photo}</td>
                    <td>{i.status_not_normal}</td>
                    <td>{i.registration_changes}</td>
                    <td>{i.zombie_cases_open}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll" tabindex="0">
            <table>
                <caption>{tr(t::INSTITUTIONS)}</caption>
                <thead><tr>
                    <th scope="col">{tr(t::COL_INSTITUTION)}</th>
                    <th scope="col">{tr(t::COL_ADMIN)}</th>
                    <th scope="col">{tr(t::COL_RATE)}</th>
                    <th scope="col">{tr(t::COL_APPLIED)}</th>
                    <th scope="col">{tr(t::COL_NOT_ACTIVATED)}</th>
                    <th scope="col">{tr(t::COL_LACKING_PHOTO)}</th>
                    <th scope="col">{tr(t::COL_STATUS)}</th>
                    <th scope="col">{tr(t::COL_CHANGES)}</th>
                    <th scope="col">{tr(t::COL_ZOMBIE_CASES)}</th>
                </tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
