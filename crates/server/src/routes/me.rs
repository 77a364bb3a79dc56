//! The signed-in practitioner's own profile.

use axum::extract::State;
use rules::api::{AdminMe, Me};

use crate::auth::{AdminAuth, PractitionerAuth};
use crate::error::AppResult;
use crate::profile;
use crate::AppState;

/// `GET /api/v1/me`
pub async fn me(
    State(state): State<AppState>,
    auth: PractitionerAuth,
) -> AppResult<axum::Json<Me>> {
    Ok(axum::Json(
        profile::load_me(&mut state.db.acquire().await?, auth.account_id).await?,
    ))
}

/// `GET /api/v1/institution/me`
pub async fn admin_me(
    State(state): State<AppState>,
    auth: AdminAuth,
) -> AppResult<axum::Json<AdminMe>> {
    Ok(axum::Json(
        super::session::load_admin(&state, auth.account_id).await?,
    ))
}
