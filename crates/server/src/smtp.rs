//! Email delivery over SMTP (`PORTAL_SMTP_URL`, e.g. `smtp://127.0.0.1:2525`).
//! This build speaks plain SMTP to a relay next to it (a local MTA that does
//! TLS and authentication onward): `smtps://`, user names and query options
//! are refused at start rather than silently ignored. Bodies are
//! quoted-printable (7-bit safe for any relay), subjects RFC 2047; every
//! email has a `Date` and a `Message-ID` (`<key@domain>`, the outbox's key
//! for the message, so a retry carries the same one; the domain is
//! `PORTAL_MAIL_DOMAIN` or the sender's). Neither the recipient nor the text
//! is logged, since a text may hold a code.

use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use crate::notify::{Channel, Failure, Message, Notifier, SendFuture};

/// An SMTP relay that delivers [`Channel::Email`] messages.
pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    domain: String,
}

/// A configuration the SMTP notifier cannot use.
#[derive(Debug, thiserror::Error)]
pub enum SmtpConfigError {
    /// `PORTAL_SMTP_URL` is not a usable SMTP URL.
    #[error("PORTAL_SMTP_URL: {0}")]
    Url(String),
    /// `PORTAL_SMTP_FROM` is not a mailbox.
    #[error("PORTAL_SMTP_FROM: {0}")]
    From(String),
    /// `PORTAL_MAIL_DOMAIN` is not a domain name.
    #[error("PORTAL_MAIL_DOMAIN: {0}")]
    Domain(String),
}

impl Smtp {
    /// A notifier for the relay at `url`, sending as `from`, with
    /// Message-IDs in `domain` (default: the domain of `from`).
    pub fn new(url: &str, from: &str, domain: Option<&str>) -> Result<Smtp, SmtpConfigError> {
        let (host, port) = parse_url(url)?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(port)
            .timeout(Some(std::time::Duration::from_secs(10)))
            .build();
        let from = from
            .parse::<Mailbox>()
            .map_err(|e| SmtpConfigError::From(e.to_string()))?;
        let domain = domain
            .map(str::trim)
            .unwrap_or_else(|| from.email.domain())
            .to_ascii_lowercase();
        let valid = !domain.is_empty()
            && domain
                .split('.')
                .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
        if !valid {
            return Err(SmtpConfigError::Domain(format!(
                "{domain:?} is not a domain name"
            )));
        }
        Ok(Smtp {
            transport,
            from,
            domain,
        })
    }

    /// The email of a message: From, To, Subject, Date (lettre adds it),
    /// Message-ID, a quoted-printable UTF-8 text.
    pub fn email(&self, msg: &Message) -> Result<lettre::Message, Failure> {
        let to = msg
            .to
            .parse::<Mailbox>()
            .map_err(|e| Failure::Permanent(format!("recipient address: {e}")))?;
        let body =
            Body::new_with_encoding(msg.body.clone(), ContentTransferEncoding::QuotedPrintable)
                .map_err(|_| Failure::Permanent("email body encoding".into()))?;
        lettre::Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(msg.subject.clone())
            .message_id(Some(format!("<{}@{}>", msg.key, self.domain)))
            .date_now()
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|e| Failure::Permanent(format!("email: {e}")))
    }
}

/// `smtp://host[:port]` → (host, port); the port defaults to 25.
pub fn parse_url(url: &str) -> Result<(String, u16), SmtpConfigError> {
    // The URL itself is not repeated: it may hold a password.
    let bad = |why: &str| SmtpConfigError::Url(why.to_owned());
    let rest = url
        .trim()
        .strip_prefix("smtp://")
        .ok_or_else(|| bad("expected smtp://host[:port]"))?;
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    if rest.contains(['@', '?', '/', '#']) {
        return Err(bad("credentials, paths and options are not supported"));
    }
    let (host, port) = match rest.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || p.parse::<u16>().is_ok() => (
            h,
            p.parse::<u16>()
                .map_err(|_| bad("the port is not a number"))?,
        ),
        _ => (rest, 25),
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if host.is_empty() {
        return Err(bad("no host"));
    }
    Ok((host.to_owned(), port))
}

impl Notifier for Smtp {
    fn send(&self, msg: Message) -> SendFuture<'_> {
        Box::pin(async move {
            if msg.channel != Channel::Email {
                return Err(Failure::Permanent("not an email".into()));
            }
            let email = self.email(&msg)?;
            self.transport.send(email).await.map_err(|e| {
                // A 5xx answer will not change; anything else (4xx, the
                // relay down, a timeout) may.
                if e.is_permanent() {
                    Failure::Permanent(format!("smtp: {e}"))
                } else {
                    Failure::Transient(format!("smtp: {e}"))
                }
            })?;
            tracing::info!("email sent");
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::parse_url;

    #[test]
    fn urls() {
        assert_eq!(
            parse_url("smtp://127.0.0.1:2525").unwrap(),
            ("127.0.0.1".into(), 2525)
        );
        assert_eq!(
            parse_url("smtp://mail.local").unwrap(),
            ("mail.local".into(), 25)
        );
        assert_eq!(
            parse_url("smtp://[::1]:2525/").unwrap(),
            ("::1".into(), 2525)
        );
        for bad in [
            "smtps://x:465",
            "smtp://u:p@x",
            "smtp://x:abc",
            "smtp://",
            "http://x",
            "smtp://x?tls=required",
        ] {
            assert!(parse_url(bad).is_err(), "{bad}");
        }
    }
}
