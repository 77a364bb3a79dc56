//! The region's health authority confirms or returns the institutions'
//! deregistration cases, acting for the physicians' association or the
//! nursing society (向市医师协会或市护理学会办理注销注册). Only a confirmation
//! changes the registry: the status becomes the reason's outcome and the
//! holder's e-license is revoked, in one transaction with the decision.
//! Every query is scoped to the authority's division (a case outside it
//! answers 404, as one that does not exist); every decision is audited with
//! the authority account as actor.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use rules::api::authority_deregistrations::{
    AuthorityDeregistration, ReturnDeregistrationRequest, MAX_RETURN_REASON_CHARS,
};
use rules::api::DeregistrationState;
use rules::ZombieReason;
use serde_json::json;

use crate::auth::authority::AuthorityAuth;
use crate::error::{AppError, AppResult, Text};
use crate::extract::Json;
use crate::routes::deregistrations::parse_state;
use crate::store::authority_deregistrations::RegionCaseRow;
use crate::stored::parse_enum;
use crate::{store, AppState};
use rules::api::ErrorCode;

fn into_api(row: RegionCaseRow) -> AppResult<AuthorityDeregistration> {
    // Checked here so that the client can rely on the code.
    ZombieReason::from_code(&row.reason)
        .ok_or_else(|| AppError::Internal(format!("stored reason {:?}", row.reason)))?;
    Ok(AuthorityDeregistration {
        id: row.id,
        institution: row.institution,
        division: row.division,
        name: row.name,
        reason_code: row.reason,
        note: row.note,
        previous_status: row.previous_status.as_deref().map(parse_enum).transpose()?,
        outcome: parse_enum(&row.outcome)?,
        created_at: row.created_at,
        state: parse_state(&row.state)?,
        return_reason: row.return_reason,
    })
}

/// The region's deregistration cases waiting for confirmation, oldest first
///
/// The region's cases waiting for a decision, oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/authority/deregistrations",
    tag = "authority",
    responses(
        (status = 200, body = [rules::api::authority_deregistrations::AuthorityDeregistration])
    ),
    security(("authority_session" = []))
)]
pub async fn pending(
    State(state): State<AppState>,
    auth: AuthorityAuth,
) -> AppResult<axum::Json<Vec<AuthorityDeregistration>>> {
    let rows = store::authority_deregistrations::pending(
        &mut state.db.acquire().await?,
        auth.division.code(),
    )
    .await?;
    Ok(axum::Json(
        rows.into_iter().map(into_api).collect::<AppResult<_>>()?,
    ))
}

fn already_decided() -> AppError {
    AppError::rejected(
        StatusCode::CONFLICT,
        ErrorCode::DeregistrationDecided,
        "该申请已被处理，请刷新",
        "This case was already decided; reload",
    )
}

/// Starts a decision: reads the region's case in a new transaction (404
/// outside the region, 409 when no longer pending) and moves it to `to`. The
/// conditional UPDATE decides a race between two decisions, not the read.
async fn decide(
    state: &AppState,
    auth: &AuthorityAuth,
    case_id: i64,
    to: DeregistrationState,
    return_reason: Option<&str>,
    now: i64,
) -> AppResult<(store::Tx, RegionCaseRow)> {
    let mut tx = state.db.begin().await?;
    let row = store::authority_deregistrations::find(&mut tx, auth.division.code(), case_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if row.state != DeregistrationState::Pending.code()
        || !store::authority_deregistrations::decide(
            &mut tx,
            case_id,
            to.code(),
            auth.account_id,
            now,
            return_reason,
        )
        .await?
    {
        return Err(already_decided());
    }
    Ok((tx, row))
}

/// Ends a decision: the case as decided, then the commit.
async fn decided(
    mut tx: store::Tx,
    auth: &AuthorityAuth,
    case_id: i64,
) -> AppResult<axum::Json<AuthorityDeregistration>> {
    let row = store::authority_deregistrations::find(&mut tx, auth.division.code(), case_id)
        .await?
        .ok_or_else(|| AppError::Internal("the case just decided is gone".into()))?;
    tx.commit().await?;
    Ok(axum::Json(into_api(row)?))
}

/// Confirm a deregistration case: the registry records its outcome, the e-license is revoked
///
/// The registry records the reason's outcome (备案 / 注销) and the holder's
/// e-license is revoked. 404 outside the region, 409 when already decided (of
/// two decisions at once exactly one wins) or when the registry status changed
/// since the case was filed (the case must then be returned).
#[utoipa::path(
    post,
    path = "/api/v1/authority/deregistrations/{id}/confirm",
    tag = "authority",
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = rules::api::authority_deregistrations::AuthorityDeregistration),
        (status = 404),
        (status = 409)
    ),
    security(("authority_session" = []))
)]
pub async fn confirm(
    State(state): State<AppState>,
    auth: AuthorityAuth,
    Path(case_id): Path<i64>,
) -> AppResult<axum::Json<AuthorityDeregistration>> {
    let now = state.clock.now();
    let today = store::date_text(state.clock.today());
    let (mut tx, row) = decide(
        &state,
        &auth,
        case_id,
        DeregistrationState::Confirmed,
        None,
        now,
    )
    .await?;
    let previous = row.previous_status.clone().unwrap_or_default();
    // Conditional on the status the institution saw: a registry changed
    // meanwhile (an import, another case) is not overwritten blindly.
    let changed = store::deregistrations::change_status(
        &mut tx,
        row.practitioner_id,
        row.institution_id,
        &previous,
        &row.outcome,
        &today,
    )
    .await?;
    if !changed {
        return Err(AppError::rejected(
            StatusCode::CONFLICT,
            ErrorCode::DeregistrationStatusChanged,
            "该人员的注册状态在申请后已变更，请退回机构重新办理",
            "The registration changed since the case was filed; return it to the institution",
        ));
    }
    // The holder's e-license stops being valid with the registration.
    crate::license::revoke_for_practitioner(
        &mut tx,
        row.practitioner_id,
        &format!("deregistration:{}", row.reason),
        now,
    )
    .await?;
    store::authority::audit(
        &mut tx,
        now,
        auth.account_id,
        "registry.deregistered",
        &json!({
            "case_id": case_id,
            "practitioner_id": row.practitioner_id,
            "institution_id": row.institution_id,
            "reason": row.reason,
            "previous_status": previous,
            "outcome": row.outcome,
        }),
    )
    .await?;
    decided(tx, &auth, case_id).await
}

/// Return a deregistration case to the institution with a reason
///
/// Refuses the case with a reason the institution sees; the registry is
/// unchanged and the institution may file again. 404 outside the region, 409
/// when already decided, 422 without a reason.
#[utoipa::path(
    post,
    path = "/api/v1/authority/deregistrations/{id}/return",
    tag = "authority",
    request_body = rules::api::authority_deregistrations::ReturnDeregistrationRequest,
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = rules::api::authority_deregistrations::AuthorityDeregistration),
        (status = 404),
        (status = 409)
    ),
    security(("authority_session" = []))
)]
pub async fn return_case(
    State(state): State<AppState>,
    auth: AuthorityAuth,
    Path(case_id): Path<i64>,
    Json(req): Json<ReturnDeregistrationRequest>,
) -> AppResult<axum::Json<AuthorityDeregistration>> {
    let reason = req.reason.trim();
    if reason.is_empty() {
        return Err(AppError::field(
            "reason",
            Text::new(
                "请填写退回原因，机构将看到它",
                "Give the reason for returning it; the institution will see it",
            ),
        ));
    }
    if reason.chars().count() > MAX_RETURN_REASON_CHARS {
        return Err(AppError::field(
            "reason",
            Text::new(
                format!("退回原因不能超过 {MAX_RETURN_REASON_CHARS} 字"),
                format!("The reason has at most {MAX_RETURN_REASON_CHARS} characters"),
            ),
        ));
    }
    let now = state.clock.now();
    let (mut tx, row) = decide(
        &state,
        &auth,
        case_id,
        DeregistrationState::Returned,
        Some(reason),
        now,
    )
    .await?;
    store::authority::audit(
        &mut tx,
        now,
        auth.account_id,
        "registry.deregistration_returned",
        &json!({
            "case_id": case_id,
            "practitioner_id": row.practitioner_id,
            "institution_id": row.institution_id,
            "reason": row.reason,
            "return_reason": reason,
        }),
    )
    .await?;
    decided(tx, &auth, case_id).await
}
