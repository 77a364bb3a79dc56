//! Password recovery. Paths 1–3 end with a proof token; the reset takes the
//! token (short-lived, single use). Path 4 (the institution deletes the
//! account, the person registers again) lives in the institution routes.

use axum::extract::State;
use axum::http::StatusCode;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rules::api::{
    AnswersRequest, CodeSent, PersonalRecoveryRequest, Questions, QuestionsRequest, RecoveryProof,
    ResetPasswordRequest, SendCodeRequest, VerifyCodeRequest,
};
use rules::{Email, MobileNumber, Password, ResidentId};
use sha2::{Digest, Sha256};

use crate::auth::password;
use crate::error::{AppError, AppResult, Throttle};
use crate::extract::{ClientIp, Json};
use crate::notify::{bilingual, Channel, Message};
use crate::otp::{self, Purpose};
use crate::store::{accounts, recovery};
use crate::{audit, auth, security_answers, AppState};

/// How long a proof token is valid.
const PROOF_SECS: i64 = 15 * 60;
/// Wrong answer sets before the questions path locks, and for how long.
const ANSWER_TRIES: u32 = 5;
const ANSWER_LOCK_SECS: i64 = 30 * 60;

/// A phone or email as stored: parsed by the rules crate.
fn contact(to: &str) -> AppResult<String> {
    if to.contains('@') {
        Email::parse(to)
            .map(|e| e.as_str().to_owned())
            .map_err(|e| AppError::field_rule("to", &e))
    } else {
        MobileNumber::parse(to)
            .map(|m| m.as_str().to_owned())
            .map_err(|e| AppError::field_rule("to", &e))
    }
}

fn mask_username(u: &str) -> String {
    let chars: Vec<char> = u.chars().collect();
    match chars.len() {
        0..=2 => "*".repeat(chars.len()),
        n => format!("{}{}{}", chars[0], "*".repeat(n - 2), chars[n - 1]),
    }
}

async fn issue_proof(state: &AppState, account_id: i64, path: &str) -> AppResult<RecoveryProof> {
    let raw: [u8; 32] = rand::random();
    let token = URL_SAFE_NO_PAD.encode(raw);
    let now = state.clock.now();
    let mut c = state.db.acquire().await?;
    let token_hash = Sha256::digest(token.as_bytes()).to_vec();
    recovery::insert_token(&mut c, &token_hash, account_id, path, now + PROOF_SECS).await?;
    let username = accounts::username(&mut c, account_id).await?;
    audit::record(
        &mut c,
        now,
        Some(account_id),
        "account.recovery_proof",
        Some(serde_json::json!({"path": path})),
    )
    .await?;
    Ok(RecoveryProof {
        token,
        username_masked: mask_username(&username),
    })
}

/// `POST /api/v1/recovery/code`: path 1, a code to a verified phone or
/// email. The same answer for unknown contacts.
pub async fn send_code(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Json(req): Json<SendCodeRequest>,
) -> AppResult<axum::Json<CodeSent>> {
    let to = contact(&req.to)?;
    let now = state.clock.now();
    let ip = ip.to_string();
    let account = {
        let mut c = state.db.acquire().await?;
        otp::check_limits(&mut c, Purpose::Recovery, &to, &ip, now).await?;
        accounts::by_verified_contact(&mut c, &to).await?
    };
    let code = otp::issue(&state.db, Purpose::Recovery, &to, account, &ip, now).await?;
    if account.is_some() {
        state
            .notifier
            .send(Message {
                channel: Channel::of(&to),
                to: to.clone(),
                subject: "找回密码验证码 / Password recovery code".into(),
                body: bilingual(
                    &format!("【电子证照】您正在找回密码，验证码 {code}，10 分钟内有效。如非本人操作请忽略。"),
                    &format!("Your password recovery code is {code}, valid for 10 minutes. Ignore this if it was not you."),
                ),
            })
            .await?;
    }
    let masked = if to.contains('@') {
        crate::profile::mask_email(&to)
    } else {
        crate::profile::mask_phone(&to)
    };
    Ok(axum::Json(CodeSent {
        to_masked: masked,
        resend_after_secs: otp::RESEND_SECS,
    }))
}

/// `POST /api/v1/recovery/code/verify`: path 1, the code gives a proof.
pub async fn verify_code(
    State(state): State<AppState>,
    Json(req): Json<VerifyCodeRequest>,
) -> AppResult<axum::Json<RecoveryProof>> {
    let to = contact(&req.to)?;
    let account_id = otp::verify(
        &mut state.db.acquire().await?,
        Purpose::Recovery,
        &to,
        &req.code,
        state.clock.now(),
    )
    .await?;
    Ok(axum::Json(issue_proof(&state, account_id, "code").await?))
}

/// `POST /api/v1/recovery/personal`: path 2, name + ID number + certificate
/// number. Throttled like sign-in (it is a guessable-secret check).
pub async fn personal(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Json(req): Json<PersonalRecoveryRequest>,
) -> AppResult<axum::Json<RecoveryProof>> {
    let now = state.clock.now();
    let key = format!("recovery-ip:{ip}");
    if let Err(retry_after) = state.throttle.check(&key, now) {
        return Err(AppError::Throttled {
            retry_after,
            cause: Throttle::RecoveryAttempts,
        });
    }
    let id = ResidentId::parse(&req.id_number, state.clock.today())
        .map_err(|e| AppError::field_rule("id_number", &e))?;
    let account = accounts::by_personal_details(
        &mut state.db.acquire().await?,
        req.name.trim(),
        id.as_str(),
        req.certificate_number.trim(),
        &crate::profile::enum_text(&req.system),
    )
    .await?;
    match account {
        Some(account_id) => Ok(axum::Json(
            issue_proof(&state, account_id, "personal").await?,
        )),
        None => {
            state.throttle.fail(&key, now, 10);
            Err(AppError::rejected(
                StatusCode::UNPROCESSABLE_ENTITY,
                "recovery.no_match",
                "信息不匹配或账户不存在",
                "The details do not match an account",
            ))
        }
    }
}

/// Questions shown for unknown usernames, chosen by the username so that
/// asking twice gives the same (fake) questions and existence stays hidden.
const DECOY_QUESTIONS: [&str; 5] = [
    "您母亲的姓名？",
    "您就读的小学名称？",
    "您的出生城市？",
    "您第一位班主任的姓名？",
    "您最喜欢的书？",
];

/// `POST /api/v1/recovery/questions`: path 3, the account's questions.
pub async fn questions(
    State(state): State<AppState>,
    Json(req): Json<QuestionsRequest>,
) -> AppResult<axum::Json<Questions>> {
    let rows = recovery::questions(&mut state.db.acquire().await?, req.username.trim()).await?;
    let questions = if rows.len() == security_answers::COUNT {
        rows
    } else {
        let seed = Sha256::digest(req.username.trim().to_lowercase().as_bytes());
        let start = seed[0] as usize % DECOY_QUESTIONS.len();
        (0..security_answers::COUNT)
            .map(|i| DECOY_QUESTIONS[(start + i) % DECOY_QUESTIONS.len()].to_owned())
            .collect()
    };
    Ok(axum::Json(Questions { questions }))
}

/// `POST /api/v1/recovery/answers`: path 3, all three answers right gives a
/// proof; never says which was wrong; 5 wrong sets lock the path 30 minutes.
pub async fn answers(
    State(state): State<AppState>,
    Json(req): Json<AnswersRequest>,
) -> AppResult<axum::Json<RecoveryProof>> {
    let now = state.clock.now();
    let key = format!("answers-user:{}", req.username.trim().to_lowercase());
    if let Err(retry_after) = state.throttle.check(&key, now) {
        return Err(AppError::Throttled {
            retry_after,
            cause: Throttle::QuestionsLocked,
        });
    }
    let account_id =
        accounts::practitioner_by_username(&mut state.db.acquire().await?, req.username.trim())
            .await?;
    let ok = security_answers::check_all(&state.db, account_id, &req.answers).await?;
    match (ok, account_id) {
        (true, Some(id)) => {
            state.throttle.reset(&key);
            Ok(axum::Json(issue_proof(&state, id, "questions").await?))
        }
        _ => {
            state
                .throttle
                .fail_lock(&key, now, ANSWER_TRIES, ANSWER_LOCK_SECS);
            Err(AppError::rejected(
                StatusCode::UNPROCESSABLE_ENTITY,
                "recovery.answers_wrong",
                "密保答案不正确",
                "The answers are not correct",
            ))
        }
    }
}

/// `POST /api/v1/recovery/reset`: sets the new password. Every session of
/// the account ends, every contact is told, and the audit log records it.
pub async fn reset(
    State(state): State<AppState>,
    Json(req): Json<ResetPasswordRequest>,
) -> AppResult<StatusCode> {
    let now = state.clock.now();
    let hash = Sha256::digest(req.token.as_bytes()).to_vec();
    let invalid = || {
        AppError::rejected(
            StatusCode::UNPROCESSABLE_ENTITY,
            "recovery.proof_invalid",
            "验证已失效，请重新找回密码",
            "This recovery has expired; start again",
        )
    };
    let row = recovery::token_account(&mut state.db.acquire().await?, &hash, now).await?;
    let (account_id, username, id_number) = row.ok_or_else(invalid)?;
    Password::check(&req.new_password, &username, Some(&id_number))
        .map_err(|e| AppError::field_rule("new_password", &e))?;
    let new_hash = password::hash(req.new_password).await?;
    let mut tx = state.db.begin().await?;
    if !recovery::spend_token(&mut tx, &hash).await? {
        return Err(invalid());
    }
    accounts::set_password(&mut tx, account_id, &new_hash).await?;
    auth::session::revoke_all(&mut tx, account_id).await?;
    audit::record(
        &mut tx,
        now,
        Some(account_id),
        "account.password_reset",
        None,
    )
    .await?;
    tx.commit().await?;
    let contacts = accounts::contacts(&mut state.db.acquire().await?, account_id).await?;
    for to in [contacts.0, contacts.1].into_iter().flatten() {
        state
            .notifier
            .send(Message {
                channel: Channel::of(&to),
                to,
                subject: "密码已重置 / Password reset".into(),
                body: bilingual(
                    "【电子证照】您的密码已重置，所有登录已退出。如非本人操作，请立即联系主要执业机构。",
                    "Your password was reset and every session signed out. If this was not you, contact your main institution now.",
                ),
            })
            .await?;
    }
    Ok(StatusCode::NO_CONTENT)
}
