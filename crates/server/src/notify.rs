//! Notifications (SMS and email) behind the [`Notifier`] trait. Demo mode
//! writes every message to the `outbox` table (readable at
//! `GET /api/dev/outbox`); there is no SMS gateway in this deployment, so
//! outside demo mode SMS are only logged (without their text, which may hold
//! a code).

use std::future::Future;
use std::pin::Pin;

use crate::error::AppResult;
use crate::store::{self, Db};

/// Channel of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// Text message to a mobile number.
    Sms,
    /// Email.
    Email,
}

impl Channel {
    /// The channel of a contact: email addresses contain `@`.
    pub fn of(contact: &str) -> Channel {
        if contact.contains('@') {
            Channel::Email
        } else {
            Channel::Sms
        }
    }
}

/// A message to one recipient.
#[derive(Debug, Clone)]
pub struct Message {
    /// Channel.
    pub channel: Channel,
    /// Phone number or email address.
    pub to: String,
    /// Subject (emails).
    pub subject: String,
    /// Text.
    pub body: String,
}

/// Boxed future of a send.
pub type SendFuture<'a> = Pin<Box<dyn Future<Output = AppResult<()>> + Send + 'a>>;

/// Something that delivers messages.
pub trait Notifier: Send + Sync {
    /// Delivers one message.
    fn send(&self, msg: Message) -> SendFuture<'_>;
}

/// Writes messages to the dev outbox table.
pub struct Outbox {
    db: Db,
    now: std::sync::Arc<crate::Clock>,
}

impl Outbox {
    /// An outbox in the given database.
    pub fn new(db: Db, now: std::sync::Arc<crate::Clock>) -> Outbox {
        Outbox { db, now }
    }
}

impl Notifier for Outbox {
    fn send(&self, msg: Message) -> SendFuture<'_> {
        Box::pin(async move {
            let channel = match msg.channel {
                Channel::Sms => "sms",
                Channel::Email => "email",
            };
            let mut c = self.db.acquire().await?;
            store::outbox::append(
                &mut c,
                channel,
                &msg.to,
                &msg.subject,
                &msg.body,
                self.now.now(),
            )
            .await?;
            Ok(())
        })
    }
}

/// Logs that a message would have been sent (no gateway configured).
pub struct LogOnly;

impl Notifier for LogOnly {
    fn send(&self, msg: Message) -> SendFuture<'_> {
        Box::pin(async move {
            tracing::warn!(channel = ?msg.channel, "no notification gateway configured; message dropped");
            Ok(())
        })
    }
}

/// Sends emails through one notifier and SMS through another.
pub struct Split {
    /// Emails.
    pub email: std::sync::Arc<dyn Notifier>,
    /// Text messages.
    pub sms: std::sync::Arc<dyn Notifier>,
}

impl Notifier for Split {
    fn send(&self, msg: Message) -> SendFuture<'_> {
        match msg.channel {
            Channel::Email => self.email.send(msg),
            Channel::Sms => self.sms.send(msg),
        }
    }
}

/// Sends every message through both notifiers (demo mode with SMTP: the
/// outbox keeps a copy).
pub struct Tee(
    pub std::sync::Arc<dyn Notifier>,
    pub std::sync::Arc<dyn Notifier>,
);

impl Notifier for Tee {
    fn send(&self, msg: Message) -> SendFuture<'_> {
        Box::pin(async move {
            self.0.send(msg.clone()).await?;
            self.1.send(msg).await
        })
    }
}

/// A message in both languages: notifications go out before we know which
/// language the person reads, so they carry both.
pub fn bilingual(zh: &str, en: &str) -> String {
    format!("{zh}\n{en}")
}

/// Messages handed to [`send_later`] and not delivered yet, per recipient.
static IN_FLIGHT: std::sync::Mutex<std::collections::BTreeMap<String, usize>> =
    std::sync::Mutex::new(std::collections::BTreeMap::new());
/// Woken whenever a message of [`send_later`] is done.
static DELIVERED: tokio::sync::Notify = tokio::sync::Notify::const_new();

/// Counts one message to `to` in flight until dropped.
struct InFlight(String);

impl InFlight {
    fn start(to: &str) -> InFlight {
        let mut map = IN_FLIGHT.lock().unwrap_or_else(|e| e.into_inner());
        *map.entry(to.to_owned()).or_default() += 1;
        InFlight(to.to_owned())
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let mut map = IN_FLIGHT.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = map.get_mut(&self.0) {
            *n -= 1;
            if *n == 0 {
                map.remove(&self.0);
            }
        }
        drop(map);
        DELIVERED.notify_waiters();
    }
}

/// Delivers a message after the answer: the request does not wait for the
/// gateway, so neither its time nor a delivery failure (logged here) tells
/// whether the message was sent at all, e.g. whether an account exists.
pub fn send_later(notifier: std::sync::Arc<dyn Notifier>, msg: Message) {
    let in_flight = InFlight::start(&msg.to);
    tokio::spawn(async move {
        let _in_flight = in_flight;
        let channel = msg.channel;
        if let Err(e) = notifier.send(msg).await {
            tracing::error!(?channel, error = %e, "notification not delivered");
        }
    });
}

/// Waits (up to 5 s) until every message to `to` handed to [`send_later`]
/// is delivered or failed: the dev outbox reads what was sent.
pub async fn settled(to: &str) {
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let woken = DELIVERED.notified();
        tokio::pin!(woken);
        woken.as_mut().enable();
        let pending = IN_FLIGHT
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains_key(to);
        if !pending || tokio::time::timeout_at(deadline, woken).await.is_err() {
            return;
        }
    }
}
