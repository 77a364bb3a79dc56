//! The current date as the rules see it.

use chrono::{FixedOffset, NaiveDate, Utc};

/// Today in China Standard Time (UTC+8), the server's reference zone, so the
/// browser's checklist agrees with the server's wherever the phone's clock
/// zone is set.
pub fn today() -> NaiveDate {
    let cst = FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset");
    Utc::now().with_timezone(&cst).date_naive()
}
