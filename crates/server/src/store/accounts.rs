//! Portal accounts: practitioners' and institution administrators'.
//! Usernames are compared as `lower(username)` (both backends index it).

use super::AsConn;

/// What sign-in needs of an account.
#[derive(sqlx::FromRow)]
pub struct Credentials {
    /// Account.
    pub id: i64,
    /// argon2id PHC string.
    pub password_hash: String,
    /// The practitioner's kind (`physician` | `nurse`); `None` for admins.
    pub kind: Option<String>,
}

/// The account of a username and role (`practitioner` | `admin`).
pub async fn credentials(
    c: &mut impl AsConn,
    username: &str,
    role: &str,
) -> sqlx::Result<Option<Credentials>> {
    const SQL: &str = "SELECT a.id, a.password_hash, p.kind FROM accounts a
         LEFT JOIN practitioners p ON p.id = a.practitioner_id
         WHERE lower(a.username) = lower($1) AND a.role = $2";
    on!(c, |c| {
        sqlx::query_as(SQL)
            .bind(username)
            .bind(role)
            .fetch_optional(&mut *c)
            .await
    })
}

/// An administrator's username and institution (id, name).
pub async fn admin_view(
    c: &mut impl AsConn,
    account_id: i64,
) -> sqlx::Result<Option<(String, i64, String)>> {
    const SQL: &str = "SELECT a.username, i.id, i.name FROM accounts a
         JOIN institutions i ON i.id = a.institution_id
         WHERE a.id = $1 AND a.role = 'admin'";
    on!(c, |c| {
        sqlx::query_as(SQL)
            .bind(account_id)
            .fetch_optional(&mut *c)
            .await
    })
}

/// Creates an (activated) administrator account of an institution.
pub async fn insert_admin(
    c: &mut impl AsConn,
    username: &str,
    password_hash: &str,
    institution_id: i64,
    now: i64,
) -> sqlx::Result<i64> {
    const SQL: &str = "INSERT INTO accounts (role, username, password_hash, institution_id, activated, created_at)
         VALUES ('admin', $1, $2, $3, TRUE, $4) RETURNING id";
    on!(c, |c| {
        sqlx::query_scalar(SQL)
            .bind(username)
            .bind(password_hash)
            .bind(institution_id)
            .bind(now)
            .fetch_one(&mut *c)
            .await
    })
}

/// A practitioner account of the demo data.
pub struct NewDemoAccount<'a> {
    /// Username.
    pub username: &'a str,
    /// argon2id PHC string.
    pub password_hash: &'a str,
    /// Registry record.
    pub practitioner_id: i64,
    /// Phone (verified when activated).
    pub phone: Option<&'a str>,
    /// Activated.
    pub activated: bool,
    /// Photo review state.
    pub photo_state: Option<&'a str>,
    /// Photo file.
    pub photo_file: Option<String>,
    /// Creation time.
    pub now: i64,
}

/// Inserts a demo practitioner account.
pub async fn insert_demo_practitioner(
    c: &mut impl AsConn,
    a: &NewDemoAccount<'_>,
) -> sqlx::Result<()> {
    const SQL: &str = "INSERT INTO accounts (role, username, password_hash, practitioner_id, phone,
            phone_verified, activated, photo_state, photo_file, created_at)
         VALUES ('practitioner', $1, $2, $3, $4, $5, $5, $6, $7, $8)";
    on!(c, |c| {
        sqlx::query(SQL)
            .bind(a.username)
            .bind(a.password_hash)
            .bind(a.practitioner_id)
            .bind(a.phone)
            .bind(a.activated)
            .bind(a.photo_state)
            .bind(&a.photo_file)
            .bind(a.now)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(())
}
