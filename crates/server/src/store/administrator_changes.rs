//! Administrator-change requests (issue 21). The institution's side is
//! scoped by its id, the authority's by its division
//! (`substr(i.division, 1, length($d)) = $d`, '' the national authority);
//! a decision is a conditional UPDATE of a pending row, so of an approval and
//! a rejection at once exactly one wins.

use super::AsConn;

/// A new request.
pub struct NewChange<'a> {
    /// Institution.
    pub institution_id: i64,
    /// The administrator filing it.
    pub requested_by: i64,
    /// New administrator's name.
    pub new_name: &'a str,
    /// Username of the account to issue.
    pub new_username: &'a str,
    /// New administrator's phone.
    pub new_phone: &'a str,
    /// New administrator's email.
    pub new_email: Option<&'a str>,
    /// Stored receipt file name.
    pub receipt_file: &'a str,
    /// Its media type.
    pub receipt_type: &'a str,
    /// Its size.
    pub receipt_bytes: i64,
    /// Filed at.
    pub now: i64,
}

/// Inserts a pending request; a second pending one of the institution is a
/// unique violation.
pub async fn insert(c: &mut impl AsConn, n: &NewChange<'_>) -> sqlx::Result<i64> {
    const SQL: &str = "INSERT INTO administrator_changes (institution_id, requested_by, new_name,
            new_username, new_phone, new_email, receipt_file, receipt_type, receipt_bytes,
            status, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', $10) RETURNING id";
    fetch!(
        c,
        query_scalar(SQL),
        fetch_one,
        n.institution_id,
        n.requested_by,
        n.new_name,
        n.new_username,
        n.new_phone,
        n.new_email,
        n.receipt_file,
        n.receipt_type,
        n.receipt_bytes,
        n.now
    )
}

/// Whether the institution has a pending request.
pub async fn has_pending(c: &mut impl AsConn, institution_id: i64) -> sqlx::Result<bool> {
    const SQL: &str = "SELECT COUNT(*) FROM administrator_changes
         WHERE institution_id = $1 AND status = 'pending'";
    let n: i64 = fetch!(c, query_scalar(SQL), fetch_one, institution_id)?;
    Ok(n > 0)
}

/// Whether a username is taken by any portal account (any case).
pub async fn username_taken(c: &mut impl AsConn, username: &str) -> sqlx::Result<bool> {
    const SQL: &str = "SELECT COUNT(*) FROM accounts WHERE lower(username) = lower($1)";
    let n: i64 = fetch!(c, query_scalar(SQL), fetch_one, username)?;
    Ok(n > 0)
}

/// A request as its institution sees it.
#[derive(sqlx::FromRow)]
pub struct ChangeRow {
    /// Id.
    pub id: i64,
    /// pending, approved or rejected.
    pub status: String,
    /// New administrator's name.
    pub new_name: String,
    /// Username of the account to issue.
    pub new_username: String,
    /// New administrator's phone.
    pub new_phone: String,
    /// Filed at.
    pub created_at: i64,
    /// Decided at.
    pub decided_at: Option<i64>,
    /// Reason of a rejection.
    pub reason: Option<String>,
}

/// The institution's newest request.
pub async fn latest(c: &mut impl AsConn, institution_id: i64) -> sqlx::Result<Option<ChangeRow>> {
    const SQL: &str = "SELECT id, status, new_name, new_username, new_phone, created_at,
            decided_at, reason
         FROM administrator_changes WHERE institution_id = $1 ORDER BY id DESC LIMIT 1";
    fetch!(c, query_as(SQL), fetch_optional, institution_id)
}

/// A pending request of the authority's region.
#[derive(sqlx::FromRow)]
pub struct PendingRow {
    /// Id.
    pub id: i64,
    /// Institution.
    pub institution_id: i64,
    /// Its name.
    pub institution_name: String,
    /// Its division.
    pub division: String,
    /// Username of the administrator who filed it.
    pub requested_by: String,
    /// New administrator's name.
    pub new_name: String,
    /// Username of the account to issue.
    pub new_username: String,
    /// New administrator's phone.
    pub new_phone: String,
    /// New administrator's email.
    pub new_email: Option<String>,
    /// Receipt media type.
    pub receipt_type: String,
    /// Receipt size.
    pub receipt_bytes: i64,
    /// Filed at.
    pub created_at: i64,
}

const PENDING_SELECT: &str = "SELECT c.id, c.institution_id, i.name AS institution_name,
        COALESCE(i.division, i.region) AS division, a.username AS requested_by, c.new_name,
        c.new_username, c.new_phone, c.new_email, c.receipt_type, c.receipt_bytes, c.created_at
     FROM administrator_changes c
     JOIN institutions i ON i.id = c.institution_id
     JOIN accounts a ON a.id = c.requested_by
     WHERE c.status = 'pending' AND substr(i.division, 1, length($1)) = $1";

/// The pending requests of a division, oldest first.
pub async fn pending_in(c: &mut impl AsConn, division: &str) -> sqlx::Result<Vec<PendingRow>> {
    let sql = format!("{PENDING_SELECT} ORDER BY c.created_at, c.id");
    on!(c, |c| {
        sqlx::query_as(&sql).bind(division).fetch_all(&mut *c).await
    })
}

/// One pending request of a division.
pub async fn pending_one(
    c: &mut impl AsConn,
    division: &str,
    id: i64,
) -> sqlx::Result<Option<PendingRow>> {
    let sql = format!("{PENDING_SELECT} AND c.id = $2");
    fetch!(c, query_as(&sql), fetch_optional, division, id)
}

/// A request of the division, any status: (status, receipt file, type).
pub async fn receipt_in(
    c: &mut impl AsConn,
    division: &str,
    id: i64,
) -> sqlx::Result<Option<(String, String, String)>> {
    const SQL: &str = "SELECT c.status, c.receipt_file, c.receipt_type
         FROM administrator_changes c JOIN institutions i ON i.id = c.institution_id
         WHERE c.id = $1 AND substr(i.division, 1, length($2)) = $2";
    fetch!(c, query_as(SQL), fetch_optional, id, division)
}

/// Whether a request of the division exists (any status).
pub async fn exists_in(c: &mut impl AsConn, division: &str, id: i64) -> sqlx::Result<bool> {
    Ok(receipt_in(c, division, id).await?.is_some())
}

/// Decides a pending request: `true` when this call did (the row was still
/// pending), `false` when another decision came first.
pub async fn decide(
    c: &mut impl AsConn,
    id: i64,
    status: &str,
    reason: Option<&str>,
    authority_id: i64,
    now: i64,
) -> sqlx::Result<bool> {
    const SQL: &str = "UPDATE administrator_changes
         SET status = $1, reason = $2, decided_by = $3, decided_at = $4
         WHERE id = $5 AND status = 'pending'";
    let n = execute!(c, SQL, status, reason, authority_id, now, id)?;
    Ok(n == 1)
}

/// Records the account issued at the approval.
pub async fn set_new_account(c: &mut impl AsConn, id: i64, account_id: i64) -> sqlx::Result<()> {
    const SQL: &str = "UPDATE administrator_changes SET new_account_id = $1 WHERE id = $2";
    execute!(c, SQL, account_id, id)?;
    Ok(())
}

/// The institution's enabled administrator accounts (replaced at an approval).
pub async fn enabled_admins(c: &mut impl AsConn, institution_id: i64) -> sqlx::Result<Vec<i64>> {
    const SQL: &str = "SELECT id FROM accounts
         WHERE institution_id = $1 AND role = 'admin' AND disabled = FALSE ORDER BY id";
    fetch!(c, query_scalar(SQL), fetch_all, institution_id)
}
