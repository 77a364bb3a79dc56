//! The audit trail: one append-only row per security-relevant event.

use crate::error::AppResult;
use crate::store::{self, AsConn};

/// Appends an event. `detail` is JSON and must hold no secrets (passwords,
/// codes, full ID numbers).
pub async fn record(
    c: &mut impl AsConn,
    at: i64,
    actor_id: Option<i64>,
    event: &str,
    detail: Option<serde_json::Value>,
) -> AppResult<()> {
    store::audit::append(c, at, actor_id, event, detail.map(|d| d.to_string())).await?;
    Ok(())
}
