//! The campaigns (rules::campaign) of every region, as the health
//! authorities set them.

use super::AsConn;

/// One stored campaign; dates as `YYYY-MM-DD`.
#[derive(sqlx::FromRow)]
pub struct CampaignRow {
    /// Division code prefix ('' national).
    pub region_code: String,
    /// Region name, Chinese.
    pub name_zh: String,
    /// Region name, English.
    pub name_en: String,
    /// Institution accounts due.
    pub institution_accounts_by: Option<String>,
    /// E-licenses due.
    pub e_license_by: String,
    /// Registration changes due.
    pub registration_changes_by: Option<String>,
    /// `rules::AfterDeadline` code.
    pub after_deadline: String,
}

/// Every campaign (one per region that set one: a short table).
pub async fn all(c: &mut impl AsConn) -> sqlx::Result<Vec<CampaignRow>> {
    const SQL: &str = "SELECT region_code, name_zh, name_en, institution_accounts_by,
            e_license_by, registration_changes_by, after_deadline
         FROM campaigns ORDER BY region_code";
    on!(c, |c| sqlx::query_as(SQL).fetch_all(&mut *c).await)
}

/// Sets the campaign of `row.region_code`, by the authority account `by`
/// (none: the demo seed).
pub async fn upsert(
    c: &mut impl AsConn,
    row: &CampaignRow,
    by: Option<i64>,
    now: i64,
) -> sqlx::Result<()> {
    const SQL: &str = "INSERT INTO campaigns (region_code, name_zh, name_en,
            institution_accounts_by, e_license_by, registration_changes_by, after_deadline,
            updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (region_code) DO UPDATE SET name_zh = excluded.name_zh,
            name_en = excluded.name_en,
            institution_accounts_by = excluded.institution_accounts_by,
            e_license_by = excluded.e_license_by,
            registration_changes_by = excluded.registration_changes_by,
            after_deadline = excluded.after_deadline,
            updated_by = excluded.updated_by, updated_at = excluded.updated_at";
    execute!(
        c,
        SQL,
        &row.region_code,
        &row.name_zh,
        &row.name_en,
        &row.institution_accounts_by,
        &row.e_license_by,
        &row.registration_changes_by,
        &row.after_deadline,
        by,
        now
    )?;
    Ok(())
}

/// Demo mode: replaces every campaign (the seed's dates counted from the
/// day the demo seeds).
pub async fn replace_all(c: &mut impl AsConn, rows: &[CampaignRow], now: i64) -> sqlx::Result<()> {
    execute!(c, "DELETE FROM campaigns")?;
    for row in rows {
        upsert(c, row, None, now).await?;
    }
    Ok(())
}
