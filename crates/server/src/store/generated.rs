//! What the institution generator (`server generate-institution`) writes
//! beyond the demo stores: photo times, the kept previous photo, and the
//! registry facts of its mix.

use super::AsConn;

/// Sets a generated account's photo upload time and, for a pending photo
/// that replaces an approved one, the kept previous file.
pub async fn set_photo_facts(
    c: &mut impl AsConn,
    practitioner_id: i64,
    uploaded_at: i64,
    previous_file: Option<&str>,
) -> sqlx::Result<()> {
    const SQL: &str = "UPDATE accounts SET photo_uploaded_at = $1, photo_previous_file = $2
         WHERE practitioner_id = $3";
    execute!(c, SQL, uploaded_at, previous_file, practitioner_id)?;
    Ok(())
}

/// The registry facts of a generated person beyond the demo insert.
pub struct ExtraFacts<'a> {
    /// Registered under another spelling of the institution's name.
    pub registered_institution_name: Option<&'a str>,
    /// Status since (`YYYY-MM-DD`).
    pub status_since: Option<&'a str>,
    /// Retired.
    pub retired: bool,
    /// The last contact attempt failed.
    pub unreachable: bool,
}

/// Writes a generated person's extra registry facts.
pub async fn set_extra_facts(
    c: &mut impl AsConn,
    practitioner_id: i64,
    f: &ExtraFacts<'_>,
) -> sqlx::Result<()> {
    const SQL: &str = "UPDATE practitioners SET registered_institution_name = $1,
         status_since = $2, retired = $3, last_contact_ok = $4 WHERE id = $5";
    execute!(
        c,
        SQL,
        f.registered_institution_name,
        f.status_since,
        f.retired,
        !f.unreachable,
        practitioner_id
    )?;
    Ok(())
}
