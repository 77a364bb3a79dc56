//! Deregistration cases: the institution files (备案) or cancels (注销) a
//! dormant registration of its own staff, for a reason of the rules crate.

use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use rules::api::{Deregistration, DeregistrationRequest};
use rules::{Lang, Localized, PracticeStatus, ZombieReason};

use crate::auth::AdminAuth;
use crate::error::{AppError, AppResult, Text};
use crate::extract::Json;
use crate::profile::{enum_text, parse_enum};
use crate::{audit, csv, AppState};

/// Longest note, in characters.
pub const MAX_NOTE_CHARS: usize = 500;

#[derive(sqlx::FromRow)]
struct CaseRow {
    id: i64,
    practitioner_id: i64,
    name: String,
    reason: String,
    note: String,
    previous_status: Option<String>,
    outcome: String,
    actor: Option<String>,
    created_at: i64,
}

impl CaseRow {
    fn into_api(self) -> AppResult<Deregistration> {
        let reason = ZombieReason::from_code(&self.reason)
            .ok_or_else(|| AppError::Internal(format!("stored reason {:?}", self.reason)))?;
        Ok(Deregistration {
            id: self.id,
            practitioner_id: self.practitioner_id,
            name: self.name,
            reason,
            reason_code: self.reason,
            note: self.note,
            previous_status: self
                .previous_status
                .as_deref()
                .map(parse_enum)
                .transpose()?,
            outcome: parse_enum(&self.outcome)?,
            actor: self.actor.unwrap_or_default(),
            created_at: self.created_at,
        })
    }
}

const CASE_SELECT: &str =
    "SELECT d.id, d.practitioner_id, p.name, d.reason, d.note, d.previous_status,
        d.outcome, a.username AS actor, d.created_at
     FROM deregistrations d JOIN practitioners p ON p.id = d.practitioner_id
     LEFT JOIN accounts a ON a.id = d.actor_id
     WHERE p.institution_id = ?";

async fn list(state: &AppState, institution_id: i64) -> AppResult<Vec<Deregistration>> {
    let rows: Vec<CaseRow> = sqlx::query_as(&format!("{CASE_SELECT} ORDER BY d.id DESC"))
        .bind(institution_id)
        .fetch_all(state.db.sqlite())
        .await?;
    rows.into_iter().map(CaseRow::into_api).collect()
}

/// `POST /api/v1/institution/deregistrations`: 201 with the case. The
/// registry status becomes the reason's outcome; the practitioner can no
/// longer apply (the status criterion fails). 404 for another
/// institution's staff, 409 when already cancelled (or already filed by a
/// filing reason).
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
    let record: Option<(String, String)> = sqlx::query_as(
        "SELECT kind, status FROM practitioners WHERE id = ? AND institution_id = ?",
    )
    .bind(req.practitioner_id)
    .bind(auth.institution_id)
    .fetch_optional(state.db.sqlite())
    .await?;
    let (kind, status) = record.ok_or(AppError::NotFound)?;
    let system = if kind == "nurse" {
        rules::System::Nurse
    } else {
        rules::System::Physician
    };
    if req.reason.system() != system {
        return Err(AppError::Invalid {
            code: "deregistration.reason_kind",
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
            "deregistration.already_done",
            &format!("该注册已是“{}”状态", previous.label(Lang::Zh)),
            &format!(
                "This registration is already {}",
                previous.label(Lang::En).to_lowercase()
            ),
        ));
    }
    let now = state.clock.now();
    let today = state.clock.today().format("%Y-%m-%d").to_string();
    let mut tx = state.db.sqlite().begin().await?;
    // Conditional on the status read above, so two admins racing cannot
    // both succeed.
    let changed = sqlx::query(
        "UPDATE practitioners SET status = ?, status_since = ? WHERE id = ? AND institution_id = ? AND status = ?",
    )
    .bind(enum_text(&outcome))
    .bind(&today)
    .bind(req.practitioner_id)
    .bind(auth.institution_id)
    .bind(&status)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(AppError::rejected(
            StatusCode::CONFLICT,
            "deregistration.already_done",
            "该注册状态已被修改，请刷新",
            "The registration changed meanwhile; reload",
        ));
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO deregistrations (practitioner_id, reason, outcome, actor_id, created_at, note, previous_status)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(req.practitioner_id)
    .bind(req.reason.code())
    .bind(enum_text(&outcome))
    .bind(auth.account_id)
    .bind(now)
    .bind(&note)
    .bind(&status)
    .fetch_one(&mut *tx)
    .await?;
    // The holder's e-license stops being valid with the registration.
    crate::license::revoke_for_practitioner(
        &mut *tx,
        req.practitioner_id,
        &format!("deregistration:{}", req.reason.code()),
        now,
    )
    .await?;
    audit::record(
        &mut *tx,
        now,
        Some(auth.account_id),
        "registry.deregistered",
        Some(serde_json::json!({
            "case_id": id,
            "practitioner_id": req.practitioner_id,
            "reason": req.reason.code(),
            "outcome": enum_text(&outcome),
        })),
    )
    .await?;
    let row: CaseRow = sqlx::query_as(&format!("{CASE_SELECT} AND d.id = ?"))
        .bind(auth.institution_id)
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, axum::Json(row.into_api()?)))
}

/// `GET /api/v1/institution/deregistrations`: the institution's cases,
/// newest first.
pub async fn index(
    State(state): State<AppState>,
    auth: AdminAuth,
) -> AppResult<axum::Json<Vec<Deregistration>>> {
    Ok(axum::Json(list(&state, auth.institution_id).await?))
}

/// `GET /api/v1/institution/deregistrations.csv`: the same list for Excel.
pub async fn export(State(state): State<AppState>, auth: AdminAuth) -> AppResult<Response> {
    let cases = list(&state, auth.institution_id).await?;
    let shanghai = chrono::FixedOffset::east_opt(8 * 3600)
        .ok_or_else(|| AppError::Internal("UTC+8 offset".into()))?;
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
    ]
    .map(str::to_owned)
    .to_vec();
    let rows = cases.into_iter().map(|c| {
        let at = chrono::DateTime::from_timestamp(c.created_at, 0)
            .map(|t| {
                t.with_timezone(&shanghai)
                    .format("%Y-%m-%d %H:%M")
                    .to_string()
            })
            .unwrap_or_default();
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
        ]
    });
    let body = csv::document(std::iter::once(header_row).chain(rows));
    let mut resp = body.into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"deregistrations.csv\""),
    );
    Ok(resp)
}
