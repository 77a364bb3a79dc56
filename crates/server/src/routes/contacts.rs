//! Changing the phone number or email address of an account: the current
//! password re-authenticates, a code sent to the NEW contact proves it
//! belongs to the person, and the old contact is told afterwards.

use axum::extract::State;
use axum::http::StatusCode;
use rules::api::{CodeSent, ContactCodeRequest, ContactVerifyRequest, Me};
use rules::form::contact_change;
use rules::Contact;

use crate::auth::throttle;
use crate::auth::PractitionerAuth;
use crate::error::{AppError, AppResult, Text};
use crate::extract::{ClientIp, Json};
use crate::notify::{self, bilingual, Template};
use crate::otp::{self, Purpose};
use crate::store::accounts;
use crate::{audit, practitioner_row, AppState};
use rules::api::ErrorCode;

/// Checks the current password with the sign-in throttle (per account).
pub(crate) async fn reauthenticate(
    state: &AppState,
    account_id: i64,
    given: &str,
) -> AppResult<()> {
    let key = format!("reauth:{account_id}");
    let hash = accounts::password_hash(&mut state.db.acquire().await?, account_id).await?;
    if throttle::password_recheck(&state.db, state.clock.now(), &key, given, hash).await? {
        Ok(())
    } else {
        Err(AppError::Invalid {
            code: ErrorCode::AuthWrongPassword,
            fields: [(
                "current_password".to_owned(),
                Text::new("当前密码不正确", "The current password is wrong"),
            )]
            .into(),
        })
    }
}

/// Send a code to a new phone or email (re-authenticates)
///
/// Sends a code to the new contact.
#[utoipa::path(
    post,
    path = "/api/v1/me/contacts/code",
    tag = "practitioner",
    request_body = rules::api::ContactCodeRequest,
    responses(
        (status = 200, body = rules::api::CodeSent),
        (status = 409),
        (status = 429),
        (status = 503)
    ),
    security(("session" = []))
)]
pub async fn send_code(
    State(state): State<AppState>,
    auth: PractitionerAuth,
    ClientIp(ip): ClientIp,
    Json(req): Json<ContactCodeRequest>,
) -> AppResult<axum::Json<CodeSent>> {
    let contact = contact_change::send_code(&req)?;
    reauthenticate(&state, auth.account_id, &req.current_password).await?;
    let mut c = state.db.acquire().await?;
    let row = practitioner_row::load(&mut c, auth.account_id).await?;
    let unchanged = match &contact {
        Contact::Phone(p) => row.phone.as_deref() == Some(p.as_str()) && row.phone_verified,
        Contact::Email(e) => row.email.as_deref() == Some(e.as_str()) && row.email_verified,
    };
    if unchanged {
        return Err(AppError::Invalid {
            code: ErrorCode::ContactUnchanged,
            fields: [(
                "contact".to_owned(),
                Text::new(
                    "这已是您验证过的联系方式",
                    "This contact is already verified",
                ),
            )]
            .into(),
        });
    }
    if accounts::contact_taken_by_other(&mut c, auth.account_id, contact.as_str()).await? {
        return Err(AppError::rejected(
            StatusCode::CONFLICT,
            ErrorCode::ContactTaken,
            "该联系方式已被其他账户使用",
            "This contact belongs to another account",
        ));
    }
    let now = state.clock.now();
    let ip = ip.to_string();
    otp::check_limits(&mut c, Purpose::Contact, contact.as_str(), &ip, now).await?;
    drop(c);
    otp::issue(
        &state.db,
        Purpose::Contact,
        contact.as_str(),
        Some(auth.account_id),
        &ip,
        now,
        |code| {
            notify::message(
                contact.as_str(),
                "验证新的联系方式 / Confirm your new contact",
                bilingual(
                    &format!("【电子证照】您正在更换联系方式，验证码 {code}，10 分钟内有效。如非本人操作请忽略。"),
                    &format!("Your code to confirm this contact is {code}, valid for 10 minutes. Ignore this if it was not you."),
                ),
                Template::Code,
                vec![code.to_owned(), "10".into()],
            )
        },
    )
    .await?;
    Ok(axum::Json(CodeSent {
        to_masked: contact.masked(),
        resend_after_secs: otp::RESEND_SECS,
    }))
}

/// Confirm the new contact with its code
///
/// The code confirms the new contact, which replaces the old one as verified;
/// the old contact gets a notice.
#[utoipa::path(
    post,
    path = "/api/v1/me/contacts",
    tag = "practitioner",
    request_body = rules::api::ContactVerifyRequest,
    responses((status = 200, body = rules::api::Me)),
    security(("session" = []))
)]
pub async fn confirm(
    State(state): State<AppState>,
    auth: PractitionerAuth,
    Json(req): Json<ContactVerifyRequest>,
) -> AppResult<axum::Json<Me>> {
    let (contact, code) = contact_change::verify(&req)?;
    let now = state.clock.now();
    let owner = otp::verify(
        &mut state.db.acquire().await?,
        Purpose::Contact,
        contact.as_str(),
        &code,
        now,
    )
    .await?;
    if owner != auth.account_id {
        return Err(AppError::rejected(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::OtpInvalid,
            "验证码不正确",
            "The code is not correct",
        ));
    }
    let row = practitioner_row::load(&mut state.db.acquire().await?, auth.account_id).await?;
    let old = match &contact {
        Contact::Phone(_) => row.phone.clone(),
        Contact::Email(_) => row.email.clone(),
    };
    let mut tx = state.db.begin().await?;
    match &contact {
        Contact::Phone(p) => {
            accounts::set_verified_phone(&mut tx, auth.account_id, p.as_str()).await?
        }
        Contact::Email(e) => {
            accounts::set_verified_email(&mut tx, auth.account_id, e.as_str()).await?
        }
    }
    audit::record(
        &mut tx,
        now,
        Some(auth.account_id),
        "contact.changed",
        Some(serde_json::json!({"kind": contact.kind(), "to": contact.masked()})),
    )
    .await?;
    // The old contact is told, in the same transaction as the change.
    if let Some(old) = old.filter(|o| o != contact.as_str()) {
        notify::enqueue(
            &mut tx,
            &notify::message(
                &old,
                "联系方式已更换 / Your contact was changed",
                bilingual(
                    &format!("【电子证照】您账户的联系方式已更换为 {}。如非本人操作，请立即联系所在机构。", contact.masked()),
                    &format!("The contact of your account was changed to {}. If this was not you, contact your institution now.", contact.masked()),
                ),
                Template::ContactChanged,
                vec![contact.masked()],
            ),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    notify::wake();
    Ok(axum::Json(
        practitioner_row::load_me(&state, auth.account_id).await?,
    ))
}
