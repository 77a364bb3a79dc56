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
    now: i64,
) -> sqlx::Result<Option<DeletedAccount>> {
    const DELETE: &str = "DELETE FROM accounts WHERE id = $1 AND role = 'practitioner'
         AND practitioner_id IN (SELECT id FROM practitioners WHERE institution_id = $2)
         RETURNING practitioner_id,
             COALESCE(CASE WHEN phone_verified THEN phone END,
                      CASE WHEN email_verified THEN email END) AS contact,
             photo_file, photo_previous_file";
    const RECORD: &str = "SELECT p.phone_on_record, i.name
         FROM practitioners p JOIN institutions i ON i.id = p.institution_id WHERE p.id = $1";
    let deleted: Option<Deleted> = fetch!(
        c,
        query_as(DELETE),
        fetch_optional,
        account_id,
        institution_id
    )?;
    let Some(d) = deleted else {
        return Ok(None);
    };
    // The registry record stays on the roster as "account deleted".
    const MARK: &str = "UPDATE practitioners SET account_deleted_at = $1 WHERE id = $2";
    execute!(c, MARK, now, d.practitioner_id)?;
    let (phone_on_record, institution): (Option<String>, String) =
        fetch!(c, query_as(RECORD), fetch_one, d.practitioner_id)?;
    Ok(Some(DeletedAccount {
        contact: d.contact.or(phone_on_record),
        institution,
        photo_file: d.photo_file,
        photo_previous_file: d.photo_previous_file,
    }))
}

/// A registry record whose account the institution deleted, with no new
/// account since.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DeletedRow {
    /// Registry id.
    pub practitioner_id: i64,
    /// Name.
    pub name: String,
    /// `physician` | `nurse`.
    pub kind: String,
    /// ID number (masked by the caller).
    pub id_number: String,
    /// When the account was deleted (Unix seconds).
    pub deleted_at: i64,
}

/// The records of the institution whose account was deleted and not
/// registered again.
const DELETED_WHERE: &str = "p.institution_id = $1 AND p.account_deleted_at IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.practitioner_id = p.id)";

/// How many such records there are.
pub async fn deleted_total(c: &mut impl AsConn, institution_id: i64) -> sqlx::Result<i64> {
    let sql = format!("SELECT CAST(COUNT(*) AS BIGINT) FROM practitioners p WHERE {DELETED_WHERE}");
    fetch!(c, query_scalar(&sql), fetch_one, institution_id)
}

/// One page of them, the latest deletion first.
pub async fn deleted_page(
    c: &mut impl AsConn,
    institution_id: i64,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<DeletedRow>> {
    let sql = format!(
        "SELECT p.id AS practitioner_id, p.name, p.kind, p.id_number,
            p.account_deleted_at AS deleted_at
         FROM practitioners p WHERE {DELETED_WHERE}
         ORDER BY p.account_deleted_at DESC, p.id LIMIT $2 OFFSET $3"
    );
    fetch!(c, query_as(&sql), fetch_all, institution_id, limit, offset)
}
