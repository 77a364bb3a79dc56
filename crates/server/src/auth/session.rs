//! Cookie sessions: a random 32-byte token in an HttpOnly cookie, only its
//! SHA-256 in the database (a leaked database does not leak sessions).

use axum::extract::FromRequestParts;
use axum::http::header::SET_COOKIE;
use axum::http::request::Parts;
use axum::http::HeaderValue;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::cookies::{Cookie, Cookies};
use crate::error::{AppError, AppResult};
use crate::store::sessions::Table;
use crate::store::{self, AsConn};
use crate::AppState;
use rules::api::ErrorCode;

/// Practitioner sessions end after this long without a request.
pub const IDLE_SECS: i64 = 30 * 60;
/// Institution admin sessions end sooner: they see many people's data.
pub const ADMIN_IDLE_SECS: i64 = 15 * 60;
/// Every session ends this long after sign-in, active or not.
pub const ABSOLUTE_SECS: i64 = 12 * 3600;
/// `last_seen` is written at most this often per session: an idle limit of
/// 15 or 30 minutes needs no finer clock, and most requests then only read.
pub const TOUCH_SECS: i64 = 60;

/// SHA-256 of a token as stored.
pub fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// Creates a session for the account and returns the `Set-Cookie` value.
pub async fn create(
    c: &mut impl AsConn,
    cookies: Cookies,
    account_id: i64,
    now: i64,
) -> AppResult<HeaderValue> {
    let token = start(c, Table::Accounts, account_id, now).await?;
    store::retention::excess_sessions(c, account_id, crate::retention::MAX_SESSIONS).await?;
    cookies.set(Cookie::Session, &token, None)
}

/// Records a new session of the account in `table` and returns its token:
/// 32 random bytes, of which only the hash is kept.
pub async fn start(
    c: &mut impl AsConn,
    table: Table,
    account_id: i64,
    now: i64,
) -> AppResult<String> {
    let raw: [u8; 32] = rand::random();
    let token = URL_SAFE_NO_PAD.encode(raw);
    store::sessions::insert(c, table, &token_hash(&token), account_id, now).await?;
    Ok(token)
}

/// Ends the session of the token in `cookie` of the request, if any: the
/// token rotates at every sign-in, so one planted before it is worthless.
pub async fn end_presented(
    c: &mut impl AsConn,
    cookies: Cookies,
    cookie: Cookie,
    headers: &axum::http::HeaderMap,
) -> AppResult<()> {
    if let Some(old) = cookies.read(cookie, headers) {
        store::sessions::delete(c, table_of(cookie), &token_hash(&old)).await?;
    }
    Ok(())
}

fn table_of(cookie: Cookie) -> Table {
    if cookie == Cookie::AuthoritySession {
        Table::Authority
    } else {
        Table::Accounts
    }
}

/// The hash of the token in `cookie` of the request (401 without one), and a
/// connection to look its session up on.
pub async fn presented(
    state: &AppState,
    headers: &axum::http::HeaderMap,
    cookie: Cookie,
) -> AppResult<(Vec<u8>, store::Pooled)> {
    let token = state
        .config
        .cookies()
        .read(cookie, headers)
        .ok_or(AppError::AuthRequired)?;
    Ok((token_hash(&token), state.db.acquire().await?))
}

/// The `Set-Cookie` value that removes the cookie.
pub fn clear_cookie(cookies: Cookies) -> HeaderValue {
    cookies.clear(Cookie::Session)
}

/// Ends every session of an account (password reset, deletion).
pub async fn revoke_all(c: &mut impl AsConn, account_id: i64) -> AppResult<()> {
    store::sessions::delete_for_account(c, account_id).await?;
    Ok(())
}

/// The session token from the request's cookies, if any.
pub fn token_from(cookies: Cookies, headers: &axum::http::HeaderMap) -> Option<String> {
    cookies.read(Cookie::Session, headers)
}

/// Role of a signed-in account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A physician or nurse.
    Practitioner,
    /// An institution's administrator.
    Admin,
}

/// The signed-in account of a request (any role).
#[derive(Debug, Clone)]
pub struct Auth {
    /// Account id.
    pub account_id: i64,
    /// Role.
    pub role: Role,
    /// The practitioner record (practitioners).
    pub practitioner_id: Option<i64>,
    /// The administered institution (admins).
    pub institution_id: Option<i64>,
    /// Hash of the session token (sign-out).
    pub token_hash: Vec<u8>,
    /// The one-time password issued by the authority is still in use.
    pub must_change_password: bool,
}

impl FromRequestParts<AppState> for Auth {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let (hash, mut c) = presented(state, &parts.headers, Cookie::Session).await?;
        let row = store::sessions::find(&mut c, &hash)
            .await?
            .ok_or(AppError::AuthRequired)?;
        let role = if row.role == "admin" {
            Role::Admin
        } else {
            Role::Practitioner
        };
        let lifetime = Lifetime {
            created_at: row.created_at,
            last_seen: row.last_seen,
            idle_secs: role.idle_secs(),
            live: row.activated,
        };
        keep_alive(&mut c, Table::Accounts, &hash, &lifetime, state.clock.now()).await?;
        Ok(Auth {
            account_id: row.account_id,
            role,
            practitioner_id: row.practitioner_id,
            institution_id: row.institution_id,
            token_hash: hash,
            must_change_password: row.must_change_password,
        })
    }
}

impl Role {
    /// How long its sessions last without a request.
    pub fn idle_secs(self) -> i64 {
        match self {
            Role::Admin => ADMIN_IDLE_SECS,
            Role::Practitioner => IDLE_SECS,
        }
    }
}

/// What a session's limits are checked on, as read with it.
#[derive(Debug, Clone, Copy)]
pub struct Lifetime {
    /// Sign-in time.
    pub created_at: i64,
    /// Last request (to the minute).
    pub last_seen: i64,
    /// The idle limit of its kind of account.
    pub idle_secs: i64,
    /// Its account may still be signed in to (activated, not disabled).
    pub live: bool,
}

/// Checks a session's limits as of `now`: ends it (and answers 401) when it
/// is past its idle or absolute limit or its account may no longer sign in
/// (sign-in refuses such an account; a session from before that rule ends
/// here); otherwise moves its last request time, at most once a minute.
pub async fn keep_alive(
    c: &mut impl AsConn,
    table: Table,
    hash: &[u8],
    lifetime: &Lifetime,
    now: i64,
) -> AppResult<()> {
    if now - lifetime.last_seen > lifetime.idle_secs
        || now - lifetime.created_at > ABSOLUTE_SECS
        || !lifetime.live
    {
        store::sessions::delete(c, table, hash).await?;
        return Err(AppError::AuthRequired);
    }
    if now - lifetime.last_seen >= TOUCH_SECS {
        store::sessions::touch(c, table, hash, now, TOUCH_SECS).await?;
    }
    Ok(())
}

/// A signed-in practitioner.
#[derive(Debug, Clone)]
pub struct PractitionerAuth {
    /// Account id.
    pub account_id: i64,
    /// Registry record.
    pub practitioner_id: i64,
}

impl FromRequestParts<AppState> for PractitionerAuth {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let auth = Auth::from_request_parts(parts, state).await?;
        match (auth.role, auth.practitioner_id) {
            (Role::Practitioner, Some(practitioner_id)) => Ok(PractitionerAuth {
                account_id: auth.account_id,
                practitioner_id,
            }),
            _ => Err(AppError::Forbidden),
        }
    }
}

/// A signed-in institution admin; every query it makes is scoped to
/// `institution_id`.
#[derive(Debug, Clone)]
pub struct AdminAuth {
    /// Account id.
    pub account_id: i64,
    /// The administered institution.
    pub institution_id: i64,
}

impl FromRequestParts<AppState> for AdminAuth {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let admin = AdminPendingAuth::from_request_parts(parts, state).await?;
        if admin.must_change_password {
            return Err(password_change_required());
        }
        Ok(AdminAuth {
            account_id: admin.account_id,
            institution_id: admin.institution_id,
        })
    }
}

/// The refusal of anything but the password change while the one-time
/// password issued by the authority is in use.
pub fn password_change_required() -> AppError {
    AppError::rejected(
        axum::http::StatusCode::FORBIDDEN,
        ErrorCode::AuthPasswordChangeRequired,
        "请先修改主管部门发放的初始密码。",
        "First replace the initial password your health authority issued.",
    )
}

/// A signed-in institution admin who may still have to replace the one-time
/// password: for the profile, the password change and sign-out only.
#[derive(Debug, Clone)]
pub struct AdminPendingAuth {
    /// Account id.
    pub account_id: i64,
    /// The administered institution.
    pub institution_id: i64,
    /// The one-time password is still in use.
    pub must_change_password: bool,
    /// Hash of the session token (kept by a password change).
    pub token_hash: Vec<u8>,
}

impl FromRequestParts<AppState> for AdminPendingAuth {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let auth = Auth::from_request_parts(parts, state).await?;
        match (auth.role, auth.institution_id) {
            (Role::Admin, Some(institution_id)) => Ok(AdminPendingAuth {
                account_id: auth.account_id,
                institution_id,
                must_change_password: auth.must_change_password,
                token_hash: auth.token_hash,
            }),
            _ => Err(AppError::Forbidden),
        }
    }
}

/// Appends a `Set-Cookie` header.
pub fn set_cookie(headers: &mut axum::http::HeaderMap, value: HeaderValue) {
    headers.append(SET_COOKIE, value);
}
