//! One-time codes sent by SMS or email: 6 digits from the OS CSPRNG, valid
//! 10 minutes, single use, at most 5 tries, one send per minute per contact,
//! daily caps per contact and per IP.

use rand::rngs::OsRng;
use rand::{Rng, RngCore};
use sha2::{Digest, Sha256};

use crate::error::{AppError, AppResult, Throttle};
use crate::store::{self, codes, AsConn, Db};
use rules::api::ErrorCode;
use rules::one_time_code::{self, OneTimeCode};

/// How long a code is valid.
pub const TTL_SECS: i64 = 10 * 60;
/// Wrong tries allowed per code.
pub const MAX_TRIES: i64 = 5;
/// Minimum interval between two codes to one contact.
pub const RESEND_SECS: i64 = 60;
/// Codes per contact per 24 h.
pub const DAILY_PER_CONTACT: i64 = 10;
/// Codes per IP per 24 h.
pub const DAILY_PER_IP: i64 = 50;

/// What a code is for; a code of one purpose never works for another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Activating a new account.
    Activation,
    /// Password recovery (path 1).
    Recovery,
    /// Verifying a new phone or email.
    Contact,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Activation => "activation",
            Purpose::Recovery => "recovery",
            Purpose::Contact => "contact",
        }
    }
}

fn digest(salt: &[u8], code: &str) -> Vec<u8> {
    let mut h = Sha256::new();
    h.update(salt);
    h.update(code.as_bytes());
    h.finalize().to_vec()
}

fn too_soon(now: i64, last: i64) -> AppError {
    AppError::Throttled {
        retry_after: (RESEND_SECS - (now - last)).clamp(1, RESEND_SECS) as u64,
        cause: Throttle::CodeTooSoon,
    }
}

/// Checks the resend interval and the daily caps; `Err(429)` when exceeded.
/// Called for every request, also when no account matches, so the answer
/// never tells whether the account exists.
pub async fn check_limits(
    c: &mut impl AsConn,
    purpose: Purpose,
    contact: &str,
    ip: &str,
    now: i64,
) -> AppResult<()> {
    let last = codes::last_sent(c, purpose.as_str(), contact).await?;
    if let Some(last) = last.filter(|last| now - last < RESEND_SECS) {
        return Err(too_soon(now, last));
    }
    let day_ago = now - 24 * 3600;
    let per_contact = codes::count_for_contact(c, contact, day_ago).await?;
    let per_ip = codes::count_for_ip(c, ip, day_ago).await?;
    if per_contact >= DAILY_PER_CONTACT || per_ip >= DAILY_PER_IP {
        return Err(AppError::Throttled {
            retry_after: 3600,
            cause: Throttle::CodeDailyLimit,
        });
    }
    Ok(())
}

/// Records a new code for the contact (invalidating older ones of the same
/// purpose) and queues `message(code)` to it, in one transaction, so a code
/// exists exactly when its message will be delivered. With `account_id`
/// `None` the row is a blank: it counts tries, expires and counts toward the
/// limits like a code, but nothing verifies with it, and no message is
/// queued.
///
/// Two concurrent sends to one contact cannot both leave a live code: the
/// resend interval is checked again inside the transaction (SQLite runs them
/// one after the other), and on PostgreSQL the `otp_live` unique index
/// refuses the second insert. Either way the loser gets the "too soon"
/// refusal.
pub async fn issue(
    db: &Db,
    purpose: Purpose,
    contact: &str,
    account_id: Option<i64>,
    ip: &str,
    now: i64,
    message: impl FnOnce(&str) -> crate::notify::Message,
) -> AppResult<()> {
    let code = format!(
        "{:0len$}",
        OsRng.gen_range(0..10u32.pow(one_time_code::LEN as u32)),
        len = one_time_code::LEN
    );
    let mut salt = [0u8; 16];
    OsRng.fill_bytes(&mut salt);
    // A contact of no account gets a live row too, so that wrong tries and
    // expiry answer as for a real code; its hash is random bytes, the digest
    // of no code.
    let code_hash = match account_id {
        Some(_) => digest(&salt, &code),
        None => {
            let mut blank = vec![0u8; 32];
            OsRng.fill_bytes(&mut blank);
            blank
        }
    };
    let new = codes::NewCode {
        purpose: purpose.as_str(),
        contact,
        account_id,
        salt: &salt,
        code_hash: &code_hash,
        ip,
        now,
        expires_at: now + TTL_SECS,
    };
    let message = account_id.map(|_| message(&code));
    match record(db, &new, message.as_ref()).await {
        Ok(None) => {
            crate::notify::wake();
            Ok(())
        }
        Ok(Some(last)) => Err(too_soon(now, last)),
        Err(e) if is_live_code_violation(&e) => Err(too_soon(now, now)),
        Err(e) => Err(e.into()),
    }
}

/// The transaction of [`issue`]: `Some(last send)` when a code went to the
/// contact less than [`RESEND_SECS`] ago (nothing recorded then).
async fn record(
    db: &Db,
    new: &codes::NewCode<'_>,
    message: Option<&crate::notify::Message>,
) -> sqlx::Result<Option<i64>> {
    let mut tx = db.begin().await?;
    let last = codes::last_sent(&mut tx, new.purpose, new.contact).await?;
    if let Some(last) = last.filter(|last| new.now - last < RESEND_SECS) {
        return Ok(Some(last));
    }
    codes::invalidate(&mut tx, new.purpose, new.contact, new.now - RESEND_SECS).await?;
    codes::insert(&mut tx, new).await?;
    if let Some(message) = message {
        crate::notify::enqueue(&mut tx, message, new.now).await?;
    }
    tx.commit().await?;
    Ok(None)
}

/// Whether the error is the `otp_live` index refusing a second unused code
/// (PostgreSQL names the index; SQLite's message names the columns).
fn is_live_code_violation(e: &sqlx::Error) -> bool {
    store::unique_violation(e)
        .is_some_and(|v| v.contains("otp_live") || v.contains("otp_codes.contact"))
}

fn invalid() -> AppError {
    AppError::rejected(
        axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::OtpInvalid,
        "验证码不正确",
        "The code is not correct",
    )
}

fn too_many_tries() -> AppError {
    AppError::rejected(
        axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::OtpTooManyTries,
        "验证码错误次数过多，请重新获取",
        "Too many wrong tries; request a new code",
    )
}

/// Checks a code; on success it is spent and the account it was issued for
/// is returned. Errors: `otp.invalid` (wrong, or none), `otp.expired`,
/// `otp.too_many_tries`; the same sequence for a contact of no account (its
/// blank row) as for a real one. Every refusal is audited (purpose, reason,
/// masked contact: never the code), and so is the try that uses up a code.
///
/// The try is counted before the code is compared, by one conditional
/// update: however many guesses arrive at once, at most [`MAX_TRIES`] are
/// compared.
pub async fn verify(
    c: &mut impl AsConn,
    purpose: Purpose,
    contact: &str,
    code: &OneTimeCode,
    now: i64,
) -> AppResult<i64> {
    let Some(row) = codes::live(c, purpose.as_str(), contact).await? else {
        audit_failure(c, now, None, purpose, contact, "none").await?;
        return Err(invalid());
    };
    if now > row.expires_at {
        audit_failure(c, now, row.account_id, purpose, contact, "expired").await?;
        return Err(AppError::rejected(
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::OtpExpired,
            "验证码已过期，请重新获取",
            "The code has expired; request a new one",
        ));
    }
    let tries = match row.tries {
        t if t >= MAX_TRIES => None,
        _ => codes::count_try(c, row.id, MAX_TRIES).await?,
    };
    let Some(tries) = tries else {
        audit_failure(c, now, row.account_id, purpose, contact, "too_many_tries").await?;
        return Err(too_many_tries());
    };
    // The code's format was checked with the form (`rules::OneTimeCode`).
    if digest(&row.salt, code.as_str()) != row.code_hash {
        audit_failure(c, now, row.account_id, purpose, contact, "wrong").await?;
        if tries == MAX_TRIES {
            audit(c, now, row.account_id, "otp.locked", purpose, contact, None).await?;
        }
        return Err(invalid());
    }
    // Spend it with a conditional update so two concurrent uses cannot both
    // win; a blank row (no account) never verifies.
    match (codes::spend(c, row.id).await?, row.account_id) {
        (true, Some(account_id)) => Ok(account_id),
        _ => {
            audit_failure(c, now, row.account_id, purpose, contact, "spent").await?;
            Err(invalid())
        }
    }
}

/// The contact as the audit log shows it.
fn masked(contact: &str) -> String {
    if contact.contains('@') {
        rules::masking::email(contact)
    } else {
        rules::masking::phone(contact)
    }
}

async fn audit_failure(
    c: &mut impl AsConn,
    now: i64,
    account_id: Option<i64>,
    purpose: Purpose,
    contact: &str,
    reason: &str,
) -> AppResult<()> {
    audit(
        c,
        now,
        account_id,
        "otp.failed",
        purpose,
        contact,
        Some(reason),
    )
    .await
}

async fn audit(
    c: &mut impl AsConn,
    now: i64,
    account_id: Option<i64>,
    event: &str,
    purpose: Purpose,
    contact: &str,
    reason: Option<&str>,
) -> AppResult<()> {
    let mut detail = serde_json::json!({
        "purpose": purpose.as_str(),
        "to": masked(contact),
    });
    if let Some(reason) = reason {
        detail["reason"] = reason.into();
    }
    crate::audit::record(c, now, account_id, event, Some(detail)).await
}
