//! Setting or changing the security questions after registration (recovery
//! way 3 needs them): the current password re-authenticates first, the
//! answers are hashed like passwords, and the verified contacts are told.

use axum::extract::State;
use rules::api::{Me, SecurityQuestionsRequest};

use crate::auth::PractitionerAuth;
use crate::error::AppResult;
use crate::extract::Json;
use crate::notify::{self, bilingual, Template};
use crate::routes::contacts::reauthenticate;
use crate::{audit, practitioner_row, security_answers, AppState};

/// Set or change the security questions (re-authenticates)
///
/// Replaces the three questions and answers. Bad input is refused before the
/// password is checked, and changes nothing.
#[utoipa::path(
    put,
    path = "/api/v1/me/security-questions",
    tag = "practitioner",
    request_body = rules::api::SecurityQuestionsRequest,
    responses(
        (status = 200, body = rules::api::Me),
        (status = 415),
        (status = 429),
        (status = 503)
    ),
    security(("session" = []))
)]
pub async fn replace(
    State(state): State<AppState>,
    auth: PractitionerAuth,
    Json(req): Json<SecurityQuestionsRequest>,
) -> AppResult<axum::Json<Me>> {
    let qa = rules::form::security_questions::validate(&req)?;
    reauthenticate(&state, auth.account_id, &req.current_password).await?;
    let hashed = security_answers::hash(&qa).await?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    security_answers::store(&mut tx, auth.account_id, &hashed).await?;
    audit::record(
        &mut tx,
        now,
        Some(auth.account_id),
        "security_questions.changed",
        None,
    )
    .await?;
    // The verified contacts are told, in the same transaction.
    let row = practitioner_row::load(&mut tx, auth.account_id).await?;
    let verified = [
        row.phone.clone().filter(|_| row.phone_verified),
        row.email.clone().filter(|_| row.email_verified),
    ];
    for to in verified.into_iter().flatten() {
        let msg = notify::message(
            &to,
            "密码保护问题已更改 / Your security questions were changed",
            bilingual(
                "【电子证照】您账户的密码保护问题刚刚更改。如非本人操作，请立即修改密码并联系所在机构。",
                "The security questions of your account were just changed. If this was not you, change your password and contact your institution now.",
            ),
            Template::QuestionsChanged,
            Vec::new(),
        );
        notify::enqueue(&mut tx, &msg, now).await?;
    }
    tx.commit().await?;
    notify::wake();
    Ok(axum::Json(
        practitioner_row::load_me(&state, auth.account_id).await?,
    ))
}
