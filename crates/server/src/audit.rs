//! The audit trail: one append-only row per security-relevant event.

use sqlx::{Executor, Sqlite};

use crate::error::AppResult;

/// Appends an event. `detail` is JSON and must hold no secrets (passwords,
/// codes, full ID numbers).
pub async fn record<'e, E>(
    db: E,
    at: i64,
    actor_id: Option<i64>,
    event: &str,
    detail: Option<serde_json::Value>,
) -> AppResult<()>
where
    E: Executor<'e, Database = Sqlite>,
{
    sqlx::query("INSERT INTO audit_log (at, actor_id, event, detail) VALUES (?, ?, ?, ?)")
        .bind(at)
        .bind(actor_id)
        .bind(event)
        .bind(detail.map(|d| d.to_string()))
        .execute(db)
        .await?;
    Ok(())
}
