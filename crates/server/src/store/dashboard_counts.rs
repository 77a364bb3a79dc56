//! The dashboard's figures as aggregate queries, and its "who still needs
//! help" lists one page at a time: the server never loads every person of
//! the institution to count them. The criteria are those of
//! [`super::roster_page`] (the rules restated in SQL), over every registry
//! record, with or without an account.

use super::roster_page::{
    eligible, APPLIED, FAILS_ACTIVATED, FAILS_PHOTO, FAILS_QUALIFICATION, FAILS_REGISTRATION,
    FAILS_STATUS,
};
use super::AsConn;

/// The counts of one practitioner kind.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct KindCounts {
    /// `physician` | `nurse`.
    pub kind: String,
    /// Registry records.
    pub total: i64,
    /// With an account.
    pub registered: i64,
    /// Eligible today.
    pub eligible: i64,
    /// Applied.
    pub applied: i64,
    /// Failing the qualification.
    pub fails_qualification: i64,
    /// Failing activation.
    pub fails_activated: i64,
    /// Failing the status.
    pub fails_status: i64,
    /// Failing the registration's validity.
    pub fails_registration: i64,
    /// Failing the photo.
    pub fails_photo: i64,
    /// Registered without a photo, or with a rejected one.
    pub missing_photo: i64,
}

const FROM: &str = "FROM practitioners p JOIN institutions i ON i.id = p.institution_id
     LEFT JOIN accounts a ON a.practitioner_id = p.id";

fn count_when(predicate: &str) -> String {
    format!("CAST(COALESCE(SUM(CASE WHEN {predicate} THEN 1 ELSE 0 END), 0) AS BIGINT)")
}

/// Counts per kind of the institution's registry records (`today` as
/// `YYYY-MM-DD`).
pub async fn by_kind(
    c: &mut impl AsConn,
    institution_id: i64,
    today: &str,
) -> sqlx::Result<Vec<KindCounts>> {
    let sql = format!(
        "SELECT p.kind, CAST(COUNT(*) AS BIGINT) AS total, {} AS registered, {} AS eligible,
            {} AS applied, {} AS fails_qualification, {} AS fails_activated, {} AS fails_status,
            {} AS fails_registration, {} AS fails_photo, {} AS missing_photo
         {FROM} WHERE p.institution_id = $1 GROUP BY p.kind",
        count_when("a.id IS NOT NULL"),
        count_when(&eligible()),
        count_when(APPLIED),
        count_when(FAILS_QUALIFICATION),
        count_when(FAILS_ACTIVATED),
        count_when(FAILS_STATUS),
        count_when(FAILS_REGISTRATION),
        count_when(FAILS_PHOTO),
        count_when(HelpList::MissingPhoto.predicate()),
    );
    fetch!(c, query_as(&sql), fetch_all, institution_id, today)
}

/// A dashboard list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpList {
    /// Registered staff without a photo, or with a rejected one.
    MissingPhoto,
    /// Staff without an activated account (or without any).
    NotActivated,
}

impl HelpList {
    fn predicate(self) -> &'static str {
        match self {
            HelpList::MissingPhoto => {
                "(a.id IS NOT NULL AND (a.photo_state IS NULL OR a.photo_state = 'rejected'))"
            }
            HelpList::NotActivated => FAILS_ACTIVATED,
        }
    }
}

/// A person on a dashboard list.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct HelpRow {
    /// Registry id.
    pub practitioner_id: i64,
    /// Account, if any.
    pub account_id: Option<i64>,
    /// Name.
    pub name: String,
    /// `physician` | `nurse`.
    pub kind: String,
}

/// How many people are on the list.
pub async fn help_total(
    c: &mut impl AsConn,
    institution_id: i64,
    list: HelpList,
) -> sqlx::Result<i64> {
    let sql = format!(
        "SELECT CAST(COUNT(*) AS BIGINT) {FROM} WHERE p.institution_id = $1 AND {}",
        list.predicate()
    );
    fetch!(c, query_scalar(&sql), fetch_one, institution_id)
}

/// One page of the list, by name (the index on the institution's names
/// lets the page stop early).
pub async fn help_page(
    c: &mut impl AsConn,
    institution_id: i64,
    list: HelpList,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<HelpRow>> {
    let sql = format!(
        "SELECT p.id AS practitioner_id, a.id AS account_id, p.name, p.kind
         {FROM} WHERE p.institution_id = $1 AND {}
         ORDER BY p.name, p.id
         LIMIT $2 OFFSET $3",
        list.predicate()
    );
    fetch!(c, query_as(&sql), fetch_all, institution_id, limit, offset)
}
