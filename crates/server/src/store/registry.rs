//! The registry import: institutions by credit code, the numbers already
//! registered, and the practitioners' records it inserts.

use super::AsConn;

/// Every institution: (credit code, id).
pub async fn institutions_by_credit_code(c: &mut impl AsConn) -> sqlx::Result<Vec<(String, i64)>> {
    const SQL: &str = "SELECT credit_code, id FROM institutions";
    on!(c, |c| sqlx::query_as(SQL).fetch_all(&mut *c).await)
}

/// Every registry record's (ID number, practice certificate number).
pub async fn registered_numbers(c: &mut impl AsConn) -> sqlx::Result<Vec<(String, String)>> {
    const SQL: &str = "SELECT id_number, certificate_number FROM practitioners";
    on!(c, |c| sqlx::query_as(SQL).fetch_all(&mut *c).await)
}

/// A registry record of the import.
pub struct NewPractitioner<'a> {
    /// `physician` | `nurse`.
    pub kind: &'a str,
    /// Physician level.
    pub level: Option<&'a str>,
    /// Name.
    pub name: &'a str,
    /// ID number.
    pub id_number: &'a str,
    /// Practice certificate number.
    pub certificate_number: &'a str,
    /// Qualification certificate number.
    pub qualification_number: Option<&'a str>,
    /// Valid qualification.
    pub has_valid_qualification: bool,
    /// Practice status.
    pub status: &'a str,
    /// Registration start, `YYYY-MM-DD`.
    pub registration_valid_from: Option<&'a str>,
    /// Registration end, `YYYY-MM-DD`.
    pub registration_valid_until: Option<&'a str>,
    /// Title.
    pub title: Option<&'a str>,
    /// Category.
    pub category: Option<&'a str>,
    /// Main institution.
    pub institution_id: i64,
    /// Mobile number reported by the institution.
    pub phone_on_record: Option<&'a str>,
}

/// Inserts an imported registry record; returns its id.
pub async fn insert_practitioner(
    c: &mut impl AsConn,
    p: &NewPractitioner<'_>,
) -> sqlx::Result<i64> {
    const SQL: &str = "INSERT INTO practitioners (kind, level, name, id_number, certificate_number,
            qualification_number, has_valid_qualification, status, registration_valid_from,
            registration_valid_until, title, category, institution_id, phone_on_record)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id";
    fetch!(
        c,
        query_scalar(SQL),
        fetch_one,
        p.kind,
        p.level,
        p.name,
        p.id_number,
        p.certificate_number,
        p.qualification_number,
        p.has_valid_qualification,
        p.status,
        p.registration_valid_from,
        p.registration_valid_until,
        p.title,
        p.category,
        p.institution_id,
        p.phone_on_record
    )
}
