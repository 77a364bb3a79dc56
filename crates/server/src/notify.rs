//! Notifications (SMS and email). A handler never sends: it [`enqueue`]s the
//! message in the transaction of the change that causes it, and the workers
//! of [`crate::delivery`] hand it to a [`Notifier`] after the answer (so a
//! slow or failing gateway neither delays the request nor tells whether an
//! account exists), retrying with backoff.
//!
//! Transports: SMTP for emails ([`crate::smtp`]), Tencent Cloud SMS for text
//! messages ([`crate::sms`]); in demo mode a channel without a transport is
//! "delivered" to the outbox table itself (`GET /api/dev/outbox`), outside
//! demo mode its messages fail with "no gateway configured".

use std::future::Future;
use std::pin::Pin;

use rand::RngCore;

use crate::store::{self, AsConn};

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

    /// The outbox's name of the channel.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Sms => "sms",
            Channel::Email => "email",
        }
    }
}

/// SMS providers in China send only pre-approved templates with parameters:
/// each message names its template (configured to a provider template id,
/// see `PORTAL_SMS_TEMPLATES`) and carries the parameters the template
/// fills in. Emails use the subject and the bilingual text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    /// A verification code; parameters: the code, its validity in minutes.
    Code,
    /// Someone tried to register with the details of an existing account.
    RegisterAttempt,
    /// The account was deleted by its institution; parameter: institution.
    AccountDeleted,
    /// A password recovery was started.
    RecoveryStarted,
    /// The password was reset.
    PasswordReset,
    /// The account's contact was changed; parameter: the new contact, masked.
    ContactChanged,
    /// A reminder from the institution; parameters: the institution, the
    /// deadline (YYYY-MM-DD), the one thing to do.
    Reminder,
    /// An institution administrator account issued by the authority;
    /// parameters: the username, the one-time password.
    AccountIssued,
    /// The account's security questions were changed.
    QuestionsChanged,
}

impl Template {
    /// The name in `PORTAL_SMS_TEMPLATES` and in the outbox.
    pub fn as_str(self) -> &'static str {
        match self {
            Template::Code => "code",
            Template::RegisterAttempt => "register_attempt",
            Template::AccountDeleted => "account_deleted",
            Template::RecoveryStarted => "recovery_started",
            Template::PasswordReset => "password_reset",
            Template::ContactChanged => "contact_changed",
            Template::Reminder => "reminder",
            Template::AccountIssued => "account_issued",
            Template::QuestionsChanged => "questions_changed",
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
    /// Text (emails, and the demo outbox).
    pub body: String,
    /// Provider template (SMS).
    pub template: String,
    /// Template parameters, in the template's order.
    pub params: Vec<String>,
    /// Unique random key: the local part of the email's `Message-ID`, the
    /// same on every attempt so a receiver can drop a duplicate.
    pub key: String,
}

/// Why a delivery attempt failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Failure {
    /// Worth trying again later (relay down, 4xx, throttled, timeout).
    #[error("{0}")]
    Transient(String),
    /// Will fail again (5xx, refused recipient, no gateway, no template).
    #[error("{0}")]
    Permanent(String),
}

/// Boxed future of a send.
pub type SendFuture<'a> = Pin<Box<dyn Future<Output = Result<(), Failure>> + Send + 'a>>;

/// Something that delivers messages (a transport).
pub trait Notifier: Send + Sync {
    /// Delivers one message.
    fn send(&self, msg: Message) -> SendFuture<'_>;
}

/// Demo mode without a transport for the channel: the outbox row is the
/// delivery (read at `GET /api/dev/outbox`).
pub struct DemoOutbox;

impl Notifier for DemoOutbox {
    fn send(&self, _msg: Message) -> SendFuture<'_> {
        Box::pin(async { Ok(()) })
    }
}

/// No transport configured for the channel (outside demo mode).
pub struct Unconfigured;

impl Notifier for Unconfigured {
    fn send(&self, msg: Message) -> SendFuture<'_> {
        Box::pin(async move {
            Err(Failure::Permanent(format!(
                "no {} gateway configured",
                msg.channel.as_str()
            )))
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

/// A message in both languages: notifications go out before we know which
/// language the person reads, so they carry both.
pub fn bilingual(zh: &str, en: &str) -> String {
    format!("{zh}\n{en}")
}

/// A message to `to` (its channel from the contact), with a fresh key.
pub fn message(
    to: &str,
    subject: &str,
    body: String,
    template: Template,
    params: Vec<String>,
) -> Message {
    let mut key = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut key);
    Message {
        channel: Channel::of(to),
        to: to.to_owned(),
        subject: subject.to_owned(),
        body,
        template: template.as_str().to_owned(),
        params,
        key: key.iter().map(|b| format!("{b:02x}")).collect(),
    }
}

/// Queues the message on `c`: call it inside the transaction of the change
/// that causes it, then [`wake`] the workers once committed.
pub async fn enqueue(c: &mut impl AsConn, msg: &Message, now: i64) -> sqlx::Result<i64> {
    let params = serde_json::to_string(&msg.params).unwrap_or_else(|_| "[]".into());
    store::outbox::enqueue(
        c,
        &store::outbox::NewMessage {
            channel: msg.channel.as_str(),
            recipient: &msg.to,
            subject: &msg.subject,
            body: &msg.body,
            template: &msg.template,
            params: &params,
            message_key: &msg.key,
        },
        now,
    )
    .await
}

/// Woken when a message is queued, so this server's workers start at once
/// rather than at their next poll.
static QUEUED: tokio::sync::Notify = tokio::sync::Notify::const_new();

/// Tells this server's workers that messages were committed.
pub fn wake() {
    QUEUED.notify_waiters();
}

/// Waits until [`wake`] is called or `timeout` passes.
pub async fn woken(timeout: std::time::Duration) {
    let _ = tokio::time::timeout(timeout, QUEUED.notified()).await;
}
