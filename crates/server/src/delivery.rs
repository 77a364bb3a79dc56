//! The delivery workers: claim a due message of the outbox with a lease,
//! hand it to the transport, and record the outcome: sent, tried again later
//! (backoff doubling from `PORTAL_OUTBOX_RETRY_SECS`, at most
//! [`MAX_ATTEMPTS`] attempts), or failed with the reason.
//!
//! Several workers, on one server or several, never deliver one message
//! twice while its lease runs: the claim is one conditional `UPDATE …
//! RETURNING` that only one of them wins. A worker that dies between the
//! transport's acceptance and recording it gives the row back when the lease
//! ends, and the next attempt carries the same `Message-ID`.

use std::sync::Arc;
use std::time::Duration;

use crate::notify::{self, Channel, Failure, Message, Notifier};
use crate::store::{self, Db};
use crate::Clock;

/// Attempts before a message is given up as failed.
pub const MAX_ATTEMPTS: i64 = 8;
/// How long a claimed message belongs to its worker: longer than any
/// transport's timeout (SMTP and SMS are 10 s).
pub const LEASE_SECS: i64 = 120;
/// Longest wait between two attempts.
pub const MAX_BACKOFF_SECS: i64 = 3600;

/// One delivery worker.
#[derive(Clone)]
pub struct Worker {
    /// The database holding the outbox.
    pub db: Db,
    /// Clock (tests move it).
    pub clock: Arc<Clock>,
    /// Where messages go.
    pub transport: Arc<dyn Notifier>,
    /// Wait after the first failure (doubling after each).
    pub retry_secs: i64,
    /// Keep texts after delivery (demo mode: the dev outbox shows them).
    pub keep_texts: bool,
}

/// What one step of a worker did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Nothing was due.
    Idle,
    /// A message was delivered.
    Sent,
    /// An attempt failed; the message is tried again later.
    Retried,
    /// The message was given up.
    Failed,
}

impl Worker {
    /// Claims and delivers at most one due message.
    pub async fn step(&self) -> sqlx::Result<Step> {
        let now = self.clock.now();
        let claimed = store::outbox::claim(&mut self.db.acquire().await?, now, LEASE_SECS).await?;
        let Some(row) = claimed else {
            return Ok(Step::Idle);
        };
        let msg = Message {
            channel: if row.channel == "email" {
                Channel::Email
            } else {
                Channel::Sms
            },
            to: row.recipient,
            subject: row.subject,
            body: row.body,
            template: row.template,
            params: serde_json::from_str(&row.params).unwrap_or_default(),
            key: row
                .message_key
                .unwrap_or_else(|| format!("outbox-{}", row.id)),
        };
        let channel = msg.channel;
        let outcome = self.transport.send(msg).await;
        let mut c = self.db.acquire().await?;
        let erase = !self.keep_texts;
        Ok(match outcome {
            Ok(()) => {
                store::outbox::mark_sent(&mut c, row.id, self.clock.now(), erase).await?;
                tracing::info!(id = row.id, ?channel, "message delivered");
                Step::Sent
            }
            Err(Failure::Transient(reason)) if row.attempts < MAX_ATTEMPTS => {
                let wait = backoff(self.retry_secs, row.attempts);
                tracing::warn!(id = row.id, ?channel, %reason, wait, "delivery failed; will retry");
                store::outbox::retry(&mut c, row.id, self.clock.now() + wait, &reason).await?;
                Step::Retried
            }
            Err(Failure::Transient(reason) | Failure::Permanent(reason)) => {
                tracing::error!(id = row.id, ?channel, %reason, "message not delivered");
                store::outbox::mark_failed(&mut c, row.id, &reason, erase).await?;
                Step::Failed
            }
        })
    }

    /// Delivers due messages until the process ends: right away when a
    /// message is queued on this server, otherwise polling every second
    /// (messages queued by other servers, retries coming due).
    pub async fn run(self) {
        loop {
            match self.step().await {
                Ok(Step::Idle) => notify::woken(Duration::from_secs(1)).await,
                Ok(_) => {}
                Err(e) => {
                    tracing::error!(error = %e, "outbox worker: database error");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    }
}

/// The wait after the `attempts`-th failed attempt: `base`, doubling, at
/// most [`MAX_BACKOFF_SECS`].
pub fn backoff(base: i64, attempts: i64) -> i64 {
    let doublings = attempts.clamp(1, 20) - 1;
    base.max(0)
        .saturating_mul(1 << doublings)
        .min(MAX_BACKOFF_SECS)
}

/// Starts `n` workers.
pub fn spawn(worker: &Worker, n: usize) {
    for _ in 0..n {
        tokio::spawn(worker.clone().run());
    }
}

#[cfg(test)]
mod tests {
    use super::backoff;

    #[test]
    fn backoff_doubles_up_to_an_hour() {
        assert_eq!(backoff(30, 1), 30);
        assert_eq!(backoff(30, 2), 60);
        assert_eq!(backoff(30, 3), 120);
        assert_eq!(backoff(30, 8), 3600);
        assert_eq!(backoff(0, 5), 0);
    }
}
