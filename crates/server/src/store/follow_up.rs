//! The authority's regional follow-up: counts per institution (and per
//! region) kept by the database (`follow_up_counts`, counted again for the
//! institutions that changed, see migration 0015), never by loading the
//! practitioners. Scoped like every authority query: the institutions
//! whose division starts with the authority's.

use super::AsConn;

/// One institution's counts.
#[derive(sqlx::FromRow)]
pub struct InstitutionCounts {
    /// Institution.
    pub id: i64,
    /// Standard name.
    pub name: String,
    /// Division code.
    pub division: String,
    /// 0 no administrator account, 1 only disabled ones, 2 issued (one-time
    /// password in use), 3 in use.
    pub admin_level: i64,
    /// Physicians.
    pub physicians: i64,
    /// Nurses.
    pub nurses: i64,
    /// Physicians who applied.
    pub physicians_applied: i64,
    /// Nurses who applied.
    pub nurses_applied: i64,
    /// Staff without an activated account.
    pub not_activated: i64,
    /// Activated accounts without an approved photo.
    pub lacking_photo: i64,
    /// Status other than normal.
    pub status_not_normal: i64,
    /// Registered under a non-standard name.
    pub registration_changes: i64,
    /// Pending title changes.
    pub titles_pending: i64,
    /// Deregistration cases waiting for the authority.
    pub zombie_cases_open: i64,
}

// The kept counts of the region's institutions (follow_up_counts, brought
// up to date by `refresh` first); the administrator accounts and pending
// titles are small side aggregates counted here.
const INSTITUTIONS_SQL: &str = "
WITH inst AS (
    SELECT id, name, division FROM institutions
    WHERE substr(division, 1, length($1)) = $1
),
admins AS (
    SELECT a.institution_id,
        CAST(MAX(CASE WHEN a.disabled = TRUE THEN 1 WHEN a.must_change_password = TRUE THEN 2 ELSE 3 END) AS BIGINT) AS admin_level
    FROM accounts a JOIN inst ON inst.id = a.institution_id
    WHERE a.role = 'admin'
    GROUP BY a.institution_id
),
titles AS (
    SELECT p.institution_id, CAST(COUNT(*) AS BIGINT) AS titles_pending
    FROM title_changes t JOIN practitioners p ON p.id = t.practitioner_id
    JOIN inst ON inst.id = p.institution_id
    WHERE t.state = 'pending'
    GROUP BY p.institution_id
),
cases AS (
    SELECT p.institution_id, CAST(COUNT(*) AS BIGINT) AS zombie_cases_open
    FROM deregistrations d JOIN practitioners p ON p.id = d.practitioner_id
    JOIN inst ON inst.id = p.institution_id
    WHERE d.state = 'pending'
    GROUP BY p.institution_id
)
SELECT inst.id, inst.name, inst.division,
    COALESCE(admins.admin_level, 0) AS admin_level,
    COALESCE(staff.physicians, 0) AS physicians,
    COALESCE(staff.nurses, 0) AS nurses,
    COALESCE(staff.physicians_applied, 0) AS physicians_applied,
    COALESCE(staff.nurses_applied, 0) AS nurses_applied,
    COALESCE(staff.not_activated, 0) AS not_activated,
    COALESCE(staff.lacking_photo, 0) AS lacking_photo,
    COALESCE(staff.status_not_normal, 0) AS status_not_normal,
    COALESCE(staff.registration_changes, 0) AS registration_changes,
    COALESCE(titles.titles_pending, 0) AS titles_pending,
    COALESCE(cases.zombie_cases_open, 0) AS zombie_cases_open
FROM inst
LEFT JOIN follow_up_counts staff ON staff.institution_id = inst.id
LEFT JOIN admins ON admins.institution_id = inst.id
LEFT JOIN titles ON titles.institution_id = inst.id
LEFT JOIN cases ON cases.institution_id = inst.id";

/// Marks taken at once beyond which the queue is vacuumed (PostgreSQL):
/// after a registry import its dead rows would otherwise slow every look
/// until autovacuum comes by.
pub const COMPACT_AFTER: usize = 10_000;

/// Reclaims the taken marks' space at once (PostgreSQL; SQLite reuses it).
pub async fn compact(db: &super::Db) -> sqlx::Result<()> {
    if db.backend() == super::Backend::Postgres {
        db.execute_sql("VACUUM follow_up_stale").await?;
    }
    Ok(())
}

/// Whether an institution of the division changed since it was counted
/// (a read: the follow-up opens a write transaction only then).
pub async fn has_stale(c: &mut impl AsConn, division: &str) -> sqlx::Result<bool> {
    const SQL: &str = "SELECT EXISTS (SELECT 1 FROM follow_up_stale s
         JOIN institutions i ON i.id = s.institution_id
         WHERE substr(i.division, 1, length($1)) = $1)";
    on!(c, |c| sqlx::query_scalar(SQL)
        .bind(division)
        .fetch_one(&mut *c)
        .await)
}

/// Counts again the institutions of the division that changed since they
/// were last counted: takes their stale marks (a change committed meanwhile
/// leaves a mark this call does not take, for the next one) and counts
/// their practitioners, after the marks are taken, so nothing taken is
/// counted from before its change. Run inside the caller's transaction;
/// answers how many marks it took.
pub async fn refresh(c: &mut impl AsConn, division: &str) -> sqlx::Result<usize> {
    const TAKE: &str = "DELETE FROM follow_up_stale
         WHERE institution_id IN (SELECT id FROM institutions
             WHERE substr(division, 1, length($1)) = $1)
         RETURNING institution_id";
    let mut ids: Vec<i64> = fetch!(c, query_scalar(TAKE), fetch_all, division)?;
    let taken = ids.len();
    ids.sort_unstable();
    ids.dedup();
    for chunk in ids.chunks(500) {
        // Integers only: the list is written into the statement.
        let list = chunk
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let sql = format!(
            "INSERT INTO follow_up_counts (institution_id, physicians, nurses,
                 physicians_applied, nurses_applied, not_activated, lacking_photo,
                 status_not_normal, registration_changes)
             SELECT i.id,
                 CAST(SUM(CASE WHEN p.kind = 'physician' THEN 1 ELSE 0 END) AS BIGINT),
                 CAST(SUM(CASE WHEN p.kind = 'nurse' THEN 1 ELSE 0 END) AS BIGINT),
                 CAST(SUM(CASE WHEN p.kind = 'physician' AND ap.id IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT),
                 CAST(SUM(CASE WHEN p.kind = 'nurse' AND ap.id IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT),
                 CAST(SUM(CASE WHEN p.id IS NOT NULL AND (a.id IS NULL OR a.activated = FALSE) THEN 1 ELSE 0 END) AS BIGINT),
                 CAST(SUM(CASE WHEN a.activated = TRUE AND (a.photo_state IS NULL OR a.photo_state <> 'approved') THEN 1 ELSE 0 END) AS BIGINT),
                 CAST(SUM(CASE WHEN p.status <> 'normal' THEN 1 ELSE 0 END) AS BIGINT),
                 CAST(SUM(CASE WHEN p.registered_institution_name IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT)
             FROM institutions i
             LEFT JOIN practitioners p ON p.institution_id = i.id
             LEFT JOIN accounts a ON a.practitioner_id = p.id
             LEFT JOIN applications ap ON ap.practitioner_id = p.id
             WHERE i.id IN ({list})
             GROUP BY i.id
             ON CONFLICT (institution_id) DO UPDATE SET physicians = excluded.physicians,
                 nurses = excluded.nurses, physicians_applied = excluded.physicians_applied,
                 nurses_applied = excluded.nurses_applied, not_activated = excluded.not_activated,
                 lacking_photo = excluded.lacking_photo,
                 status_not_normal = excluded.status_not_normal,
                 registration_changes = excluded.registration_changes"
        );
        execute!(c, &sql)?;
    }
    Ok(taken)
}

/// Counts again every institution that changed, in a transaction of its
/// own, and reclaims the taken marks' space when there were many: the
/// retention task runs it every 10 minutes, and a registry import before it
/// returns, so that the first look after an import does not count a whole
/// country.
pub async fn refresh_all(db: &super::Db) -> sqlx::Result<usize> {
    let mut tx = db.begin().await?;
    let taken = refresh(&mut tx, "").await?;
    tx.commit().await?;
    if taken > COMPACT_AFTER {
        compact(db).await?;
    }
    Ok(taken)
}

/// The counts of every institution of the division (unsorted).
pub async fn institutions(
    c: &mut impl AsConn,
    division: &str,
) -> sqlx::Result<Vec<InstitutionCounts>> {
    fetch!(c, query_as(INSTITUTIONS_SQL), fetch_all, division)
}

/// One region's counts.
#[derive(sqlx::FromRow)]
pub struct RegionCounts {
    /// Division code of the region.
    pub division: String,
    /// Institutions.
    pub institutions: i64,
    /// Institutions without an administrator account in use.
    pub without_admin: i64,
    /// Staff.
    pub staff: i64,
    /// Staff who applied.
    pub applied: i64,
}

const REGIONS_SQL: &str = "
WITH inst AS (
    SELECT id, substr(division, 1, CAST($2 AS INTEGER)) AS region FROM institutions
    WHERE substr(division, 1, length($1)) = $1
),
staff AS (
    SELECT inst.region, CAST(SUM(k.physicians + k.nurses) AS BIGINT) AS staff,
        CAST(SUM(k.physicians_applied + k.nurses_applied) AS BIGINT) AS applied
    FROM follow_up_counts k JOIN inst ON inst.id = k.institution_id
    GROUP BY inst.region
),
admins AS (
    SELECT DISTINCT a.institution_id FROM accounts a JOIN inst ON inst.id = a.institution_id
    WHERE a.role = 'admin' AND a.disabled = FALSE AND a.must_change_password = FALSE
),
places AS (
    SELECT inst.region, CAST(COUNT(*) AS BIGINT) AS institutions,
        CAST(SUM(CASE WHEN admins.institution_id IS NULL THEN 1 ELSE 0 END) AS BIGINT) AS without_admin
    FROM inst LEFT JOIN admins ON admins.institution_id = inst.id
    GROUP BY inst.region
)
SELECT places.region AS division, places.institutions, places.without_admin,
    COALESCE(staff.staff, 0) AS staff, COALESCE(staff.applied, 0) AS applied
FROM places LEFT JOIN staff ON staff.region = places.region
ORDER BY places.region";

/// The regions one level below `division` (`level` digits long).
pub async fn regions(
    c: &mut impl AsConn,
    division: &str,
    level: i64,
) -> sqlx::Result<Vec<RegionCounts>> {
    fetch!(c, query_as(REGIONS_SQL), fetch_all, division, level)
}
