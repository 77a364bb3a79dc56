//! Deleting what is no longer needed (see `crate::retention` for how long
//! each kind of row is kept, and why).

use super::AsConn;

/// How many rows each purge removed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Purged {
    /// Sessions past their idle or absolute limit.
    pub sessions: u64,
    /// One-time codes older than the cut-off.
    pub codes: u64,
    /// Recovery proofs past their expiry.
    pub recovery_tokens: u64,
    /// Outbox messages older than the cut-off.
    pub outbox: u64,
    /// Reminders older than the cut-off.
    pub reminders: u64,
    /// Failed-attempt counters idle for a day that block nothing.
    pub throttles: u64,
}

async fn delete(c: &mut impl AsConn, sql: &str, a: i64, b: Option<i64>) -> sqlx::Result<u64> {
    on!(c, |c| {
        let q = sqlx::query(sql).bind(a);
        let q = match b {
            Some(b) => q.bind(b),
            None => q,
        };
        q.execute(&mut *c).await.map(|r| r.rows_affected())
    })
}

/// Sessions whose last request is before `idle_before` (practitioners),
/// `admin_idle_before` (administrators), or that started before
/// `started_before`.
pub async fn expired_sessions(
    c: &mut impl AsConn,
    idle_before: i64,
    admin_idle_before: i64,
    started_before: i64,
) -> sqlx::Result<u64> {
    const SQL: &str = "DELETE FROM sessions WHERE created_at < $1
         OR last_seen < (CASE WHEN account_id IN (SELECT id FROM accounts WHERE role = 'admin')
                              THEN $2 ELSE $3 END)";
    execute!(c, SQL, started_before, admin_idle_before, idle_before)
}

/// One-time codes created before `before`.
pub async fn codes(c: &mut impl AsConn, before: i64) -> sqlx::Result<u64> {
    delete(
        c,
        "DELETE FROM otp_codes WHERE created_at < $1",
        before,
        None,
    )
    .await
}

/// Recovery proofs that expired before `before`.
pub async fn recovery_tokens(c: &mut impl AsConn, before: i64) -> sqlx::Result<u64> {
    delete(
        c,
        "DELETE FROM recovery_tokens WHERE expires_at < $1",
        before,
        None,
    )
    .await
}

/// Reminders sent before `before`.
pub async fn reminders(c: &mut impl AsConn, before: i64) -> sqlx::Result<u64> {
    delete(
        c,
        "DELETE FROM reminders WHERE created_at < $1",
        before,
        None,
    )
    .await
}

/// Outbox messages created before `before`.
pub async fn outbox(c: &mut impl AsConn, before: i64) -> sqlx::Result<u64> {
    delete(c, "DELETE FROM outbox WHERE created_at < $1", before, None).await
}

/// Ends the account's oldest sessions beyond its newest `keep`.
pub async fn excess_sessions(c: &mut impl AsConn, account_id: i64, keep: i64) -> sqlx::Result<u64> {
    const SQL: &str = "DELETE FROM sessions WHERE account_id = $1 AND token_hash NOT IN
         (SELECT token_hash FROM sessions WHERE account_id = $1
          ORDER BY created_at DESC, token_hash LIMIT $2)";
    delete(c, SQL, account_id, Some(keep)).await
}
