//! Title changes: the practitioner asks, the main institution decides.

use axum::extract::State;
use axum::http::StatusCode;
use rules::api::{Me, ReviewDecision, TitleChangeRequest};

use crate::auth::{AdminAuth, PractitionerAuth};
use crate::error::{AppError, AppResult, Text};
use crate::extract::{Json, Path};
use crate::profile::{self, enum_text, parse_enum};
use crate::{audit, store, AppState};

/// `PUT /api/v1/me/title`: records a title change for the institution's
/// review (replacing a change still waiting). 202 with the updated profile.
pub async fn request(
    State(state): State<AppState>,
    auth: PractitionerAuth,
    Json(req): Json<TitleChangeRequest>,
) -> AppResult<(StatusCode, axum::Json<Me>)> {
    let row = profile::load(&mut state.db.acquire().await?, auth.account_id).await?;
    let system = row.kind()?.system();
    if !req.title.belongs_to(system) {
        return Err(AppError::Invalid {
            code: "title.wrong_series",
            fields: [(
                "title".to_owned(),
                Text::new(
                    format!("该职称不属于{}系列", system.label(rules::Lang::Zh)),
                    format!(
                        "This title is not in the {} series",
                        system.label(rules::Lang::En).to_lowercase()
                    ),
                ),
            )]
            .into(),
        });
    }
    let current: Option<rules::Title> = row.title.as_deref().map(parse_enum).transpose()?;
    if current == Some(req.title) {
        return Err(AppError::Invalid {
            code: "title.unchanged",
            fields: [(
                "title".to_owned(),
                Text::new("这已是您登记的职称", "This is already your title on record"),
            )]
            .into(),
        });
    }
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    store::titles::replace_pending(&mut tx, auth.practitioner_id, &enum_text(&req.title), now)
        .await?;
    audit::record(
        &mut tx,
        now,
        Some(auth.account_id),
        "title.change_requested",
        Some(serde_json::json!({"title": enum_text(&req.title)})),
    )
    .await?;
    tx.commit().await?;
    Ok((
        StatusCode::ACCEPTED,
        axum::Json(profile::load_me(&state, auth.account_id).await?),
    ))
}

/// `POST /api/v1/institution/reviews/title/{account_id}`: approves (the
/// registry's title is updated) or rejects (with a reason) the pending
/// title change of one of the institution's staff.
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
