//! The institution's decisions on its staff's photos.

use super::AsConn;

/// The files of a photo waiting for review.
#[derive(sqlx::FromRow, Debug)]
pub struct PendingPhoto {
    /// The pending photo's file.
    pub photo_file: Option<String>,
    /// The approved photo it replaces, kept for comparison (`None` for a
    /// first photo).
    pub photo_previous_file: Option<String>,
}

/// Locks an account of the institution whose photo waits for review and
/// returns its files: `None` when there is no such account (or its photo is
/// not pending). The lock (a write: the row lock on PostgreSQL; an SQLite
/// write transaction holds the database's) keeps a concurrent decision or
/// upload out until the transaction ends.
pub async fn lock_pending_photo(
    c: &mut impl AsConn,
    account_id: i64,
    institution_id: i64,
) -> sqlx::Result<Option<PendingPhoto>> {
    const LOCK: &str = "UPDATE accounts SET photo_state = photo_state
         WHERE id = $1 AND photo_state = 'pending'
         AND practitioner_id IN (SELECT id FROM practitioners WHERE institution_id = $2)";
    const READ: &str = "SELECT photo_file, photo_previous_file FROM accounts WHERE id = $1";
    let locked = execute!(c, LOCK, account_id, institution_id)?;
    if locked == 0 {
        return Ok(None);
    }
    fetch!(c, query_as(READ), fetch_optional, account_id)
}

/// Approves an account's pending photo and forgets the approved one it
/// replaces (its file is the caller's to remove).
pub async fn approve_photo(c: &mut impl AsConn, account_id: i64) -> sqlx::Result<()> {
    const SQL: &str = "UPDATE accounts SET photo_state = 'approved', photo_reason = NULL,
         photo_previous_file = NULL WHERE id = $1";
    execute!(c, SQL, account_id)?;
    Ok(())
}

/// Rejects an account's pending photo with the reason: the account's photo
/// is again the approved one the rejected photo was to replace (none for a
/// first photo). The rejected file is the caller's to remove.
pub async fn reject_photo(c: &mut impl AsConn, account_id: i64, reason: &str) -> sqlx::Result<()> {
    const SQL: &str = "UPDATE accounts SET photo_state = 'rejected', photo_reason = $1,
         photo_file = photo_previous_file, photo_previous_file = NULL WHERE id = $2";
    execute!(c, SQL, reason, account_id)?;
    Ok(())
}
