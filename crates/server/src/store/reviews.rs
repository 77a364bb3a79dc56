//! The institution's decisions on its staff's photos.

use super::AsConn;

/// Locks an account of the institution whose photo waits for review and
/// returns the replaced photo kept for comparison: `None` when there is no
/// such account (or its photo is not pending), `Some(None)` when the
/// pending photo replaced none. The lock (a write: the row lock on
/// PostgreSQL; an SQLite write transaction holds the database's) keeps a
/// concurrent decision or upload out until the transaction ends.
pub async fn lock_pending_photo(
    c: &mut impl AsConn,
    account_id: i64,
    institution_id: i64,
) -> sqlx::Result<Option<Option<String>>> {
    const LOCK: &str = "UPDATE accounts SET photo_state = photo_state
         WHERE id = $1 AND photo_state = 'pending'
         AND practitioner_id IN (SELECT id FROM practitioners WHERE institution_id = $2)";
    const READ: &str = "SELECT photo_previous_file FROM accounts WHERE id = $1";
    let locked = on!(c, |c| {
        sqlx::query(LOCK)
            .bind(account_id)
            .bind(institution_id)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected())
    })?;
    if locked == 0 {
        return Ok(None);
    }
    on!(c, |c| {
        sqlx::query_scalar(READ)
            .bind(account_id)
            .fetch_optional(&mut *c)
            .await
    })
}

/// Records the decision on an account's photo (`approved` or `rejected`,
/// with the reason) and forgets the replaced photo.
pub async fn decide_photo(
    c: &mut impl AsConn,
    account_id: i64,
    state: &str,
    reason: Option<&str>,
) -> sqlx::Result<()> {
    const SQL: &str = "UPDATE accounts SET photo_state = $1, photo_reason = $2,
         photo_previous_file = NULL WHERE id = $3";
    on!(c, |c| {
        sqlx::query(SQL)
            .bind(state)
            .bind(reason)
            .bind(account_id)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(())
}
