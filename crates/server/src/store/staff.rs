//! An institution deleting one of its staff's accounts.

use super::AsConn;

/// What a deleted account leaves to do: the notice and its files.
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

/// The deleted row's values (`RETURNING` reads the row the statement
/// deleted, so an upload racing with the deletion cannot leave a file
/// behind).
#[derive(sqlx::FromRow)]
struct Deleted {
    practitioner_id: i64,
    contact: Option<String>,
    photo_file: Option<String>,
    photo_previous_file: Option<String>,
}

/// Deletes a practitioner account of the institution's staff (sessions,
/// codes and answers cascade); `None` when there is none.
pub async fn delete_account(
    c: &mut impl AsConn,
    account_id: i64,
    institution_id: i64,
) -> sqlx::Result<Option<DeletedAccount>> {
    const DELETE: &str = "DELETE FROM accounts WHERE id = $1 AND role = 'practitioner'
         AND practitioner_id IN (SELECT id FROM practitioners WHERE institution_id = $2)
         RETURNING practitioner_id,
             COALESCE(CASE WHEN phone_verified THEN phone END,
                      CASE WHEN email_verified THEN email END) AS contact,
             photo_file, photo_previous_file";
    const RECORD: &str = "SELECT p.phone_on_record, i.name
         FROM practitioners p JOIN institutions i ON i.id = p.institution_id WHERE p.id = $1";
    let deleted: Option<Deleted> = on!(c, |c| {
        sqlx::query_as(DELETE)
            .bind(account_id)
            .bind(institution_id)
            .fetch_optional(&mut *c)
            .await
    })?;
    let Some(d) = deleted else {
        return Ok(None);
    };
    let (phone_on_record, institution): (Option<String>, String) = on!(c, |c| {
        sqlx::query_as(RECORD)
            .bind(d.practitioner_id)
            .fetch_one(&mut *c)
            .await
    })?;
    Ok(Some(DeletedAccount {
        contact: d.contact.or(phone_on_record),
        institution,
        photo_file: d.photo_file,
        photo_previous_file: d.photo_previous_file,
    }))
}
