//! Practitioners' ID photos: the file columns of their accounts and the
//! review state.

use super::AsConn;

/// The photo columns of an account before an upload.
#[derive(sqlx::FromRow, Default)]
pub struct Current {
    /// The current photo's file.
    pub photo_file: Option<String>,
    /// `pending` | `approved` | `rejected`.
    pub photo_state: Option<String>,
    /// The approved photo a pending one replaces.
    pub photo_previous_file: Option<String>,
}

/// Takes the account's row lock for the rest of the transaction (a write:
/// the row lock on PostgreSQL; an SQLite write transaction already holds the
/// database's write lock), so two uploads of one account do not both
/// replace the same photo. False when there is no such account.
pub async fn lock(c: &mut impl AsConn, account_id: i64) -> sqlx::Result<bool> {
    const SQL: &str = "UPDATE accounts SET id = id WHERE id = $1";
    let n = execute!(c, SQL, account_id)?;
    Ok(n == 1)
}

/// The account's photo columns.
pub async fn current(c: &mut impl AsConn, account_id: i64) -> sqlx::Result<Option<Current>> {
    const SQL: &str =
        "SELECT photo_file, photo_state, photo_previous_file FROM accounts WHERE id = $1";
    fetch!(c, query_as(SQL), fetch_optional, account_id)
}

/// Stores a new photo waiting for review, with the approved one it
/// replaces (if any) kept for the reviewer's comparison.
pub async fn set_pending(
    c: &mut impl AsConn,
    account_id: i64,
    file: &str,
    previous: Option<&str>,
    now: i64,
) -> sqlx::Result<()> {
    const SQL: &str = "UPDATE accounts SET photo_file = $1, photo_previous_file = $2,
            photo_state = 'pending', photo_reason = NULL, photo_uploaded_at = $3
         WHERE id = $4";
    execute!(c, SQL, file, previous, now, account_id)?;
    Ok(())
}

/// The current and the replaced photo file of an account whose
/// practitioner's main institution is `institution_id` (an admin's view of
/// their staff); `None` for anyone else.
pub async fn of_staff(
    c: &mut impl AsConn,
    account_id: i64,
    institution_id: i64,
) -> sqlx::Result<Option<(Option<String>, Option<String>)>> {
    const SQL: &str = "SELECT a.photo_file, a.photo_previous_file FROM accounts a
         JOIN practitioners p ON p.id = a.practitioner_id
         WHERE a.id = $1 AND p.institution_id = $2";
    fetch!(c, query_as(SQL), fetch_optional, account_id, institution_id)
}

/// The account's upload attempts since `since` (exclusive): how many, and
/// when the oldest of them was made.
pub async fn attempts_since(
    c: &mut impl AsConn,
    account_id: i64,
    since: i64,
) -> sqlx::Result<(i64, Option<i64>)> {
    const SQL: &str = "SELECT COUNT(*), MIN(at) FROM photo_upload_attempts
         WHERE account_id = $1 AND at > $2";
    fetch!(c, query_as(SQL), fetch_one, account_id, since)
}

/// Forgets the account's upload attempts made at or before `until`: they
/// no longer count.
pub async fn prune_attempts(c: &mut impl AsConn, account_id: i64, until: i64) -> sqlx::Result<()> {
    const SQL: &str = "DELETE FROM photo_upload_attempts WHERE account_id = $1 AND at <= $2";
    execute!(c, SQL, account_id, until)?;
    Ok(())
}

/// Counts an upload attempt; returns its id.
pub async fn add_attempt(c: &mut impl AsConn, account_id: i64, at: i64) -> sqlx::Result<i64> {
    const SQL: &str =
        "INSERT INTO photo_upload_attempts (account_id, at) VALUES ($1, $2) RETURNING id";
    fetch!(c, query_scalar(SQL), fetch_one, account_id, at)
}

/// Takes back an attempt that the server refused before doing any work
/// (busy): it does not count.
pub async fn remove_attempt(c: &mut impl AsConn, id: i64) -> sqlx::Result<()> {
    const SQL: &str = "DELETE FROM photo_upload_attempts WHERE id = $1";
    execute!(c, SQL, id)?;
    Ok(())
}
