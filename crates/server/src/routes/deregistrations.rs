//! Deregistration cases: the institution asks to file (备案) or cancel (注销)
//! the registration of a zombie account among its own staff, for a reason of the rules crate.
//! The case waits for the region's health authority, acting for the
//! physicians' association or the nursing society (向市医师协会或市护理学会办理
//! 注销注册), which confirms it (`routes::authority_deregistrations`: only
//! then the registry status changes) or returns it with a reason.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use rules::api::{Deregistration, DeregistrationRequest, DeregistrationState};
use rules::{Lang, Localized, PracticeStatus, ZombieReason};

use crate::auth::AdminAuth;
use crate::error::{AppError, AppResult, Text};
use crate::extract::Json;
use crate::store::deregistrations::{CaseRow, NewCase};
use crate::stored::{enum_text, parse_enum};
use crate::{audit, csv, store, AppState};
use rules::api::ErrorCode;

/// Longest note, in characters.
pub const MAX_NOTE_CHARS: usize = 500;

fn into_api(row: CaseRow) -> AppResult<Deregistration> {
    let reason = ZombieReason::from_code(&row.reason)
        .ok_or_else(|| AppError::Internal(format!("stored reason {:?}", row.reason)))?;
    Ok(Deregistration {
        id: row.id,
        practitioner_id: row.practitioner_id,
        name: row.name,
        reason,
        reason_code: row.reason,
        note: row.note,
        previous_status: row.previous_status.as_deref().map(parse_enum).transpose()?,
        outcome: parse_enum(&row.outcome)?,
        actor: row.actor.unwrap_or_default(),
        created_at: row.created_at,
        state: parse_state(&row.state)?,
        return_reason: row.return_reason,
        decided_at: row.decided_at,
    })
}

/// A stored case state.
pub fn parse_state(code: &str) -> AppResult<DeregistrationState> {
    crate::stored::parse_enum(code)
}

fn already_pending() -> AppError {
    AppError::rejected(
        StatusCode::CONFLICT,
        ErrorCode::DeregistrationPending,
        "该人员已有待主管部门确认的申请",
        "A case for this person already awaits the authority",
    )
}

async fn list(state: &AppState, institution_id: i64) -> AppResult<Vec<Deregistration>> {
    let rows = store::deregistrations::list(&mut state.db.acquire().await?, institution_id).await?;
    rows.into_iter().map(into_api).collect()
}

/// Ask to file or cancel a zombie account's registration (pending until the region's authority confirms it)
///
/// 201 with the case, pending (待主管部门确认). The registry status stays until the
/// region's authority confirms it. 404 for another institution's staff, 409
/// when already cancelled (or already filed by a filing reason) or when a case
/// of the person already waits.
#[utoipa::path(
    post,
    path = "/api/v1/institution/deregistrations",
    tag = "institution",
    request_body = rules::api::DeregistrationRequest,
    responses(
        (status = 201, body = rules::api::Deregistration),
        (status = 404),
        (status = 409)
    ),
    security(("session" = []))
)]
pub async fn create(
    State(state): State<AppState>,
    auth: AdminAuth,
    Json(req): Json<DeregistrationRequest>,
) -> AppResult<(StatusCode, axum::Json<Deregistration>)> {
    let note = req.note.trim().to_owned();
    if note.chars().count() > MAX_NOTE_CHARS {
        return Err(AppError::field(
            "note",
            Text::new(
                format!("备注不能超过 {MAX_NOTE_CHARS} 字"),
                format!("The note has at most {MAX_NOTE_CHARS} characters"),
            ),
        ));
    }
    let record = store::deregistrations::kind_and_status(
        &mut state.db.acquire().await?,
        req.practitioner_id,
        auth.institution_id,
    )
    .await?;
    let (kind, status) = record.ok_or(AppError::NotFound)?;
    let system = if kind == "nurse" {
        rules::System::Nurse
    } else {
        rules::System::Physician
    };
    if req.reason.system() != system {
        return Err(AppError::Invalid {
            code: ErrorCode::DeregistrationReasonKind,
            fields: [(
                "reason".to_owned(),
                Text::new(
                    format!("该原因不适用于{}", system.label(Lang::Zh)),
                    format!(
                        "This reason does not apply to a {}",
                        system.label(Lang::En).to_lowercase()
                    ),
                ),
            )]
            .into(),
        });
    }
    let previous: PracticeStatus = parse_enum(&status)?;
    let outcome = req.reason.outcome();
    if previous == PracticeStatus::Cancelled || previous == outcome {
        return Err(AppError::rejected(
            StatusCode::CONFLICT,
            ErrorCode::DeregistrationAlreadyDone,
            &format!("该注册已是“{}”状态", previous.label(Lang::Zh)),
            &format!(
                "This registration is already {}",
                previous.label(Lang::En).to_lowercase()
            ),
        ));
    }
    let now = state.clock.now();
    let outcome_text = enum_text(&outcome);
    let mut tx = state.db.begin().await?;
    if store::deregistrations::has_pending(&mut tx, req.practitioner_id).await? {
        return Err(already_pending());
    }
    // The partial unique index closes the race the check above leaves open
    // (two administrators filing at once on PostgreSQL).
    let id = match store::deregistrations::insert(
        &mut tx,
        &NewCase {
            practitioner_id: req.practitioner_id,
            reason: req.reason.code(),
            outcome: &outcome_text,
            actor_id: auth.account_id,
            created_at: now,
            note: &note,
            previous_status: &status,
        },
    )
    .await
    {
        Ok(id) => id,
        Err(e) if store::unique_violation(&e).is_some() => return Err(already_pending()),
        Err(e) => return Err(e.into()),
    };
    audit::record(
        &mut tx,
        now,
        Some(auth.account_id),
        "registry.deregistration_requested",
        Some(serde_json::json!({
            "case_id": id,
            "practitioner_id": req.practitioner_id,
            "reason": req.reason.code(),
            "outcome": outcome_text,
        })),
    )
    .await?;
    let row = store::deregistrations::find(&mut tx, auth.institution_id, id)
        .await?
        .ok_or_else(|| AppError::Internal("the case just recorded is gone".into()))?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, axum::Json(into_api(row)?)))
}

/// Deregistration cases
///
/// The institution's cases, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/institution/deregistrations",
    tag = "institution",
    responses((status = 200, body = [rules::api::Deregistration])),
    security(("session" = []))
)]
pub async fn index(
    State(state): State<AppState>,
    auth: AdminAuth,
) -> AppResult<axum::Json<Vec<Deregistration>>> {
    Ok(axum::Json(list(&state, auth.institution_id).await?))
}

/// Deregistration cases as CSV (UTF-8 with BOM)
///
/// The same list for Excel.
#[utoipa::path(
    get,
    path = "/api/v1/institution/deregistrations.csv",
    tag = "institution",
    responses((status = 200, response = inline(crate::openapi::Csv))),
    security(("session" = []))
)]
pub async fn export(State(state): State<AppState>, auth: AdminAuth) -> AppResult<Response> {
    let cases = list(&state, auth.institution_id).await?;
    let header_row = [
        "编号 Case",
        "时间 Time (UTC+8)",
        "注册编号 Registry id",
        "姓名 Name",
        "原因 Reason",
        "原因代码 Reason code",
        "原状态 Previous status",
        "结果 Outcome",
        "备注 Note",
        "操作人 Admin",
        "状态 State",
        "退回原因 Return reason",
    ]
    .map(str::to_owned)
    .to_vec();
    let rows = cases.into_iter().map(|c| {
        let at = rules::china_time::minute(c.created_at);
        vec![
            c.id.to_string(),
            at,
            c.practitioner_id.to_string(),
            c.name,
            c.reason.message(Lang::Zh),
            c.reason_code,
            c.previous_status
                .map(|s| s.label(Lang::Zh).to_owned())
                .unwrap_or_default(),
            c.outcome.label(Lang::Zh).to_owned(),
            c.note,
            c.actor,
            format!("{} {}", c.state.label(Lang::Zh), c.state.label(Lang::En)),
            c.return_reason.unwrap_or_default(),
        ]
    });
    Ok(csv::download(
        "deregistrations.csv",
        std::iter::once(header_row).chain(rows),
    ))
}
