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
