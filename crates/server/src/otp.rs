//! One-time codes sent by SMS or email: 6 digits from the OS CSPRNG, valid
//! 10 minutes, single use, at most 5 tries, one send per minute per contact,
//! daily caps per contact and per IP.

use rand::rngs::OsRng;
use rand::{Rng, RngCore};
use sha2::{Digest, Sha256};

use crate::error::{AppError, AppResult, Throttle};
use crate::store::{self, codes, AsConn, Db};

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
/// purpose, in the same transaction) and returns it for sending. With
/// `account_id` `None` the row only counts toward the limits: nothing can be
/// verified with it.
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
) -> AppResult<String> {
    let code = format!("{:06}", OsRng.gen_range(0..1_000_000u32));
    let mut salt = [0u8; 16];
    OsRng.fill_bytes(&mut salt);
    let code_hash = digest(&salt, &code);
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
    match record(db, &new).await {
        Ok(None) => Ok(code),
        Ok(Some(last)) => Err(too_soon(now, last)),
        Err(e) if is_live_code_violation(&e) => Err(too_soon(now, now)),
        Err(e) => Err(e.into()),
    }
}

/// The transaction of [`issue`]: `Some(last send)` when a code went to the
/// contact less than [`RESEND_SECS`] ago (nothing recorded then).
async fn record(db: &Db, new: &codes::NewCode<'_>) -> sqlx::Result<Option<i64>> {
    let mut tx = db.begin().await?;
    let last = codes::last_sent(&mut tx, new.purpose, new.contact).await?;
    if let Some(last) = last.filter(|last| new.now - last < RESEND_SECS) {
        return Ok(Some(last));
    }
    codes::invalidate(&mut tx, new.purpose, new.contact).await?;
    codes::insert(&mut tx, new).await?;
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
        "otp.invalid",
        "验证码不正确",
        "The code is not correct",
    )
}

fn too_many_tries() -> AppError {
    AppError::rejected(
        axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        "otp.too_many_tries",
        "验证码错误次数过多，请重新获取",
        "Too many wrong tries; request a new code",
    )
}

/// Checks a code; on success it is spent and the account it was issued for
/// is returned. Errors: `otp.invalid` (wrong, or none), `otp.expired`,
/// `otp.too_many_tries`.
///
/// The try is counted before the code is compared, by one conditional
/// update: however many guesses arrive at once, at most [`MAX_TRIES`] are
/// compared.
pub async fn verify(
    c: &mut impl AsConn,
    purpose: Purpose,
    contact: &str,
    code: &str,
    now: i64,
) -> AppResult<i64> {
    let row = codes::live(c, purpose.as_str(), contact)
        .await?
        .ok_or_else(invalid)?;
    if now > row.expires_at {
        return Err(AppError::rejected(
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            "otp.expired",
            "验证码已过期，请重新获取",
            "The code has expired; request a new one",
        ));
    }
    if row.tries >= MAX_TRIES {
        return Err(too_many_tries());
    }
    if codes::count_try(c, row.id, MAX_TRIES).await?.is_none() {
        return Err(too_many_tries());
    }
    let given = code.trim();
    let ok = given.len() == 6 && digest(&row.salt, given) == row.code_hash;
    if !ok {
        return Err(invalid());
    }
    // Spend it with a conditional update so two concurrent uses cannot both win.
    match (codes::spend(c, row.id).await?, row.account_id) {
        (true, Some(account_id)) => Ok(account_id),
        _ => Err(invalid()),
    }
}
