//! What the server keeps, for how long, and the purge that enforces it.
//!
//! | data | kept | why |
//! |---|---|---|
//! | sessions | until 30 min idle (administrators 15), 12 h at most; at most [`MAX_SESSIONS`] per account | signing in; an old device's session ends first |
//! | one-time codes (hash, contact, address) | [`CODES_DAYS`] days | the daily limits look back 24 h |
//! | recovery proofs | until they expire (15 min) | one password reset |
//! | outbox: recipient, channel, subject, template, delivery state, attempts, failure reason, times | [`OUTBOX_DAYS`] days | whether a message arrived; reminder figures |
//! | outbox: text and template parameters | until delivered or given up (outside demo mode) | they may hold a code; demo mode keeps them for `/api/dev/outbox` |
//! | reminders (who, when, about what, which message) | [`OUTBOX_DAYS`] days | one per person per day; sent / delivered / applied figures |
//! | failed-attempt counters (throttle key: username or address, count, block) | a day after the last attempt, once no block runs | sign-in and recovery limits, on every server |
//! | audit log | always (append-only, no secrets) | accountability of every account and review decision |
//!
//! Every server runs [`run`]; purges on several servers at once only delete
//! the same rows twice.

use std::time::Duration;

use crate::auth::session::{ABSOLUTE_SECS, ADMIN_IDLE_SECS, IDLE_SECS};
use crate::store::retention::{self, Purged};
use crate::store::Db;
use crate::Clock;

/// Live sessions one account may have; a new sign-in ends the oldest.
pub const MAX_SESSIONS: i64 = 5;
/// Days one-time codes are kept.
pub const CODES_DAYS: i64 = 2;
/// Days outbox messages and reminders are kept (texts are erased at
/// delivery outside demo mode, see `delivery.rs`).
pub const OUTBOX_DAYS: i64 = 90;
/// How often the purge runs.
pub const EVERY: Duration = Duration::from_secs(10 * 60);

const DAY: i64 = 24 * 3600;

/// Deletes everything past its keeping time, as of `now`.
pub async fn purge(db: &Db, now: i64) -> sqlx::Result<Purged> {
    let mut c = db.acquire().await?;
    Ok(Purged {
        sessions: retention::expired_sessions(
            &mut c,
            now - IDLE_SECS,
            now - ADMIN_IDLE_SECS,
            now - ABSOLUTE_SECS,
        )
        .await?,
        codes: retention::codes(&mut c, now - CODES_DAYS * DAY).await?,
        recovery_tokens: retention::recovery_tokens(&mut c, now).await?,
        outbox: retention::outbox(&mut c, now - OUTBOX_DAYS * DAY).await?,
        reminders: retention::reminders(&mut c, now - OUTBOX_DAYS * DAY).await?,
        throttles: crate::store::throttles::purge(
            &mut c,
            now - crate::auth::throttle::FORGET_AFTER_SECS,
            now,
        )
        .await?,
    })
}

/// Purges every [`EVERY`] until the process ends.
pub async fn run(db: Db, clock: std::sync::Arc<Clock>) {
    let mut tick = tokio::time::interval(EVERY);
    loop {
        tick.tick().await;
        match purge(&db, clock.now()).await {
            Ok(p) if p != Purged::default() => tracing::info!(?p, "retention purge"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "retention purge failed"),
        }
        // The follow-up's stale marks are taken when an authority looks;
        // counting the changed institutions here too keeps the marks of a
        // region nobody looks at from piling up.
        if let Err(e) = crate::store::follow_up::refresh_all(&db).await {
            tracing::warn!(error = %e, "follow-up counts refresh failed");
        }
        if let Err(e) = db.checkpoint().await {
            tracing::warn!(error = %e, "checkpoint failed");
        }
    }
}
