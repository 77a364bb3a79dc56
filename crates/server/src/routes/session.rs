//! Sign-in and sign-out of practitioners and institution admins.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use rules::api::{AdminMe, AdminSignInRequest, Me, SignInRequest};
use rules::domain::System;
use rules::Lang;

use crate::audit;
use crate::auth::password;
use crate::auth::session::{self, Auth};
use crate::auth::throttle::{self, Limit};
use crate::error::{AppError, AppResult, Throttle};
use crate::extract::{ClientIp, Json};
use crate::practitioner_row;
use crate::store;
use crate::store::sessions::Table;
use crate::AppState;
use rules::api::ErrorCode;

/// Failed sign-ins tolerated per IP before delays (an office behind one NAT
/// shares an address, hence more than per username).
pub(crate) const IP_LIMIT: Limit = Limit::Growing(30);

/// The password was right: the username's failures are forgotten, and the
/// attempt is taken back from the address (only failures count there).
pub(crate) async fn right_password(
    c: &mut impl store::AsConn,
    user_key: &str,
    ip_key: &str,
) -> AppResult<()> {
    throttle::succeeded(c, user_key).await?;
    throttle::give_back(c, ip_key, IP_LIMIT).await
}

/// A right password of an account that may sign in: who it is, and the
/// throttle keys its success takes back (in the transaction that starts the
/// session, [`start_session`]).
struct Authenticated {
    id: i64,
    user_key: String,
    ip_key: String,
}

/// Checks the throttle, the account and the password; the same answer (and
/// the same argon2 work) for unknown users, wrong systems and wrong passwords.
async fn authenticate(
    state: &AppState,
    ip: ClientIp,
    username: &str,
    password: String,
    role: &str,
    system: Option<System>,
) -> AppResult<Authenticated> {
    let now = state.clock.now();
    let user_key = format!("signin-user:{}", username.trim().to_lowercase());
    let ip_key = format!("signin-ip:{}", ip.0);
    // Counted before the password is checked (for unknown usernames too:
    // the same work); a right password takes the counts back.
    throttle::attempt(
        &state.db,
        now,
        Throttle::Attempts,
        &[(&user_key, Limit::DEFAULT), (&ip_key, IP_LIMIT)],
    )
    .await?;
    // The connection goes back to the pool before the hash, which may wait
    // for a turn on the hashing threads: a rush of sign-ins must not hold
    // every connection while the rest of the API waits for one.
    let candidate =
        store::accounts::credentials(&mut state.db.acquire().await?, username.trim(), role).await?;
    let known = candidate.as_ref().map(|c| c.id);
    let system_text = system.map(|s| crate::stored::enum_text(&s));
    // The password is checked against the account of that username whatever
    // system was chosen (an unknown username against a dummy hash: the same
    // work), so the owner who picked the wrong system can be told so.
    let (hash, id, activated, kind) = match &candidate {
        Some(c) => (
            c.password_hash.clone(),
            Some(c.id),
            c.activated,
            c.kind.clone(),
        ),
        None => (password::dummy_hash(), None, false, None),
    };
    let right_system = kind == system_text;
    let ok = password::verify(password, hash).await?;
    match (ok, id) {
        (true, Some(id)) if right_system && activated => Ok(Authenticated {
            id,
            user_key,
            ip_key,
        }),
        // The right password in the other system: only the owner of the
        // password learns where the account is.
        (true, Some(_)) if !right_system => {
            right_password(&mut state.db.acquire().await?, &user_key, &ip_key).await?;
            Err(wrong_system(kind.as_deref()))
        }
        // The right password of an account never activated: say so (only the
        // owner of the password learns it), so the portal can lead to the
        // activation instead of a dead end.
        (true, Some(_)) => {
            right_password(&mut state.db.acquire().await?, &user_key, &ip_key).await?;
            Err(not_activated())
        }
        _ => {
            // Both attempts stay counted.
            // Known and unknown usernames alike get a row (same work); the
            // account is named when the username exists in this role.
            audit::record(
                &mut state.db.acquire().await?,
                now,
                known,
                "account.sign_in_failed",
                Some(serde_json::json!({"role": role, "ip": ip.0.to_string()})),
            )
            .await?;
            tracing::info!(role, "sign-in failed");
            Err(AppError::InvalidCredentials)
        }
    }
}

fn wrong_system(kind: Option<&str>) -> AppError {
    let system = if kind == Some(System::Nurse.code()) {
        System::Nurse
    } else {
        System::Physician
    };
    in_other_system(system, ("登录", "sign in"))
}

/// The answer that names the system an account belongs to, for a request
/// that proved enough about it under the other one (the right password, or
/// name, ID number and certificate number together).
pub(crate) fn in_other_system(system: System, (then_zh, then_en): (&str, &str)) -> AppError {
    let (zh, en) = (system.label(Lang::Zh), system.label(Lang::En));
    AppError::rejected_text(
        StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::AuthWrongSystem,
        format!("该账户属于{zh}系统：请在上方选择“{zh}”后再{then_zh}。"),
        format!("This account belongs to the {en} system: choose “{en}” above, then {then_en}."),
    )
}

fn not_activated() -> AppError {
    AppError::rejected(
        StatusCode::FORBIDDEN,
        ErrorCode::AuthNotActivated,
        "账户尚未激活。请用注册时填写的手机号获取验证码，激活后再登录。",
        "This account is not activated yet. Activate it with a code sent to the phone you registered, then sign in.",
    )
}

/// Replaces the request's session (if any) by a new one: the token rotates at
/// every sign-in, so a token planted before sign-in is worthless after it.
/// One transaction with the throttle's take-back and the audit entry: a
/// sign-in writes twice (the attempt counted before the password is
/// checked, then this), not once per statement.
async fn start_session(
    state: &AppState,
    req_headers: &HeaderMap,
    who: &Authenticated,
    event: &str,
) -> AppResult<HeaderMap> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    right_password(&mut tx, &who.user_key, &who.ip_key).await?;
    let cookies = state.config.cookies();
    session::end_presented(&mut tx, cookies, Table::Accounts, req_headers).await?;
    let cookie = session::create(&mut tx, cookies, who.id, now).await?;
    audit::record(&mut tx, now, Some(who.id), event, None).await?;
    tx.commit().await?;
    let mut headers = HeaderMap::new();
    session::set_cookie(&mut headers, cookie);
    Ok(headers)
}

/// Practitioner sign-in (sets the session cookie)
#[utoipa::path(
    post,
    path = "/api/v1/session",
    tag = "session",
    request_body = rules::api::SignInRequest,
    responses(
        (status = 200, body = rules::api::Me),
        (status = 401),
        (status = 429),
        (status = 503)
    )
)]
pub async fn sign_in(
    State(state): State<AppState>,
    ip: ClientIp,
    headers: HeaderMap,
    Json(req): Json<SignInRequest>,
) -> AppResult<(HeaderMap, axum::Json<Me>)> {
    let who = authenticate(
        &state,
        ip,
        &req.username,
        req.password,
        "practitioner",
        Some(req.system),
    )
    .await?;
    let me = practitioner_row::load_me(&state, who.id).await?;
    let cookie = start_session(&state, &headers, &who, "account.sign_in").await?;
    Ok((cookie, axum::Json(me)))
}

/// Institution admin sign-in
#[utoipa::path(
    post,
    path = "/api/v1/institution/session",
    tag = "session",
    request_body = rules::api::AdminSignInRequest,
    responses(
        (status = 200, body = rules::api::AdminMe),
        (status = 401),
        (status = 429),
        (status = 503)
    )
)]
pub async fn admin_sign_in(
    State(state): State<AppState>,
    ip: ClientIp,
    headers: HeaderMap,
    Json(req): Json<AdminSignInRequest>,
) -> AppResult<(HeaderMap, axum::Json<AdminMe>)> {
    let who = authenticate(&state, ip, &req.username, req.password, "admin", None).await?;
    let me = load_admin(&state, who.id).await?;
    let cookie = start_session(&state, &headers, &who, "admin.sign_in").await?;
    Ok((cookie, axum::Json(me)))
}

/// The admin's view of itself.
pub async fn load_admin(state: &AppState, account_id: i64) -> AppResult<AdminMe> {
    let row = store::accounts::admin_view(&mut state.db.acquire().await?, account_id).await?;
    let (username, institution_id, institution_name, must_change_password) =
        row.ok_or(AppError::NotFound)?;
    Ok(AdminMe {
        username,
        institution_id,
        institution_name,
        must_change_password,
    })
}

/// Sign out
///
/// Ends the current session (204 also when there was none, so sign-out always
/// leaves the browser signed out).
#[utoipa::path(
    delete,
    path = "/api/v1/session",
    tag = "session",
    responses((status = 204))
)]
pub async fn sign_out(
    State(state): State<AppState>,
    auth: Result<Auth, AppError>,
) -> AppResult<impl IntoResponse> {
    let signed_in = auth
        .as_ref()
        .ok()
        .map(|auth| (auth.account_id, &auth.token_hash[..]));
    session::sign_out(&state, Table::Accounts, signed_in).await
}

/// Admin sign out
#[utoipa::path(
    delete,
    path = "/api/v1/institution/session",
    tag = "session",
    responses((status = 204))
)]
pub async fn admin_sign_out(
    state: State<AppState>,
    auth: Result<Auth, AppError>,
) -> AppResult<impl IntoResponse> {
    // One handler per documented operation: `sign_out` under the
    // administrators' path.
    sign_out(state, auth).await
}
