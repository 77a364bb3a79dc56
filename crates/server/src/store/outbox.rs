//! The outbox: every message the portal sends, written in the transaction of
//! the change that causes it, then claimed and delivered by the workers of
//! `delivery.rs` (queued → sent, or failed with the reason).

use super::AsConn;

/// A message to queue.
#[derive(Debug, Clone)]
pub struct NewMessage<'a> {
    /// `sms` or `email`.
    pub channel: &'a str,
    /// Phone number or email address.
    pub recipient: &'a str,
    /// Subject (emails).
    pub subject: &'a str,
    /// Text.
    pub body: &'a str,
    /// Provider template name (SMS).
    pub template: &'a str,
    /// Template parameters, a JSON array of strings.
    pub params: &'a str,
    /// Random unique key (the email's Message-ID).
    pub message_key: &'a str,
}

/// Queues a message, due now; returns its id.
pub async fn enqueue(c: &mut impl AsConn, m: &NewMessage<'_>, now: i64) -> sqlx::Result<i64> {
    const SQL: &str = "INSERT INTO outbox (channel, recipient, subject, body, created_at,
             state, template, params, message_key, attempts, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, 'queued', $6, $7, $8, 0, $5)
         RETURNING id";
    fetch!(
        c,
        query_scalar(SQL),
        fetch_one,
        m.channel,
        m.recipient,
        m.subject,
        m.body,
        now,
        m.template,
        m.params,
        m.message_key
    )
}

/// A message a worker claimed.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Claimed {
    /// Row id.
    pub id: i64,
    /// `sms` or `email`.
    pub channel: String,
    /// Recipient.
    pub recipient: String,
    /// Subject.
    pub subject: String,
    /// Text.
    pub body: String,
    /// Template name.
    pub template: String,
    /// Template parameters (JSON array).
    pub params: String,
    /// Message-ID key.
    pub message_key: Option<String>,
    /// Attempts including this one.
    pub attempts: i64,
}

/// Claims the next due message for `lease_secs`: one conditional update, so
/// of several workers (on several servers) exactly one gets a given row; a
/// worker that died mid-send gives its rows back when the lease ends.
/// `None` when nothing is due (or another worker won the race: call again).
pub async fn claim(
    c: &mut impl AsConn,
    now: i64,
    lease_secs: i64,
) -> sqlx::Result<Option<Claimed>> {
    const SQL: &str = "UPDATE outbox SET lease_until = $1 + $2, attempts = attempts + 1
         WHERE id = (SELECT id FROM outbox
                     WHERE state = 'queued' AND next_attempt_at <= $1
                       AND (lease_until IS NULL OR lease_until <= $1)
                     ORDER BY next_attempt_at, id LIMIT 1)
           AND state = 'queued' AND (lease_until IS NULL OR lease_until <= $1)
         RETURNING id, channel, recipient, subject, body, template, params, message_key, attempts";
    fetch!(c, query_as(SQL), fetch_optional, now, lease_secs)
}

/// Whether any message is still queued (due or not): tests and the dev
/// outbox wait on it.
pub async fn queued_count(c: &mut impl AsConn) -> sqlx::Result<i64> {
    const SQL: &str = "SELECT COUNT(*) FROM outbox WHERE state = 'queued'";
    on!(c, |c| sqlx::query_scalar(SQL).fetch_one(&mut *c).await)
}

/// The claimed message was delivered. With `erase` the text and parameters
/// are blanked (they may hold a code; only demo mode keeps them readable).
pub async fn mark_sent(c: &mut impl AsConn, id: i64, now: i64, erase: bool) -> sqlx::Result<()> {
    const SQL: &str = "UPDATE outbox SET state = 'sent', sent_at = $2, lease_until = NULL,
             failure = NULL,
             body = CASE WHEN $3 THEN '' ELSE body END,
             params = CASE WHEN $3 THEN '[]' ELSE params END
         WHERE id = $1";
    execute!(c, SQL, id, now, erase)?;
    Ok(())
}

/// The attempt failed; the message is tried again at `next_at`.
pub async fn retry(c: &mut impl AsConn, id: i64, next_at: i64, reason: &str) -> sqlx::Result<()> {
    const SQL: &str = "UPDATE outbox SET next_attempt_at = $2, lease_until = NULL, failure = $3
         WHERE id = $1 AND state = 'queued'";
    execute!(c, SQL, id, next_at, reason)?;
    Ok(())
}

/// The message will not be delivered (a permanent refusal, or too many
/// attempts): kept as failed with the reason.
pub async fn mark_failed(
    c: &mut impl AsConn,
    id: i64,
    reason: &str,
    erase: bool,
) -> sqlx::Result<()> {
    const SQL: &str = "UPDATE outbox SET state = 'failed', lease_until = NULL, failure = $2,
             body = CASE WHEN $3 THEN '' ELSE body END,
             params = CASE WHEN $3 THEN '[]' ELSE params END
         WHERE id = $1";
    execute!(c, SQL, id, reason, erase)?;
    Ok(())
}

/// A message as the dev outbox and the tests read it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Row {
    /// Row id.
    pub id: i64,
    /// `sms` or `email`.
    pub channel: String,
    /// Recipient.
    pub recipient: String,
    /// Subject.
    pub subject: String,
    /// Text.
    pub body: String,
    /// Queued at.
    pub created_at: i64,
    /// `queued`, `sent` or `failed`.
    pub state: String,
    /// Attempts so far.
    pub attempts: i64,
    /// Why the last attempt failed.
    pub failure: Option<String>,
}

/// The latest `limit` messages to a recipient, newest first.
pub async fn latest(c: &mut impl AsConn, recipient: &str, limit: i64) -> sqlx::Result<Vec<Row>> {
    const SQL: &str = "SELECT id, channel, recipient, subject, body, created_at, state, attempts,
             failure
         FROM outbox WHERE recipient = $1 ORDER BY id DESC LIMIT $2";
    fetch!(c, query_as(SQL), fetch_all, recipient, limit)
}
