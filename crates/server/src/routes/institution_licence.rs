//! The institution's own e-license: its checklist, its application, and
//! the signed licence issued from it (`crate::license`).

use axum::extract::State;
use axum::http::StatusCode;
use rules::api::{Application, InstitutionLicence};
use rules::{Checklist, Institution};

use crate::auth::AdminAuth;
use crate::error::{AppError, AppResult};
use crate::{store, AppState};

async fn load(state: &AppState, institution_id: i64) -> AppResult<Institution> {
    let row = store::institutions::licence_facts(&mut state.db.acquire().await?, institution_id)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::stored::institution(&row)
}

async fn application(state: &AppState, institution_id: i64) -> AppResult<Option<Application>> {
    Ok(
        store::applications::of_institution(&mut state.db.acquire().await?, institution_id)
            .await?
            .map(Application::from),
    )
}

fn checklist(state: &AppState, inst: &Institution) -> Checklist {
    rules::institution_checklist(inst, state.clock.today())
}

/// The institution's own e-license: checklist, application and the signed licence once issued
#[utoipa::path(
    get,
    path = "/api/v1/institution/licence",
    tag = "institution",
    responses((status = 200, body = rules::api::InstitutionLicence), (status = 404)),
    security(("session" = []))
)]
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
        licence: crate::license::institution_own(
            &mut state.db.acquire().await?,
            auth.institution_id,
            state.clock.today(),
        )
        .await?,
    }))
}

/// Apply for the institution's e-license, issued at once (201 new, 200 repeat)
///
/// 201 with the new application, 200 with the existing one on a repeat, 422
/// with the checklist when not eligible. The e-license is issued in the same
/// transaction (once: a repeat, or a concurrent application, finds the current
/// one).
#[utoipa::path(
    post,
    path = "/api/v1/institution/licence/application",
    tag = "institution",
    responses(
        (status = 201, body = rules::api::Application),
        (status = 200, body = rules::api::Application),
        (status = 404),
        (status = 422, body = rules::api::NotEligibleBody)
    ),
    security(("session" = []))
)]
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
    let mut tx = state.db.begin().await?;
    // One decision per institution at a time: a concurrent application
    // waits here, then finds the application and licence this one records.
    if !store::institution_licences::lock(&mut tx, auth.institution_id).await? {
        return Err(AppError::NotFound);
    }
    let inserted =
        store::applications::insert_institution(&mut tx, auth.institution_id, now).await?;
    let application_id = store::applications::of_institution(&mut tx, auth.institution_id)
        .await?
        .map(|a| a.id);
    crate::license::ensure_institution_issued(
        &mut tx,
        &state.config,
        state.clock.today(),
        now,
        auth.institution_id,
        application_id,
    )
    .await?;
    let status = super::applications::commit_application(
        tx,
        inserted,
        now,
        auth.account_id,
        "licence.institution_applied",
        serde_json::json!({"institution_id": auth.institution_id}),
    )
    .await?;
    let app = application(&state, auth.institution_id)
        .await?
        .ok_or_else(|| AppError::Internal("institution application vanished".into()))?;
    Ok((status, axum::Json(app)))
}
