//! An administrator replaces its password, first of all the one-time one it
//! was issued: an institution's administrator (session of `accounts`) or the
//! health authority's (`authority_accounts`), the same steps on either.

use axum::http::StatusCode;
use rules::api::authority::ChangePasswordRequest;
use rules::Password;
use serde_json::json;

use super::password;
use super::throttle;
use crate::error::{AppError, AppResult, Text};
use crate::store::{self, sessions::Table};
use crate::AppState;

/// Checks the current password (throttled per account), applies the
/// portal's password rules, stores the new hash and ends the account's other
/// sessions: the one of `token_hash` stays.
pub async fn replace(
    state: &AppState,
    table: Table,
    account_id: i64,
    token_hash: &[u8],
    req: ChangePasswordRequest,
) -> AppResult<StatusCode> {
    let now = state.clock.now();
    let key = match table {
        Table::Accounts => format!("admin-password:{account_id}"),
        Table::Authority => format!("authority-password:{account_id}"),
    };
    let mut c = state.db.acquire().await?;
    let username = match table {
        Table::Accounts => store::accounts::username(&mut c, account_id).await?,
        Table::Authority => {
            store::authority::view(&mut c, account_id)
                .await?
                .ok_or(AppError::AuthRequired)?
                .username
        }
    };
    let hash = store::passwords::hash(&mut c, table, account_id).await?;
    drop(c);
    if !throttle::password_recheck(&state.db, now, &key, &req.current_password, hash).await? {
        return Err(AppError::field(
            "current_password",
            Text::new("当前密码不正确", "The current password is wrong"),
        ));
    }
    new_password_rules(&req, &username)?;
    let new_hash = password::hash(req.new_password).await?;
    let mut tx = state.db.begin().await?;
    store::passwords::set_own(&mut tx, table, account_id, &new_hash).await?;
    store::sessions::delete_others(&mut tx, table, account_id, token_hash).await?;
    match table {
        Table::Accounts => {
            crate::audit::record(
                &mut tx,
                now,
                Some(account_id),
                "admin.password_changed",
                None,
            )
            .await?;
        }
        Table::Authority => {
            store::authority::audit(
                &mut tx,
                now,
                account_id,
                "authority.password_changed",
                &json!({}),
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The portal's password rules, and a new password that differs from the
/// one-time one.
fn new_password_rules(req: &ChangePasswordRequest, username: &str) -> AppResult<()> {
    Password::check(&req.new_password, username, None)
        .map_err(|e| AppError::field_rule("new_password", &e))?;
    if req.new_password == req.current_password {
        return Err(AppError::field(
            "new_password",
            Text::new(
                "新密码不能与当前密码相同",
                "The new password must differ from the current one",
            ),
        ));
    }
    Ok(())
}
