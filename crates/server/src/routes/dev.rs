//! Development routes, mounted only in demo mode.

use axum::extract::State;
use rules::api::OutboxMessage;
use serde::Deserialize;

use crate::error::AppResult;
use crate::extract::Query;
use crate::AppState;

/// Query of the outbox.
#[derive(Debug, Deserialize)]
pub struct OutboxQuery {
    to: String,
}

/// `GET /api/dev/outbox?to=`: the latest 20 messages to a phone or email,
/// newest first.
pub async fn outbox(
    State(state): State<AppState>,
    Query(q): Query<OutboxQuery>,
) -> AppResult<axum::Json<Vec<OutboxMessage>>> {
    let rows: Vec<(String, String, String, String, i64)> = sqlx::query_as(
        "SELECT channel, recipient, subject, body, created_at FROM outbox WHERE recipient = ? ORDER BY id DESC LIMIT 20",
    )
    .bind(q.to.trim())
    .fetch_all(state.db.sqlite())
    .await?;
    Ok(axum::Json(
        rows.into_iter()
            .map(|(channel, to, subject, body, sent_at)| OutboxMessage {
                channel,
                to,
                subject,
                body,
                sent_at,
            })
            .collect(),
    ))
}
