//! Password recovery. Paths 1–3 end with a proof token; the reset takes the
//! token (short-lived, single use). Path 4 (the institution deletes the
//! account, the person registers again) lives in the institution routes.

use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rules::api::{
    AnswersRequest, CodeSent, PendingRecovery, PersonalRecoveryRequest, Questions,
    QuestionsRequest, RecoveryProof, ResetPasswordRequest, SendCodeRequest, VerifyCodeRequest,
};
use rules::form;
use sha2::{Digest, Sha256};

use crate::auth::password;
use crate::auth::throttle::{self, Limit};
use crate::cookies::Cookie;
use crate::error::{AppError, AppResult, Throttle};
use crate::extract::{ClientIp, Json};
use crate::notify::{self, bilingual, Template};
use crate::otp::{self, Purpose};
use crate::store::{accounts, recovery};
use crate::{audit, auth, security_answers, AppState};
use rules::api::ErrorCode;

/// How long a proof token is valid.
const PROOF_SECS: i64 = 15 * 60;
/// Wrong answer sets before the questions path locks, and for how long.
const ANSWER_TRIES: u32 = 5;
const ANSWER_LOCK_SECS: i64 = 30 * 60;
const ANSWERS_LIMIT: Limit = Limit::Fixed(ANSWER_TRIES, ANSWER_LOCK_SECS);
/// Personal details that match no account, per address, before delays.
const PERSONAL_LIMIT: Limit = Limit::Growing(10);

/// Proofs by personal details per account per 24 h (counted in the
/// database: the limit holds across servers and restarts).
const PERSONAL_PROOFS_PER_DAY: i64 = 3;
const DAY_SECS: i64 = 24 * 3600;

/// How a path is named in the notice a proof sends (zh, en).
fn path_words(path: &str) -> (&'static str, &'static str) {
    match path {
        "code" => ("验证码", "a code sent to your phone or email"),
        "personal" => ("个人信息", "your personal details"),
        _ => ("密保问题", "your security questions"),
    }
}

/// Issues a proof for the account, at most `per_day` of the path in 24 h
/// when given, and tells every contact on file (the account's phone and
/// email, the registry record's phone) at once, after the answer.
async fn issue_proof(
    state: &AppState,
    account_id: i64,
    path: &str,
    per_day: Option<i64>,
) -> AppResult<RecoveryProof> {
    let raw: [u8; 32] = rand::random();
    let token = URL_SAFE_NO_PAD.encode(raw);
    let now = state.clock.now();
    let token_hash = Sha256::digest(token.as_bytes()).to_vec();
    let mut tx = state.db.begin().await?;
    if let Some(max) = per_day {
        // One decision per account at a time: parallel requests cannot pass
        // the count together.
        accounts::lock(&mut tx, account_id).await?;
        let (issued, earliest) =
            recovery::proofs_expiring_after(&mut tx, account_id, path, now - DAY_SECS + PROOF_SECS)
                .await?;
        if issued >= max {
            drop(tx);
            audit::record(
                &mut state.db.acquire().await?,
                now,
                Some(account_id),
                "account.recovery_limit",
                Some(serde_json::json!({"path": path, "per_day": max})),
            )
            .await?;
            // The earliest proof of the window leaves it a day after issue.
            let until = earliest.unwrap_or(now + PROOF_SECS) - PROOF_SECS + DAY_SECS;
            return Err(AppError::Throttled {
                retry_after: (until - now).max(1) as u64,
                cause: Throttle::RecoveryAttempts,
            });
        }
    }
    recovery::insert_token(&mut tx, &token_hash, account_id, path, now + PROOF_SECS).await?;
    let username = accounts::username(&mut tx, account_id).await?;
    let contacts = accounts::all_contacts(&mut tx, account_id).await?;
    audit::record(
        &mut tx,
        now,
        Some(account_id),
        "account.recovery_proof",
        Some(serde_json::json!({"path": path})),
    )
    .await?;
    let (zh, en) = path_words(path);
    for to in contacts {
        notify::enqueue(
            &mut tx,
            &notify::message(
                &to,
                "找回密码提醒 / Password recovery notice",
                bilingual(
                    &format!("【电子证照】您的账户刚刚通过{zh}方式申请重置密码；如非本人操作，请立即联系所在机构。"),
                    &format!("A password reset was just requested for your account with {en}. If this was not you, contact your institution now."),
                ),
                Template::RecoveryStarted,
                vec![zh.to_owned()],
            ),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    notify::wake();
    Ok(RecoveryProof { token, username })
}

/// A proof's answer: the proof, and the cookie that keeps it.
type Proven = (HeaderMap, axum::Json<RecoveryProof>);

/// The answer with the proof, and the cookie that carries the latest proof
/// of this browser, so the reset step survives a refresh while the page
/// never keeps the proof: HttpOnly (no script reads it), SameSite=Strict
/// (and over plain HTTP only sent to the recovery API).
fn proven(state: &AppState, proof: RecoveryProof) -> AppResult<Proven> {
    let mut headers = HeaderMap::new();
    headers.insert(
        SET_COOKIE,
        state
            .config
            .cookies()
            .set(Cookie::RecoveryProof, &proof.token, Some(PROOF_SECS))?,
    );
    Ok((headers, axum::Json(proof)))
}

/// The proof token of the request's cookie, if any.
fn cookie_token(state: &AppState, headers: &HeaderMap) -> Option<String> {
    state.config.cookies().read(Cookie::RecoveryProof, headers)
}

/// The unspent recovery of this browser (proof cookie)
///
/// The username of the unspent, unexpired proof in this browser's cookie (the
/// reset step after a refresh), 404 otherwise.
#[utoipa::path(
    get,
    path = "/api/v1/recovery/proof",
    tag = "recovery",
    responses((status = 200, body = rules::api::PendingRecovery), (status = 404))
)]
pub async fn pending(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> AppResult<(HeaderMap, axum::Json<PendingRecovery>)> {
    let token = cookie_token(&state, &headers).ok_or(AppError::NotFound)?;
    let hash = Sha256::digest(token.as_bytes()).to_vec();
    let row =
        recovery::token_account(&mut state.db.acquire().await?, &hash, state.clock.now()).await?;
    let (_, username, _) = row.ok_or(AppError::NotFound)?;
    let mut out = HeaderMap::new();
    out.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok((out, axum::Json(PendingRecovery { username })))
}

/// Path 1: code to a verified contact
///
/// Path 1, a code to a verified phone or email. The same answer, in the same
/// time, for unknown contacts (their blank code then fails like a wrong one).
#[utoipa::path(
    post,
    path = "/api/v1/recovery/code",
    tag = "recovery",
    request_body = rules::api::SendCodeRequest,
    responses((status = 200, body = rules::api::CodeSent), (status = 429))
)]
pub async fn send_code(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Json(req): Json<SendCodeRequest>,
) -> AppResult<axum::Json<CodeSent>> {
    let to = form::recovery::send_code(&req)?.as_str().to_owned();
    let now = state.clock.now();
    let ip = ip.to_string();
    let account = {
        let mut c = state.db.acquire().await?;
        otp::check_limits(&mut c, Purpose::Recovery, &to, &ip, now).await?;
        accounts::by_verified_contact(&mut c, &to).await?
    };
    // Queued with the code (for an account only) and delivered after the
    // answer: neither its time nor a gateway failure tells whether the
    // contact belongs to an account.
    otp::issue(&state.db, Purpose::Recovery, &to, account, &ip, now, |code| {
        notify::message(
            &to,
            "找回密码验证码 / Password recovery code",
            bilingual(
                &format!("【电子证照】您正在找回密码，验证码 {code}，10 分钟内有效。如非本人操作请忽略。"),
                &format!("Your password recovery code is {code}, valid for 10 minutes. Ignore this if it was not you."),
            ),
            Template::Code,
            vec![code.to_owned(), "10".into()],
        )
    })
    .await?;
    let masked = if to.contains('@') {
        rules::masking::email(&to)
    } else {
        rules::masking::phone(&to)
    };
    Ok(axum::Json(CodeSent {
        to_masked: masked,
        resend_after_secs: otp::RESEND_SECS,
    }))
}

/// Path 1: the code gives a proof
///
/// Path 1, the code gives a proof.
#[utoipa::path(
    post,
    path = "/api/v1/recovery/code/verify",
    tag = "recovery",
    request_body = rules::api::VerifyCodeRequest,
    responses((status = 200, body = rules::api::RecoveryProof))
)]
pub async fn verify_code(
    State(state): State<AppState>,
    Json(req): Json<VerifyCodeRequest>,
) -> AppResult<Proven> {
    let (to, code) = form::recovery::verify_code(&req)?;
    let account_id = otp::verify(
        &mut state.db.acquire().await?,
        Purpose::Recovery,
        to.as_str(),
        &code,
        state.clock.now(),
    )
    .await?;
    proven(&state, issue_proof(&state, account_id, "code", None).await?)
}

/// Path 2: personal details
///
/// Path 2, name + ID number + certificate number, for accounts without a
/// verified phone or email (the others are sent to path 1:
/// `recovery.use_contact`). Throttled like sign-in per address (it is a
/// guessable-secret check), and at most [`PERSONAL_PROOFS_PER_DAY`] proofs per
/// account.
#[utoipa::path(
    post,
    path = "/api/v1/recovery/personal",
    tag = "recovery",
    request_body = rules::api::PersonalRecoveryRequest,
    responses(
        (status = 200, body = rules::api::RecoveryProof),
        (status = 409),
        (status = 429)
    )
)]
pub async fn personal(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Json(req): Json<PersonalRecoveryRequest>,
) -> AppResult<Proven> {
    let now = state.clock.now();
    let key = format!("recovery-ip:{ip}");
    let details = form::recovery::personal(&req, state.clock.today())?;
    let (name, id, certificate) = (
        details.name.as_str(),
        details.id_number.as_str(),
        details.certificate_number.as_str(),
    );
    // Counted before the details are looked up; a match takes it back
    // (only details that match no account count against the address).
    throttle::attempt(
        &state.db,
        now,
        Throttle::RecoveryAttempts,
        &[(&key, PERSONAL_LIMIT)],
    )
    .await?;
    let account = accounts::by_personal_details(
        &mut state.db.acquire().await?,
        name,
        id,
        certificate,
        &crate::stored::enum_text(&req.system),
    )
    .await?;
    match account {
        Some(account_id) => {
            throttle::give_back(&mut state.db.acquire().await?, &key, PERSONAL_LIMIT).await?;
            // The seed notice: personal details are the way for accounts
            // whose phone or email was never verified; the others use it.
            if accounts::has_verified_contact(&mut state.db.acquire().await?, account_id).await? {
                audit::record(
                    &mut state.db.acquire().await?,
                    now,
                    Some(account_id),
                    "account.recovery_use_contact",
                    None,
                )
                .await?;
                return Err(AppError::rejected(
                    StatusCode::CONFLICT,
                    ErrorCode::RecoveryUseContact,
                    "您的账户已有验证过的手机号码或邮箱，请用发送到该手机号码或邮箱的验证码找回密码。如手机号码和邮箱都已无法使用，请通过密保问题找回，或联系所在机构。",
                    "Your account has a verified phone or email: recover your password with a code sent to it. If you can use neither any more, answer your security questions or contact your institution.",
                ));
            }
            let proof = issue_proof(
                &state,
                account_id,
                "personal",
                Some(PERSONAL_PROOFS_PER_DAY),
            )
            .await?;
            proven(&state, proof)
        }
        None => {
            // Name, ID number and certificate number of an account in the
            // other system: say which, as sign-in does for the right password.
            let other = req.system.other();
            if accounts::by_personal_details(
                &mut state.db.acquire().await?,
                name,
                id,
                certificate,
                &crate::stored::enum_text(&other),
            )
            .await?
            .is_some()
            {
                return Err(crate::routes::session::in_other_system(
                    other,
                    ("找回密码", "continue"),
                ));
            }
            Err(AppError::rejected(
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::RecoveryNoMatch,
                "信息不匹配或账户不存在",
                "The details do not match an account",
            ))
        }
    }
}

/// The questions the portal offers (`src/components/security_questions.rs`,
/// in zh-CN, the portal's default language; a test checks they are there).
/// Unknown usernames get three of them, so that the answer does not tell
/// whether an account exists.
const OFFERED_QUESTIONS: [&str; 6] = [
    "您母亲的姓名是？",
    "您出生的城市是？",
    "您小学的校名是？",
    "您第一位导师的姓名是？",
    "您最喜欢的书是？",
    "您配偶的生日是？",
];

/// The key of the decoy choice: derived from the signing key (configured,
/// or the demo's stored one), else a random key of this process (logged:
/// the decoys then change at a restart).
async fn decoy_key(state: &AppState) -> AppResult<[u8; 32]> {
    static PROCESS_KEY: std::sync::OnceLock<[u8; 32]> = std::sync::OnceLock::new();
    let seed = crate::license::signing_seed(
        &mut state.db.acquire().await?,
        &state.config,
        state.clock.now(),
    )
    .await?;
    let secret = match seed {
        Some(seed) => seed,
        None => *PROCESS_KEY.get_or_init(|| {
            tracing::warn!("no PORTAL_SIGNING_KEY: security questions shown for unknown usernames change when the server restarts");
            rand::random()
        }),
    };
    let mut h = Sha256::new();
    h.update(b"portal/recovery/decoy-questions/v1\0");
    h.update(secret);
    Ok(h.finalize().into())
}

/// Three distinct offered questions, chosen by a keyed hash of the
/// normalised username: the same username always gets the same ones, and
/// without the key nobody can tell them from an account's own.
fn decoy_questions(key: &[u8; 32], username: &str) -> Vec<String> {
    let mut h = Sha256::new();
    h.update(key);
    h.update(username.trim().to_lowercase().as_bytes());
    let bytes = h.finalize();
    let mut order: Vec<usize> = (0..OFFERED_QUESTIONS.len()).collect();
    for i in 0..security_answers::COUNT {
        let r = u16::from_be_bytes([bytes[2 * i], bytes[2 * i + 1]]) as usize;
        let j = i + r % (order.len() - i);
        order.swap(i, j);
    }
    order[..security_answers::COUNT]
        .iter()
        .map(|&i| OFFERED_QUESTIONS[i].to_owned())
        .collect()
}

/// Path 3: the account's questions
///
/// Path 3, the account's questions (for an unknown username, or an account
/// without questions, three offered questions chosen by the username).
#[utoipa::path(
    post,
    path = "/api/v1/recovery/questions",
    tag = "recovery",
    request_body = rules::api::QuestionsRequest,
    responses((status = 200, body = rules::api::Questions), (status = 429))
)]
pub async fn questions(
    State(state): State<AppState>,
    Json(req): Json<QuestionsRequest>,
) -> AppResult<axum::Json<Questions>> {
    let username = form::recovery::questions(&req)?;
    let rows = recovery::questions(&mut state.db.acquire().await?, username.as_str()).await?;
    // The key is derived either way, so both answers take the same work.
    let key = decoy_key(&state).await?;
    let questions = if rows.len() == security_answers::COUNT {
        rows
    } else {
        decoy_questions(&key, username.as_str())
    };
    Ok(axum::Json(Questions { questions }))
}

/// Path 3: the answers give a proof
///
/// Path 3, all three answers right gives a proof; never says which was wrong; 5
/// wrong sets lock the path 30 minutes.
#[utoipa::path(
    post,
    path = "/api/v1/recovery/answers",
    tag = "recovery",
    request_body = rules::api::AnswersRequest,
    responses(
        (status = 200, body = rules::api::RecoveryProof),
        (status = 429),
        (status = 503)
    )
)]
pub async fn answers(
    State(state): State<AppState>,
    Json(req): Json<AnswersRequest>,
) -> AppResult<Proven> {
    let form = form::recovery::answers(&req)?;
    let now = state.clock.now();
    let key = format!("answers-user:{}", form.username.as_str().to_lowercase());
    // Counted before the answers are checked: parallel wrong sets lock too.
    let counted = throttle::attempt(
        &state.db,
        now,
        Throttle::QuestionsLocked,
        &[(&key, ANSWERS_LIMIT)],
    )
    .await?;
    let account_id =
        accounts::practitioner_by_username(&mut state.db.acquire().await?, form.username.as_str())
            .await?;
    let ok = security_answers::check_all(&state.db, account_id, &form.answers).await?;
    match (ok, account_id) {
        (true, Some(id)) => {
            throttle::succeeded(&mut state.db.acquire().await?, &key).await?;
            proven(&state, issue_proof(&state, id, "questions", None).await?)
        }
        _ => {
            // Audited alike for unknown usernames (no actor then); never
            // the answers.
            let mut c = state.db.acquire().await?;
            audit::record(&mut c, now, account_id, "recovery.answers_wrong", None).await?;
            if counted.now_blocked {
                audit::record(
                    &mut c,
                    now,
                    account_id,
                    "recovery.answers_locked",
                    Some(serde_json::json!({"secs": ANSWER_LOCK_SECS})),
                )
                .await?;
            }
            Err(AppError::rejected(
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::RecoveryAnswersWrong,
                "密保答案不正确",
                "The answers are not correct",
            ))
        }
    }
}

/// Set a new password with a proof
///
/// Sets the new password. Every session of the account ends, every contact is
/// told, and the audit log records it.
#[utoipa::path(
    post,
    path = "/api/v1/recovery/reset",
    tag = "recovery",
    request_body = rules::api::ResetPasswordRequest,
    responses((status = 204), (status = 503))
)]
pub async fn reset(
    State(state): State<AppState>,
    headers: HeaderMap,
    Json(req): Json<ResetPasswordRequest>,
) -> AppResult<(HeaderMap, StatusCode)> {
    let now = state.clock.now();
    // The body's token, or else the proof cookie of this browser.
    let token = match req.token.trim() {
        "" => cookie_token(&state, &headers).unwrap_or_default(),
        t => t.to_owned(),
    };
    let hash = Sha256::digest(token.as_bytes()).to_vec();
    let invalid = || {
        AppError::rejected(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::RecoveryProofInvalid,
            "验证已失效，请重新找回密码",
            "This recovery has expired; start again",
        )
    };
    let row = recovery::token_account(&mut state.db.acquire().await?, &hash, now).await?;
    let (account_id, username, id_number) = row.ok_or_else(invalid)?;
    form::recovery::reset(&req, &username, Some(&id_number))?;
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
    let contacts = accounts::contacts(&mut tx, account_id).await?;
    for to in [contacts.0, contacts.1].into_iter().flatten() {
        notify::enqueue(
            &mut tx,
            &notify::message(
                &to,
                "密码已重置 / Password reset",
                bilingual(
                    "【电子证照】您的密码已重置，所有登录已退出。如非本人操作，请立即联系主要执业机构。",
                    "Your password was reset and every session signed out. If this was not you, contact your main institution now.",
                ),
                Template::PasswordReset,
                vec![],
            ),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    notify::wake();
    // The proof is spent: the browser forgets it.
    let mut out = HeaderMap::new();
    out.insert(
        SET_COOKIE,
        state.config.cookies().clear(Cookie::RecoveryProof),
    );
    Ok((out, StatusCode::NO_CONTENT))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoys_are_the_questions_the_registration_form_offers() {
        let form = include_str!("../../../../src/components/security_questions.rs");
        for q in OFFERED_QUESTIONS {
            assert!(form.contains(&format!("zh: \"{q}\"")), "{q} is not offered");
        }
    }

    #[test]
    fn decoys_are_three_distinct_and_follow_the_key() {
        let key = [7u8; 32];
        let a = decoy_questions(&key, " Ghost ");
        assert_eq!(a, decoy_questions(&key, "ghost"));
        let mut d = a.clone();
        d.sort();
        d.dedup();
        assert_eq!(d.len(), security_answers::COUNT);
        let names = ["a", "b", "c", "d", "e", "f", "g", "h"];
        assert!(names
            .iter()
            .any(|n| decoy_questions(&key, n) != decoy_questions(&[8u8; 32], n)));
    }
}
