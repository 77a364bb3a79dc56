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
    on!(c, |c| {
        sqlx::query(SQL)
            .bind(uploaded_at)
            .bind(previous_file)
            .bind(practitioner_id)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected())
    })?;
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
    on!(c, |c| {
        sqlx::query(SQL)
            .bind(f.registered_institution_name)
            .bind(f.status_since)
            .bind(f.retired)
            .bind(!f.unreachable)
            .bind(practitioner_id)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(())
}
