//! Progressive throttling of failed attempts (sign-in, security answers):
//! after a few free failures each further one blocks the key for a growing
//! while, capped, and never permanently (a permanent lock would let anyone
//! lock a colleague out).

use std::collections::HashMap;
use std::sync::Mutex;

/// Failures tolerated per key before delays start.
const FREE_FAILURES: u32 = 5;
/// First block, doubled for every further failure.
const BASE_BLOCK_SECS: i64 = 30;
/// Longest block.
const MAX_BLOCK_SECS: i64 = 15 * 60;
/// Failures are forgotten after this long without any.
const FORGET_AFTER_SECS: i64 = 24 * 3600;

#[derive(Debug, Clone, Copy)]
struct Entry {
    failures: u32,
    blocked_until: i64,
    last_failure: i64,
}

/// Failure counters per key (e.g. `user:zhangwei`, `ip:10.0.0.1`).
#[derive(Debug, Default)]
pub struct Throttle {
    entries: Mutex<HashMap<String, Entry>>,
}

impl Throttle {
    /// `Err(seconds)` while the key is blocked.
    pub fn check(&self, key: &str, now: i64) -> Result<(), u64> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        match entries.get(key) {
            Some(e) if e.blocked_until > now => Err((e.blocked_until - now) as u64),
            _ => Ok(()),
        }
    }

    /// Records a failure; with `free` failures tolerated before blocking.
    pub fn fail(&self, key: &str, now: i64, free: u32) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        // Keep the map bounded: forget stale keys.
        if entries.len() > 100_000 {
            entries.retain(|_, e| now - e.last_failure < FORGET_AFTER_SECS);
        }
        let e = entries.entry(key.to_owned()).or_insert(Entry {
            failures: 0,
            blocked_until: 0,
            last_failure: now,
        });
        if now - e.last_failure > FORGET_AFTER_SECS {
            e.failures = 0;
        }
        e.failures += 1;
        e.last_failure = now;
        if e.failures > free {
            let exp = (e.failures - free - 1).min(10);
            e.blocked_until = now + (BASE_BLOCK_SECS << exp).min(MAX_BLOCK_SECS);
        }
    }

    /// Records a failure; after `free` failures the key is blocked for a
    /// fixed `secs` (security answers: 5 wrong tries lock the path a while).
    pub fn fail_lock(&self, key: &str, now: i64, free: u32, secs: i64) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let e = entries.entry(key.to_owned()).or_insert(Entry {
            failures: 0,
            blocked_until: 0,
            last_failure: now,
        });
        e.failures += 1;
        e.last_failure = now;
        if e.failures >= free {
            e.blocked_until = now + secs;
            e.failures = 0;
        }
    }

    /// Records a failure with the default allowance.
    pub fn fail_default(&self, key: &str, now: i64) {
        self.fail(key, now, FREE_FAILURES)
    }

    /// Forgets the key's failures (after a success).
    pub fn reset(&self, key: &str) {
        self.entries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_grow_and_end() {
        let t = Throttle::default();
        for _ in 0..5 {
            t.fail_default("k", 0);
        }
        assert!(t.check("k", 0).is_ok());
        t.fail_default("k", 0);
        assert_eq!(t.check("k", 0), Err(30));
        assert!(t.check("k", 31).is_ok());
        t.fail_default("k", 31);
        assert_eq!(t.check("k", 31), Err(60));
        for _ in 0..20 {
            t.fail_default("k", 100);
        }
        assert_eq!(t.check("k", 100), Err(MAX_BLOCK_SECS as u64));
        assert!(t.check("k", 100 + MAX_BLOCK_SECS).is_ok());
        t.reset("k");
        assert!(t.check("k", 100).is_ok());
    }
}
