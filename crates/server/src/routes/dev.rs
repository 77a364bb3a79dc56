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

/// `GET /api/dev/outbox?to=`: the latest 20 messages to a phone or email,
/// newest first (once the messages to it still being sent are written).
pub async fn outbox(
    State(state): State<AppState>,
    Query(q): Query<OutboxQuery>,
) -> AppResult<axum::Json<Vec<OutboxMessage>>> {
    crate::notify::settled(q.to.trim()).await;
    let rows = store::outbox::latest(&mut state.db.acquire().await?, q.to.trim(), 20).await?;
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
