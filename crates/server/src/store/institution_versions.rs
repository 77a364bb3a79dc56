//! The version of what an institution's roster, review queue and dashboard read,
//! raised by the triggers of migration 0020 on every change to it.

use super::AsConn;

/// The institution's version now (0 before its first change).
pub async fn current(c: &mut impl AsConn, institution_id: i64) -> sqlx::Result<i64> {
    const SQL: &str = "SELECT CAST(COALESCE((SELECT version FROM institution_versions
         WHERE institution_id = $1), 0) AS BIGINT)";
    fetch!(c, query_scalar(SQL), fetch_one, institution_id)
}
