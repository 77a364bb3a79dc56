//! The signed-in practitioner's own profile.

use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use rules::api::{AdminMe, Me};

use crate::auth::session::{self, Role};
use crate::auth::PractitionerAuth;
use crate::error::{AppError, AppResult};
use crate::store::sessions::Table;
use crate::{practitioner_row, store, AppState};

/// The signed-in practitioner
///
/// The page every practitioner screen loads first, so the session, the profile
/// and the latest title change are read in one statement (the same checks as
/// the `PractitionerAuth` extractor).
#[utoipa::path(
    get,
    path = "/api/v1/me",
    tag = "practitioner",
    responses((status = 200, body = rules::api::Me)),
    security(("session" = []))
)]
pub async fn me(State(state): State<AppState>, parts: Parts) -> AppResult<axum::Json<Me>> {
    let token = session::token_from(state.config.cookies(), &parts.headers)
        .ok_or(AppError::AuthRequired)?;
    let campaigns = state.campaigns.table(&state.db).await?;
    let hash = session::token_hash(&token);
    let mut c = state.db.acquire().await?;
    let Some(row) = store::practitioners::by_session(&mut c, &hash).await? else {
        // No session, or not a practitioner's: the extractor gives the
        // answer that fits (401 or 403).
        drop(c);
        let mut parts = parts;
        PractitionerAuth::from_request_parts(&mut parts, &state).await?;
        return Err(AppError::AuthRequired);
    };
    let lifetime = session::Lifetime {
        created_at: row.session_created_at,
        last_seen: row.session_last_seen,
        idle_secs: Role::Practitioner.idle_secs(),
        live: row.profile.activated,
    };
    session::keep_alive(&mut c, Table::Accounts, &hash, &lifetime, state.clock.now()).await?;
    let mut me = row.profile.me(&campaigns)?;
    if let (Some(title), Some(state)) = (row.latest_title, row.latest_title_state) {
        let (title, review) =
            practitioner_row::title_change(&title, &state, row.latest_title_reason)?;
        me.pending_title = Some(title);
        me.title_review = Some(review);
    }
    Ok(axum::Json(me))
}

/// The signed-in admin
#[utoipa::path(
    get,
    path = "/api/v1/institution/me",
    tag = "institution",
    responses((status = 200, body = rules::api::AdminMe), (status = 404)),
    security(("session" = []))
)]
pub async fn admin_me(
    State(state): State<AppState>,
    auth: crate::auth::session::AdminPendingAuth,
) -> AppResult<axum::Json<AdminMe>> {
    Ok(axum::Json(
        super::session::load_admin(&state, auth.who.account_id).await?,
    ))
}
