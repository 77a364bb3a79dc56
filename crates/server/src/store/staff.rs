//! An institution deleting one of its staff's accounts.

use super::AsConn;

/// What a deleted account leaves to do: the notice and its files.
#[derive(sqlx::FromRow)]
pub struct DeletedAccount {
    /// Where the notice goes: a verified contact, else the mobile number
    /// the institution reported to the registry.
    pub contact: Option<String>,
    /// The institution's name.
    pub institution: String,
    /// The stored photo.
    pub photo_file: Option<String>,
    /// The replaced photo kept for review.
    pub photo_previous_file: Option<String>,
}

/// The notice address and files of an account of the institution's staff.
pub async fn before_delete(
    c: &mut impl AsConn,
    account_id: i64,
    institution_id: i64,
) -> sqlx::Result<Option<DeletedAccount>> {
    const SQL: &str = "SELECT COALESCE(
             CASE WHEN a.phone_verified THEN a.phone END,
             CASE WHEN a.email_verified THEN a.email END,
             p.phone_on_record) AS contact,
             i.name AS institution, a.photo_file, a.photo_previous_file
         FROM accounts a JOIN practitioners p ON p.id = a.practitioner_id
         JOIN institutions i ON i.id = p.institution_id
         WHERE a.id = $1 AND p.institution_id = $2";
    on!(c, |c| {
        sqlx::query_as(SQL)
            .bind(account_id)
            .bind(institution_id)
            .fetch_optional(&mut *c)
            .await
    })
}

/// Deletes a practitioner account of the institution's staff (sessions,
/// codes and answers cascade); false when there is none.
pub async fn delete_account(
    c: &mut impl AsConn,
    account_id: i64,
    institution_id: i64,
) -> sqlx::Result<bool> {
    const SQL: &str = "DELETE FROM accounts WHERE id = $1 AND role = 'practitioner'
         AND practitioner_id IN (SELECT id FROM practitioners WHERE institution_id = $2)";
    let n = on!(c, |c| {
        sqlx::query(SQL)
            .bind(account_id)
            .bind(institution_id)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(n > 0)
}
