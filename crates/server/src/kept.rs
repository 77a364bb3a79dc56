//! Answers kept with the version of the data they were computed from
//! (`institution_versions`, raised by trigger on every change): the roster's
//! totals, the review queue's pages and the dashboard's counts of an
//! institution, which take a scan of its staff to count. A request reads the
//! version first (one indexed row) and reuses a kept answer only if it was
//! computed at that same version, so what any server answers is never older
//! than the version the request read: a change made through another server
//! is seen at once. Reading the version before computing makes a kept value
//! at most newer than its version, never older.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;

use crate::store::dashboard_counts::KindCounts;
use crate::store::review_queue::QueueRow;
use crate::store::roster_page::{RosterFilter, RosterTotals};

/// Values by key, each with the version it was computed at; at most
/// `capacity` of them (when full, every entry is forgotten: the next
/// requests count again).
pub struct Kept<K, V> {
    entries: Mutex<HashMap<K, (i64, V)>>,
    capacity: usize,
}

impl<K: Hash + Eq, V: Clone> Kept<K, V> {
    /// Keeps at most `capacity` values.
    pub fn new(capacity: usize) -> Self {
        Kept {
            entries: Mutex::new(HashMap::new()),
            capacity,
        }
    }

    /// The value kept for `key` if it was computed at `version`.
    pub fn get(&self, key: &K, version: i64) -> Option<V> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        match entries.get(key) {
            Some((at, value)) if *at == version => Some(value.clone()),
            _ => None,
        }
    }

    /// Keeps `value`, computed at `version` (read before computing it).
    pub fn put(&self, key: K, version: i64, value: V) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= self.capacity && !entries.contains_key(&key) {
            entries.clear();
        }
        entries.insert(key, (version, value));
    }

    /// How many values are kept.
    pub fn len(&self) -> usize {
        self.entries.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The roster totals' key: institution, today (`YYYY-MM-DD`, the
/// registration's validity depends on it) and filter.
pub type TotalsKey = (i64, String, RosterFilter);

/// The review queue page's key: institution, kind filter, limit, offset.
pub type QueueKey = (i64, Option<String>, i64, i64);

/// A review queue page: the photos and titles waiting, and the page's rows.
pub type QueuePage = (i64, i64, std::sync::Arc<Vec<QueueRow>>);

/// The dashboard counts' key: institution and today.
pub type DashboardKey = (i64, String);

/// What the institution pages keep. Bounded: a totals entry is a filter
/// (search text at most `rules::api::roster::MAX_SEARCH_CHARS`) and three
/// numbers, a queue page at most a page of short rows.
pub struct InstitutionViews {
    /// Roster totals per filter.
    pub roster_totals: Kept<TotalsKey, RosterTotals>,
    /// Review queue pages.
    pub review_pages: Kept<QueueKey, QueuePage>,
    /// The dashboard's counts per kind.
    pub dashboard_counts: Kept<DashboardKey, std::sync::Arc<Vec<KindCounts>>>,
}

impl Default for InstitutionViews {
    fn default() -> Self {
        InstitutionViews {
            roster_totals: Kept::new(4096),
            review_pages: Kept::new(1024),
            dashboard_counts: Kept::new(1024),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Kept;

    #[test]
    fn a_value_is_reused_only_at_its_version() {
        let kept = Kept::new(8);
        kept.put("a", 3, 30);
        assert_eq!(kept.get(&"a", 3), Some(30));
        assert_eq!(kept.get(&"a", 4), None, "a newer version counts again");
        assert_eq!(kept.get(&"b", 3), None);
        kept.put("a", 4, 40);
        assert_eq!(kept.get(&"a", 4), Some(40));
        assert_eq!(kept.get(&"a", 3), None);
    }

    #[test]
    fn it_never_holds_more_than_its_capacity() {
        let kept = Kept::new(3);
        for i in 0..100 {
            kept.put(i, 1, i);
            assert!(kept.len() <= 3);
        }
        assert_eq!(kept.get(&99, 1), Some(99), "the latest value is kept");
        kept.put(99, 2, 0);
        assert!(kept.len() <= 3);
    }
}
