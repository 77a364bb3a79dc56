//! What demo seeding writes beyond the ordinary stores: the seeding lock and
//! the demo registry's extra facts.

use super::AsConn;

/// Makes concurrent seeders of one database take turns (two servers starting
/// at once on an empty PostgreSQL database): held until the transaction ends.
/// On SQLite the write transaction (`BEGIN IMMEDIATE`) is already exclusive.
pub async fn lock_seeding(c: &mut impl AsConn) -> sqlx::Result<()> {
    match c.conn() {
        super::Conn::Sqlite(_) => Ok(()),
        super::Conn::Postgres(c) => {
            // Any fixed key: only seeding takes this lock.
            sqlx::query("SELECT pg_advisory_xact_lock(4403140001)")
                .execute(&mut *c)
                .await
                .map(|_| ())
        }
    }
}

/// How many institutions the registry holds.
pub async fn institution_count(c: &mut impl AsConn) -> sqlx::Result<i64> {
    fetch!(
        c,
        query_scalar("SELECT COUNT(*) FROM institutions"),
        fetch_one
    )
}

/// Runs one of the demo's fixed registry updates: `sql` binds `$1` (a date,
/// `YYYY-MM-DD`) and `$2` (a certificate number).
pub async fn update_practitioner(
    c: &mut impl AsConn,
    sql: &str,
    date: &str,
    certificate: &str,
) -> sqlx::Result<()> {
    execute!(c, sql, date, certificate)?;
    Ok(())
}
