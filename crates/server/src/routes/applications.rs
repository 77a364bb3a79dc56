//! E-license applications of practitioners.

use axum::extract::State;
use axum::http::StatusCode;
use rules::api::Application;

use crate::auth::PractitionerAuth;
use crate::error::{AppError, AppResult};
use crate::{audit, practitioner_row, store, AppState};

/// How many applications of this process run their transaction at once.
/// Issuing a licence takes the year's serial, whose row (PostgreSQL) or the
/// database (SQLite) stays locked until the commit, so issuing is one at a
/// time whatever the count. Without this gate a burst of applications would
/// each hold a pooled connection while waiting for that lock, leaving none
/// for the others (PostgreSQL: "pool timed out") or starving in SQLite's
/// busy handler ("database is locked"). The gate is fair (first come, first
/// served) and waits without a connection. Correctness does not rest on it:
/// the locks do that, also across several server processes.
static APPLYING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(4);

/// Apply for the e-license (201 new, 200 repeat)
///
/// Re-checks eligibility on the server (the browser's checklist is only advice)
/// and records the application once; a repeated submit answers 200 with the
/// first application.
#[utoipa::path(
    post,
    path = "/api/v1/applications",
    tag = "practitioner",
    responses(
        (status = 201, body = rules::api::Application),
        (status = 200, body = rules::api::Application),
        (status = 422, body = rules::api::NotEligibleBody)
    ),
    security(("session" = []))
)]
pub async fn apply(
    State(state): State<AppState>,
    auth: PractitionerAuth,
) -> AppResult<(StatusCode, axum::Json<Application>)> {
    let profile = practitioner_row::load(&mut state.db.acquire().await?, auth.account_id).await?;
    let checklist =
        rules::practitioner_checklist(&profile.facts()?, state.clock.today(), profile.policy());
    if !checklist.is_eligible() {
        return Err(AppError::NotEligible(Box::new(checklist)));
    }
    // The photo is read before the transaction (the store may be a bucket
    // a network round trip away); issuing checks it is still the one on file.
    let photo = crate::license::read_photo(&state.uploads, profile.photo_file.as_deref()).await;
    let _turn = APPLYING
        .acquire()
        .await
        .map_err(|_| AppError::Internal("application gate closed".into()))?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    // The UNIQUE constraint makes the double submit idempotent even when two
    // requests race: the second waits for the first and records nothing.
    let inserted = store::applications::insert(&mut tx, auth.practitioner_id, now).await?;
    let row = store::applications::of_practitioner(&mut tx, auth.practitioner_id)
        .await?
        .ok_or_else(|| AppError::Internal("application vanished".into()))?;
    // Issue the e-license (again, when the previous one was revoked or
    // expired and the holder is eligible anew).
    crate::license::ensure_issued(
        &mut tx,
        &state.config,
        crate::license::PhotoSource {
            uploads: &state.uploads,
            read: photo.as_ref(),
        },
        state.clock.today(),
        now,
        auth.practitioner_id,
        Some(row.id),
    )
    .await?;
    let status = commit_application(
        tx,
        inserted,
        now,
        auth.account_id,
        "licence.applied",
        serde_json::json!({"application_id": row.id}),
    )
    .await?;
    Ok((status, axum::Json(row.into())))
}

/// The own application
///
/// The practitioner's application, 404 when none.
#[utoipa::path(
    get,
    path = "/api/v1/applications/current",
    tag = "practitioner",
    responses((status = 200, body = rules::api::Application), (status = 404)),
    security(("session" = []))
)]
pub async fn current(
    State(state): State<AppState>,
    auth: PractitionerAuth,
) -> AppResult<axum::Json<Application>> {
    let row =
        store::applications::of_practitioner(&mut state.db.acquire().await?, auth.practitioner_id)
            .await?;
    Ok(axum::Json(row.ok_or(AppError::NotFound)?.into()))
}

/// Commits an application's transaction, with its audit entry when the
/// application is new, and answers 201 for a new one, 200 for the one a
/// repeat finds.
pub(crate) async fn commit_application(
    mut tx: store::Tx,
    inserted: bool,
    now: i64,
    account_id: i64,
    event: &str,
    detail: serde_json::Value,
) -> AppResult<StatusCode> {
    if inserted {
        audit::record(&mut tx, now, Some(account_id), event, Some(detail)).await?;
    }
    tx.commit().await?;
    Ok(if inserted {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    })
}
