//! The institution's own e-license: its checklist and its application.

use axum::extract::State;
use axum::http::StatusCode;
use rules::api::{Application, InstitutionLicence};
use rules::{Checklist, Institution};

use crate::auth::AdminAuth;
use crate::error::{AppError, AppResult};
use crate::profile::{parse_date, parse_enum};
use crate::{audit, AppState};

#[derive(sqlx::FromRow)]
struct InstitutionRow {
    name: String,
    credit_code: String,
    licence_number: String,
    licence_valid_until: String,
    status: String,
}

async fn load(state: &AppState, institution_id: i64) -> AppResult<Institution> {
    let row: InstitutionRow = sqlx::query_as(
        "SELECT name, credit_code, licence_number, licence_valid_until, status FROM institutions WHERE id = ?",
    )
    .bind(institution_id)
    .fetch_optional(state.db.sqlite())
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(Institution {
        name: row.name,
        credit_code: row.credit_code,
        licence_number: row.licence_number,
        licence_valid_until: parse_date(&row.licence_valid_until)?,
        status: parse_enum(&row.status)?,
    })
}

async fn application(state: &AppState, institution_id: i64) -> AppResult<Option<Application>> {
    let row: Option<(i64, i64, String)> = sqlx::query_as(
        "SELECT id, submitted_at, state FROM institution_applications WHERE institution_id = ?",
    )
    .bind(institution_id)
    .fetch_optional(state.db.sqlite())
    .await?;
    Ok(row.map(|(id, submitted_at, state)| Application {
        id,
        submitted_at,
        state,
    }))
}

fn checklist(state: &AppState, inst: &Institution) -> Checklist {
    rules::institution_checklist(inst, state.clock.today())
}

/// `GET /api/v1/institution/licence`
pub async fn show(
    State(state): State<AppState>,
    auth: AdminAuth,
) -> AppResult<axum::Json<InstitutionLicence>> {
    let inst = load(&state, auth.institution_id).await?;
    let checklist = checklist(&state, &inst);
    Ok(axum::Json(InstitutionLicence {
        name: inst.name,
        credit_code: inst.credit_code,
        licence_number: inst.licence_number,
        licence_valid_until: inst.licence_valid_until,
        status: inst.status,
        checklist,
        application: application(&state, auth.institution_id).await?,
    }))
}

/// `POST /api/v1/institution/licence/application`: 201 with the new
/// application, 200 with the existing one on a repeat, 422 with the
/// checklist when not eligible.
pub async fn apply(
    State(state): State<AppState>,
    auth: AdminAuth,
) -> AppResult<(StatusCode, axum::Json<Application>)> {
    let inst = load(&state, auth.institution_id).await?;
    let checklist = checklist(&state, &inst);
    if !checklist.is_eligible() {
        return Err(AppError::NotEligible(Box::new(checklist)));
    }
    let now = state.clock.now();
    let mut tx = state.db.sqlite().begin().await?;
    let inserted = sqlx::query(
        "INSERT INTO institution_applications (institution_id, submitted_at) VALUES (?, ?)
         ON CONFLICT (institution_id) DO NOTHING",
    )
    .bind(auth.institution_id)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if inserted {
        audit::record(
            &mut *tx,
            now,
            Some(auth.account_id),
            "licence.institution_applied",
            Some(serde_json::json!({"institution_id": auth.institution_id})),
        )
        .await?;
    }
    tx.commit().await?;
    let app = application(&state, auth.institution_id)
        .await?
        .ok_or_else(|| AppError::Internal("institution application vanished".into()))?;
    let status = if inserted {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, axum::Json(app)))
}
