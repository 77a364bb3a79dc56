//! The authority's regional follow-up: counts per institution (and per
//! region) computed by the database in one statement each, never by loading
//! the practitioners. Scoped like every authority query: the institutions
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
}

// One pass over the region's practitioners, each joined to its account and
// application (both unique per practitioner), grouped by institution; the
// administrator accounts and pending titles are small side aggregates.
const INSTITUTIONS_SQL: &str = "
WITH inst AS (
    SELECT id, name, division FROM institutions
    WHERE substr(division, 1, length($1)) = $1
),
staff AS (
    SELECT p.institution_id,
        CAST(SUM(CASE WHEN p.kind = 'physician' THEN 1 ELSE 0 END) AS BIGINT) AS physicians,
        CAST(SUM(CASE WHEN p.kind = 'nurse' THEN 1 ELSE 0 END) AS BIGINT) AS nurses,
        CAST(SUM(CASE WHEN p.kind = 'physician' AND ap.id IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT) AS physicians_applied,
        CAST(SUM(CASE WHEN p.kind = 'nurse' AND ap.id IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT) AS nurses_applied,
        CAST(SUM(CASE WHEN a.id IS NULL OR a.activated = FALSE THEN 1 ELSE 0 END) AS BIGINT) AS not_activated,
        CAST(SUM(CASE WHEN a.activated = TRUE AND (a.photo_state IS NULL OR a.photo_state <> 'approved') THEN 1 ELSE 0 END) AS BIGINT) AS lacking_photo,
        CAST(SUM(CASE WHEN p.status <> 'normal' THEN 1 ELSE 0 END) AS BIGINT) AS status_not_normal,
        CAST(SUM(CASE WHEN p.registered_institution_name IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT) AS registration_changes
    FROM practitioners p
    JOIN inst ON inst.id = p.institution_id
    LEFT JOIN accounts a ON a.practitioner_id = p.id
    LEFT JOIN applications ap ON ap.practitioner_id = p.id
    GROUP BY p.institution_id
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
    COALESCE(titles.titles_pending, 0) AS titles_pending
FROM inst
LEFT JOIN staff ON staff.institution_id = inst.id
LEFT JOIN admins ON admins.institution_id = inst.id
LEFT JOIN titles ON titles.institution_id = inst.id";

/// The counts of every institution of the division (unsorted).
pub async fn institutions(
    c: &mut impl AsConn,
    division: &str,
) -> sqlx::Result<Vec<InstitutionCounts>> {
    on!(c, |c| {
        sqlx::query_as(INSTITUTIONS_SQL)
            .bind(division)
            .fetch_all(&mut *c)
            .await
    })
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
    SELECT inst.region, CAST(COUNT(*) AS BIGINT) AS staff,
        CAST(SUM(CASE WHEN ap.id IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT) AS applied
    FROM practitioners p JOIN inst ON inst.id = p.institution_id
    LEFT JOIN applications ap ON ap.practitioner_id = p.id
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
    on!(c, |c| {
        sqlx::query_as(REGIONS_SQL)
            .bind(division)
            .bind(level)
            .fetch_all(&mut *c)
            .await
    })
}
