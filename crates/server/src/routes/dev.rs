//! Development routes, mounted only in demo mode.

use axum::extract::State;
use rules::api::OutboxMessage;
use serde::Deserialize;

use crate::error::AppResult;
use crate::extract::Query;
use crate::{store, AppState};

/// Query of the outbox.
#[derive(Debug, Deserialize)]
pub struct OutboxQuery {
    to: String,
}

/// Demo mode only: messages sent to a contact
///
/// The latest 20 messages to a phone or email, newest first, whatever their
/// delivery state (each message is written with the change that causes it,
/// before the answer).
#[utoipa::path(
    get,
    path = "/api/dev/outbox",
    tag = "dev",
    params(("to" = String, Query)),
    responses((status = 200, body = [rules::api::OutboxMessage]), (status = 400))
)]
pub async fn outbox(
    State(state): State<AppState>,
    Query(q): Query<OutboxQuery>,
) -> AppResult<axum::Json<Vec<OutboxMessage>>> {
    let rows = store::outbox::latest(&mut state.db.acquire().await?, q.to.trim(), 20).await?;
    Ok(axum::Json(
        rows.into_iter()
            .map(|m| OutboxMessage {
                channel: m.channel,
                to: m.recipient,
                subject: m.subject,
                body: m.body,
                sent_at: m.created_at,
                state: m.state,
            })
            .collect(),
    ))
}
