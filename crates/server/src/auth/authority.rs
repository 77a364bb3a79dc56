//! Sessions of the health authority's administrators: the same tokens as
//! practitioners' and institutions' (random, only the SHA-256 stored, the
//! admins' idle limit), in their own table and their own cookie, whose path
//! is the authority's API: it never travels with other requests.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use rules::Division;

use super::session::{self, Lifetime, Pending, StoredSession, ADMIN_IDLE_SECS};
use crate::cookies::{Cookie, Cookies};
use crate::error::{AppError, AppResult};
use crate::store::sessions::{AuthoritySessionRow, Table};
use crate::store::{self, AsConn};
use crate::AppState;
use rules::api::ErrorCode;

/// Creates a session and returns the `Set-Cookie` value.
pub async fn create(
    c: &mut impl AsConn,
    cookies: Cookies,
    account_id: i64,
    now: i64,
) -> AppResult<HeaderValue> {
    let token = session::start(c, Table::Authority, account_id, now).await?;
    cookies.set(Cookie::AuthoritySession, &token, None)
}

/// The `Set-Cookie` value that removes the cookie.
pub fn clear_cookie(cookies: Cookies) -> HeaderValue {
    cookies.clear(Cookie::AuthoritySession)
}

/// A signed-in authority administrator with a password of its own.
#[derive(Debug, Clone)]
pub struct AuthorityAuth {
    /// Authority account id.
    pub account_id: i64,
    /// Its division: every query it makes is scoped to it.
    pub division: Division,
}

/// A signed-in authority administrator who may still have to replace the
/// one-time password (profile, password change, sign-out).
pub type AuthorityPendingAuth = Pending<AuthorityAuth>;

impl FromRequestParts<AppState> for AuthorityPendingAuth {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let (row, hash) = session::current::<AuthoritySessionRow>(state, &parts.headers).await?;
        Ok(Pending {
            who: AuthorityAuth {
                account_id: row.account_id,
                division: Division::from_stored(&row.division),
            },
            must_change_password: row.must_change_password,
            token_hash: hash,
        })
    }
}

impl StoredSession for AuthoritySessionRow {
    const TABLE: Table = Table::Authority;

    async fn find(c: &mut store::Pooled, hash: &[u8]) -> sqlx::Result<Option<Self>> {
        store::sessions::find_authority(c, hash).await
    }

    fn lifetime(&self) -> Lifetime {
        Lifetime {
            created_at: self.created_at,
            last_seen: self.last_seen,
            idle_secs: ADMIN_IDLE_SECS,
            live: !self.disabled,
        }
    }
}

impl FromRequestParts<AppState> for AuthorityAuth {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        AuthorityPendingAuth::from_request_parts(parts, state)
            .await?
            .settled(|| {
                AppError::rejected(
                    StatusCode::FORBIDDEN,
                    ErrorCode::AuthPasswordChangeRequired,
                    "请先修改初始密码。",
                    "First replace your initial password.",
                )
            })
    }
}

/// A one-time password for an account being issued, and its hash.
pub async fn issue_password() -> AppResult<(String, String)> {
    let initial = one_time_password();
    let hash = super::password::hash(initial.clone()).await?;
    Ok((initial, hash))
}

/// The id of an account just inserted, or the refusal of its username when
/// another request took it since it was checked (a unique violation).
pub fn inserted_account(inserted: sqlx::Result<i64>) -> AppResult<i64> {
    match inserted {
        Ok(id) => Ok(id),
        Err(e) if store::unique_violation(&e).is_some() => Err(username_taken()),
        Err(e) => Err(e.into()),
    }
}

/// The refusal of a username in use already.
pub fn username_taken() -> AppError {
    AppError::Conflict {
        code: ErrorCode::RegistrationUsernameTaken,
        field: "username",
        text: crate::error::Text::new("该用户名已被使用", "This username is taken"),
    }
}

/// A one-time password: 12 characters of an alphabet without look-alikes
/// (0/O, 1/l/I), with at least one upper, one lower letter and one digit, so
/// it can be read out over the phone and typed on any keyboard.
pub fn one_time_password() -> String {
    const UPPER: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";
    const LOWER: &[u8] = b"abcdefghijkmnpqrstuvwxyz";
    const DIGITS: &[u8] = b"23456789";
    use rand::seq::SliceRandom;
    use rand::Rng;
    let mut rng = rand::thread_rng();
    let all: Vec<u8> = [UPPER, LOWER, DIGITS].concat();
    let mut out: Vec<u8> = vec![
        UPPER[rng.gen_range(0..UPPER.len())],
        LOWER[rng.gen_range(0..LOWER.len())],
        DIGITS[rng.gen_range(0..DIGITS.len())],
    ];
    while out.len() < 12 {
        out.push(all[rng.gen_range(0..all.len())]);
    }
    out.shuffle(&mut rng);
    String::from_utf8(out).expect("ASCII")
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_time_passwords_are_varied_and_readable() {
        let a = super::one_time_password();
        let b = super::one_time_password();
        assert_eq!(a.len(), 12);
        assert_ne!(a, b);
        assert!(a.bytes().any(|c| c.is_ascii_uppercase()));
        assert!(a.bytes().any(|c| c.is_ascii_lowercase()));
        assert!(a.bytes().any(|c| c.is_ascii_digit()));
        assert!(!a.contains(['0', 'O', '1', 'l', 'I']));
    }
}
