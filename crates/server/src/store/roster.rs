//! The institution's lists of its staff: who applied, who has no account
//! yet, the review queue's title changes, and the registry facts the rules
//! read to propose zombie accounts (the candidates).

use super::AsConn;

/// The practitioners of an institution who have applied for the e-license.
pub async fn applied(c: &mut impl AsConn, institution_id: i64) -> sqlx::Result<Vec<i64>> {
    const SQL: &str = "SELECT a.practitioner_id FROM applications a
         JOIN practitioners p ON p.id = a.practitioner_id WHERE p.institution_id = $1";
    fetch!(c, query_scalar(SQL), fetch_all, institution_id)
}

/// A registry record without a portal account.
#[derive(sqlx::FromRow)]
pub struct Unregistered {
    /// Registry id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// `physician` | `nurse`.
    pub kind: String,
    /// Physician level.
    pub level: Option<String>,
    /// Valid qualification.
    pub has_valid_qualification: bool,
    /// Practice status.
    pub status: String,
    /// Registration start, `YYYY-MM-DD`.
    pub registration_valid_from: Option<String>,
    /// Registration end, `YYYY-MM-DD`.
    pub registration_valid_until: Option<String>,
}

/// The institution's registry records that have no account, by name.
pub async fn unregistered(
    c: &mut impl AsConn,
    institution_id: i64,
) -> sqlx::Result<Vec<Unregistered>> {
    const SQL: &str = "SELECT p.id, p.name, p.kind, p.level, p.has_valid_qualification, p.status,
            p.registration_valid_from, p.registration_valid_until
         FROM practitioners p LEFT JOIN accounts a ON a.practitioner_id = p.id
         WHERE p.institution_id = $1 AND a.id IS NULL ORDER BY p.name, p.id";
    fetch!(c, query_as(SQL), fetch_all, institution_id)
}

/// A title change waiting for the institution's decision.
#[derive(sqlx::FromRow)]
pub struct PendingTitle {
    /// The practitioner's account.
    pub account_id: i64,
    /// Username.
    pub username: String,
    /// Name.
    pub name: String,
    /// `physician` | `nurse`.
    pub kind: String,
    /// Title now.
    pub before: Option<String>,
    /// Title asked for.
    pub after: String,
    /// When it was asked.
    pub created_at: i64,
}

/// The institution's pending title changes, oldest first.
pub async fn pending_titles(
    c: &mut impl AsConn,
    institution_id: i64,
) -> sqlx::Result<Vec<PendingTitle>> {
    const SQL: &str = "SELECT a.id AS account_id, a.username, p.name, p.kind, p.title AS before,
            t.title AS after, t.created_at
         FROM title_changes t JOIN practitioners p ON p.id = t.practitioner_id
         JOIN accounts a ON a.practitioner_id = p.id
         WHERE p.institution_id = $1 AND t.state = 'pending' ORDER BY t.created_at, t.id";
    fetch!(c, query_as(SQL), fetch_all, institution_id)
}

/// The registry facts the rules read to propose filing or cancelling.
#[derive(sqlx::FromRow)]
pub struct RegistryRow {
    /// Registry id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// `physician` | `nurse`.
    pub kind: String,
    /// Physician level.
    pub level: Option<String>,
    /// Practice status.
    pub status: String,
    /// Since when, `YYYY-MM-DD`.
    pub status_since: Option<String>,
    /// Registration end, `YYYY-MM-DD`.
    pub registration_valid_until: Option<String>,
    /// A renewal is under way.
    pub renewal_pending: bool,
    /// Retired.
    pub retired: bool,
    /// Rehired after retiring.
    pub rehired: bool,
    /// Deceased.
    pub deceased: bool,
    /// Declared missing.
    pub declared_missing: bool,
    /// Criminally punished.
    pub criminally_punished: bool,
    /// Without civil capacity.
    pub no_civil_capacity: bool,
    /// The last contact attempt reached the person.
    pub last_contact_ok: bool,
}

/// Every registry record of the institution, by name.
pub async fn registry_facts(
    c: &mut impl AsConn,
    institution_id: i64,
) -> sqlx::Result<Vec<RegistryRow>> {
    const SQL: &str =
        "SELECT id, name, kind, level, status, status_since, registration_valid_until,
            renewal_pending, retired, rehired, deceased, declared_missing, criminally_punished,
            no_civil_capacity, last_contact_ok
         FROM practitioners WHERE institution_id = $1 ORDER BY name, id";
    fetch!(c, query_as(SQL), fetch_all, institution_id)
}
