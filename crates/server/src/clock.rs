//! The server's clock. Time-dependent rules (OTP expiry, session idle time,
//! registration validity) read it here so tests can move it forward.

use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{FixedOffset, NaiveDate, Utc};

/// The date in China (Asia/Shanghai is UTC+8 all year, no DST) of a Unix
/// time: the date every rule of the registry is stated in.
pub fn china_date(unix_secs: i64) -> NaiveDate {
    let shanghai = FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset");
    chrono::DateTime::from_timestamp(unix_secs, 0)
        .unwrap_or_default()
        .with_timezone(&shanghai)
        .date_naive()
}

/// Wall-clock time plus an offset that only tests change.
#[derive(Debug, Default)]
pub struct Clock {
    offset_secs: AtomicI64,
}

impl Clock {
    /// Seconds since the Unix epoch.
    pub fn now(&self) -> i64 {
        Utc::now().timestamp() + self.offset_secs.load(Ordering::Relaxed)
    }

    /// Today's date in China.
    pub fn today(&self) -> NaiveDate {
        china_date(self.now())
    }

    /// Moves the clock forward (tests).
    pub fn advance(&self, secs: i64) {
        self.offset_secs.fetch_add(secs, Ordering::Relaxed);
    }
}
