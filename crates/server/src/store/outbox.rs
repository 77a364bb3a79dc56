//! The development outbox: messages "sent" in demo mode.

use super::AsConn;

/// Appends a message.
pub async fn append(
    c: &mut impl AsConn,
    channel: &str,
    recipient: &str,
    subject: &str,
    body: &str,
    now: i64,
) -> sqlx::Result<()> {
    const SQL: &str = "INSERT INTO outbox (channel, recipient, subject, body, created_at)
         VALUES ($1, $2, $3, $4, $5)";
    on!(c, |c| {
        sqlx::query(SQL)
            .bind(channel)
            .bind(recipient)
            .bind(subject)
            .bind(body)
            .bind(now)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// The latest `limit` messages to a recipient, newest first:
/// (channel, recipient, subject, body, created_at).
pub async fn latest(
    c: &mut impl AsConn,
    recipient: &str,
    limit: i64,
) -> sqlx::Result<Vec<(String, String, String, String, i64)>> {
    const SQL: &str = "SELECT channel, recipient, subject, body, created_at FROM outbox
         WHERE recipient = $1 ORDER BY id DESC LIMIT $2";
    on!(c, |c| {
        sqlx::query_as(SQL)
            .bind(recipient)
            .bind(limit)
            .fetch_all(&mut *c)
            .await
    })
}
