//! The health authority's accounts, and what it does to the
//! institutions of its region. Every query about institutions is scoped by
//! the authority's division: `substr(i.division, 1, length($d)) = $d`
//! ('' the national authority, which sees all).

use super::AsConn;

/// What sign-in needs of an authority account.
#[derive(sqlx::FromRow)]
pub struct AuthorityCredentials {
    /// Account.
    pub id: i64,
    /// argon2id PHC string.
    pub password_hash: String,
}

/// The enabled authority account of a username (any case).
pub async fn credentials(
    c: &mut impl AsConn,
    username: &str,
) -> sqlx::Result<Option<AuthorityCredentials>> {
    const SQL: &str = "SELECT id, password_hash FROM authority_accounts
         WHERE lower(username) = lower($1) AND disabled = FALSE";
    fetch!(c, query_as(SQL), fetch_optional, username)
}

/// An authority account as its owner sees it.
#[derive(sqlx::FromRow)]
pub struct AuthorityRow {
    /// Username.
    pub username: String,
    /// Division ('' national).
    pub division: String,
    /// The one-time password is still in use.
    pub must_change_password: bool,
}

/// One authority account.
pub async fn view(c: &mut impl AsConn, account_id: i64) -> sqlx::Result<Option<AuthorityRow>> {
    const SQL: &str =
        "SELECT username, division, must_change_password FROM authority_accounts WHERE id = $1";
    fetch!(c, query_as(SQL), fetch_optional, account_id)
}

/// Creates an authority account whose one-time password must be replaced
/// at the first sign-in. A taken username is a unique violation.
pub async fn insert(
    c: &mut impl AsConn,
    division: &str,
    username: &str,
    password_hash: &str,
    phone: Option<&str>,
    created_by: Option<i64>,
    now: i64,
) -> sqlx::Result<i64> {
    const SQL: &str = "INSERT INTO authority_accounts
            (division, username, password_hash, phone, must_change_password, created_by, created_at)
         VALUES ($1, $2, $3, $4, TRUE, $5, $6) RETURNING id";
    fetch!(
        c,
        query_scalar(SQL),
        fetch_one,
        division,
        username,
        password_hash,
        phone,
        created_by,
        now
    )
}

/// An institution of the region with one of its administrator accounts (a
/// row per account; `account_id` `None` when it has none).
#[derive(sqlx::FromRow)]
pub struct InstitutionAdminRow {
    /// Institution.
    pub id: i64,
    /// Standard name.
    pub name: String,
    /// Credit code.
    pub credit_code: String,
    /// Division code.
    pub division: String,
    /// Administrator account.
    pub account_id: Option<i64>,
    /// Its username.
    pub username: Option<String>,
    /// Its phone.
    pub phone: Option<String>,
    /// Its one-time password is still in use.
    pub must_change_password: Option<bool>,
    /// It is disabled.
    pub disabled: Option<bool>,
}

/// The institutions of a division with their administrator accounts, by
/// name, then newest account first.
pub async fn institutions(
    c: &mut impl AsConn,
    division: &str,
) -> sqlx::Result<Vec<InstitutionAdminRow>> {
    const SQL: &str = "SELECT i.id, i.name, i.credit_code, i.division,
            a.id AS account_id, a.username, a.phone, a.must_change_password, a.disabled
         FROM institutions i LEFT JOIN accounts a ON a.institution_id = i.id AND a.role = 'admin'
         WHERE substr(i.division, 1, length($1)) = $1
         ORDER BY i.name, i.id, a.id DESC";
    on!(c, |c| {
        sqlx::query_as(SQL).bind(division).fetch_all(&mut *c).await
    })
}

/// The institution's id when it lies in the division (else `None`: the
/// caller answers 404, as for an institution that does not exist).
pub async fn institution_in(
    c: &mut impl AsConn,
    division: &str,
    institution_id: i64,
) -> sqlx::Result<Option<i64>> {
    const SQL: &str = "SELECT id FROM institutions
         WHERE id = $1 AND substr(division, 1, length($2)) = $2";
    fetch!(
        c,
        query_scalar(SQL),
        fetch_optional,
        institution_id,
        division
    )
}

/// An institution administrator account of the division: (id, username,
/// institution id, phone).
pub async fn admin_in(
    c: &mut impl AsConn,
    division: &str,
    account_id: i64,
) -> sqlx::Result<Option<(i64, String, i64, Option<String>)>> {
    const SQL: &str = "SELECT a.id, a.username, i.id, a.phone FROM accounts a
         JOIN institutions i ON i.id = a.institution_id
         WHERE a.id = $1 AND a.role = 'admin' AND substr(i.division, 1, length($2)) = $2";
    fetch!(c, query_as(SQL), fetch_optional, account_id, division)
}

/// Gives an administrator account a new one-time password and enables it.
pub async fn reissue_admin(
    c: &mut impl AsConn,
    account_id: i64,
    password_hash: &str,
) -> sqlx::Result<()> {
    const SQL: &str = "UPDATE accounts SET password_hash = $1, must_change_password = TRUE,
            disabled = FALSE WHERE id = $2 AND role = 'admin'";
    execute!(c, SQL, password_hash, account_id)?;
    Ok(())
}

/// Disables an administrator account.
pub async fn disable_admin(c: &mut impl AsConn, account_id: i64) -> sqlx::Result<()> {
    const SQL: &str = "UPDATE accounts SET disabled = TRUE WHERE id = $1 AND role = 'admin'";
    execute!(c, SQL, account_id)?;
    Ok(())
}

/// Appends an audit event whose actor is an authority account.
pub async fn audit(
    c: &mut impl AsConn,
    at: i64,
    authority_id: i64,
    event: &str,
    detail: &serde_json::Value,
) -> sqlx::Result<()> {
    const SQL: &str = "INSERT INTO audit_log (at, authority_actor_id, event, detail)
         VALUES ($1, $2, $3, $4)";
    let detail = detail.to_string();
    execute!(c, SQL, at, authority_id, event, &detail)?;
    Ok(())
}
