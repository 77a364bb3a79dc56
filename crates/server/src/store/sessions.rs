//! Sign-in sessions: only the SHA-256 of each token is stored. Practitioners'
//! and institution admins' sessions and the health authority's are kept in
//! two tables of the same shape, each joined to its own accounts; everything
//! but reading a session with its account is the same statement on either.

use super::AsConn;

/// Where a kind of session is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// `sessions`, of `accounts` (practitioners, institution admins).
    Accounts,
    /// `authority_sessions`, of `authority_accounts`.
    Authority,
}

impl Table {
    fn name(self) -> &'static str {
        match self {
            Table::Accounts => "sessions",
            Table::Authority => "authority_sessions",
        }
    }

    /// The accounts whose sessions it keeps.
    pub(crate) fn accounts(self) -> &'static str {
        match self {
            Table::Accounts => "accounts",
            Table::Authority => "authority_accounts",
        }
    }
}

/// A practitioner's or institution admin's session with its account.
#[derive(sqlx::FromRow)]
pub struct SessionRow {
    /// Account.
    pub account_id: i64,
    /// `practitioner` | `admin`.
    pub role: String,
    /// Registry record (practitioners).
    pub practitioner_id: Option<i64>,
    /// Administered institution (admins).
    pub institution_id: Option<i64>,
    /// Sign-in time.
    pub created_at: i64,
    /// Last request (to the minute: see [`touch`]).
    pub last_seen: i64,
    /// The account is activated.
    pub activated: bool,
    /// The account's one-time password (issued by the authority) is still
    /// in use: only the password change is allowed.
    pub must_change_password: bool,
}

/// An authority administrator's session with its account.
#[derive(sqlx::FromRow)]
pub struct AuthoritySessionRow {
    /// Account.
    pub account_id: i64,
    /// Its division.
    pub division: String,
    /// Sign-in time.
    pub created_at: i64,
    /// Last request.
    pub last_seen: i64,
    /// The one-time password is still in use.
    pub must_change_password: bool,
    /// Disabled since the sign-in.
    pub disabled: bool,
}

/// Records a new session.
pub async fn insert(
    c: &mut impl AsConn,
    table: Table,
    token_hash: &[u8],
    account_id: i64,
    now: i64,
) -> sqlx::Result<()> {
    let sql = format!(
        "INSERT INTO {} (token_hash, account_id, created_at, last_seen) VALUES ($1, $2, $3, $3)",
        table.name()
    );
    execute!(c, &sql, token_hash, account_id, now)?;
    Ok(())
}

/// The practitioner's or admin's session of a token, with its account.
pub async fn find(c: &mut impl AsConn, token_hash: &[u8]) -> sqlx::Result<Option<SessionRow>> {
    const SQL: &str = "SELECT s.account_id, a.role, a.practitioner_id, a.institution_id,
            s.created_at, s.last_seen, a.activated, a.must_change_password
         FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = $1";
    fetch!(c, query_as(SQL), fetch_optional, token_hash)
}

/// The authority session of a token, with its account.
pub async fn find_authority(
    c: &mut impl AsConn,
    token_hash: &[u8],
) -> sqlx::Result<Option<AuthoritySessionRow>> {
    const SQL: &str = "SELECT s.account_id, a.division, s.created_at, s.last_seen,
            a.must_change_password, a.disabled
         FROM authority_sessions s JOIN authority_accounts a ON a.id = s.account_id
         WHERE s.token_hash = $1";
    fetch!(c, query_as(SQL), fetch_optional, token_hash)
}

/// Moves the session's last request time to `now`, unless it moved less than
/// `granularity` seconds ago: a session is written at most once a minute,
/// not on every request (reads then need no write lock or commit).
pub async fn touch(
    c: &mut impl AsConn,
    table: Table,
    token_hash: &[u8],
    now: i64,
    granularity: i64,
) -> sqlx::Result<()> {
    let sql = format!(
        "UPDATE {} SET last_seen = $1 WHERE token_hash = $2 AND last_seen <= $3",
        table.name()
    );
    execute!(c, &sql, now, token_hash, now - granularity)?;
    Ok(())
}

/// Ends one session.
pub async fn delete(c: &mut impl AsConn, table: Table, token_hash: &[u8]) -> sqlx::Result<()> {
    let sql = format!("DELETE FROM {} WHERE token_hash = $1", table.name());
    execute!(c, &sql, token_hash)?;
    Ok(())
}

/// Ends every session of an account but `keep` (a password change keeps the
/// session that made it).
pub async fn delete_others(
    c: &mut impl AsConn,
    table: Table,
    account_id: i64,
    keep: &[u8],
) -> sqlx::Result<()> {
    let sql = format!(
        "DELETE FROM {} WHERE account_id = $1 AND token_hash <> $2",
        table.name()
    );
    execute!(c, &sql, account_id, keep)?;
    Ok(())
}

/// Ends every session of a practitioner's or admin's account.
pub async fn delete_for_account(c: &mut impl AsConn, account_id: i64) -> sqlx::Result<()> {
    execute!(c, "DELETE FROM sessions WHERE account_id = $1", account_id)?;
    Ok(())
}
