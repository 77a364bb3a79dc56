//! The campaigns every page and message reads (rules::campaign), from the
//! database through a short-lived copy in memory: `/me` and every HTML
//! shell need the table, and it changes a few times a year.

use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use rules::{AfterDeadline, Campaign};

use crate::error::{AppError, AppResult};
use crate::store::campaigns::CampaignRow;
use crate::store::{self, Db};
use crate::stored::parse_date;

/// How long a server answers from its copy: a change made through another
/// server shows here at most this much later.
pub const FRESH_FOR: Duration = Duration::from_secs(10);

/// The table, as last read.
#[derive(Default)]
pub struct Campaigns {
    copy: RwLock<Option<(Instant, Arc<Vec<Campaign>>)>>,
}

impl Campaigns {
    /// Every campaign, read again when the copy is older than [`FRESH_FOR`].
    pub async fn table(&self, db: &Db) -> AppResult<Arc<Vec<Campaign>>> {
        if let Some((read, table)) = &*self.copy.read().unwrap_or_else(|e| e.into_inner()) {
            if read.elapsed() < FRESH_FOR {
                return Ok(table.clone());
            }
        }
        self.fresh(db).await
    }

    /// Every campaign as stored now (and the copy renewed): for the
    /// authorities, who change them and must see and check against the
    /// table as it is, whichever server answers.
    pub async fn fresh(&self, db: &Db) -> AppResult<Arc<Vec<Campaign>>> {
        let rows = store::campaigns::all(&mut db.acquire().await?).await?;
        let table = Arc::new(
            rows.into_iter()
                .map(from_row)
                .collect::<AppResult<Vec<_>>>()?,
        );
        *self.copy.write().unwrap_or_else(|e| e.into_inner()) =
            Some((Instant::now(), table.clone()));
        Ok(table)
    }

    /// The campaign of a division code (the longest prefix that set one).
    pub async fn for_region(&self, db: &Db, region: &str) -> AppResult<Campaign> {
        Ok(rules::campaign_in(&self.table(db).await?, region).clone())
    }

    /// Forgets the copy after a change made through this server.
    pub fn forget(&self) {
        *self.copy.write().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

/// A stored row as the rules' campaign.
pub fn from_row(row: CampaignRow) -> AppResult<Campaign> {
    let date = |d: Option<String>| d.as_deref().map(parse_date).transpose();
    Ok(Campaign {
        institution_accounts_by: date(row.institution_accounts_by)?,
        e_license_by: parse_date(&row.e_license_by)?,
        registration_changes_by: date(row.registration_changes_by)?,
        after_deadline: AfterDeadline::from_code(&row.after_deadline).ok_or_else(|| {
            AppError::Internal(format!("stored consequence {:?}", row.after_deadline))
        })?,
        region_code: row.region_code.into(),
        name_zh: row.name_zh.into(),
        name_en: row.name_en.into(),
    })
}

/// The rules' campaign as a row to store.
pub fn to_row(c: &Campaign) -> CampaignRow {
    let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    CampaignRow {
        region_code: c.region_code.to_string(),
        name_zh: c.name_zh.trim().to_owned(),
        name_en: c.name_en.trim().to_owned(),
        institution_accounts_by: c.institution_accounts_by.map(day),
        e_license_by: day(c.e_license_by),
        registration_changes_by: c.registration_changes_by.map(day),
        after_deadline: c.after_deadline.code().to_owned(),
    }
}
