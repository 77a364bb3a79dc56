//! Title changes: the practitioner asks, the main institution decides.

use axum::extract::State;
use axum::http::StatusCode;
use rules::api::{Me, ReviewDecision, TitleChangeRequest};

use crate::auth::{AdminAuth, PractitionerAuth};
use crate::error::{AppError, AppResult, Text};
use crate::extract::{Json, Path};
use crate::practitioner_row;
use crate::stored::{enum_text, parse_enum};
use crate::{audit, store, AppState};

/// Ask for a title change (reviewed by the institution)
///
/// Records a title change for the institution's review (replacing a change
/// still waiting). 202 with the updated profile.
#[utoipa::path(
    put,
    path = "/api/v1/me/title",
    tag = "practitioner",
    request_body = rules::api::TitleChangeRequest,
    responses((status = 202, body = rules::api::Me)),
    security(("session" = []))
)]
pub async fn request(
    State(state): State<AppState>,
    auth: PractitionerAuth,
    Json(req): Json<TitleChangeRequest>,
) -> AppResult<(StatusCode, axum::Json<Me>)> {
    let row = practitioner_row::load(&mut state.db.acquire().await?, auth.account_id).await?;
    let current: Option<rules::Title> = row.title.as_deref().map(parse_enum).transpose()?;
    let title = rules::form::title::validate(&req, row.kind()?.system(), current)?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    store::titles::replace_pending(&mut tx, auth.practitioner_id, &enum_text(&title), now).await?;
    audit::record(
        &mut tx,
        now,
        Some(auth.account_id),
        "title.change_requested",
        Some(serde_json::json!({"title": enum_text(&title)})),
    )
    .await?;
    tx.commit().await?;
    Ok((
        StatusCode::ACCEPTED,
        axum::Json(practitioner_row::load_me(&state, auth.account_id).await?),
    ))
}

/// Approve or reject a title change
///
/// Approves (the registry's title is updated) or rejects (with a reason) the
/// pending title change of one of the institution's staff.
#[utoipa::path(
    post,
    path = "/api/v1/institution/reviews/title/{account_id}",
    tag = "institution",
    request_body = rules::api::ReviewDecision,
    params(("account_id" = i64, Path)),
    responses((status = 204), (status = 404)),
    security(("session" = []))
)]
pub async fn decide(
    State(state): State<AppState>,
    auth: AdminAuth,
    Path(account_id): Path<i64>,
    Json(req): Json<ReviewDecision>,
) -> AppResult<StatusCode> {
    let reason = super::institution::rejection_reason(&req)?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let pending =
        store::titles::pending_for_decision(&mut tx, account_id, auth.institution_id).await?;
    let store::titles::Pending {
        id: change_id,
        practitioner_id,
        title,
    } = pending.ok_or(AppError::NotFound)?;
    if !store::titles::decide(&mut tx, change_id, req.approve, reason.as_deref(), now).await? {
        return Err(AppError::NotFound);
    }
    if req.approve {
        store::titles::set_practitioner_title(&mut tx, practitioner_id, &title).await?;
    }
    audit::record(
        &mut tx,
        now,
        Some(auth.account_id),
        "review.title",
        Some(
            serde_json::json!({"account_id": account_id, "approved": req.approve, "title": title}),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Approve or reject many title changes at once (each decision audited)
///
/// One decision on many pending title changes, in one transaction, as photos
/// are decided in bulk (`institution::decide_photos`). Each decision is audited
/// on its own; accounts with no change waiting in this institution (decided
/// meanwhile, withdrawn, another institution's) are skipped and listed.
#[utoipa::path(
    post,
    path = "/api/v1/institution/reviews/title",
    tag = "institution",
    request_body = rules::api::BulkReviewDecision,
    responses((status = 200, body = rules::api::BulkReviewOutcome)),
    security(("session" = []))
)]
pub async fn decide_many(
    State(state): State<AppState>,
    auth: AdminAuth,
    Json(req): Json<rules::api::BulkReviewDecision>,
) -> AppResult<axum::Json<rules::api::BulkReviewOutcome>> {
    let mut ids = req.account_ids.clone();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() || ids.len() > super::institution::MAX_BULK {
        return Err(AppError::field(
            "account_ids",
            Text::new(
                "请选择 1 到 200 项职称变更",
                "Select between 1 and 200 title changes",
            ),
        ));
    }
    // The common reasons are about photos; a title change is refused with
    // a reason written for it.
    if req.reason_code.is_some() {
        return Err(AppError::field(
            "reason_code",
            Text::new(
                "常用原因只适用于照片；请填写职称变更不通过的原因",
                "The common reasons are for photos; type the reason for refusing the title change",
            ),
        ));
    }
    let reason = super::institution::rejection_reason(&ReviewDecision {
        approve: req.approve,
        reason: req.reason.clone(),
    })?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let mut decided = Vec::new();
    let mut skipped = Vec::new();
    for &account_id in &ids {
        let Some(store::titles::Pending {
            id: change_id,
            practitioner_id,
            title,
        }) = store::titles::pending_for_decision(&mut tx, account_id, auth.institution_id).await?
        else {
            skipped.push(account_id);
            continue;
        };
        if !store::titles::decide(&mut tx, change_id, req.approve, reason.as_deref(), now).await? {
            skipped.push(account_id);
            continue;
        }
        if req.approve {
            store::titles::set_practitioner_title(&mut tx, practitioner_id, &title).await?;
        }
        audit::record(
            &mut tx,
            now,
            Some(auth.account_id),
            "review.title",
            Some(serde_json::json!({
                "account_id": account_id,
                "approved": req.approve,
                "title": title,
                "bulk": true,
            })),
        )
        .await?;
        decided.push(account_id);
    }
    tx.commit().await?;
    Ok(axum::Json(rules::api::BulkReviewOutcome {
        decided,
        skipped,
    }))
}
