//! Reminders institutions send to their staff, and their figures.

use super::AsConn;

/// A reminder to record.
pub struct NewReminder<'a> {
    /// Sending institution.
    pub institution_id: i64,
    /// Reminded account.
    pub account_id: i64,
    /// Its registry record.
    pub practitioner_id: i64,
    /// The Shanghai date (`YYYY-MM-DD`): one reminder per person per day.
    pub day: &'a str,
    /// `not_applied` or a criterion code.
    pub criterion: &'a str,
    /// Administrator (of the institution, or of the authority) who sent it.
    pub sent_by: i64,
    /// `sent_by` names an authority account.
    pub by_authority: bool,
    /// Unix seconds.
    pub now: i64,
}

/// Records the reminder unless the person already got one that day: its
/// id, or `None` (the unique `(account_id, day)` decides, also between two
/// administrators sending at once).
pub async fn insert(c: &mut impl AsConn, r: &NewReminder<'_>) -> sqlx::Result<Option<i64>> {
    const SQL: &str = "INSERT INTO reminders (institution_id, account_id, practitioner_id, day,
             criterion, sent_by, created_at, by_authority)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (account_id, day) DO NOTHING
         RETURNING id";
    fetch!(
        c,
        query_scalar(SQL),
        fetch_optional,
        r.institution_id,
        r.account_id,
        r.practitioner_id,
        r.day,
        r.criterion,
        r.sent_by,
        r.now,
        r.by_authority
    )
}

/// Links the reminder to the outbox message that carries it.
pub async fn set_message(c: &mut impl AsConn, id: i64, outbox_id: i64) -> sqlx::Result<()> {
    const SQL: &str = "UPDATE reminders SET outbox_id = $2 WHERE id = $1";
    execute!(c, SQL, id, outbox_id)?;
    Ok(())
}

/// The reminders' figures: people reminded, people whose reminder was
/// delivered, people who applied after their first reminder (to which a
/// query adds which reminders).
const FIGURES: &str = "SELECT
           COUNT(DISTINCT r.account_id),
           COUNT(DISTINCT CASE WHEN o.state = 'sent' THEN r.account_id END),
           COUNT(DISTINCT CASE WHEN a.submitted_at >= r.created_at THEN r.account_id END)
         FROM reminders r
         LEFT JOIN outbox o ON o.id = r.outbox_id
         LEFT JOIN applications a ON a.practitioner_id = r.practitioner_id";

/// Reminders of the institution since `since`: people reminded, people
/// whose reminder was delivered, people who applied after their first
/// reminder.
pub async fn figures(
    c: &mut impl AsConn,
    institution_id: i64,
    since: i64,
) -> sqlx::Result<(i64, i64, i64)> {
    let sql = format!("{FIGURES} WHERE r.institution_id = $1 AND r.created_at >= $2");
    fetch!(c, query_as(&sql), fetch_one, institution_id, since)
}

/// The ids of the division's institutions (an authority reminds them one
/// after the other).
pub async fn institutions_in(c: &mut impl AsConn, division: &str) -> sqlx::Result<Vec<i64>> {
    const SQL: &str = "SELECT id FROM institutions
         WHERE substr(division, 1, length($1)) = $1 ORDER BY id";
    on!(c, |c| sqlx::query_scalar(SQL)
        .bind(division)
        .fetch_all(&mut *c)
        .await)
}

/// The figures of [`figures`] over every institution of the division,
/// whoever sent the reminders.
pub async fn region_figures(
    c: &mut impl AsConn,
    division: &str,
    since: i64,
) -> sqlx::Result<(i64, i64, i64)> {
    let sql = format!(
        "{FIGURES} JOIN institutions i ON i.id = r.institution_id
         WHERE substr(i.division, 1, length($1)) = $1 AND r.created_at >= $2"
    );
    fetch!(c, query_as(&sql), fetch_one, division, since)
}
