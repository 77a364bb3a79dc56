//! The current date as the rules see it.

use chrono::{NaiveDate, Utc};

/// Today in China Standard Time (UTC+8), the server's reference zone, so the
/// browser's checklist agrees with the server's wherever the phone's clock
/// zone is set.
pub fn today() -> NaiveDate {
    rules::china_time::date(Utc::now().timestamp())
}
