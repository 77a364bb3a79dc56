//! The authority's regional follow-up: the region's institutions with their
//! account state, application rate by kind and what still blocks their
//! staff, sorted by what most endangers the deadline; a CSV of the same for
//! Excel; and the regions one level below (provinces for the national
//! authority). Every number is counted by the database.

use axum::extract::State;
use axum::response::Response;
use rules::api::authority::{AdminAccountState, InstitutionFollowUp, RegionFollowUp};

use crate::auth::authority::AuthorityAuth;
use crate::csv;
use crate::error::AppResult;
use crate::store;
use crate::AppState;

fn rate(applied: i64, total: i64) -> f64 {
    if total == 0 {
        0.0
    } else {
        applied as f64 / total as f64
    }
}

/// Brings the kept counts of the division's institutions up to date: only
/// those that changed since they were last counted are counted again.
async fn refresh(state: &AppState, division: &str) -> AppResult<()> {
    if store::follow_up::has_stale(&mut state.db.acquire().await?, division).await? {
        let mut tx = state.db.begin().await?;
        let taken = store::follow_up::refresh(&mut tx, division).await?;
        tx.commit().await?;
        if taken > store::follow_up::COMPACT_AFTER {
            store::follow_up::compact(&state.db).await?;
        }
    }
    Ok(())
}

/// The region's institutions, most endangered first.
async fn load(state: &AppState, division: &str) -> AppResult<Vec<InstitutionFollowUp>> {
    refresh(state, division).await?;
    let rows = store::follow_up::institutions(&mut state.db.acquire().await?, division).await?;
    let mut out: Vec<InstitutionFollowUp> = rows
        .into_iter()
        .map(|r| {
            let total = r.physicians + r.nurses;
            let applied = r.physicians_applied + r.nurses_applied;
            InstitutionFollowUp {
                id: r.id,
                name: r.name,
                division: r.division,
                admin: match r.admin_level {
                    3 => Some(AdminAccountState::Active),
                    2 => Some(AdminAccountState::Issued),
                    1 => Some(AdminAccountState::Disabled),
                    _ => None,
                },
                physicians: r.physicians,
                nurses: r.nurses,
                physicians_applied: r.physicians_applied,
                nurses_applied: r.nurses_applied,
                application_rate: rate(applied, total),
                not_activated: r.not_activated,
                lacking_photo: r.lacking_photo,
                status_not_normal: r.status_not_normal,
                registration_changes: r.registration_changes,
                titles_pending: r.titles_pending,
                zombie_cases_open: r.zombie_cases_open,
            }
        })
        .collect();
    // An institution nobody can act for comes first (it cannot follow up at
    // all), then the lowest rate, then the most staff still to apply.
    out.sort_by(|a, b| {
        let acting = |i: &InstitutionFollowUp| i.admin == Some(AdminAccountState::Active);
        let missing = |i: &InstitutionFollowUp| {
            i.physicians + i.nurses - i.physicians_applied - i.nurses_applied
        };
        acting(a)
            .cmp(&acting(b))
            .then(a.application_rate.total_cmp(&b.application_rate))
            .then(missing(b).cmp(&missing(a)))
            .then(a.name.cmp(&b.name))
    });
    Ok(out)
}

/// The region's institutions counted, most endangered first
#[utoipa::path(
    get,
    path = "/api/v1/authority/follow-up",
    tag = "authority",
    responses((status = 200, body = [rules::api::authority::InstitutionFollowUp])),
    security(("authority_session" = []))
)]
pub async fn institutions(
    State(state): State<AppState>,
    auth: AuthorityAuth,
) -> AppResult<axum::Json<Vec<InstitutionFollowUp>>> {
    Ok(axum::Json(load(&state, auth.division.code()).await?))
}

fn admin_label(state: Option<AdminAccountState>) -> &'static str {
    match state {
        None => "未发放 none",
        Some(AdminAccountState::Issued) => "待首次登录 issued",
        Some(AdminAccountState::Active) => "使用中 active",
        Some(AdminAccountState::Disabled) => "已停用 disabled",
    }
}

/// The same follow-up as CSV for Excel
///
/// The same list for Excel (UTF-8 with BOM, formulas defused).
#[utoipa::path(
    get,
    path = "/api/v1/authority/follow-up.csv",
    tag = "authority",
    responses((status = 200, response = inline(crate::openapi::Csv))),
    security(("authority_session" = []))
)]
pub async fn export(State(state): State<AppState>, auth: AuthorityAuth) -> AppResult<Response> {
    let list = load(&state, auth.division.code()).await?;
    let header_row = [
        "机构 Institution",
        "行政区划 Division",
        "管理员账户 Administrator account",
        "医师 Physicians",
        "医师已申领 Physicians applied",
        "护士 Nurses",
        "护士已申领 Nurses applied",
        "申领率 Application rate",
        "未激活 Not activated",
        "缺证件照 Lacking photo",
        "执业状态异常 Status not normal",
        "待变更注册 Registration changes",
        "待审职称 Titles pending",
        "待确认注销 Zombie cases open",
    ]
    .map(str::to_owned)
    .to_vec();
    let rows = list.into_iter().map(|i| {
        vec![
            i.name,
            i.division,
            admin_label(i.admin).to_owned(),
            i.physicians.to_string(),
            i.physicians_applied.to_string(),
            i.nurses.to_string(),
            i.nurses_applied.to_string(),
            format!("{:.1}%", i.application_rate * 100.0),
            i.not_activated.to_string(),
            i.lacking_photo.to_string(),
            i.status_not_normal.to_string(),
            i.registration_changes.to_string(),
            i.titles_pending.to_string(),
            i.zombie_cases_open.to_string(),
        ]
    });
    Ok(csv::download(
        "follow-up.csv",
        std::iter::once(header_row).chain(rows),
    ))
}

/// The divisions one level below the authority's, counted
///
/// The divisions one level below the authority's (a county authority gets its
/// own division).
#[utoipa::path(
    get,
    path = "/api/v1/authority/follow-up/regions",
    tag = "authority",
    responses((status = 200, body = [rules::api::authority::RegionFollowUp])),
    security(("authority_session" = []))
)]
pub async fn regions(
    State(state): State<AppState>,
    auth: AuthorityAuth,
) -> AppResult<axum::Json<Vec<RegionFollowUp>>> {
    let code = auth.division.code();
    let level = (code.len() as i64 + 2).min(6);
    refresh(&state, code).await?;
    let rows = store::follow_up::regions(&mut state.db.acquire().await?, code, level).await?;
    Ok(axum::Json(
        rows.into_iter()
            .map(|r| RegionFollowUp {
                application_rate: rate(r.applied, r.staff),
                division: r.division,
                institutions: r.institutions,
                without_admin: r.without_admin,
                staff: r.staff,
                applied: r.applied,
            })
            .collect(),
    ))
}
