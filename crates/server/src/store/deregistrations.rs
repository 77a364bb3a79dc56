//! Deregistration cases: an institution files or cancels the registration
//! of a zombie account among its own staff; the case waits for the region's authority
//! (`store::authority_deregistrations`) before the registry changes.

use super::AsConn;

/// A case with the practitioner's name and the admin's username.
#[derive(sqlx::FromRow)]
pub struct CaseRow {
    /// Case id.
    pub id: i64,
    /// Registry record.
    pub practitioner_id: i64,
    /// The practitioner's name.
    pub name: String,
    /// Reason code of the rules crate.
    pub reason: String,
    /// The admin's note.
    pub note: String,
    /// Status before the case.
    pub previous_status: Option<String>,
    /// Status the case set.
    pub outcome: String,
    /// The admin's username (gone when the account was deleted).
    pub actor: Option<String>,
    /// When, Unix seconds.
    pub created_at: i64,
    /// `pending`, `confirmed` or `returned`.
    pub state: String,
    /// Why the authority returned it.
    pub return_reason: Option<String>,
    /// When the authority decided, Unix seconds.
    pub decided_at: Option<i64>,
}

const CASE_SELECT: &str =
    "SELECT d.id, d.practitioner_id, p.name, d.reason, d.note, d.previous_status,
        d.outcome, a.username AS actor, d.created_at, d.state, d.return_reason, d.decided_at
     FROM deregistrations d JOIN practitioners p ON p.id = d.practitioner_id
     LEFT JOIN accounts a ON a.id = d.actor_id
     WHERE p.institution_id = $1";

/// The institution's cases, newest first.
pub async fn list(c: &mut impl AsConn, institution_id: i64) -> sqlx::Result<Vec<CaseRow>> {
    let sql = format!("{CASE_SELECT} ORDER BY d.id DESC");
    fetch!(c, query_as(&sql), fetch_all, institution_id)
}

/// One case of the institution.
pub async fn find(
    c: &mut impl AsConn,
    institution_id: i64,
    case_id: i64,
) -> sqlx::Result<Option<CaseRow>> {
    let sql = format!("{CASE_SELECT} AND d.id = $2");
    fetch!(c, query_as(&sql), fetch_optional, institution_id, case_id)
}

/// The kind and status of a registry record of the institution.
pub async fn kind_and_status(
    c: &mut impl AsConn,
    practitioner_id: i64,
    institution_id: i64,
) -> sqlx::Result<Option<(String, String)>> {
    const SQL: &str =
        "SELECT kind, status FROM practitioners WHERE id = $1 AND institution_id = $2";
    fetch!(
        c,
        query_as(SQL),
        fetch_optional,
        practitioner_id,
        institution_id
    )
}

/// Moves a registry record of the institution from status `from` to `to`
/// since `today`; false when its status is no longer `from` (another admin
/// was first).
pub async fn change_status(
    c: &mut impl AsConn,
    practitioner_id: i64,
    institution_id: i64,
    from: &str,
    to: &str,
    today: &str,
) -> sqlx::Result<bool> {
    const SQL: &str = "UPDATE practitioners SET status = $1, status_since = $2
         WHERE id = $3 AND institution_id = $4 AND status = $5";
    let n = execute!(c, SQL, to, today, practitioner_id, institution_id, from)?;
    Ok(n == 1)
}

/// A case to record.
pub struct NewCase<'a> {
    /// Registry record.
    pub practitioner_id: i64,
    /// Reason code.
    pub reason: &'a str,
    /// Status set.
    pub outcome: &'a str,
    /// The admin's account.
    pub actor_id: i64,
    /// When, Unix seconds.
    pub created_at: i64,
    /// The admin's note.
    pub note: &'a str,
    /// Status before.
    pub previous_status: &'a str,
}

/// Records a case waiting for the authority; returns its id. A unique
/// violation (`deregistrations_one_pending`) when one already waits.
pub async fn insert(c: &mut impl AsConn, d: &NewCase<'_>) -> sqlx::Result<i64> {
    const SQL: &str = "INSERT INTO deregistrations (practitioner_id, reason, outcome, actor_id,
            created_at, note, previous_status, state)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending') RETURNING id";
    fetch!(
        c,
        query_scalar(SQL),
        fetch_one,
        d.practitioner_id,
        d.reason,
        d.outcome,
        d.actor_id,
        d.created_at,
        d.note,
        d.previous_status
    )
}

/// Whether a case of the registry record waits for the authority.
pub async fn has_pending(c: &mut impl AsConn, practitioner_id: i64) -> sqlx::Result<bool> {
    const SQL: &str = "SELECT CAST(COUNT(*) AS BIGINT) FROM deregistrations
         WHERE practitioner_id = $1 AND state = 'pending'";
    let n: i64 = fetch!(c, query_scalar(SQL), fetch_one, practitioner_id)?;
    Ok(n > 0)
}
