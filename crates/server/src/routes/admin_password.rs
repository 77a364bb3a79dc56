//! `POST /api/v1/institution/password`: an institution administrator
//! replaces its password, first of all the one-time password the authority
//! issued (every other administrator route refuses until then).

use axum::extract::State;
use axum::http::StatusCode;
use rules::api::authority::ChangePasswordRequest;

use crate::auth::password_change;
use crate::auth::session::AdminPendingAuth;
use crate::error::AppResult;
use crate::extract::Json;
use crate::store::sessions::Table;
use crate::AppState;

/// Replace the password (first the one-time password the authority issued)
///
/// The other sessions of the account end; this one stays.
#[utoipa::path(
    post,
    path = "/api/v1/institution/password",
    tag = "institution",
    request_body = rules::api::authority::ChangePasswordRequest,
    responses((status = 204), (status = 429), (status = 503)),
    security(("session" = []))
)]
pub async fn change(
    State(state): State<AppState>,
    auth: AdminPendingAuth,
    Json(req): Json<ChangePasswordRequest>,
) -> AppResult<StatusCode> {
    password_change::replace(
        &state,
        Table::Accounts,
        auth.who.account_id,
        &auth.token_hash,
        req,
    )
    .await
}
