//! The review queue one page at a time: pending photos and title changes of
//! an institution, oldest first, paged and counted in the database.

use super::AsConn;

/// One item of the queue.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct QueueRow {
    /// `photo` | `title`.
    pub item: String,
    /// The practitioner's account.
    pub account_id: i64,
    /// Username.
    pub username: String,
    /// Name.
    pub name: String,
    /// `physician` | `nurse`.
    pub kind: String,
    /// Titles: the title now.
    pub title_before: Option<String>,
    /// Titles: the title asked for.
    pub title_after: Option<String>,
    /// When it was submitted.
    pub submitted_at: Option<i64>,
    /// Photos: an approved photo is kept for the comparison.
    pub has_previous: bool,
}

/// `$1` institution, `$2` kind filter (`photo`, `title` or NULL).
const QUEUE: &str = "SELECT 'photo' AS item, a.id AS account_id, a.username, p.name, p.kind,
        NULL AS title_before, NULL AS title_after, a.photo_uploaded_at AS submitted_at,
        (a.photo_previous_file IS NOT NULL) AS has_previous, a.id AS seq
     FROM accounts a JOIN practitioners p ON p.id = a.practitioner_id
     WHERE p.institution_id = $1 AND a.photo_state = 'pending' AND ($2 IS NULL OR $2 = 'photo')
     UNION ALL
     SELECT 'title', a.id, a.username, p.name, p.kind, p.title, t.title, t.created_at, FALSE, t.id
     FROM title_changes t JOIN practitioners p ON p.id = t.practitioner_id
     JOIN accounts a ON a.practitioner_id = p.id
     WHERE p.institution_id = $1 AND t.state = 'pending' AND ($2 IS NULL OR $2 = 'title')";

/// One page of the queue, oldest first.
pub async fn page(
    c: &mut impl AsConn,
    institution_id: i64,
    kind: Option<&str>,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<QueueRow>> {
    let sql = format!(
        "SELECT item, account_id, username, name, kind, title_before, title_after, submitted_at,
            has_previous FROM ({QUEUE}) q
         ORDER BY COALESCE(submitted_at, 0), item, seq LIMIT $3 OFFSET $4"
    );
    fetch!(
        c,
        query_as(&sql),
        fetch_all,
        institution_id,
        kind,
        limit,
        offset
    )
}

/// How many photos and title changes wait.
pub async fn counts(c: &mut impl AsConn, institution_id: i64) -> sqlx::Result<(i64, i64)> {
    const SQL: &str = "SELECT
        CAST((SELECT COUNT(*) FROM accounts a JOIN practitioners p ON p.id = a.practitioner_id
              WHERE p.institution_id = $1 AND a.photo_state = 'pending') AS BIGINT),
        CAST((SELECT COUNT(*) FROM title_changes t JOIN practitioners p ON p.id = t.practitioner_id
              JOIN accounts a ON a.practitioner_id = p.id
              WHERE p.institution_id = $1 AND t.state = 'pending') AS BIGINT)";
    fetch!(c, query_as(SQL), fetch_one, institution_id)
}
