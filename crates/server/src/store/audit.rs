//! The audit log: append only (the schema refuses updates and deletes).

use super::AsConn;

/// Appends an event.
pub async fn append(
    c: &mut impl AsConn,
    at: i64,
    actor_id: Option<i64>,
    event: &str,
    detail: Option<String>,
) -> sqlx::Result<()> {
    const SQL: &str = "INSERT INTO audit_log (at, actor_id, event, detail) VALUES ($1, $2, $3, $4)";
    execute!(c, SQL, at, actor_id, event, &detail)?;
    Ok(())
}
