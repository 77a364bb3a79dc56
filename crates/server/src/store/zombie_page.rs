//! The zombie candidates (僵尸户清理), one page at a time: the registry
//! records the rules would propose (`rules::propose_candidates`) filtered,
//! counted and paged in the database, so a hospital-sized institution
//! answers one page instead of computing every person (issue 23).
//!
//! Each reason is restated here as an SQL predicate over the stored facts;
//! the caller still asks the rules for the reasons of the page's rows. The
//! test `zombie_sql_reasons_agree_with_the_rules` compares both on a
//! generated institution, so the two cannot drift apart unnoticed.

use super::roster::RegistryRow;
use super::AsConn;

/// The status allows filing (备案): normal or suspended.
const MAY_FILE: &str = "p.status IN ('normal', 'suspended')";

/// Each reason's code and its predicate: `$2` today, `$3` the two-year
/// cutoff (`rules::two_years_cutoff`), both `YYYY-MM-DD`.
fn reasons() -> Vec<(&'static str, String)> {
    vec![
        (
            "zombie.physician.dead",
            "(p.kind <> 'nurse' AND p.deceased)".into(),
        ),
        (
            "zombie.physician.declared_missing",
            "(p.kind <> 'nurse' AND p.declared_missing)".into(),
        ),
        (
            "zombie.physician.criminally_punished",
            "(p.kind <> 'nurse' AND p.criminally_punished)".into(),
        ),
        (
            "zombie.physician.suspended_two_years",
            "(p.kind <> 'nurse' AND p.status IN ('filed', 'suspended')
              AND p.status_since IS NOT NULL AND p.status_since <= $3)"
                .into(),
        ),
        (
            "zombie.physician.retired",
            format!("(p.kind <> 'nurse' AND {MAY_FILE} AND p.retired AND NOT p.rehired)"),
        ),
        (
            "zombie.physician.unreachable",
            format!("(p.kind <> 'nurse' AND {MAY_FILE} AND NOT p.last_contact_ok)"),
        ),
        (
            "zombie.nurse.dead",
            "(p.kind = 'nurse' AND p.deceased)".into(),
        ),
        (
            "zombie.nurse.no_civil_capacity",
            "(p.kind = 'nurse' AND p.no_civil_capacity)".into(),
        ),
        (
            "zombie.nurse.criminally_punished",
            "(p.kind = 'nurse' AND p.criminally_punished)".into(),
        ),
        (
            "zombie.nurse.expired_not_renewed",
            "(p.kind = 'nurse' AND p.registration_valid_until IS NOT NULL
              AND p.registration_valid_until < $2 AND NOT p.renewal_pending)"
                .into(),
        ),
        (
            "zombie.nurse.unreachable",
            format!("(p.kind = 'nurse' AND {MAY_FILE} AND NOT p.last_contact_ok)"),
        ),
    ]
}

/// The WHERE clause: `$1` institution, `$2` today, `$3` cutoff, `$4` kind,
/// `$5` reason code, `$6` name pattern. Not cancelled, some reason holds,
/// and no case waits for the authority (the case list shows those).
fn zombie_where() -> String {
    let all = reasons();
    let any = all
        .iter()
        .map(|(_, p)| p.as_str())
        .collect::<Vec<_>>()
        .join(" OR ");
    let chosen = all
        .iter()
        .map(|(code, p)| format!("($5 = '{code}' AND {p})"))
        .collect::<Vec<_>>()
        .join(" OR ");
    format!(
        "p.institution_id = $1 AND p.status <> 'cancelled'
         AND ({any})
         AND NOT EXISTS (SELECT 1 FROM deregistrations d
                         WHERE d.practitioner_id = p.id AND d.state = 'pending')
         AND ($4 IS NULL OR p.kind = $4)
         AND ($5 IS NULL OR {chosen})
         AND ($6 IS NULL OR lower(p.name) LIKE $6 ESCAPE '\\')"
    )
}

/// The candidates' filters, as stored values.
#[derive(Debug, Default, Clone)]
pub struct ZombieFilter {
    /// `physician` | `nurse`.
    pub kind: Option<String>,
    /// A reason code (`rules::ZombieReason`) that must hold.
    pub reason: Option<String>,
    /// A `LIKE` pattern the lower-case name matches.
    pub name_pattern: Option<String>,
}

macro_rules! bind_filter {
    ($q:expr, $institution:expr, $today:expr, $cutoff:expr, $f:expr) => {
        $q.bind($institution)
            .bind($today)
            .bind($cutoff)
            .bind($f.kind.as_deref())
            .bind($f.reason.as_deref())
            .bind($f.name_pattern.as_deref())
    };
}

/// How many candidates the filters leave.
pub async fn count(
    c: &mut impl AsConn,
    institution_id: i64,
    today: &str,
    cutoff: &str,
    filter: &ZombieFilter,
) -> sqlx::Result<i64> {
    let sql = format!(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM practitioners p WHERE {}",
        zombie_where()
    );
    on!(c, |c| {
        bind_filter!(
            sqlx::query_scalar(&sql),
            institution_id,
            today,
            cutoff,
            filter
        )
        .fetch_one(&mut *c)
        .await
    })
}

/// One page of candidates, by name, with the facts the rules read.
pub async fn page(
    c: &mut impl AsConn,
    institution_id: i64,
    today: &str,
    cutoff: &str,
    filter: &ZombieFilter,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<RegistryRow>> {
    let sql = format!(
        "SELECT p.id, p.name, p.kind, p.level, p.status, p.status_since,
            p.registration_valid_until, p.renewal_pending, p.retired, p.rehired, p.deceased,
            p.declared_missing, p.criminally_punished, p.no_civil_capacity, p.last_contact_ok
         FROM practitioners p WHERE {} ORDER BY p.name, p.id LIMIT $7 OFFSET $8",
        zombie_where()
    );
    on!(c, |c| {
        bind_filter!(sqlx::query_as(&sql), institution_id, today, cutoff, filter)
            .bind(limit)
            .bind(offset)
            .fetch_all(&mut *c)
            .await
    })
}
