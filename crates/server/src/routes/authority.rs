//! The health authority's side (`/api/v1/authority/…`): sign-in, its own
//! administrators, the institutions of its region and their administrator
//! accounts (issue, re-issue, disable). Every query is scoped to the signed-in
//! authority's division; an institution or account outside it answers 404,
//! as one that does not exist. Every decision is audited with the authority
//! account as actor.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use rules::api::authority::{
    AdminAccountState, AuthorityInstitution, AuthorityMe, AuthoritySignInRequest,
    ChangePasswordRequest, IssueAdminRequest, IssuedAccount, IssuedPassword,
    NewAuthorityAccountRequest, NewInstitutionRequest,
};
use rules::{CreditCode, Division, DivisionError, MobileNumber, Username};
use serde_json::json;

use crate::auth::authority::{self as auth, AuthorityAuth, AuthorityPendingAuth};
use crate::auth::throttle::{self, Limit};
use crate::auth::{password, password_change, session};
use crate::error::{AppError, AppResult, Text, Throttle};
use crate::extract::{ClientIp, Json};
use crate::notify::{self, bilingual, Template};
use crate::store::sessions::Table;
use crate::store::{self, institutions::NewInstitution};
use crate::AppState;
use rules::api::ErrorCode;
use rules::masking;

// Failed sign-ins tolerated per IP before delays (shared with the other
// sign-ins: one address, one count).
use crate::routes::session::IP_LIMIT;

/// Health authority sign-in (sets the authority cookie)
#[utoipa::path(
    post,
    path = "/api/v1/authority/session",
    tag = "authority",
    request_body = rules::api::authority::AuthoritySignInRequest,
    responses(
        (status = 200, body = rules::api::authority::AuthorityMe),
        (status = 401),
        (status = 429),
        (status = 503)
    )
)]
pub async fn sign_in(
    State(state): State<AppState>,
    ip: ClientIp,
    headers: HeaderMap,
    Json(req): Json<AuthoritySignInRequest>,
) -> AppResult<(HeaderMap, axum::Json<AuthorityMe>)> {
    let now = state.clock.now();
    let user_key = format!("authority-user:{}", req.username.trim().to_lowercase());
    let ip_key = format!("signin-ip:{}", ip.0);
    // Counted before the password is checked (unknown usernames too).
    throttle::attempt(
        &state.db,
        now,
        Throttle::Attempts,
        &[(&user_key, Limit::DEFAULT), (&ip_key, IP_LIMIT)],
    )
    .await?;
    // No connection held during the hash (see the practitioners' sign-in).
    let found =
        store::authority::credentials(&mut state.db.acquire().await?, req.username.trim()).await?;
    // Unknown usernames are checked against a dummy hash: the same work.
    let (hash, id) = match &found {
        Some(f) => (f.password_hash.clone(), Some(f.id)),
        None => (password::dummy_hash(), None),
    };
    let ok = password::verify(req.password, hash).await?;
    let mut c = state.db.acquire().await?;
    let Some(id) = id.filter(|_| ok) else {
        // Both attempts stay counted.
        if let Some(id) = id {
            store::authority::audit(
                &mut c,
                now,
                id,
                "authority.sign_in_failed",
                &json!({"ip": ip.0.to_string()}),
            )
            .await?;
        }
        return Err(AppError::InvalidCredentials);
    };
    crate::routes::session::right_password(&mut c, &user_key, &ip_key).await?;
    // The token rotates at every sign-in.
    let cookies = state.config.cookies();
    crate::auth::session::end_presented(&mut c, cookies, Table::Authority, &headers).await?;
    let cookie = auth::create(&mut c, cookies, id, now).await?;
    store::authority::audit(&mut c, now, id, "authority.sign_in", &json!({})).await?;
    let me = load_me(&mut c, id).await?;
    let mut out = HeaderMap::new();
    crate::auth::session::set_cookie(&mut out, cookie);
    Ok((out, axum::Json(me)))
}

async fn load_me(c: &mut store::Pooled, id: i64) -> AppResult<AuthorityMe> {
    let row = store::authority::view(c, id)
        .await?
        .ok_or(AppError::AuthRequired)?;
    Ok(AuthorityMe {
        username: row.username,
        division: row.division,
        must_change_password: row.must_change_password,
    })
}

/// Authority sign out
///
/// 204 also without a session.
#[utoipa::path(
    delete,
    path = "/api/v1/authority/session",
    tag = "authority",
    responses((status = 204))
)]
pub async fn sign_out(
    State(state): State<AppState>,
    auth: Result<AuthorityPendingAuth, AppError>,
) -> AppResult<impl IntoResponse> {
    let signed_in = auth
        .as_ref()
        .ok()
        .map(|auth| (auth.who.account_id, &auth.token_hash[..]));
    session::sign_out(&state, Table::Authority, signed_in).await
}

/// The signed-in authority administrator
#[utoipa::path(
    get,
    path = "/api/v1/authority/me",
    tag = "authority",
    responses((status = 200, body = rules::api::authority::AuthorityMe)),
    security(("authority_session" = []))
)]
pub async fn me(
    State(state): State<AppState>,
    auth: AuthorityPendingAuth,
) -> AppResult<axum::Json<AuthorityMe>> {
    Ok(axum::Json(
        load_me(&mut state.db.acquire().await?, auth.who.account_id).await?,
    ))
}

/// Replace the password (first the one-time one)
///
/// Replaces the password (first the one-time one); the authority's other
/// sessions end.
#[utoipa::path(
    post,
    path = "/api/v1/authority/password",
    tag = "authority",
    request_body = rules::api::authority::ChangePasswordRequest,
    responses((status = 204), (status = 429), (status = 503)),
    security(("authority_session" = []))
)]
pub async fn change_password(
    State(state): State<AppState>,
    _ip: ClientIp,
    auth: AuthorityPendingAuth,
    Json(req): Json<ChangePasswordRequest>,
) -> AppResult<StatusCode> {
    password_change::replace(
        &state,
        Table::Authority,
        auth.who.account_id,
        &auth.token_hash,
        req,
    )
    .await
}

fn state_of(must_change: bool, disabled: bool) -> AdminAccountState {
    if disabled {
        AdminAccountState::Disabled
    } else if must_change {
        AdminAccountState::Issued
    } else {
        AdminAccountState::Active
    }
}

/// The region's institutions and their administrator accounts
#[utoipa::path(
    get,
    path = "/api/v1/authority/institutions",
    tag = "authority",
    responses((status = 200, body = [rules::api::authority::AuthorityInstitution])),
    security(("authority_session" = []))
)]
pub async fn institutions(
    State(state): State<AppState>,
    auth: AuthorityAuth,
) -> AppResult<axum::Json<Vec<AuthorityInstitution>>> {
    let rows = store::authority::institutions(&mut state.db.acquire().await?, auth.division.code())
        .await?;
    let mut out: Vec<AuthorityInstitution> = Vec::new();
    for r in rows {
        if out.last().map(|i| i.id) != Some(r.id) {
            out.push(AuthorityInstitution {
                id: r.id,
                name: r.name.clone(),
                credit_code: r.credit_code.clone(),
                division: r.division.clone(),
                admins: Vec::new(),
            });
        }
        if let (Some(account_id), Some(username)) = (r.account_id, r.username) {
            let last = out.last_mut().expect("pushed above");
            last.admins.push(IssuedAccount {
                account_id,
                username,
                state: state_of(
                    r.must_change_password.unwrap_or(false),
                    r.disabled.unwrap_or(false),
                ),
                phone_masked: r.phone.as_deref().map(masking::phone),
            });
        }
    }
    Ok(axum::Json(out))
}

/// The division of a request, checked to lie within the authority's.
fn division_within(text: &str, authority: &Division) -> AppResult<Division> {
    let division = Division::parse(text).map_err(|e| AppError::field_rule("division", &e))?;
    if division.is_national() || !authority.contains(&division) {
        return Err(AppError::field_rule("division", &DivisionError::Outside));
    }
    Ok(division)
}

/// Register an institution of the region
///
/// Registers an institution of the region (its staff are then imported with
/// `server import-registry`).
#[utoipa::path(
    post,
    path = "/api/v1/authority/institutions",
    tag = "authority",
    request_body = rules::api::authority::NewInstitutionRequest,
    responses(
        (status = 201, body = rules::api::authority::AuthorityInstitution),
        (status = 409)
    ),
    security(("authority_session" = []))
)]
pub async fn create_institution(
    State(state): State<AppState>,
    auth: AuthorityAuth,
    Json(req): Json<NewInstitutionRequest>,
) -> AppResult<(StatusCode, axum::Json<AuthorityInstitution>)> {
    let mut fields = std::collections::BTreeMap::new();
    let name = req.name.trim();
    if name.chars().count() < 2 || name.chars().count() > 100 {
        fields.insert(
            "name".to_owned(),
            Text::new(
                "请填写机构的标准名称（2–100 个字）",
                "Enter the institution's standard name (2 to 100 characters)",
            ),
        );
    }
    let code = CreditCode::parse(&req.credit_code)
        .map_err(|e| fields.insert("credit_code".to_owned(), Text::from_rule(&e)))
        .ok();
    let licence_number = req.licence_number.trim();
    if licence_number.is_empty() || licence_number.chars().count() > 64 {
        fields.insert(
            "licence_number".to_owned(),
            Text::new(
                "请填写医疗机构执业许可证登记号",
                "Enter the practice licence number",
            ),
        );
    }
    let until = rules::iso_date::parse(&req.licence_valid_until);
    if until.is_none() {
        fields.insert(
            "licence_valid_until".to_owned(),
            Text::new(
                "请按 YYYY-MM-DD 填写有效期",
                "Enter the validity as YYYY-MM-DD",
            ),
        );
    }
    let division = match division_within(&req.division, &auth.division) {
        Ok(d) => Some(d),
        Err(AppError::Invalid { fields: f, .. }) => {
            fields.extend(f);
            None
        }
        Err(e) => return Err(e),
    };
    let (Some(code), Some(until), Some(division), true) =
        (code, until, division, fields.is_empty())
    else {
        return Err(AppError::Invalid {
            code: ErrorCode::ValidationFailed,
            fields,
        });
    };
    let now = state.clock.now();
    let until = rules::iso_date::format(until);
    let mut tx = state.db.begin().await?;
    let inserted = store::institutions::insert(
        &mut tx,
        &NewInstitution {
            name,
            credit_code: code.as_str(),
            licence_number,
            licence_valid_until: &until,
            region: division.province(),
            division: Some(division.code()),
        },
    )
    .await;
    let id = match inserted {
        Ok(id) => id,
        Err(e) if store::unique_violation(&e).is_some() => {
            return Err(AppError::Conflict {
                code: ErrorCode::InstitutionCreditCodeTaken,
                field: "credit_code",
                text: Text::new(
                    "已登记该统一社会信用代码的机构",
                    "An institution with this credit code is registered already",
                ),
            })
        }
        Err(e) => return Err(e.into()),
    };
    store::authority::audit(
        &mut tx,
        now,
        auth.account_id,
        "authority.institution_created",
        &json!({"institution_id": id, "division": division.code()}),
    )
    .await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(AuthorityInstitution {
            id,
            name: name.to_owned(),
            credit_code: code.as_str().to_owned(),
            division: division.code().to_owned(),
            admins: Vec::new(),
        }),
    ))
}

/// The username and phone of an account the authority creates (an
/// institution's administrator or one of its own).
struct NewAccount {
    username: Username,
    phone: MobileNumber,
}

impl NewAccount {
    /// `None` when either is refused, each under its own field in `fields`.
    fn parse(
        username: &str,
        phone: &str,
        fields: &mut std::collections::BTreeMap<String, Text>,
    ) -> Option<NewAccount> {
        let username = Username::parse(username)
            .map_err(|e| fields.insert("username".to_owned(), Text::from_rule(&e)))
            .ok();
        let phone = MobileNumber::parse(phone)
            .map_err(|e| fields.insert("phone".to_owned(), Text::from_rule(&e)))
            .ok();
        Some(NewAccount {
            username: username?,
            phone: phone?,
        })
    }

    /// Commits the new account and answers 201 with its one-time password,
    /// which is also sent to its phone.
    async fn hand_over(
        self,
        state: &AppState,
        tx: store::Tx,
        account_id: i64,
        initial: String,
    ) -> AppResult<(StatusCode, axum::Json<IssuedPassword>)> {
        let issued = hand_over(
            state,
            tx,
            account_id,
            self.username.as_str(),
            Some(self.phone.as_str()),
            initial,
        )
        .await?;
        Ok((StatusCode::CREATED, axum::Json(issued)))
    }
}

/// The id of a new account (a taken username is a 409), its creation
/// audited with the authority as actor under `event`, `detail(id)`.
async fn audited_insert(
    tx: &mut store::Tx,
    inserted: sqlx::Result<i64>,
    auth: &AuthorityAuth,
    now: i64,
    event: &str,
    detail: impl FnOnce(i64) -> serde_json::Value,
) -> AppResult<i64> {
    let account_id = auth::inserted_account(inserted)?;
    store::authority::audit(tx, now, auth.account_id, event, &detail(account_id)).await?;
    Ok(account_id)
}

/// Commits the issue of a one-time password, then sends it to the phone
/// (when there is one) and answers with it: the authority hands it over too.
async fn hand_over(
    state: &AppState,
    tx: store::Tx,
    account_id: i64,
    username: &str,
    phone: Option<&str>,
    initial: String,
) -> AppResult<IssuedPassword> {
    tx.commit().await?;
    if let Some(phone) = phone {
        send_initial_password(state, phone, username, &initial).await?;
    }
    Ok(IssuedPassword {
        account_id,
        username: username.to_owned(),
        initial_password: initial,
        sent_to: phone.map(masking::phone),
    })
}

/// Queues the one-time password for the administrator's phone (the
/// outbox delivers it after the answer; the authority also sees it once, to
/// hand it over).
async fn send_initial_password(
    state: &AppState,
    phone: &str,
    username: &str,
    password: &str,
) -> AppResult<()> {
    let msg = notify::message(
        phone,
        "账户发放 / Account issued",
        bilingual(
            &format!(
                "【电子证照】主管部门已为您发放机构管理员账户 {username}，初始密码 {password}。首次登录须修改密码。"
            ),
            &format!(
                "Your health authority issued the institution administrator account {username}, initial password {password}. Change it at the first sign-in."
            ),
        ),
        Template::AccountIssued,
        vec![username.to_owned(), password.to_owned()],
    );
    notify::enqueue(&mut state.db.acquire().await?, &msg, state.clock.now()).await?;
    notify::wake();
    Ok(())
}

/// Issue an administrator account (one-time password)
///
/// Issues an administrator account with a one-time password.
#[utoipa::path(
    post,
    path = "/api/v1/authority/institutions/{id}/admins",
    tag = "authority",
    request_body = rules::api::authority::IssueAdminRequest,
    params(("id" = i64, Path)),
    responses(
        (status = 201, body = rules::api::authority::IssuedPassword),
        (status = 404),
        (status = 409),
        (status = 503)
    ),
    security(("authority_session" = []))
)]
pub async fn issue_admin(
    State(state): State<AppState>,
    auth: AuthorityAuth,
    Path(institution_id): Path<i64>,
    Json(req): Json<IssueAdminRequest>,
) -> AppResult<(StatusCode, axum::Json<IssuedPassword>)> {
    let mut fields = std::collections::BTreeMap::new();
    let account = NewAccount::parse(&req.username, &req.phone, &mut fields);
    // The institution is looked up first: one outside the region is a 404
    // whatever the body says.
    let now = state.clock.now();
    store::authority::institution_in(
        &mut state.db.acquire().await?,
        auth.division.code(),
        institution_id,
    )
    .await?
    .ok_or(AppError::NotFound)?;
    let Some(account) = account else {
        return Err(AppError::Invalid {
            code: ErrorCode::ValidationFailed,
            fields,
        });
    };
    let (initial, hash) = auth::issue_password().await?;
    let mut tx = state.db.begin().await?;
    let new_admin = store::accounts::NewAdmin {
        username: account.username.as_str(),
        password_hash: &hash,
        institution_id,
        phone: Some(account.phone.as_str()),
        one_time_password: true,
    };
    let inserted = store::accounts::insert_admin(&mut tx, &new_admin, now).await;
    let account_id = audited_insert(
        &mut tx,
        inserted,
        &auth,
        now,
        "authority.admin_issued",
        |id| json!({"institution_id": institution_id, "account_id": id}),
    )
    .await?;
    account.hand_over(&state, tx, account_id, initial).await
}

/// Re-issue an administrator account (new one-time password; its sessions end)
///
/// A new one-time password (the lost-password path of the seed notice:
/// 重新发放账户及密码); the account's sessions end and it is enabled again.
#[utoipa::path(
    post,
    path = "/api/v1/authority/admins/{account_id}/reissue",
    tag = "authority",
    params(("account_id" = i64, Path)),
    responses(
        (status = 200, body = rules::api::authority::IssuedPassword),
        (status = 404),
        (status = 503)
    ),
    security(("authority_session" = []))
)]
pub async fn reissue_admin(
    State(state): State<AppState>,
    auth: AuthorityAuth,
    Path(account_id): Path<i64>,
) -> AppResult<axum::Json<IssuedPassword>> {
    let now = state.clock.now();
    let (initial, hash) = auth::issue_password().await?;
    let mut tx = state.db.begin().await?;
    let (_, username, institution_id, phone) =
        store::authority::admin_in(&mut tx, auth.division.code(), account_id)
            .await?
            .ok_or(AppError::NotFound)?;
    store::authority::reissue_admin(&mut tx, account_id, &hash).await?;
    crate::auth::session::revoke_all(&mut tx, account_id).await?;
    store::authority::audit(
        &mut tx,
        now,
        auth.account_id,
        "authority.admin_reissued",
        &json!({"institution_id": institution_id, "account_id": account_id}),
    )
    .await?;
    let issued = hand_over(&state, tx, account_id, &username, phone.as_deref(), initial).await?;
    Ok(axum::Json(issued))
}

/// Disable an administrator account (its sessions end)
///
/// The account can no longer sign in and its sessions end.
#[utoipa::path(
    post,
    path = "/api/v1/authority/admins/{account_id}/disable",
    tag = "authority",
    params(("account_id" = i64, Path)),
    responses((status = 204), (status = 404)),
    security(("authority_session" = []))
)]
pub async fn disable_admin(
    State(state): State<AppState>,
    auth: AuthorityAuth,
    Path(account_id): Path<i64>,
) -> AppResult<StatusCode> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let (_, _, institution_id, _) =
        store::authority::admin_in(&mut tx, auth.division.code(), account_id)
            .await?
            .ok_or(AppError::NotFound)?;
    store::authority::disable_admin(&mut tx, account_id).await?;
    crate::auth::session::revoke_all(&mut tx, account_id).await?;
    store::authority::audit(
        &mut tx,
        now,
        auth.account_id,
        "authority.admin_disabled",
        &json!({"institution_id": institution_id, "account_id": account_id}),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Another administrator of the authority or of a division within it
///
/// Another authority administrator, of the creator's division or one within it.
#[utoipa::path(
    post,
    path = "/api/v1/authority/accounts",
    tag = "authority",
    request_body = rules::api::authority::NewAuthorityAccountRequest,
    responses(
        (status = 201, body = rules::api::authority::IssuedPassword),
        (status = 409),
        (status = 503)
    ),
    security(("authority_session" = []))
)]
pub async fn create_account(
    State(state): State<AppState>,
    auth: AuthorityAuth,
    Json(req): Json<NewAuthorityAccountRequest>,
) -> AppResult<(StatusCode, axum::Json<IssuedPassword>)> {
    let mut fields = std::collections::BTreeMap::new();
    let account = NewAccount::parse(&req.username, &req.phone, &mut fields);
    let division = match Division::parse(&req.division) {
        Ok(d) if d.is_national() && auth.division.is_national() => Some(d),
        Ok(d) if !d.is_national() && auth.division.contains(&d) => Some(d),
        Ok(_) => {
            fields.insert(
                "division".to_owned(),
                Text::from_rule(&DivisionError::Outside),
            );
            None
        }
        Err(e) => {
            fields.insert("division".to_owned(), Text::from_rule(&e));
            None
        }
    };
    let (Some(account), Some(division)) = (account, division) else {
        return Err(AppError::Invalid {
            code: ErrorCode::ValidationFailed,
            fields,
        });
    };
    let now = state.clock.now();
    let (initial, hash) = auth::issue_password().await?;
    let mut tx = state.db.begin().await?;
    let inserted = store::authority::insert(
        &mut tx,
        division.code(),
        account.username.as_str(),
        &hash,
        Some(account.phone.as_str()),
        Some(auth.account_id),
        now,
    )
    .await;
    let account_id = audited_insert(
        &mut tx,
        inserted,
        &auth,
        now,
        "authority.account_created",
        |id| json!({"account_id": id, "division": division.code()}),
    )
    .await?;
    account.hand_over(&state, tx, account_id, initial).await
}
