//! The institutions' own e-licences (`institution_licences`). Their serials
//! come from `licences::next_sequence`, the counter of every licence; the
//! public look-ups by identifier and the revocation list read both tables
//! (`licences::by_identifier`, `licences::revoked_identifiers`), and
//! `licences::insert` records either kind.

use super::licences::Stored;
use super::AsConn;

/// Locks the institution's row until the transaction ends, so that one
/// issuing decision is made at a time (as `practitioners::lock` does for a
/// person); `false` when there is no such institution.
pub async fn lock(c: &mut impl AsConn, institution_id: i64) -> sqlx::Result<bool> {
    const SQL: &str = "UPDATE institutions SET id = id WHERE id = $1";
    let n = execute!(c, SQL, institution_id)?;
    Ok(n == 1)
}

/// The row id of the institution's current licence: not revoked, and its
/// practice licence not past its end (`today` as `YYYY-MM-DD`).
pub async fn current(
    c: &mut impl AsConn,
    institution_id: i64,
    today: &str,
) -> sqlx::Result<Option<i64>> {
    const SQL: &str = "SELECT id FROM institution_licences
         WHERE institution_id = $1 AND revoked_at IS NULL AND valid_until >= $2
         ORDER BY id DESC LIMIT 1";
    fetch!(c, query_scalar(SQL), fetch_optional, institution_id, today)
}

/// The institution's newest licence, with its status's inputs.
pub async fn newest(c: &mut impl AsConn, institution_id: i64) -> sqlx::Result<Option<Stored>> {
    let sql = format!(
        "{} WHERE l.institution_id = $1 ORDER BY l.id DESC LIMIT 1",
        super::licences::INSTITUTION_STORED_SELECT
    );
    fetch!(c, query_as(&sql), fetch_optional, institution_id)
}
