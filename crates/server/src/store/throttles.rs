//! Failed-attempt counters, one row per throttle key, shared by every server
//! on the database (policy and callers: `crate::auth::throttle`).
//!
//! An attempt is counted by [`count`] before the secret is checked, in one
//! `INSERT … ON CONFLICT DO UPDATE … RETURNING`: the database row decides,
//! under its row lock (PostgreSQL) or the write lock (SQLite), whether the
//! attempt may go on and whether it starts a block, so parallel attempts on
//! one or several servers are counted one after another and none slips past
//! the allowance.

use super::AsConn;

/// How a key's counted attempts turn into blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The attempt with this number (and every later one) starts a block.
    pub free: i64,
    /// The first block in seconds, doubled for every further attempt.
    pub base_secs: i64,
    /// How many doublings reach `max_secs` (blocks stop growing there).
    pub doublings: i64,
    /// The longest block.
    pub max_secs: i64,
    /// The count starts again from zero at each block (a fixed lock), instead
    /// of growing the next block.
    pub restart: bool,
}

/// The attempt as counted: `None` when the key was blocked (nothing counted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct Counted {
    /// Attempts counted now, this one included (0 after a fixed lock).
    pub attempts: i64,
    /// Until when the key is blocked after this attempt (0: not blocked).
    pub blocked_until: i64,
}

/// Forgets the key's count when its last attempt is older than
/// `forget_before` and no block is running (called before [`count`], in its
/// transaction).
pub async fn forget_stale(
    c: &mut impl AsConn,
    key: &str,
    now: i64,
    forget_before: i64,
) -> sqlx::Result<()> {
    const SQL: &str =
        "DELETE FROM throttles WHERE throttle_key = $1 AND last_attempt < $2 AND blocked_until <= $3";
    on!(c, |c| sqlx::query(SQL)
        .bind(key)
        .bind(forget_before)
        .bind(now)
        .execute(&mut *c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Counts an attempt on `key` unless the key is blocked at `now`: the new
/// count and block, or `None` when blocked (then nothing changed). The
/// attempt numbered `rule.free` and every later one start a block, so at
/// most `rule.free` attempts run before the first one's block holds, however
/// many arrive at once.
pub async fn count(
    c: &mut impl AsConn,
    key: &str,
    now: i64,
    rule: Rule,
) -> sqlx::Result<Option<Counted>> {
    // `n` below is the attempt's number, `throttles.attempts + 1`; a
    // conflicting row is only updated while not blocked (the `WHERE`), and
    // RETURNING then gives no row.
    const SQL: &str = "INSERT INTO throttles (throttle_key, attempts, blocked_until, last_attempt)
         VALUES ($1,
                 CASE WHEN $7 AND 1 >= $3 THEN 0 ELSE 1 END,
                 CASE WHEN 1 < $3 THEN 0 ELSE $2 + $4 END,
                 $2)
         ON CONFLICT (throttle_key) DO UPDATE SET
             attempts = CASE WHEN $7 AND throttles.attempts + 1 >= $3 THEN 0
                             ELSE throttles.attempts + 1 END,
             blocked_until = CASE
                 WHEN throttles.attempts + 1 < $3 THEN 0
                 WHEN throttles.attempts + 1 - $3 >= $5 THEN $2 + $6
                 ELSE $2 + ($4 << CAST(throttles.attempts + 1 - $3 AS INTEGER)) END,
             last_attempt = $2
         WHERE throttles.blocked_until <= $2
         RETURNING attempts, blocked_until";
    on!(c, |c| sqlx::query_as(SQL)
        .bind(key)
        .bind(now)
        .bind(rule.free)
        .bind(rule.base_secs)
        .bind(rule.doublings)
        .bind(rule.max_secs)
        .bind(rule.restart)
        .fetch_optional(&mut *c)
        .await)
}

/// Until when `key` is blocked (0: not blocked, or no row).
pub async fn blocked_until(c: &mut impl AsConn, key: &str) -> sqlx::Result<i64> {
    const SQL: &str = "SELECT blocked_until FROM throttles WHERE throttle_key = $1";
    let found: Option<i64> = on!(c, |c| sqlx::query_scalar(SQL)
        .bind(key)
        .fetch_optional(&mut *c)
        .await)?;
    Ok(found.unwrap_or(0))
}

/// Forgets the key's attempts (a success).
pub async fn reset(c: &mut impl AsConn, key: &str) -> sqlx::Result<()> {
    const SQL: &str = "DELETE FROM throttles WHERE throttle_key = $1";
    on!(c, |c| sqlx::query(SQL)
        .bind(key)
        .execute(&mut *c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Takes back one counted attempt that turned out not to be a failure (the
/// address's count of a sign-in whose password was right), and the block it
/// started if the count is then below the allowance again.
pub async fn give_back(c: &mut impl AsConn, key: &str, free: i64) -> sqlx::Result<()> {
    const SQL: &str = "UPDATE throttles SET attempts = attempts - 1,
             blocked_until = CASE WHEN attempts - 1 < $2 THEN 0 ELSE blocked_until END
         WHERE throttle_key = $1 AND attempts > 0";
    on!(c, |c| sqlx::query(SQL)
        .bind(key)
        .bind(free)
        .execute(&mut *c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Deletes the counters whose last attempt is before `before` and that block
/// nothing at `now` (the retention job).
pub async fn purge(c: &mut impl AsConn, before: i64, now: i64) -> sqlx::Result<u64> {
    const SQL: &str = "DELETE FROM throttles WHERE last_attempt < $1 AND blocked_until <= $2";
    on!(c, |c| sqlx::query(SQL)
        .bind(before)
        .bind(now)
        .execute(&mut *c)
        .await
        .map(|r| r.rows_affected()))
}
