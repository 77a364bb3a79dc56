//! The roster, one page at a time: filtered, sorted, counted and paged in
//! the database, so a 5,000-person institution answers one page of rows and
//! its totals instead of everyone (issue 23).
//!
//! The e-license criteria are the rules crate's (`rules::practitioner_checklist`);
//! to filter and count on them in SQL they are restated here as predicates
//! over the stored facts. The test `roster_sql_criteria_agree_with_the_rules`
//! compares both on a generated institution, so the two cannot drift apart
//! unnoticed. Each predicate also holds for a registry record without an
//! account (`a.*` NULL after a LEFT JOIN): no account fails activation and
//! the photo.

use super::AsConn;
use crate::practitioner_row::PractitionerRow;
use crate::store::practitioners::{PROFILE_COLUMNS, PROFILE_JOINS};

/// Applied for the e-license.
pub const APPLIED: &str = "EXISTS (SELECT 1 FROM applications ap WHERE ap.practitioner_id = p.id)";
/// Physician without a valid qualification.
pub const FAILS_QUALIFICATION: &str = "(p.kind <> 'nurse' AND NOT p.has_valid_qualification)";
/// No activated account.
pub const FAILS_ACTIVATED: &str = "(a.id IS NULL OR NOT a.activated)";
/// Practice status not normal.
pub const FAILS_STATUS: &str = "(p.status <> 'normal')";
/// Nurse outside the registration's validity on `$2` (today).
pub const FAILS_REGISTRATION: &str = "(p.kind = 'nurse' AND (p.registration_valid_until IS NULL
    OR p.registration_valid_until < $2
    OR (p.registration_valid_from IS NOT NULL AND $2 < p.registration_valid_from)))";
/// No photo, a rejected one, or one still pending where the institution
/// reviews photos.
pub const FAILS_PHOTO: &str = "(a.photo_state IS NULL OR (a.photo_state <> 'approved'
    AND (a.photo_state = 'rejected' OR i.photo_review_required)))";

/// Eligible today: no criterion fails.
pub fn eligible() -> String {
    format!(
        "NOT ({FAILS_QUALIFICATION} OR {FAILS_ACTIVATED} OR {FAILS_STATUS} \
         OR {FAILS_REGISTRATION} OR {FAILS_PHOTO})"
    )
}

/// The registration names the institution differently from its licence
/// (`rules::registration_change`): compared without spaces, with the
/// full-width brackets folded and ASCII case ignored. The rules also fold
/// full-width letters and digits, which SQL cannot portably; such a name is
/// flagged here and the row's own `registration_change` (from the rules)
/// then says no change is needed.
const REGISTRATION_CHANGE: &str = "(p.registered_institution_name IS NOT NULL
    AND TRIM(p.registered_institution_name) <> ''
    AND lower(replace(replace(replace(replace(p.registered_institution_name, ' ', ''), '　', ''), '（', '('), '）', ')'))
     <> lower(replace(replace(replace(replace(i.name, ' ', ''), '　', ''), '（', '('), '）', ')')))";

/// The roster's filters, as stored values.
#[derive(Debug, Default, Clone, PartialEq, Eq, Hash)]
pub struct RosterFilter {
    /// `physician` | `nurse`.
    pub kind: Option<String>,
    /// A practice status (snake_case).
    pub status: Option<String>,
    /// Only those who have not applied.
    pub not_applied: bool,
    /// A criterion code that must fail today.
    pub unmet: Option<String>,
    /// Only those needing a registration change.
    pub registration_change: bool,
    /// Lower-case text a name or username contains.
    pub search: Option<String>,
}

pub use rules::api::roster::RosterSort;

/// The ORDER BY of a sort (ids last, so a page is stable).
fn order_by(sort: RosterSort) -> &'static str {
    match sort {
        RosterSort::Name => "p.name, p.id",
        RosterSort::NameDesc => "p.name DESC, p.id DESC",
        RosterSort::Username => "lower(a.username), a.id",
        RosterSort::Status => "p.status, p.name, p.id",
    }
}

/// The WHERE clause of the roster: `$1` institution, `$2` today, `$3`–`$8`
/// the filters in [`RosterFilter`]'s order.
fn roster_where(filter: &RosterFilter) -> String {
    // Usernames are ASCII (`rules::Username`), so a search with any other
    // character (a Chinese name) cannot match one. Leaving the username out
    // then spares reading every account row: the searched roster's queries
    // cost less than half (measured on 5,000 staff, SQLite).
    let usernames = match &filter.search {
        Some(text) if text.is_ascii() => " OR lower(a.username) LIKE $8 ESCAPE '\\'",
        _ => "",
    };
    format!(
        "p.institution_id = $1
         AND ($3 IS NULL OR p.kind = $3)
         AND ($4 IS NULL OR p.status = $4)
         AND (NOT $5 OR NOT {APPLIED})
         AND ($6 IS NULL
              OR ($6 = 'qualification' AND {FAILS_QUALIFICATION})
              OR ($6 = 'activated' AND {FAILS_ACTIVATED})
              OR ($6 = 'status_normal' AND {FAILS_STATUS})
              OR ($6 = 'registration_valid' AND {FAILS_REGISTRATION})
              OR ($6 = 'photo' AND {FAILS_PHOTO}))
         AND (NOT $7 OR {REGISTRATION_CHANGE})
         AND ($8 IS NULL OR lower(p.name) LIKE $8 ESCAPE '\\'{usernames})"
    )
}

/// `LIKE` pattern for "contains `text`", its wildcards escaped.
pub fn contains_pattern(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for ch in text.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out.push('%');
    out
}

/// The counts of the whole filtered roster.
#[derive(Debug, Clone, Copy, Default, sqlx::FromRow)]
pub struct RosterTotals {
    /// Staff matching.
    pub total: i64,
    /// Of them, applied.
    pub applied: i64,
    /// Of them, eligible today.
    pub eligible: i64,
}

macro_rules! bind_filter {
    ($q:expr, $institution:expr, $today:expr, $f:expr, $search:expr) => {
        $q.bind($institution)
            .bind($today)
            .bind($f.kind.as_deref())
            .bind($f.status.as_deref())
            .bind($f.not_applied)
            .bind($f.unmet.as_deref())
            .bind($f.registration_change)
            .bind($search.as_deref())
    };
}

/// Totals of the filtered roster (accounts only, like the rows).
pub async fn totals(
    c: &mut impl AsConn,
    institution_id: i64,
    today: &str,
    filter: &RosterFilter,
) -> sqlx::Result<RosterTotals> {
    let sql = format!(
        "SELECT CAST(COUNT(*) AS BIGINT) AS total,
            CAST(COALESCE(SUM(CASE WHEN {APPLIED} THEN 1 ELSE 0 END), 0) AS BIGINT) AS applied,
            CAST(COALESCE(SUM(CASE WHEN {} THEN 1 ELSE 0 END), 0) AS BIGINT) AS eligible
         FROM accounts a {PROFILE_JOINS} WHERE {}",
        eligible(),
        roster_where(filter)
    );
    let search = filter.search.as_deref().map(contains_pattern);
    on!(c, |c| {
        bind_filter!(sqlx::query_as(&sql), institution_id, today, filter, search)
            .fetch_one(&mut *c)
            .await
    })
}

/// One page of the filtered roster: the full profile rows, whose checklists
/// the caller computes (only for these rows).
#[allow(clippy::too_many_arguments)]
pub async fn page(
    c: &mut impl AsConn,
    institution_id: i64,
    today: &str,
    filter: &RosterFilter,
    sort: RosterSort,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<(PractitionerRow, bool)>> {
    let sql = format!(
        "SELECT {PROFILE_COLUMNS}, {APPLIED} AS applied FROM accounts a {PROFILE_JOINS}
         WHERE {} ORDER BY {} LIMIT $9 OFFSET $10",
        roster_where(filter),
        order_by(sort)
    );
    let search = filter.search.as_deref().map(contains_pattern);
    let rows: Vec<RowWithApplied> = on!(c, |c| {
        bind_filter!(sqlx::query_as(&sql), institution_id, today, filter, search)
            .bind(limit)
            .bind(offset)
            .fetch_all(&mut *c)
            .await
    })?;
    Ok(rows.into_iter().map(|r| (r.profile, r.applied)).collect())
}

#[derive(sqlx::FromRow)]
struct RowWithApplied {
    #[sqlx(flatten)]
    profile: PractitionerRow,
    applied: bool,
}

/// Every row of the filtered roster, for the CSV export.
pub async fn all(
    c: &mut impl AsConn,
    institution_id: i64,
    today: &str,
    filter: &RosterFilter,
    sort: RosterSort,
) -> sqlx::Result<Vec<(PractitionerRow, bool)>> {
    page(c, institution_id, today, filter, sort, i64::MAX, 0).await
}

#[cfg(test)]
mod tests {
    #[test]
    fn search_wildcards_are_escaped() {
        assert_eq!(super::contains_pattern("li"), "%li%");
        assert_eq!(super::contains_pattern("5%_\\"), "%5\\%\\_\\\\%");
    }
}
