//! One-time codes (`otp_codes`): only a salted SHA-256 of each code is kept.
//! At most one unused code per contact and purpose (the `otp_live` index).

use super::AsConn;

/// A code as [`live`] finds it.
#[derive(sqlx::FromRow)]
pub struct CodeRow {
    /// Row.
    pub id: i64,
    /// The account it was issued for (`None`: a blank row for a contact of
    /// no account, which behaves like a code but never verifies).
    pub account_id: Option<i64>,
    /// Salt of the hash.
    pub salt: Vec<u8>,
    /// SHA-256 of salt and code.
    pub code_hash: Vec<u8>,
    /// Expiry time.
    pub expires_at: i64,
    /// Tries counted so far.
    pub tries: i64,
}

/// A code to record.
pub struct NewCode<'a> {
    /// `activation` | `recovery` | `contact`.
    pub purpose: &'a str,
    /// Phone or email.
    pub contact: &'a str,
    /// The account it is for; `None` records a blank row (a hash no code
    /// matches), live like a code so tries and expiry run the same way.
    pub account_id: Option<i64>,
    /// Salt.
    pub salt: &'a [u8],
    /// SHA-256 of salt and code.
    pub code_hash: &'a [u8],
    /// Requesting address.
    pub ip: &'a str,
    /// Creation time.
    pub now: i64,
    /// Expiry time.
    pub expires_at: i64,
}

/// When the latest code to the contact for the purpose was recorded.
pub async fn last_sent(
    c: &mut impl AsConn,
    purpose: &str,
    contact: &str,
) -> sqlx::Result<Option<i64>> {
    const SQL: &str = "SELECT MAX(created_at) FROM otp_codes WHERE contact = $1 AND purpose = $2";
    fetch!(c, query_scalar(SQL), fetch_one, contact, purpose)
}

/// Codes recorded for the contact (any purpose) after `since`.
pub async fn count_for_contact(
    c: &mut impl AsConn,
    contact: &str,
    since: i64,
) -> sqlx::Result<i64> {
    const SQL: &str = "SELECT COUNT(*) FROM otp_codes WHERE contact = $1 AND created_at > $2";
    fetch!(c, query_scalar(SQL), fetch_one, contact, since)
}

/// Codes requested from the address after `since`.
pub async fn count_for_ip(c: &mut impl AsConn, ip: &str, since: i64) -> sqlx::Result<i64> {
    const SQL: &str = "SELECT COUNT(*) FROM otp_codes WHERE ip = $1 AND created_at > $2";
    fetch!(c, query_scalar(SQL), fetch_one, ip, since)
}

/// Marks the unused codes of the contact and purpose that were sent at or
/// before `sent_by` used. A younger code stays live, so a concurrent send
/// that read "nothing sent yet" still collides with it in `otp_live`
/// (PostgreSQL runs each statement on the newest committed data: without
/// the bound, the second send would retire the first one's code and both
/// would succeed).
pub async fn invalidate(
    c: &mut impl AsConn,
    purpose: &str,
    contact: &str,
    sent_by: i64,
) -> sqlx::Result<u64> {
    const SQL: &str = "UPDATE otp_codes SET used = TRUE
         WHERE contact = $1 AND purpose = $2 AND used = FALSE AND created_at <= $3";
    execute!(c, SQL, contact, purpose, sent_by)
}

/// Records a code, unused (blank rows too). A second unused code of the
/// contact and purpose is a unique violation of `otp_live`.
pub async fn insert(c: &mut impl AsConn, code: &NewCode<'_>) -> sqlx::Result<()> {
    const SQL: &str = "INSERT INTO otp_codes (purpose, contact, account_id, salt, code_hash, ip, created_at, expires_at, used)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, FALSE)";
    execute!(
        c,
        SQL,
        code.purpose,
        code.contact,
        code.account_id,
        code.salt,
        code.code_hash,
        code.ip,
        code.now,
        code.expires_at
    )?;
    Ok(())
}

/// The unused code of the contact and purpose, if any.
pub async fn live(
    c: &mut impl AsConn,
    purpose: &str,
    contact: &str,
) -> sqlx::Result<Option<CodeRow>> {
    const SQL: &str = "SELECT id, account_id, salt, code_hash, expires_at, tries FROM otp_codes
         WHERE contact = $1 AND purpose = $2 AND used = FALSE ORDER BY id DESC LIMIT 1";
    fetch!(c, query_as(SQL), fetch_optional, contact, purpose)
}

/// Counts one try of the code, atomically, unless `max_tries` were counted
/// already: the new count, or `None` when no try is left. Counted before the
/// code is compared, so parallel guesses cannot exceed the limit.
pub async fn count_try(c: &mut impl AsConn, id: i64, max_tries: i64) -> sqlx::Result<Option<i64>> {
    const SQL: &str =
        "UPDATE otp_codes SET tries = tries + 1 WHERE id = $1 AND tries < $2 RETURNING tries";
    fetch!(c, query_scalar(SQL), fetch_optional, id, max_tries)
}

/// Spends the code unless it was spent already; true when this call did.
pub async fn spend(c: &mut impl AsConn, id: i64) -> sqlx::Result<bool> {
    const SQL: &str = "UPDATE otp_codes SET used = TRUE WHERE id = $1 AND used = FALSE";
    let n = execute!(c, SQL, id)?;
    Ok(n == 1)
}
