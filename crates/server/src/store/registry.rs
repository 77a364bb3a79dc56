//! The registry import: institutions by credit code, the numbers already
//! registered (it inserts the records with `practitioners::insert`).

use super::AsConn;

/// Every institution: (credit code, id).
pub async fn institutions_by_credit_code(c: &mut impl AsConn) -> sqlx::Result<Vec<(String, i64)>> {
    const SQL: &str = "SELECT credit_code, id FROM institutions";
    on!(c, |c| sqlx::query_as(SQL).fetch_all(&mut *c).await)
}

/// Every registry record's (ID number, practice certificate number).
pub async fn registered_numbers(c: &mut impl AsConn) -> sqlx::Result<Vec<(String, String)>> {
    const SQL: &str = "SELECT id_number, certificate_number FROM practitioners";
    on!(c, |c| sqlx::query_as(SQL).fetch_all(&mut *c).await)
}
