//! One-time codes sent by SMS or email: 6 digits from the OS CSPRNG, valid
//! 10 minutes, single use, at most 5 tries, one send per minute per contact,
//! daily caps per contact and per IP.

use rand::rngs::OsRng;
use rand::{Rng, RngCore};
use sha2::{Digest, Sha256};
use sqlx::SqlitePool;

use crate::error::{AppError, AppResult, Throttle};

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

/// Checks the resend interval and the daily caps; `Err(429)` when exceeded.
/// Called for every request, also when no account matches, so the answer
/// never tells whether the account exists.
pub async fn check_limits(
    db: &SqlitePool,
    purpose: Purpose,
    contact: &str,
    ip: &str,
    now: i64,
) -> AppResult<()> {
    let last: Option<i64> = sqlx::query_scalar(
        "SELECT MAX(created_at) FROM otp_codes WHERE contact = ? AND purpose = ?",
    )
    .bind(contact)
    .bind(purpose.as_str())
    .fetch_one(db)
    .await?;
    if let Some(last) = last.filter(|last| now - last < RESEND_SECS) {
        return Err(AppError::Throttled {
            retry_after: (RESEND_SECS - (now - last)) as u64,
            cause: Throttle::CodeTooSoon,
        });
    }
    let day_ago = now - 24 * 3600;
    let (per_contact,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM otp_codes WHERE contact = ? AND created_at > ?")
            .bind(contact)
            .bind(day_ago)
            .fetch_one(db)
            .await?;
    let (per_ip,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM otp_codes WHERE ip = ? AND created_at > ?")
            .bind(ip)
            .bind(day_ago)
            .fetch_one(db)
            .await?;
    if per_contact >= DAILY_PER_CONTACT || per_ip >= DAILY_PER_IP {
        return Err(AppError::Throttled {
            retry_after: 3600,
            cause: Throttle::CodeDailyLimit,
        });
    }
    Ok(())
}

/// Records a new code for the contact (invalidating older ones of the same
/// purpose) and returns it for sending. With `account_id` `None` the row only
/// counts toward the limits: nothing can be verified with it.
pub async fn issue(
    db: &SqlitePool,
    purpose: Purpose,
    contact: &str,
    account_id: Option<i64>,
    ip: &str,
    now: i64,
) -> AppResult<String> {
    let code = format!("{:06}", OsRng.gen_range(0..1_000_000u32));
    let mut salt = [0u8; 16];
    OsRng.fill_bytes(&mut salt);
    let mut tx = db.begin().await?;
    sqlx::query("UPDATE otp_codes SET used = 1 WHERE contact = ? AND purpose = ? AND used = 0")
        .bind(contact)
        .bind(purpose.as_str())
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO otp_codes (purpose, contact, account_id, salt, code_hash, ip, created_at, expires_at, used)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(purpose.as_str())
    .bind(contact)
    .bind(account_id)
    .bind(&salt[..])
    .bind(digest(&salt, &code))
    .bind(ip)
    .bind(now)
    .bind(now + TTL_SECS)
    .bind(account_id.is_none())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(code)
}

#[derive(sqlx::FromRow)]
struct CodeRow {
    id: i64,
    account_id: Option<i64>,
    salt: Vec<u8>,
    code_hash: Vec<u8>,
    expires_at: i64,
    tries: i64,
}

/// Checks a code; on success it is spent and the account it was issued for
/// is returned. Errors: `otp.invalid` (wrong, or none), `otp.expired`,
/// `otp.too_many_tries`.
pub async fn verify(
    db: &SqlitePool,
    purpose: Purpose,
    contact: &str,
    code: &str,
    now: i64,
) -> AppResult<i64> {
    let invalid = || {
        AppError::rejected(
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            "otp.invalid",
            "验证码不正确",
            "The code is not correct",
        )
    };
    let row: Option<CodeRow> = sqlx::query_as(
        "SELECT id, account_id, salt, code_hash, expires_at, tries FROM otp_codes
         WHERE contact = ? AND purpose = ? AND used = 0 ORDER BY id DESC LIMIT 1",
    )
    .bind(contact)
    .bind(purpose.as_str())
    .fetch_optional(db)
    .await?;
    let row = row.ok_or_else(invalid)?;
    if now > row.expires_at {
        return Err(AppError::rejected(
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            "otp.expired",
            "验证码已过期，请重新获取",
            "The code has expired; request a new one",
        ));
    }
    if row.tries >= MAX_TRIES {
        return Err(AppError::rejected(
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            "otp.too_many_tries",
            "验证码错误次数过多，请重新获取",
            "Too many wrong tries; request a new code",
        ));
    }
    let given = code.trim();
    let ok = given.len() == 6 && digest(&row.salt, given) == row.code_hash;
    if !ok {
        sqlx::query("UPDATE otp_codes SET tries = tries + 1 WHERE id = ?")
            .bind(row.id)
            .execute(db)
            .await?;
        return Err(invalid());
    }
    // Spend it with a conditional update so two concurrent uses cannot both win.
    let spent = sqlx::query("UPDATE otp_codes SET used = 1 WHERE id = ? AND used = 0")
        .bind(row.id)
        .execute(db)
        .await?
        .rows_affected();
    match (spent, row.account_id) {
        (1, Some(account_id)) => Ok(account_id),
        _ => Err(invalid()),
    }
}
