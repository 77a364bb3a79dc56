//! Title changes: asked for by practitioners, decided by their main
//! institution.

use super::AsConn;

/// Replaces the practitioner's pending title change (if any) with a new one
/// for `title`; returns the new change's id.
pub async fn replace_pending(
    c: &mut impl AsConn,
    practitioner_id: i64,
    title: &str,
    now: i64,
) -> sqlx::Result<i64> {
    const DELETE: &str =
        "DELETE FROM title_changes WHERE practitioner_id = $1 AND state = 'pending'";
    const INSERT: &str = "INSERT INTO title_changes (practitioner_id, title, created_at)
         VALUES ($1, $2, $3) RETURNING id";
    on!(c, |c| {
        sqlx::query(DELETE)
            .bind(practitioner_id)
            .execute(&mut *c)
            .await?;
        sqlx::query_scalar(INSERT)
            .bind(practitioner_id)
            .bind(title)
            .bind(now)
            .fetch_one(&mut *c)
            .await
    })
}

/// A pending title change waiting for an institution's decision.
#[derive(sqlx::FromRow)]
pub struct Pending {
    /// The change's id.
    pub id: i64,
    /// Whose title.
    pub practitioner_id: i64,
    /// The title asked for.
    pub title: String,
}

/// The newest pending title change of the account `account_id`, if its
/// practitioner belongs to `institution_id`. On PostgreSQL the change's row
/// is locked until the transaction ends (SQLite's write transaction holds
/// the database), so two decisions on it are taken one after the other:
/// the second finds nothing pending.
pub async fn pending_for_decision(
    c: &mut impl AsConn,
    account_id: i64,
    institution_id: i64,
) -> sqlx::Result<Option<Pending>> {
    const SELECT: &str = "SELECT t.id, p.id AS practitioner_id, t.title FROM title_changes t
         JOIN practitioners p ON p.id = t.practitioner_id
         JOIN accounts a ON a.practitioner_id = p.id
         WHERE a.id = $1 AND p.institution_id = $2 AND t.state = 'pending'
         ORDER BY t.id DESC LIMIT 1";
    match c.conn() {
        super::Conn::Sqlite(c) => {
            sqlx::query_as(SELECT)
                .bind(account_id)
                .bind(institution_id)
                .fetch_optional(&mut *c)
                .await
        }
        super::Conn::Postgres(c) => {
            let sql = format!("{SELECT} FOR UPDATE OF t");
            sqlx::query_as(&sql)
                .bind(account_id)
                .bind(institution_id)
                .fetch_optional(&mut *c)
                .await
        }
    }
}

/// Records the decision on a title change (only while it is pending);
/// returns whether it was still pending.
pub async fn decide(
    c: &mut impl AsConn,
    change_id: i64,
    approved: bool,
    reason: Option<&str>,
    now: i64,
) -> sqlx::Result<bool> {
    const SQL: &str = "UPDATE title_changes SET state = $1, reason = $2, decided_at = $3
         WHERE id = $4 AND state = 'pending'";
    let n = execute!(
        c,
        SQL,
        if approved { "approved" } else { "rejected" },
        reason,
        now,
        change_id
    )?;
    Ok(n == 1)
}

/// Sets the practitioner's title in the registry.
pub async fn set_practitioner_title(
    c: &mut impl AsConn,
    practitioner_id: i64,
    title: &str,
) -> sqlx::Result<()> {
    const SQL: &str = "UPDATE practitioners SET title = $1 WHERE id = $2";
    execute!(c, SQL, title, practitioner_id)?;
    Ok(())
}
