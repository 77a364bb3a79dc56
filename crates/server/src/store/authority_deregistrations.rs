//! The authority's side of deregistration cases: the pending cases of its
//! region and the decision on one. Scoped like every authority query: cases
//! of practitioners of institutions whose division starts with the
//! authority's (`''`, the national authority, matches every one).

use super::AsConn;

/// A case with what the authority needs to decide it.
#[derive(sqlx::FromRow)]
pub struct RegionCaseRow {
    /// Case id.
    pub id: i64,
    /// Registry record.
    pub practitioner_id: i64,
    /// Its institution.
    pub institution_id: i64,
    /// The institution's name.
    pub institution: String,
    /// Its division code.
    pub division: String,
    /// The practitioner's name.
    pub name: String,
    /// Reason code of the rules crate.
    pub reason: String,
    /// The institution's note.
    pub note: String,
    /// Status when filed.
    pub previous_status: Option<String>,
    /// Status to record on confirmation.
    pub outcome: String,
    /// When filed, Unix seconds.
    pub created_at: i64,
    /// `pending`, `confirmed` or `returned`.
    pub state: String,
    /// Why it was returned.
    pub return_reason: Option<String>,
}

const SELECT: &str = "SELECT d.id, d.practitioner_id, p.institution_id, i.name AS institution,
        COALESCE(i.division, i.region) AS division, p.name, d.reason, d.note, d.previous_status,
        d.outcome, d.created_at, d.state, d.return_reason
     FROM deregistrations d
     JOIN practitioners p ON p.id = d.practitioner_id
     JOIN institutions i ON i.id = p.institution_id
     WHERE substr(COALESCE(i.division, i.region), 1, length($1)) = $1";

/// The region's cases waiting for a decision, oldest first (first filed,
/// first decided).
pub async fn pending(c: &mut impl AsConn, division: &str) -> sqlx::Result<Vec<RegionCaseRow>> {
    let sql = format!("{SELECT} AND d.state = 'pending' ORDER BY d.id");
    on!(c, |c| {
        sqlx::query_as(&sql).bind(division).fetch_all(&mut *c).await
    })
}

/// One case of the region (`None` outside it, as if it did not exist).
pub async fn find(
    c: &mut impl AsConn,
    division: &str,
    case_id: i64,
) -> sqlx::Result<Option<RegionCaseRow>> {
    let sql = format!("{SELECT} AND d.id = $2");
    fetch!(c, query_as(&sql), fetch_optional, division, case_id)
}

/// Decides a pending case: `confirmed` or `returned` (with its reason).
/// False when it no longer waits: of two decisions at once exactly one
/// moves it (the second's `WHERE state = 'pending'` finds nothing once the
/// first committed).
pub async fn decide(
    c: &mut impl AsConn,
    case_id: i64,
    state: &str,
    authority_id: i64,
    at: i64,
    return_reason: Option<&str>,
) -> sqlx::Result<bool> {
    const SQL: &str = "UPDATE deregistrations
         SET state = $1, decided_by = $2, decided_at = $3, return_reason = $4
         WHERE id = $5 AND state = 'pending'";
    let n = execute!(c, SQL, state, authority_id, at, return_reason, case_id)?;
    Ok(n == 1)
}
