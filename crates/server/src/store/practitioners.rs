//! Practitioners' registry records joined with their accounts: the profile
//! every practitioner page and the institution's lists read.

use super::AsConn;
use crate::practitioner_row::PractitionerRow;

pub(crate) const PROFILE_COLUMNS: &str =
    "a.id AS account_id, a.username, a.activated, a.phone, a.phone_verified,
        a.email, a.email_verified, a.photo_state, a.photo_reason, a.photo_uploaded_at, a.photo_file,
        a.photo_previous_file,
        p.id AS practitioner_id, p.kind, p.level, p.name, p.id_number, p.certificate_number,
        p.has_valid_qualification, p.status, p.registration_valid_from, p.registration_valid_until,
        p.title, p.category, p.institution_id, i.name AS institution_name,
        p.registered_institution_name, COALESCE(i.division, i.region) AS region,
        i.photo_review_required,
        EXISTS (SELECT 1 FROM security_answers sa WHERE sa.account_id = a.id)
            AS has_security_questions";

pub(crate) const PROFILE_JOINS: &str = "JOIN practitioners p ON p.id = a.practitioner_id
     JOIN institutions i ON i.id = p.institution_id";

fn profile_select() -> String {
    format!("SELECT {PROFILE_COLUMNS} FROM accounts a {PROFILE_JOINS}")
}

/// The profile of a practitioner account.
pub async fn profile(
    c: &mut impl AsConn,
    account_id: i64,
) -> sqlx::Result<Option<PractitionerRow>> {
    let sql = format!("{} WHERE a.id = $1", profile_select());
    fetch!(c, query_as(&sql), fetch_optional, account_id)
}

/// The profiles of an institution's staff who have an account, by name.
pub async fn institution_profiles(
    c: &mut impl AsConn,
    institution_id: i64,
) -> sqlx::Result<Vec<PractitionerRow>> {
    let sql = format!(
        "{} WHERE p.institution_id = $1 ORDER BY p.name, p.id",
        profile_select()
    );
    fetch!(c, query_as(&sql), fetch_all, institution_id)
}

/// A practitioner's session with everything `GET /api/v1/me` shows: one
/// round trip instead of three (session, profile, latest title change).
#[derive(sqlx::FromRow)]
pub struct SessionProfile {
    /// The profile.
    #[sqlx(flatten)]
    pub profile: PractitionerRow,
    /// Session start.
    pub session_created_at: i64,
    /// The session's last request (to the minute).
    pub session_last_seen: i64,
    /// The latest title change asked for, its state and reason.
    pub latest_title: Option<String>,
    /// Its review state.
    pub latest_title_state: Option<String>,
    /// Its rejection reason.
    pub latest_title_reason: Option<String>,
}

/// The practitioner session of a token with its profile; `None` when there
/// is no such session or it is not a practitioner's.
pub async fn by_session(
    c: &mut impl AsConn,
    token_hash: &[u8],
) -> sqlx::Result<Option<SessionProfile>> {
    let sql = format!(
        "SELECT {PROFILE_COLUMNS}, s.created_at AS session_created_at,
            s.last_seen AS session_last_seen, tc.title AS latest_title,
            tc.state AS latest_title_state, tc.reason AS latest_title_reason
         FROM sessions s JOIN accounts a ON a.id = s.account_id {PROFILE_JOINS}
         LEFT JOIN title_changes tc ON tc.id =
             (SELECT MAX(t.id) FROM title_changes t WHERE t.practitioner_id = p.id)
         WHERE s.token_hash = $1 AND a.role = 'practitioner'"
    );
    fetch!(c, query_as(&sql), fetch_optional, token_hash)
}

/// The latest title change asked for: (title, state, reason).
pub async fn latest_title_change(
    c: &mut impl AsConn,
    practitioner_id: i64,
) -> sqlx::Result<Option<(String, String, Option<String>)>> {
    const SQL: &str = "SELECT title, state, reason FROM title_changes
         WHERE practitioner_id = $1 ORDER BY id DESC LIMIT 1";
    fetch!(c, query_as(SQL), fetch_optional, practitioner_id)
}

/// Locks the practitioner's record until the transaction ends, so that
/// decisions about one person (issuing a licence) are taken one at a time.
/// A write takes the row lock on PostgreSQL; an SQLite write transaction
/// already holds the database's write lock.
pub async fn lock(c: &mut impl AsConn, practitioner_id: i64) -> sqlx::Result<bool> {
    const SQL: &str = "UPDATE practitioners SET id = id WHERE id = $1";
    let n = execute!(c, SQL, practitioner_id)?;
    Ok(n == 1)
}

/// A registry record to insert: the registry import's, the demo's and the
/// generated institutions' (only these know a last activity).
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
    /// Last reported activity, `YYYY-MM-DD`.
    pub last_activity_on: Option<&'a str>,
    /// Mobile number reported by the institution.
    pub phone_on_record: Option<&'a str>,
}

/// Inserts a registry record; returns its id.
pub async fn insert(c: &mut impl AsConn, p: &NewPractitioner<'_>) -> sqlx::Result<i64> {
    const SQL: &str = "INSERT INTO practitioners (kind, level, name, id_number, certificate_number,
            qualification_number, has_valid_qualification, status, registration_valid_from,
            registration_valid_until, title, category, institution_id, last_activity_on, phone_on_record)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id";
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
        p.last_activity_on,
        p.phone_on_record
    )
}
