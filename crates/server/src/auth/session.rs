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
use crate::store::sessions::{SessionRow, Table};
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

/// Ends the session of `table` the request presents, if any: the
/// token rotates at every sign-in, so one planted before it is worthless.
pub async fn end_presented(
    c: &mut impl AsConn,
    cookies: Cookies,
    table: Table,
    headers: &axum::http::HeaderMap,
) -> AppResult<()> {
    if let Some(old) = cookies.read(cookie_of(table), headers) {
        store::sessions::delete(c, table, &token_hash(&old)).await?;
    }
    Ok(())
}

/// The cookie that carries the sessions of `table`.
fn cookie_of(table: Table) -> Cookie {
    match table {
        Table::Accounts => Cookie::Session,
        Table::Authority => Cookie::AuthoritySession,
    }
}

/// A session's row, as the extractors of its table read it.
pub(crate) trait StoredSession: Sized {
    /// Its table.
    const TABLE: Table;
    /// The row of the session whose token hashes to `hash`.
    async fn find(c: &mut store::Pooled, hash: &[u8]) -> sqlx::Result<Option<Self>>;
    /// What its limits are checked on.
    fn lifetime(&self) -> Lifetime;
}

/// The session of `S`'s table the request presents, within its limits (its
/// last request moved on), with its token's hash: 401 without one.
pub(crate) async fn current<S: StoredSession>(
    state: &AppState,
    headers: &axum::http::HeaderMap,
) -> AppResult<(S, Vec<u8>)> {
    let token = state
        .config
        .cookies()
        .read(cookie_of(S::TABLE), headers)
        .ok_or(AppError::AuthRequired)?;
    let hash = token_hash(&token);
    let mut c = state.db.acquire().await?;
    let row = S::find(&mut c, &hash)
        .await?
        .ok_or(AppError::AuthRequired)?;
    keep_alive(&mut c, S::TABLE, &hash, &row.lifetime(), state.clock.now()).await?;
    Ok((row, hash))
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
        let (row, hash) = current::<SessionRow>(state, &parts.headers).await?;
        Ok(Auth {
            account_id: row.account_id,
            role: Role::of(&row),
            practitioner_id: row.practitioner_id,
            institution_id: row.institution_id,
            token_hash: hash,
            must_change_password: row.must_change_password,
        })
    }
}

impl StoredSession for SessionRow {
    const TABLE: Table = Table::Accounts;

    async fn find(c: &mut store::Pooled, hash: &[u8]) -> sqlx::Result<Option<Self>> {
        store::sessions::find(c, hash).await
    }

    fn lifetime(&self) -> Lifetime {
        Lifetime {
            created_at: self.created_at,
            last_seen: self.last_seen,
            idle_secs: Role::of(self).idle_secs(),
            live: self.activated,
        }
    }
}

impl Role {
    /// The role of a session's account.
    fn of(row: &SessionRow) -> Role {
        if row.role == "admin" {
            Role::Admin
        } else {
            Role::Practitioner
        }
    }

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

/// The signed-in account of the request narrowed to one role: 403 when
/// `narrow` finds it is not of that role.
async fn narrowed<T>(
    parts: &mut Parts,
    state: &AppState,
    narrow: impl FnOnce(Auth) -> Option<T>,
) -> Result<T, AppError> {
    let auth = Auth::from_request_parts(parts, state).await?;
    narrow(auth).ok_or(AppError::Forbidden)
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
        narrowed(parts, state, |auth| {
            Some(PractitionerAuth {
                account_id: auth.account_id,
                practitioner_id: auth
                    .practitioner_id
                    .filter(|_| auth.role == Role::Practitioner)?,
            })
        })
        .await
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
        AdminPendingAuth::from_request_parts(parts, state)
            .await?
            .settled(password_change_required)
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

/// A signed-in administrator (an institution's, [`AdminAuth`], or the
/// authority's, [`super::authority::AuthorityAuth`]) who may still have to
/// replace the one-time password: for the profile, the password change and
/// sign-out only.
#[derive(Debug, Clone)]
pub struct Pending<A> {
    /// Who, as once the password is replaced.
    pub who: A,
    /// The one-time password is still in use.
    pub must_change_password: bool,
    /// Hash of the session token (kept by a password change).
    pub token_hash: Vec<u8>,
}

impl<A> Pending<A> {
    /// Who, unless the one-time password is still in use (then `refusal`).
    pub fn settled(self, refusal: impl FnOnce() -> AppError) -> Result<A, AppError> {
        if self.must_change_password {
            Err(refusal())
        } else {
            Ok(self.who)
        }
    }
}

/// An institution admin who may still have to replace the one-time password.
pub type AdminPendingAuth = Pending<AdminAuth>;

impl FromRequestParts<AppState> for AdminPendingAuth {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        narrowed(parts, state, |auth| {
            Some(Pending {
                who: AdminAuth {
                    account_id: auth.account_id,
                    institution_id: auth.institution_id.filter(|_| auth.role == Role::Admin)?,
                },
                must_change_password: auth.must_change_password,
                token_hash: auth.token_hash,
            })
        })
        .await
    }
}

/// Ends the request's session of `table`, if it had one (`signed_in`: its
/// account and token hash), with its audit entry, and answers 204 with the
/// cookie cleared: sign-out always leaves the browser signed out.
pub async fn sign_out(
    state: &AppState,
    table: Table,
    signed_in: Option<(i64, &[u8])>,
) -> AppResult<(axum::http::StatusCode, axum::http::HeaderMap)> {
    if let Some((account_id, hash)) = signed_in {
        let mut c = state.db.acquire().await?;
        store::sessions::delete(&mut c, table, hash).await?;
        let now = state.clock.now();
        match table {
            Table::Accounts => {
                crate::audit::record(&mut c, now, Some(account_id), "account.sign_out", None)
                    .await?
            }
            Table::Authority => {
                let detail = serde_json::json!({});
                store::authority::audit(&mut c, now, account_id, "authority.sign_out", &detail)
                    .await?
            }
        }
    }
    let mut headers = axum::http::HeaderMap::new();
    set_cookie(&mut headers, state.config.cookies().clear(cookie_of(table)));
    Ok((axum::http::StatusCode::NO_CONTENT, headers))
}

/// Appends a `Set-Cookie` header.
pub fn set_cookie(headers: &mut axum::http::HeaderMap, value: HeaderValue) {
    headers.append(SET_COOKIE, value);
}
