//! The institution's dashboard: who can claim the e-license, who applied,
//! what blocks the others, and whom to chase for a photo or activation.
//! Every figure is an aggregate query; the lists of people hold the first
//! few, and `GET /api/v1/institution/needs-help` pages through the rest.

use axum::extract::State;
use rules::api::{BlockedCount, Dashboard, StaffRef, StaffRefPage, SystemCounts};
use rules::{CriterionCode, System};
use serde::Deserialize;

use crate::auth::AdminAuth;
use crate::error::{AppError, AppResult, Text};
use crate::extract::Query;
use crate::routes::institution::paging;
use crate::store::dashboard_counts::{self, HelpList, HelpRow};
use crate::{store, AppState};
use rules::api::roster::Paging;

/// People the dashboard names on each list; the rest are a page away.
pub const LIST_PREVIEW: u32 = 10;

fn system_of(kind: &str) -> System {
    if kind == "nurse" {
        System::Nurse
    } else {
        System::Physician
    }
}

fn staff_ref(r: HelpRow) -> StaffRef {
    StaffRef {
        practitioner_id: r.practitioner_id,
        account_id: r.account_id,
        system: system_of(&r.kind),
        name: r.name,
    }
}

fn count(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}

/// Counts, blockers and follow-ups
#[utoipa::path(
    get,
    path = "/api/v1/institution/dashboard",
    tag = "institution",
    responses((status = 200, body = rules::api::Dashboard)),
    security(("session" = []))
)]
pub async fn dashboard(
    State(state): State<AppState>,
    auth: AdminAuth,
) -> AppResult<axum::Json<Dashboard>> {
    let today = store::date_text(state.clock.today());
    let mut c = state.db.acquire().await?;
    // The counts scan every registry record of the institution: kept while
    // its data is unchanged (kept.rs).
    let version = store::institution_versions::current(&mut c, auth.institution_id).await?;
    let key = (auth.institution_id, today.clone());
    let counts = match state.views.dashboard_counts.get(&key, version) {
        Some(counts) => counts,
        None => {
            let counts = std::sync::Arc::new(
                dashboard_counts::by_kind(&mut c, auth.institution_id, &today).await?,
            );
            state
                .views
                .dashboard_counts
                .put(key, version, counts.clone());
            counts
        }
    };
    // The lists' totals are columns of the aggregate above.
    let missing_photo_total: i64 = counts.iter().map(|k| k.missing_photo).sum();
    let not_activated_total: i64 = counts.iter().map(|k| k.fails_activated).sum();
    let mut lists = Vec::new();
    for (list, total) in [
        (HelpList::MissingPhoto, missing_photo_total),
        (HelpList::NotActivated, not_activated_total),
    ] {
        let first = dashboard_counts::help_page(
            &mut c,
            auth.institution_id,
            list,
            i64::from(LIST_PREVIEW),
            0,
        )
        .await?;
        lists.push((count(total), first.into_iter().map(staff_ref).collect()));
    }
    drop(c);

    let mut systems = Vec::new();
    for system in [System::Physician, System::Nurse] {
        let k = counts.iter().find(|k| system_of(&k.kind) == system);
        let Some(k) = k else {
            systems.push(SystemCounts {
                system,
                total: 0,
                registered: 0,
                eligible: 0,
                applied: 0,
                blocked: Vec::new(),
            });
            continue;
        };
        let mut blocked: Vec<BlockedCount> = [
            (CriterionCode::Qualification, k.fails_qualification),
            (CriterionCode::Activated, k.fails_activated),
            (CriterionCode::StatusNormal, k.fails_status),
            (CriterionCode::RegistrationValid, k.fails_registration),
            (CriterionCode::Photo, k.fails_photo),
        ]
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(criterion, n)| BlockedCount {
            criterion,
            count: count(n),
        })
        .collect();
        blocked.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| format!("{:?}", a.criterion).cmp(&format!("{:?}", b.criterion)))
        });
        systems.push(SystemCounts {
            system,
            total: count(k.total),
            registered: count(k.registered),
            eligible: count(k.eligible),
            applied: count(k.applied),
            blocked,
        });
    }
    let total: usize = systems.iter().map(|s| s.total).sum();
    let applied: usize = systems.iter().map(|s| s.applied).sum();
    let mut lists = lists.into_iter();
    let (missing_photo_total, missing_photo) = lists.next().unwrap_or_default();
    let (not_activated_total, not_activated) = lists.next().unwrap_or_default();
    Ok(axum::Json(Dashboard {
        systems,
        application_rate: if total == 0 {
            0.0
        } else {
            applied as f64 / total as f64
        },
        missing_photo,
        not_activated,
        missing_photo_total,
        not_activated_total,
        reminders: crate::routes::reminders::counts(&state, auth.institution_id).await?,
        campaign: {
            let division =
                store::institutions::division(&mut state.db.acquire().await?, auth.institution_id)
                    .await?;
            state.campaigns.for_region(&state.db, &division).await?
        },
    }))
}

/// `GET /api/v1/institution/needs-help` query.
#[derive(Debug, Deserialize)]
pub struct NeedsHelpQuery {
    /// `missing_photo` | `not_activated`.
    list: String,
    /// Page, 1 first.
    page: Option<u32>,
    /// People per page.
    per_page: Option<u32>,
}

/// One page of a dashboard list (missing_photo, not_activated)
///
/// One page of a dashboard list.
#[utoipa::path(
    get,
    path = "/api/v1/institution/needs-help",
    tag = "institution",
    params(("list" = String, Query), crate::openapi::PageParams),
    responses((status = 200, body = rules::api::StaffRefPage), (status = 400), (status = 422)),
    security(("session" = []))
)]
pub async fn needs_help(
    State(state): State<AppState>,
    auth: AdminAuth,
    Query(q): Query<NeedsHelpQuery>,
) -> AppResult<axum::Json<StaffRefPage>> {
    let list = match q.list.as_str() {
        "missing_photo" => HelpList::MissingPhoto,
        "not_activated" => HelpList::NotActivated,
        _ => {
            return Err(AppError::field(
                "list",
                Text::new(
                    "列表只能是 missing_photo 或 not_activated",
                    "The list is missing_photo or not_activated",
                ),
            ))
        }
    };
    let Paging { page, per_page } = paging(q.page, q.per_page)?;
    let mut c = state.db.acquire().await?;
    let total = dashboard_counts::help_total(&mut c, auth.institution_id, list).await?;
    let items = dashboard_counts::help_page(
        &mut c,
        auth.institution_id,
        list,
        i64::from(per_page),
        i64::from(page - 1) * i64::from(per_page),
    )
    .await?;
    Ok(axum::Json(StaffRefPage {
        items: items.into_iter().map(staff_ref).collect(),
        total: count(total),
        page,
        per_page,
    }))
}
