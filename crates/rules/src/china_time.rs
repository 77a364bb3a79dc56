//! China's time. Every date of the registry (a licence's validity, a
//! deadline, the day a photo waits since) is a date in China: Asia/Shanghai,
//! UTC+8 all year with no daylight saving time. The browser and the server
//! both turn Unix times into China's dates and times here, so a phone set to
//! another zone agrees with the server.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};

/// China's offset from UTC, in seconds.
pub const OFFSET_SECS: i32 = 8 * 3600;

/// China's offset from UTC.
pub fn offset() -> FixedOffset {
    FixedOffset::east_opt(OFFSET_SECS).expect("UTC+8 is a valid offset")
}

/// The wall-clock date and time in China of a Unix time (seconds); `None`
/// outside chrono's range. (The time shifted by the offset and read as UTC:
/// the same result as a time-zone conversion, with less date arithmetic in
/// the wasm.)
pub fn date_time(unix_secs: i64) -> Option<NaiveDateTime> {
    let shifted = unix_secs.checked_add(i64::from(OFFSET_SECS))?;
    DateTime::from_timestamp(shifted, 0).map(|t| t.naive_utc())
}

/// The date in China of a Unix time (seconds); the epoch's date outside
/// chrono's range (no Unix time a server reads is).
pub fn date(unix_secs: i64) -> NaiveDate {
    date_time(unix_secs).map(|t| t.date()).unwrap_or_default()
}

/// A Unix time as China's date and minute, `2026-11-30 08:05` (exports).
pub fn minute(unix_secs: i64) -> String {
    date_time(unix_secs)
        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chinese_day_starts_at_16_00_utc_the_day_before() {
        // 2026-11-30 15:59:59 UTC is 23:59:59 in China; one second later it is 1 December there.
        let before = 1_796_054_399;
        assert_eq!(date(before), NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
        assert_eq!(
            date(before + 1),
            NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
        );
        assert_eq!(minute(before + 1), "2026-12-01 00:00");
    }

    #[test]
    fn out_of_range_times_give_no_time() {
        assert!(date_time(i64::MAX).is_none());
        assert_eq!(minute(i64::MAX), "");
    }
}
