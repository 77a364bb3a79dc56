//! Dates in the unit tests.

use chrono::NaiveDate;

/// The date `y-m-day` (a valid one: the tests write them).
pub(crate) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}
