//! Registration (linking an account to a registry record) and activation by
//! a code sent to the phone.

use axum::extract::State;
use axum::http::StatusCode;
use rules::api::{CodeSent, RegisterRequest, SendCodeRequest, VerifyCodeRequest};
use rules::form::registration;

use crate::auth::password;
use crate::error::{AppError, AppResult, Text};
use crate::extract::{ClientIp, Json};
use crate::notify::{self, bilingual, Template};
use crate::otp::{self, Purpose};
use crate::store::{self, accounts};
use crate::{audit, security_answers, AppState};
use rules::api::ErrorCode;

/// The answer to a username that another account holds: a 409 that names
/// the field, whether it was taken before or by a registration running at
/// the same time.
fn username_taken() -> AppError {
    AppError::Conflict {
        code: ErrorCode::RegistrationUsernameTaken,
        field: "username",
        text: Text::new("该用户名已被使用", "This username is taken"),
    }
}

/// How long a registration that was never activated is protected from
/// being replaced by someone else's registration of the same record.
pub const PENDING_GRACE_SECS: i64 = 24 * 3600;

/// Sends an activation code to `phone` if an unactivated account has it,
/// and otherwise records a blank row so limits, tries, expiry and timing are
/// the same.
pub async fn send_activation(
    state: &AppState,
    ip: &str,
    phone: &str,
    account: Option<i64>,
) -> AppResult<CodeSent> {
    let now = state.clock.now();
    otp::check_limits(
        &mut state.db.acquire().await?,
        Purpose::Activation,
        phone,
        ip,
        now,
    )
    .await?;
    // Queued with the code (for an account only) and delivered after the
    // answer: neither its time nor a gateway failure tells whether the phone
    // belongs to an account.
    otp::issue(
        &state.db,
        Purpose::Activation,
        phone,
        account,
        ip,
        now,
        |code| {
            notify::message(
                phone,
                "激活验证码 / Activation code",
                bilingual(
                    &format!("【电子证照】您的激活验证码为 {code}，10 分钟内有效。请勿告诉他人。"),
                    &format!(
                        "Your activation code is {code}, valid for 10 minutes. Do not share it."
                    ),
                ),
                Template::Code,
                vec![code.to_owned(), "10".into()],
            )
        },
    )
    .await?;
    Ok(CodeSent {
        to_masked: rules::masking::phone(phone),
        resend_after_secs: otp::RESEND_SECS,
    })
}

/// Register an account for a registry record
#[utoipa::path(
    post,
    path = "/api/v1/registration",
    tag = "registration",
    request_body = rules::api::RegisterRequest,
    responses(
        (status = 202, body = rules::api::CodeSent),
        (status = 409),
        (status = 429),
        (status = 503)
    )
)]
pub async fn register(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Json(req): Json<RegisterRequest>,
) -> AppResult<(StatusCode, axum::Json<CodeSent>)> {
    let form = registration::validate(&req, state.clock.today())?;
    let (id, cert, qa) = (
        form.id_number,
        form.certificate_number,
        form.security_questions,
    );
    let username = form.username.as_str().to_owned();
    let phone = form.phone.as_str().to_owned();

    // The registry record, and the account already linked to it, if any.
    let (record, taken) = {
        let mut c = state.db.acquire().await?;
        let record = accounts::registry_record(
            &mut c,
            id.as_str(),
            cert.as_str(),
            &crate::stored::enum_text(&req.system),
        )
        .await?;
        (record, accounts::username_owner(&mut c, &username).await?)
    };
    let reusable_account = record
        .as_ref()
        .and_then(|r| r.1.filter(|_| r.2 == Some(false)));
    if let Some(owner) = taken {
        // A username of another person (or of an activated account) is taken.
        let own_unactivated =
            reusable_account.is_some() && owner.is_some() && record.as_ref().map(|r| r.0) == owner;
        if !own_unactivated {
            return Err(username_taken());
        }
    }

    let now = state.clock.now();
    // An earlier registration of the record that was never activated is
    // replaced only by the same person (who knows its password: a mistyped
    // phone) or once it is older than the grace period: nobody else can
    // remove a registration while its owner may still be activating it.
    let replace = match &record {
        Some((_, Some(old), activated, _)) if *activated != Some(true) => {
            let (old_hash, created_at) =
                accounts::claim(&mut state.db.acquire().await?, *old).await?;
            if now - created_at >= PENDING_GRACE_SECS {
                Some((*old, "grace_period_over"))
            } else if password::verify(req.password.clone(), old_hash).await? {
                Some((*old, "same_password"))
            } else {
                None
            }
        }
        _ => None,
    };
    let pending_kept =
        matches!(&record, Some((_, Some(_), a, _)) if *a != Some(true)) && replace.is_none();
    match record {
        Some((practitioner_id, _, activated, _)) if activated != Some(true) && !pending_kept => {
            let hash = password::hash(req.password.clone()).await?;
            let answers = security_answers::hash(&qa).await?;
            let mut tx = state.db.begin().await?;
            if let Some((old, reason)) = replace {
                if accounts::delete_unactivated(&mut tx, old).await? {
                    audit::record(
                        &mut tx,
                        now,
                        None,
                        "account.registration_replaced",
                        Some(serde_json::json!({"old_account_id": old, "reason": reason})),
                    )
                    .await?;
                }
            }
            // A registration running at the same time may take the username
            // (or link the record) first: the unique indexes refuse this one.
            let inserted = accounts::insert_registration(
                &mut tx,
                &username,
                &hash,
                practitioner_id,
                &phone,
                now,
            )
            .await;
            let account_id = match inserted {
                Ok(id) => id,
                Err(e) => {
                    return match store::unique_violation(&e) {
                        Some(v) if v.contains("username") => Err(username_taken()),
                        // The record was linked by the other registration:
                        // the same answer as for a registered record.
                        Some(v) if v.contains("practitioner_id") => {
                            drop(tx);
                            let sent =
                                send_activation(&state, &ip.to_string(), &phone, None).await?;
                            Ok((StatusCode::ACCEPTED, axum::Json(sent)))
                        }
                        _ => Err(e.into()),
                    };
                }
            };
            security_answers::store(&mut tx, account_id, &answers).await?;
            audit::record(&mut tx, now, Some(account_id), "account.registered", None).await?;
            tx.commit().await?;
            let sent = send_activation(&state, &ip.to_string(), &phone, Some(account_id)).await?;
            tracing::info!(account_id, "account registered");
            Ok((StatusCode::ACCEPTED, axum::Json(sent)))
        }
        other => {
            // No matching record, already activated, or a registration still
            // in its grace period: the same answer and
            // the same work, so the endpoint does not reveal who is
            // registered. An activated account's owner is told.
            for _ in 0..=security_answers::COUNT {
                password::hash(req.password.clone()).await?;
            }
            if let Some((_, Some(account_id), _, Some(owner_phone))) = other {
                let mut tx = state.db.begin().await?;
                audit::record(
                    &mut tx,
                    now,
                    None,
                    "account.register_attempt_on_existing",
                    Some(serde_json::json!({"account_id": account_id})),
                )
                .await?;
                notify::enqueue(
                    &mut tx,
                    &notify::message(
                        &owner_phone,
                        "注册提醒 / Registration notice",
                        bilingual(
                            "【电子证照】有人尝试用您的证件信息注册账户。您已注册，可直接登录或找回密码。",
                            "Someone tried to register with your details. You already have an account: sign in or recover your password.",
                        ),
                        Template::RegisterAttempt,
                        vec![],
                    ),
                    now,
                )
                .await?;
                tx.commit().await?;
                notify::wake();
            }
            let sent = send_activation(&state, &ip.to_string(), &phone, None).await?;
            Ok((StatusCode::ACCEPTED, axum::Json(sent)))
        }
    }
}

/// (Re)send the activation code
///
/// (Re)sends the activation code to the phone of an unactivated account; the
/// same answer for any phone.
#[utoipa::path(
    post,
    path = "/api/v1/activation/code",
    tag = "registration",
    request_body = rules::api::SendCodeRequest,
    responses((status = 200, body = rules::api::CodeSent), (status = 429))
)]
pub async fn resend(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Json(req): Json<SendCodeRequest>,
) -> AppResult<axum::Json<CodeSent>> {
    let phone = registration::send_code(&req)?;
    let account =
        accounts::unactivated_by_phone(&mut state.db.acquire().await?, phone.as_str()).await?;
    Ok(axum::Json(
        send_activation(&state, &ip.to_string(), phone.as_str(), account).await?,
    ))
}

/// Activate with the code
///
/// Activates the account with the code; the phone counts as verified.
#[utoipa::path(
    post,
    path = "/api/v1/activation",
    tag = "registration",
    request_body = rules::api::VerifyCodeRequest,
    responses((status = 204))
)]
pub async fn activate(
    State(state): State<AppState>,
    Json(req): Json<VerifyCodeRequest>,
) -> AppResult<StatusCode> {
    let (phone, code) = registration::activate(&req)?;
    let now = state.clock.now();
    let mut c = state.db.acquire().await?;
    let account_id = otp::verify(&mut c, Purpose::Activation, phone.as_str(), &code, now).await?;
    accounts::activate(&mut c, account_id, phone.as_str()).await?;
    audit::record(&mut c, now, Some(account_id), "account.activated", None).await?;
    Ok(StatusCode::NO_CONTENT)
}
