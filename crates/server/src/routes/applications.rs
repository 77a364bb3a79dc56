//! E-license applications of practitioners.

use axum::extract::State;
use axum::http::StatusCode;
use rules::api::Application;

use crate::auth::PractitionerAuth;
use crate::error::{AppError, AppResult};
use crate::{audit, profile, AppState};

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    submitted_at: i64,
    state: String,
}

impl From<Row> for Application {
    fn from(r: Row) -> Self {
        Application {
            id: r.id,
            submitted_at: r.submitted_at,
            state: r.state,
        }
    }
}

/// `POST /api/v1/applications`: re-checks eligibility on the server (the
/// browser's checklist is only advice) and records the application once;
/// a repeated submit answers 200 with the first application.
pub async fn apply(
    State(state): State<AppState>,
    auth: PractitionerAuth,
) -> AppResult<(StatusCode, axum::Json<Application>)> {
    let profile = profile::load(&mut state.db.acquire().await?, auth.account_id).await?;
    let checklist =
        rules::practitioner_checklist(&profile.facts()?, state.clock.today(), profile.policy());
    if !checklist.is_eligible() {
        return Err(AppError::NotEligible(Box::new(checklist)));
    }
    let now = state.clock.now();
    let mut tx = state.db.sqlite().begin().await?;
    // The UNIQUE constraint makes the double submit idempotent even when two
    // requests race.
    let inserted = sqlx::query(
        "INSERT INTO applications (practitioner_id, submitted_at) VALUES (?, ?) ON CONFLICT (practitioner_id) DO NOTHING",
    )
    .bind(auth.practitioner_id)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    let row: Row = sqlx::query_as(
        "SELECT id, submitted_at, state FROM applications WHERE practitioner_id = ?",
    )
    .bind(auth.practitioner_id)
    .fetch_one(&mut *tx)
    .await?;
    // Issue the e-license (again, when the previous one was revoked or
    // expired and the holder is eligible anew).
    crate::license::ensure_issued(
        &mut *tx,
        &state.config,
        state.clock.today(),
        now,
        auth.practitioner_id,
        Some(row.id),
    )
    .await?;
    if inserted {
        audit::record(
            &mut *tx,
            now,
            Some(auth.account_id),
            "licence.applied",
            Some(serde_json::json!({"application_id": row.id})),
        )
        .await?;
    }
    tx.commit().await?;
    let status = if inserted {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, axum::Json(row.into())))
}

/// `GET /api/v1/applications/current`: the practitioner's application, 404
/// when none.
pub async fn current(
    State(state): State<AppState>,
    auth: PractitionerAuth,
) -> AppResult<axum::Json<Application>> {
    let row: Option<Row> = sqlx::query_as(
        "SELECT id, submitted_at, state FROM applications WHERE practitioner_id = ?",
    )
    .bind(auth.practitioner_id)
    .fetch_optional(state.db.sqlite())
    .await?;
    Ok(axum::Json(row.ok_or(AppError::NotFound)?.into()))
}
