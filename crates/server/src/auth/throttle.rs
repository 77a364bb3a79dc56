//! Throttling of guessable-secret checks (sign-in, password re-checks,
//! recovery by personal details or security answers): after a few attempts
//! each further one blocks the key for a growing while, capped, and never
//! permanently (a permanent lock would let anyone lock a colleague out).
//!
//! The counters are rows of the database (`store::throttles`), so every
//! server sees the same blocks and a restart forgets none. An attempt is
//! counted *before* the secret is checked ([`attempt`]): the database decides
//! in one statement whether it may go on, so parallel attempts cannot all be
//! checked before the first failure is recorded. A success then forgets the
//! key ([`succeeded`]); a failure leaves the attempt counted; an attempt that
//! proved to be no failure of that key is taken back ([`give_back`]).

use crate::error::{AppError, AppResult, Throttle};
use crate::store::{self, throttles::Rule, AsConn, Db};

/// Attempts allowed per key before the first block.
pub const FREE_ATTEMPTS: u32 = 5;
/// First block, doubled for every further attempt.
const BASE_BLOCK_SECS: i64 = 30;
/// Longest block.
const MAX_BLOCK_SECS: i64 = 15 * 60;
/// Attempts are forgotten after this long without any.
pub const FORGET_AFTER_SECS: i64 = 24 * 3600;

/// How many attempts a key allows, and how it blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// `free` attempts, then blocks of 30 s doubled per attempt up to 15 min.
    Growing(u32),
    /// `free` attempts, then a block of `secs`, after which the count starts
    /// again (security answers: 5 wrong sets lock the path a while).
    Fixed(u32, i64),
}

impl Limit {
    /// The default allowance of a sign-in or password check.
    pub const DEFAULT: Limit = Limit::Growing(FREE_ATTEMPTS);

    fn free(self) -> u32 {
        match self {
            Limit::Growing(free) | Limit::Fixed(free, _) => free.max(1),
        }
    }

    fn rule(self) -> Rule {
        match self {
            Limit::Growing(_) => Rule {
                free: self.free().into(),
                base_secs: BASE_BLOCK_SECS,
                doublings: doublings(BASE_BLOCK_SECS, MAX_BLOCK_SECS),
                max_secs: MAX_BLOCK_SECS,
                restart: false,
            },
            Limit::Fixed(_, secs) => Rule {
                free: self.free().into(),
                base_secs: secs,
                doublings: 0,
                max_secs: secs,
                restart: true,
            },
        }
    }
}

/// The number of doublings of `base` that reach `max`.
fn doublings(base: i64, max: i64) -> i64 {
    let mut n = 0;
    while (base << n) < max && n < 30 {
        n += 1;
    }
    n
}

/// An attempt counted on every key it was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    /// One of the keys is blocked from now on (this attempt reached its
    /// allowance): a failure now starts a wait.
    pub now_blocked: bool,
}

/// Counts an attempt on each of `keys` before the secret is checked, all or
/// nothing: when any key is blocked nothing is counted and the answer is 429
/// (`cause`) with the longest wait. It takes a connection of its own (a
/// transaction): call it before taking one.
pub async fn attempt(
    db: &Db,
    now: i64,
    cause: Throttle,
    keys: &[(&str, Limit)],
) -> AppResult<Counted> {
    let mut tx = db.begin().await?;
    let mut now_blocked = false;
    let mut wait: Option<i64> = None;
    for &(key, limit) in keys {
        store::throttles::forget_stale(&mut tx, key, now, now - FORGET_AFTER_SECS).await?;
        match store::throttles::count(&mut tx, key, now, limit.rule()).await? {
            Some(counted) => now_blocked |= counted.blocked_until > now,
            None => {
                let until = store::throttles::blocked_until(&mut tx, key).await?;
                wait = Some(wait.unwrap_or(0).max(until - now));
            }
        }
    }
    match wait {
        // Dropped: rolled back, nothing counted.
        Some(secs) => Err(AppError::Throttled {
            retry_after: secs.max(1) as u64,
            cause,
        }),
        None => {
            tx.commit().await?;
            Ok(Counted { now_blocked })
        }
    }
}

/// Forgets the key's attempts: the secret was right. (On the caller's
/// connection: a handler that holds one must not wait for a second.)
pub async fn succeeded(c: &mut impl AsConn, key: &str) -> AppResult<()> {
    store::throttles::reset(c, key).await?;
    Ok(())
}

/// Re-checks a signed-in account's password (`given` against its stored
/// `hash`), each check counted on `key` (one per account and purpose):
/// whether it is right, when its attempts are forgotten.
pub async fn password_recheck(
    db: &Db,
    now: i64,
    key: &str,
    given: &str,
    hash: String,
) -> AppResult<bool> {
    attempt(db, now, Throttle::Attempts, &[(key, Limit::DEFAULT)]).await?;
    let right = super::password::verify(given.to_owned(), hash).await?;
    if right {
        succeeded(&mut db.acquire().await?, key).await?;
    }
    Ok(right)
}

/// Takes back the attempt counted on `key` when it was no failure of that
/// key (a sign-in's address when the password was right).
pub async fn give_back(c: &mut impl AsConn, key: &str, limit: Limit) -> AppResult<()> {
    store::throttles::give_back(c, key, limit.free().into()).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_double_up_to_the_cap() {
        assert_eq!(doublings(30, 900), 5);
        assert_eq!(30 << 4, 480);
        assert_eq!(doublings(1800, 1800), 0);
        let rule = Limit::DEFAULT.rule();
        assert_eq!((rule.free, rule.max_secs, rule.restart), (5, 900, false));
        let rule = Limit::Fixed(5, 1800).rule();
        assert_eq!(
            (rule.base_secs, rule.doublings, rule.restart),
            (1800, 0, true)
        );
    }
}
