//! The passwords of the accounts that may be issued a one-time password:
//! institution administrators (`accounts`) and the health authority's
//! (`authority_accounts`), the same columns in either table.

use super::sessions::Table;
use super::AsConn;

/// The password hash of an account.
pub async fn hash(c: &mut impl AsConn, table: Table, account_id: i64) -> sqlx::Result<String> {
    let sql = format!(
        "SELECT password_hash FROM {} WHERE id = $1",
        table.accounts()
    );
    fetch!(c, query_scalar(&sql), fetch_one, account_id)
}

/// Replaces the password of an account by one of its own (no longer
/// one-time).
pub async fn set_own(
    c: &mut impl AsConn,
    table: Table,
    account_id: i64,
    hash: &str,
) -> sqlx::Result<()> {
    let sql = format!(
        "UPDATE {} SET password_hash = $1, must_change_password = FALSE WHERE id = $2",
        table.accounts()
    );
    execute!(c, &sql, hash, account_id)?;
    Ok(())
}
