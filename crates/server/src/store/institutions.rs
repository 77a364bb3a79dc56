//! Institutions of the registry.

use super::AsConn;

/// An institution to insert (status normal, photo review required).
pub struct NewInstitution<'a> {
    /// Standard name.
    pub name: &'a str,
    /// Unified social credit code.
    pub credit_code: &'a str,
    /// Practice licence number.
    pub licence_number: &'a str,
    /// End of the practice licence, `YYYY-MM-DD`.
    pub licence_valid_until: &'a str,
    /// Region (2 digits).
    pub region: &'a str,
    /// Full division code (2, 4 or 6 digits); `None`: the region.
    pub division: Option<&'a str>,
}

/// Inserts an institution with status normal; returns its id.
pub async fn insert(c: &mut impl AsConn, i: &NewInstitution<'_>) -> sqlx::Result<i64> {
    const SQL: &str = "INSERT INTO institutions (name, credit_code, licence_number,
            licence_valid_until, status, region, photo_review_required, division)
         VALUES ($1, $2, $3, $4, 'normal', $5, TRUE, COALESCE($6, $5)) RETURNING id";
    fetch!(
        c,
        query_scalar(SQL),
        fetch_one,
        i.name,
        i.credit_code,
        i.licence_number,
        i.licence_valid_until,
        i.region,
        i.division
    )
}

/// Whether the institution reviews its staff's photos.
pub async fn photo_review_required(c: &mut impl AsConn, institution_id: i64) -> sqlx::Result<bool> {
    const SQL: &str = "SELECT photo_review_required FROM institutions WHERE id = $1";
    fetch!(c, query_scalar(SQL), fetch_one, institution_id)
}

/// What an institution's own licence checklist and licence read of it, from
/// the registry.
#[derive(sqlx::FromRow)]
pub struct LicenceFacts {
    /// Standard name.
    pub name: String,
    /// Unified social credit code.
    pub credit_code: String,
    /// Practice licence number.
    pub licence_number: String,
    /// End of the practice licence, `YYYY-MM-DD`.
    pub licence_valid_until: String,
    /// Status.
    pub status: String,
    /// Region (2 digits).
    pub region: String,
}

/// The institution's licence facts (under its lock when issuing).
pub async fn licence_facts(
    c: &mut impl AsConn,
    institution_id: i64,
) -> sqlx::Result<Option<LicenceFacts>> {
    const SQL: &str = "SELECT name, credit_code, licence_number, licence_valid_until, status,
            region
         FROM institutions WHERE id = $1";
    fetch!(c, query_as(SQL), fetch_optional, institution_id)
}

/// The institution's division code (its region's, when it has none of its
/// own): the campaign it follows.
pub async fn division(c: &mut impl AsConn, institution_id: i64) -> sqlx::Result<String> {
    const SQL: &str = "SELECT COALESCE(division, region) FROM institutions WHERE id = $1";
    fetch!(c, query_scalar(SQL), fetch_optional, institution_id).map(Option::unwrap_or_default)
}
