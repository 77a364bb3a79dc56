//! The administrator-change procedure (issue 21): the institution files a
//! request to replace its administrator person with the receipt stamped
//! with the unit's seal (电子化注册账户管理人员回执并加盖单位公章); the health
//! authority of its region lists the pending requests, downloads the
//! receipt, and approves (the old administrator accounts are disabled and
//! their sessions end; the new person is issued an account whose one-time
//! password goes to their phone and email through the outbox) or rejects
//! with a reason the institution sees. Outside the region everything
//! answers 404; every step is audited.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use rules::api::administrator_change::{
    AdministratorChange, ChangeStatus, LatestAdministratorChange, NewAdministratorChange,
    PendingAdministratorChange, RejectAdministratorChange,
};
use rules::api::authority::IssuedPassword;
use rules::{Email, MobileNumber, PersonName, Username};
use serde_json::json;

use crate::auth::authority::{self as authority_auth, AuthorityAuth};
use crate::auth::AdminAuth;
use crate::error::{AppError, AppResult, Text};
use crate::extract::{Json, Path, Query};
use crate::notify::{self, bilingual, Template};
use crate::photo::PhotoError;
use crate::receipt::{self, ReceiptError, ReceiptKind};
use crate::store::administrator_changes::{self as changes, NewChange, PendingRow};
use crate::store::{self};
use crate::{audit, AppState};
use rules::api::ErrorCode;
use rules::masking;

/// Largest request body: the receipt's cap.
pub const BODY_LIMIT: usize = rules::api::administrator_change::RECEIPT_MAX_BYTES;

/// A refused receipt: 422 on the `receipt` field.
fn refused(code: rules::api::ErrorCode, zh: &str, en: &str) -> AppError {
    AppError::FieldRejected {
        code,
        field: "receipt",
        text: Text::new(zh, en),
    }
}

impl From<ReceiptError> for AppError {
    fn from(e: ReceiptError) -> Self {
        match e {
            ReceiptError::Empty => refused(
                ErrorCode::ReceiptEmpty,
                "请选择加盖单位公章的回执文件",
                "Choose the receipt file stamped with the unit's seal",
            ),
            ReceiptError::UnsupportedFormat | ReceiptError::Image(PhotoError::UnsupportedFormat) => {
                refused(
                    ErrorCode::ReceiptUnsupportedFormat,
                    "回执只能是 PDF、JPEG 或 PNG 文件",
                    "The receipt must be a PDF, JPEG or PNG file",
                )
            }
            ReceiptError::IncompletePdf => refused(
                ErrorCode::ReceiptIncomplete,
                "PDF 文件不完整，请重新导出后上传",
                "The PDF is incomplete; export it again and upload it",
            ),
            ReceiptError::TooSmall => refused(
                ErrorCode::ReceiptTooSmall,
                "图片太小，无法看清公章，请上传清晰的扫描件或照片（短边至少 300 像素）",
                "The image is too small to read the seal; upload a clear scan or photo (at least 300 pixels on the short side)",
            ),
            ReceiptError::Image(PhotoError::Encode(detail)) => {
                AppError::Internal(format!("receipt encoding: {detail}"))
            }
            ReceiptError::Image(PhotoError::TooLargeDimensions(_)) => refused(
                ErrorCode::ReceiptTooLargeDimensions,
                "图片尺寸过大（最多 5000 万像素），请先缩小后再上传",
                "The image dimensions are too large (at most 50 megapixels); scale it down first",
            ),
            ReceiptError::Image(_) => refused(
                ErrorCode::ReceiptCorrupt,
                "回执文件已损坏或不完整，请重新选择",
                "The receipt file is damaged or incomplete; choose it again",
            ),
        }
    }
}

fn pending_exists() -> AppError {
    AppError::Conflict {
        code: ErrorCode::AdministratorChangePending,
        field: "receipt",
        text: Text::new(
            "已有一份待主管部门审核的管理员变更申请，请等待审核结果",
            "A request to change the administrator is already waiting for the health authority",
        ),
    }
}

fn already_decided() -> AppError {
    AppError::rejected(
        StatusCode::CONFLICT,
        ErrorCode::AdministratorChangeDecided,
        "该申请已被处理",
        "This request has been decided already",
    )
}

/// Checks the request's fields, each refusal on its field.
fn check_fields(
    q: &NewAdministratorChange,
) -> AppResult<(PersonName, Username, MobileNumber, Option<Email>)> {
    let mut fields = std::collections::BTreeMap::new();
    let name = PersonName::parse(&q.name)
        .map_err(|e| fields.insert("name".to_owned(), Text::from_rule(&e)))
        .ok();
    let username = Username::parse(&q.username)
        .map_err(|e| fields.insert("username".to_owned(), Text::from_rule(&e)))
        .ok();
    let phone = MobileNumber::parse(&q.phone)
        .map_err(|e| fields.insert("phone".to_owned(), Text::from_rule(&e)))
        .ok();
    let email = match q.email.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
        None => Some(None),
        Some(text) => Email::parse(text)
            .map(Some)
            .map_err(|e| fields.insert("email".to_owned(), Text::from_rule(&e)))
            .ok(),
    };
    match (name, username, phone, email) {
        (Some(n), Some(u), Some(p), Some(e)) => Ok((n, u, p, e)),
        _ => Err(AppError::Invalid {
            code: ErrorCode::ValidationFailed,
            fields,
        }),
    }
}

/// Writes the receipt under a random name and makes it durable before the
/// database points to it.
async fn store_file(state: &AppState, bytes: Vec<u8>, kind: ReceiptKind) -> AppResult<String> {
    state
        .uploads
        .put("receipt-", kind.extension(), bytes)
        .await
        .map_err(crate::uploads::unavailable)
}

/// Ask the health authority to change the administrator (the stamped receipt as the raw body)
///
/// The receipt as the body (PDF, JPEG or PNG, at most 5 MiB), the new
/// administrator in the query.
#[utoipa::path(
    post,
    path = "/api/v1/institution/administrator-change",
    tag = "institution",
    request_body(
        content(
            (inline(crate::openapi::Binary) = "application/pdf"),
            (inline(crate::openapi::Binary) = "image/jpeg"),
            (inline(crate::openapi::Binary) = "image/png")
        ),
        description = "The receipt's bytes, at most 5 MiB"
    ),
    params(
        ("name" = String, Query),
        ("username" = String, Query),
        ("phone" = String, Query),
        ("email" = Option<String>, Query)
    ),
    responses(
        (status = 201, body = rules::api::administrator_change::AdministratorChange),
        (status = 409),
        (status = 503)
    ),
    security(("session" = []))
)]
pub async fn create(
    State(state): State<AppState>,
    auth: AdminAuth,
    Query(q): Query<NewAdministratorChange>,
    body: Result<Bytes, BytesRejection>,
) -> AppResult<(StatusCode, axum::Json<AdministratorChange>)> {
    let body = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::PayloadTooLarge
        } else {
            AppError::Malformed(rejection.body_text())
        }
    })?;
    let (name, username, phone, email) = check_fields(&q)?;
    let now = state.clock.now();
    {
        // Cheap refusals before any decoding.
        let mut c = state.db.acquire().await?;
        if changes::has_pending(&mut c, auth.institution_id).await? {
            return Err(pending_exists());
        }
        if changes::username_taken(&mut c, username.as_str()).await? {
            return Err(authority_auth::username_taken());
        }
    }
    let kind = receipt::sniff(&body)?;
    let stored = match kind {
        ReceiptKind::Pdf => {
            receipt::check_pdf(&body)?;
            body.to_vec()
        }
        ReceiptKind::Jpeg => {
            let turn = crate::photo::turn().await?;
            crate::photo::run_in_turn(turn, move || receipt::process_image(&body)).await??
        }
    };
    let size = stored.len() as i64;
    let file = store_file(&state, stored, kind).await?;
    let mut tx = state.db.begin().await?;
    let inserted = changes::insert(
        &mut tx,
        &NewChange {
            institution_id: auth.institution_id,
            requested_by: auth.account_id,
            new_name: name.as_str(),
            new_username: username.as_str(),
            new_phone: phone.as_str(),
            new_email: email.as_ref().map(Email::as_str),
            receipt_file: &file,
            receipt_type: kind.media_type(),
            receipt_bytes: size,
            now,
        },
    )
    .await;
    let id = match inserted {
        Ok(id) => id,
        Err(e) => {
            drop(tx);
            crate::routes::photo::remove_stored(&state, &file).await;
            return Err(match store::unique_violation(&e) {
                Some(_) => pending_exists(),
                None => e.into(),
            });
        }
    };
    audit::record(
        &mut tx,
        now,
        Some(auth.account_id),
        "administrator_change.requested",
        Some(
            json!({"change_id": id, "institution_id": auth.institution_id,
            "receipt_type": kind.media_type(), "bytes": size}),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(AdministratorChange {
            id,
            status: ChangeStatus::Pending,
            new_name: name.as_str().to_owned(),
            new_username: username.as_str().to_owned(),
            phone_masked: phone.masked(),
            requested_at: now,
            decided_at: None,
            reason: None,
        }),
    ))
}

/// The institution's newest administrator-change request
///
/// The institution's newest request (with the reason of a rejection).
#[utoipa::path(
    get,
    path = "/api/v1/institution/administrator-change",
    tag = "institution",
    responses(
        (status = 200, body = rules::api::administrator_change::LatestAdministratorChange)
    ),
    security(("session" = []))
)]
pub async fn latest(
    State(state): State<AppState>,
    auth: AdminAuth,
) -> AppResult<axum::Json<LatestAdministratorChange>> {
    let row = changes::latest(&mut state.db.acquire().await?, auth.institution_id).await?;
    let latest = match row {
        Some(r) => Some(AdministratorChange {
            id: r.id,
            status: crate::stored::parse_enum(&r.status)?,
            new_name: r.new_name,
            new_username: r.new_username,
            phone_masked: masking::phone(&r.new_phone),
            requested_at: r.created_at,
            decided_at: r.decided_at,
            reason: r.reason,
        }),
        None => None,
    };
    Ok(axum::Json(LatestAdministratorChange { latest }))
}

fn pending_view(r: PendingRow) -> PendingAdministratorChange {
    PendingAdministratorChange {
        id: r.id,
        institution_id: r.institution_id,
        institution_name: r.institution_name,
        division: r.division,
        requested_by: r.requested_by,
        new_name: r.new_name,
        new_username: r.new_username,
        phone_masked: masking::phone(&r.new_phone),
        email_masked: r.new_email.as_deref().map(masking::email),
        receipt_type: r.receipt_type,
        receipt_bytes: r.receipt_bytes,
        requested_at: r.created_at,
    }
}

/// The region's pending administrator-change requests
///
/// The region's pending requests, oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/authority/administrator-changes",
    tag = "authority",
    responses(
        (status = 200, body = [rules::api::administrator_change::PendingAdministratorChange])
    ),
    security(("authority_session" = []))
)]
pub async fn pending(
    State(state): State<AppState>,
    auth: AuthorityAuth,
) -> AppResult<axum::Json<Vec<PendingAdministratorChange>>> {
    let rows = changes::pending_in(&mut state.db.acquire().await?, auth.division.code()).await?;
    Ok(axum::Json(rows.into_iter().map(pending_view).collect()))
}

/// The stamped receipt of a request of the region
///
/// The receipt, as a download (never rendered in the portal's origin).
#[utoipa::path(
    get,
    path = "/api/v1/authority/administrator-changes/{id}/receipt",
    tag = "authority",
    params(("id" = i64, Path)),
    responses(
        (status = 200, response = inline(crate::openapi::ReceiptFile)),
        (status = 400),
        (status = 404)
    ),
    security(("authority_session" = []))
)]
pub async fn receipt(
    State(state): State<AppState>,
    auth: AuthorityAuth,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let (_, file, media_type) =
        changes::receipt_in(&mut state.db.acquire().await?, auth.division.code(), id)
            .await?
            .ok_or(AppError::NotFound)?;
    let bytes = state
        .uploads
        .get(&file)
        .await
        .map_err(crate::uploads::unavailable)?
        .ok_or(AppError::NotFound)?;
    let kind = if media_type == "application/pdf" {
        ReceiptKind::Pdf
    } else {
        ReceiptKind::Jpeg
    };
    audit_receipt_opened(&state, &auth, id).await?;
    let mut resp = bytes.into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(kind.media_type()),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    let disposition = format!("attachment; filename=\"receipt-{id}.{}\"", kind.extension());
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&disposition).map_err(|e| AppError::Internal(e.to_string()))?,
    );
    Ok(resp)
}

async fn audit_receipt_opened(state: &AppState, auth: &AuthorityAuth, id: i64) -> AppResult<()> {
    store::authority::audit(
        &mut state.db.acquire().await?,
        state.clock.now(),
        auth.account_id,
        "authority.administrator_change_receipt_opened",
        &json!({"change_id": id}),
    )
    .await?;
    Ok(())
}

/// Approve: the old administrators are disabled, the new one is issued an account
///
/// The old administrator accounts of the institution are disabled and their
/// sessions end; the new administrator is issued an account with a one-time
/// password, sent to their phone (and email) through the outbox.
#[utoipa::path(
    post,
    path = "/api/v1/authority/administrator-changes/{id}/approve",
    tag = "authority",
    params(("id" = i64, Path)),
    responses(
        (status = 201, body = rules::api::authority::IssuedPassword),
        (status = 400),
        (status = 404),
        (status = 409),
        (status = 503)
    ),
    security(("authority_session" = []))
)]
pub async fn approve(
    State(state): State<AppState>,
    auth: AuthorityAuth,
    Path(id): Path<i64>,
) -> AppResult<(StatusCode, axum::Json<IssuedPassword>)> {
    let division = auth.division.code().to_owned();
    // Outside the region, or unknown: 404 before any work.
    if !changes::exists_in(&mut state.db.acquire().await?, &division, id).await? {
        return Err(AppError::NotFound);
    }
    let (initial, hash) = authority_auth::issue_password().await?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let Some(row) = changes::pending_one(&mut tx, &division, id).await? else {
        return Err(already_decided());
    };
    // The conditional UPDATE first: of two decisions at once, the second
    // waits for the first's row lock and then finds nothing pending.
    if !changes::decide(&mut tx, id, "approved", None, auth.account_id, now).await? {
        return Err(already_decided());
    }
    let replaced = changes::enabled_admins(&mut tx, row.institution_id).await?;
    for account_id in &replaced {
        store::authority::disable_admin(&mut tx, *account_id).await?;
        crate::auth::session::revoke_all(&mut tx, *account_id).await?;
    }
    let new_admin = store::accounts::NewAdmin {
        username: &row.new_username,
        password_hash: &hash,
        institution_id: row.institution_id,
        phone: Some(&row.new_phone),
        one_time_password: true,
    };
    let inserted = store::accounts::insert_admin(&mut tx, &new_admin, now).await;
    let account_id = authority_auth::inserted_account(inserted)?;
    changes::set_new_account(&mut tx, id, account_id).await?;
    store::authority::audit(
        &mut tx,
        now,
        auth.account_id,
        "authority.administrator_change_approved",
        &json!({"change_id": id, "institution_id": row.institution_id,
            "account_id": account_id, "disabled_accounts": replaced}),
    )
    .await?;
    // The one-time password, queued in the transaction of the approval.
    let recipients = std::iter::once(row.new_phone.as_str()).chain(row.new_email.as_deref());
    for to in recipients {
        let msg = notify::message(
            to,
            "账户发放 / Account issued",
            bilingual(
                &format!(
                    "【电子证照】主管部门已批准管理员变更，为您发放机构管理员账户 {}，初始密码 {initial}。首次登录须修改密码。",
                    row.new_username
                ),
                &format!(
                    "Your health authority approved the change of administrator and issued you the institution administrator account {}, initial password {initial}. Change it at the first sign-in.",
                    row.new_username
                ),
            ),
            Template::AccountIssued,
            vec![row.new_username.clone(), initial.clone()],
        );
        notify::enqueue(&mut tx, &msg, now).await?;
    }
    tx.commit().await?;
    notify::wake();
    Ok((
        StatusCode::CREATED,
        axum::Json(IssuedPassword {
            account_id,
            username: row.new_username,
            initial_password: initial,
            sent_to: Some(masking::phone(&row.new_phone)),
        }),
    ))
}

/// Reject with a reason the institution sees
///
/// With the reason the institution sees.
#[utoipa::path(
    post,
    path = "/api/v1/authority/administrator-changes/{id}/reject",
    tag = "authority",
    request_body = rules::api::administrator_change::RejectAdministratorChange,
    params(("id" = i64, Path)),
    responses((status = 204), (status = 404), (status = 409)),
    security(("authority_session" = []))
)]
pub async fn reject(
    State(state): State<AppState>,
    auth: AuthorityAuth,
    Path(id): Path<i64>,
    Json(req): Json<RejectAdministratorChange>,
) -> AppResult<StatusCode> {
    let division = auth.division.code().to_owned();
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let Some(row) = changes::pending_one(&mut tx, &division, id).await? else {
        return Err(if changes::exists_in(&mut tx, &division, id).await? {
            already_decided()
        } else {
            AppError::NotFound
        });
    };
    let reason = req.reason.trim();
    let length = reason.chars().count();
    if !(2..=200).contains(&length) {
        return Err(AppError::field(
            "reason",
            Text::new(
                "请填写驳回理由（2–200 个字），机构将看到它",
                "Give the reason for the rejection (2 to 200 characters); the institution sees it",
            ),
        ));
    }
    if !changes::decide(&mut tx, id, "rejected", Some(reason), auth.account_id, now).await? {
        return Err(already_decided());
    }
    store::authority::audit(
        &mut tx,
        now,
        auth.account_id,
        "authority.administrator_change_rejected",
        &json!({"change_id": id, "institution_id": row.institution_id}),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
