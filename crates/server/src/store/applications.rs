//! Practitioners' e-license applications and institutions' own licence
//! applications: one per applicant (a UNIQUE column), so a repeated or
//! concurrent submit records one.

use super::AsConn;

/// An application as stored.
#[derive(sqlx::FromRow)]
pub struct Application {
    /// Row id.
    pub id: i64,
    /// When it was submitted.
    pub submitted_at: i64,
    /// `submitted` | ….
    pub state: String,
}

impl From<Application> for rules::api::Application {
    fn from(r: Application) -> Self {
        rules::api::Application {
            id: r.id,
            submitted_at: r.submitted_at,
            state: r.state,
        }
    }
}

/// Records the practitioner's application unless one exists; returns
/// whether this call recorded it. Concurrent callers wait for each other on
/// the unique practitioner_id, and exactly one inserts.
pub async fn insert(c: &mut impl AsConn, practitioner_id: i64, now: i64) -> sqlx::Result<bool> {
    const SQL: &str = "INSERT INTO applications (practitioner_id, submitted_at) VALUES ($1, $2)
         ON CONFLICT (practitioner_id) DO NOTHING";
    let n = execute!(c, SQL, practitioner_id, now)?;
    Ok(n == 1)
}

/// The practitioner's application.
pub async fn of_practitioner(
    c: &mut impl AsConn,
    practitioner_id: i64,
) -> sqlx::Result<Option<Application>> {
    const SQL: &str = "SELECT id, submitted_at, state FROM applications WHERE practitioner_id = $1";
    fetch!(c, query_as(SQL), fetch_optional, practitioner_id)
}

/// Records the institution's licence application unless one exists;
/// returns whether this call recorded it.
pub async fn insert_institution(
    c: &mut impl AsConn,
    institution_id: i64,
    now: i64,
) -> sqlx::Result<bool> {
    const SQL: &str = "INSERT INTO institution_applications (institution_id, submitted_at)
         VALUES ($1, $2) ON CONFLICT (institution_id) DO NOTHING";
    let n = execute!(c, SQL, institution_id, now)?;
    Ok(n == 1)
}

/// The institution's licence application.
pub async fn of_institution(
    c: &mut impl AsConn,
    institution_id: i64,
) -> sqlx::Result<Option<Application>> {
    const SQL: &str =
        "SELECT id, submitted_at, state FROM institution_applications WHERE institution_id = $1";
    fetch!(c, query_as(SQL), fetch_optional, institution_id)
}
