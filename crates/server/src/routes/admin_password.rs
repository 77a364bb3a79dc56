//! `POST /api/v1/institution/password`: an institution administrator
//! replaces its password, first of all the one-time password the authority
//! issued (every other administrator route refuses until then).

use axum::extract::State;
use axum::http::StatusCode;
use rules::api::authority::ChangePasswordRequest;

use crate::auth::password;
use crate::auth::session::AdminPendingAuth;
use crate::auth::throttle::{self, Limit};
use crate::error::{AppError, AppResult, Text, Throttle};
use crate::extract::Json;
use crate::store;
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
    let now = state.clock.now();
    let key = format!("admin-password:{}", auth.account_id);
    throttle::attempt(
        &state.db,
        now,
        Throttle::Attempts,
        &[(&key, Limit::DEFAULT)],
    )
    .await?;
    let mut c = state.db.acquire().await?;
    let username = store::accounts::username(&mut c, auth.account_id).await?;
    let hash = store::accounts::password_hash(&mut c, auth.account_id).await?;
    drop(c);
    if !password::verify(req.current_password.clone(), hash).await? {
        return Err(AppError::field(
            "current_password",
            Text::new("当前密码不正确", "The current password is wrong"),
        ));
    }
    throttle::succeeded(&mut state.db.acquire().await?, &key).await?;
    super::authority::new_password_rules(&req, &username)?;
    let new_hash = password::hash(req.new_password).await?;
    let mut tx = state.db.begin().await?;
    store::authority::set_admin_password(&mut tx, auth.account_id, &new_hash).await?;
    store::sessions::delete_others(&mut tx, Table::Accounts, auth.account_id, &auth.token_hash)
        .await?;
    crate::audit::record(
        &mut tx,
        now,
        Some(auth.account_id),
        "admin.password_changed",
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
