//! The server's clock. Time-dependent rules (OTP expiry, session idle time,
//! registration validity) read it here so tests can move it forward.

use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{NaiveDate, Utc};

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
        rules::china_time::date(self.now())
    }

    /// Moves the clock forward (tests).
    pub fn advance(&self, secs: i64) {
        self.offset_secs.fetch_add(secs, Ordering::Relaxed);
    }
}
