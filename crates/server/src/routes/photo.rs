//! ID photos: upload (raw JPEG/PNG body), the owner's copy, the
//! institution's copy, and the specification both sides follow.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use rules::api::Me;
use rules::photo_spec::{PhotoSpec, MEDIA_TYPES, SPEC};

use crate::auth::{AdminAuth, PractitionerAuth};
use crate::error::{AppError, AppResult, Text, Throttle};
use crate::extract::Path;
use crate::photo::{self, PhotoError};
use crate::{audit, practitioner_row, store, AppState};
use rules::api::ErrorCode;

/// Largest photo upload body (the spec's limit, enforced while reading).
pub const BODY_LIMIT: usize = SPEC.max_upload_bytes as usize;

/// Upload attempts an account may make in [`UPLOAD_WINDOW_SECS`], refused
/// ones included (each may cost a decode): far more than choosing,
/// cropping and re-taking a photo needs.
pub const UPLOADS_PER_WINDOW: i64 = 10;
/// The window of [`UPLOADS_PER_WINDOW`]: one hour, sliding.
pub const UPLOAD_WINDOW_SECS: i64 = 3600;

impl From<PhotoError> for AppError {
    fn from(e: PhotoError) -> Self {
        let unprocessable =
            |code, zh, en| AppError::rejected(StatusCode::UNPROCESSABLE_ENTITY, code, zh, en);
        match e {
            PhotoError::Empty => {
                unprocessable(ErrorCode::PhotoEmpty, "上传的文件是空的", "The upload is empty")
            }
            PhotoError::UnsupportedFormat => unsupported(),
            PhotoError::TooLargeDimensions(dimensions) => {
                let cap = photo::MAX_PIXELS / 1_000_000;
                let text = match dimensions {
                    Some((w, h)) => Text::new(
                        format!(
                            "照片为 {w}×{h} 像素（约 {} 百万像素），最多接受 {cap} 百万像素，请先缩小后再上传",
                            u64::from(w) * u64::from(h) / 1_000_000
                        ),
                        format!(
                            "The image is {w}×{h} pixels (about {} megapixels); at most {cap} megapixels are accepted. Scale it down first",
                            u64::from(w) * u64::from(h) / 1_000_000
                        ),
                    ),
                    None => Text::new(
                        format!("照片尺寸过大（最多 {cap} 百万像素），请先缩小后再上传"),
                        format!("The image dimensions are too large (at most {cap} megapixels); scale it down first"),
                    ),
                };
                AppError::FieldRejected {
                    code: ErrorCode::PhotoTooLargeDimensions,
                    field: "photo",
                    text,
                }
            }
            PhotoError::Corrupt(detail) => {
                tracing::debug!(%detail, "corrupt photo upload");
                unprocessable(
                    ErrorCode::PhotoCorrupt,
                    "照片文件已损坏或不完整，请重新选择",
                    "The image is damaged or incomplete; choose it again",
                )
            }
            PhotoError::Spec(e) => AppError::Rejected {
                status: StatusCode::UNPROCESSABLE_ENTITY,
                code: match e {
                    rules::photo_spec::PhotoSpecError::TooSmall { .. } => {
                        ErrorCode::PhotoTooSmall
                    }
                    rules::photo_spec::PhotoSpecError::Aspect { .. } => {
                        ErrorCode::PhotoAspect
                    }
                },
                text: Text::from_rule(&e),
            },
            PhotoError::TooPlain => unprocessable(
                ErrorCode::PhotoTooPlain,
                "照片几乎是一片空白，看不到人像。请在光线充足处、浅色纯背景前拍摄本人近期正面免冠照片，脸部位于照片中间，再重新上传",
                "The image is nearly blank: there is no one on it. Take a recent front-facing photo of yourself without a hat, in good light against a plain light background, with your face in the middle, and upload it again",
            ),
            PhotoError::Encode(detail) => AppError::Internal(format!("photo encoding: {detail}")),
        }
    }
}

fn unsupported() -> AppError {
    AppError::rejected(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ErrorCode::PhotoUnsupportedFormat,
        "只能上传 JPEG 或 PNG 格式的照片",
        "Only JPEG or PNG photos are accepted",
    )
}

/// ID photo specification
///
/// The photo specification (public).
#[utoipa::path(
    get,
    path = "/api/v1/photo-spec",
    tag = "meta",
    responses((status = 200, body = rules::photo_spec::PhotoSpec))
)]
pub async fn spec() -> axum::Json<PhotoSpec> {
    axum::Json(SPEC)
}

/// Writes the photo under a random name (never the client's) and makes it
/// durable before the database points to it.
async fn store_file(state: &AppState, jpeg: Vec<u8>) -> AppResult<String> {
    state
        .uploads
        .put("", "jpg", jpeg)
        .await
        .map_err(crate::uploads::unavailable)
}

/// Upload the ID photo (raw JPEG or PNG body)
///
/// The raw image as the body (`Content-Type: image/jpeg` or `image/png`, at
/// most 2 MiB). The stored photo waits for the institution's review.
#[utoipa::path(
    put,
    path = "/api/v1/me/photo",
    tag = "practitioner",
    request_body(
        content(
            (inline(crate::openapi::Binary) = "image/jpeg"),
            (inline(crate::openapi::Binary) = "image/png")
        ),
        description = "The image bytes, at most 2 MiB"
    ),
    responses(
        (status = 200, body = rules::api::Me),
        (status = 415),
        (status = 429),
        (status = 503)
    ),
    security(("session" = []))
)]
pub async fn upload(
    State(state): State<AppState>,
    auth: PractitionerAuth,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> AppResult<axum::Json<Me>> {
    let body = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::PayloadTooLarge
        } else {
            AppError::Malformed(rejection.body_text())
        }
    })?;
    if body.is_empty() {
        return Err(PhotoError::Empty.into());
    }
    let media_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    if !MEDIA_TYPES.contains(&media_type.as_str()) {
        return Err(unsupported());
    }
    let attempt = count_attempt(&state, auth.account_id).await?;
    // Refused as busy before any work: the attempt does not count.
    let turn = match photo::turn().await {
        Ok(turn) => turn,
        Err(e) => {
            if let Err(forget) =
                store::photos::remove_attempt(&mut state.db.acquire().await?, attempt).await
            {
                tracing::warn!(error = %forget, "could not take back a refused upload attempt");
            }
            return Err(e);
        }
    };
    let jpeg = photo::process_in_turn(turn, body, SPEC).await??;
    let size = jpeg.len();
    let name = store_file(&state, jpeg).await?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    // One upload of an account at a time: the second sees the first's photo
    // as the one it replaces.
    if !store::photos::lock(&mut tx, auth.account_id).await? {
        return Err(AppError::NotFound);
    }
    let old = store::photos::current(&mut tx, auth.account_id)
        .await?
        .unwrap_or_default();
    // The reviewer compares the new photo with the last approved one: an
    // approved photo is kept as "before" until the decision; a photo that
    // was never approved is simply replaced.
    // After a decision the account's photo is an approved one (a rejected
    // photo is deleted with the decision and the approved one it was to
    // replace, if any, comes back).
    let (previous, unused) = if old.photo_state.as_deref() == Some("pending") {
        (old.photo_previous_file, old.photo_file)
    } else {
        (old.photo_file, old.photo_previous_file)
    };
    store::photos::set_pending(&mut tx, auth.account_id, &name, previous.as_deref(), now).await?;
    audit::record(
        &mut tx,
        now,
        Some(auth.account_id),
        "photo.uploaded",
        Some(serde_json::json!({"bytes": size})),
    )
    .await?;
    tx.commit().await?;
    if let Some(unused) = unused {
        remove_stored(&state, &unused).await;
    }
    Ok(axum::Json(
        practitioner_row::load_me(&state, auth.account_id).await?,
    ))
}

/// Counts an upload attempt against the account's hourly limit, in the
/// database so the limit holds across servers: the account's row lock
/// orders concurrent uploads of one account. Returns the attempt's id, or
/// 429 `photo.upload_limit` with the seconds until the oldest attempt of
/// the window leaves it.
async fn count_attempt(state: &AppState, account_id: i64) -> AppResult<i64> {
    let now = state.clock.now();
    let since = now - UPLOAD_WINDOW_SECS;
    let mut tx = state.db.begin().await?;
    if !store::photos::lock(&mut tx, account_id).await? {
        return Err(AppError::NotFound);
    }
    store::photos::prune_attempts(&mut tx, account_id, since).await?;
    let (count, oldest) = store::photos::attempts_since(&mut tx, account_id, since).await?;
    if count >= UPLOADS_PER_WINDOW {
        let retry_after = oldest.map_or(UPLOAD_WINDOW_SECS, |at| at - since).max(1);
        return Err(AppError::Throttled {
            retry_after: retry_after as u64,
            cause: Throttle::PhotoUploads,
        });
    }
    let id = store::photos::add_attempt(&mut tx, account_id, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Removes a stored photo that nothing refers to any more. Best effort: a
/// leftover file is harmless, a failed request is not.
pub async fn remove_stored(state: &AppState, file: &str) {
    state.uploads.remove(file).await;
}

/// The stored photo as a private, unsniffable JPEG response.
async fn serve_file(state: &AppState, file: Option<String>) -> AppResult<Response> {
    let file = file.ok_or(AppError::NotFound)?;
    let bytes = state
        .uploads
        .get(&file)
        .await
        .map_err(crate::uploads::unavailable)?
        .ok_or(AppError::NotFound)?;
    let mut resp = bytes.into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("inline; filename=\"photo.jpg\""),
    );
    Ok(resp)
}

/// The own ID photo
///
/// The practitioner's own photo.
#[utoipa::path(
    get,
    path = "/api/v1/me/photo",
    tag = "practitioner",
    responses((status = 200, response = inline(crate::openapi::Jpeg)), (status = 404)),
    security(("session" = []))
)]
pub async fn own(State(state): State<AppState>, auth: PractitionerAuth) -> AppResult<Response> {
    let row = practitioner_row::load(&mut state.db.acquire().await?, auth.account_id).await?;
    serve_file(&state, row.photo_file).await
}

/// The ID photo on the own e-license (the stored photo whose SHA-256 the licence signs)
///
/// The photo printed on the holder's own e-license, for the e-license card. The
/// licence signs the SHA-256 of the photo on file when it was issued; a photo
/// uploaded since (waiting for review, or approved after the licence) is not
/// the licence's, so the stored file with that digest is served (the current
/// one, or the approved one a pending upload replaces), and 404 when it is
/// gone. Only to the holder's session: the public verification page shows no
/// photo.
#[utoipa::path(
    get,
    path = "/api/v1/license/photo",
    tag = "license",
    responses((status = 200, response = inline(crate::openapi::Jpeg)), (status = 404)),
    security(("session" = []))
)]
pub async fn on_license(
    State(state): State<AppState>,
    auth: PractitionerAuth,
) -> AppResult<Response> {
    let mut conn = state.db.acquire().await?;
    let licence = crate::license::own(&mut conn, auth.practitioner_id, state.clock.today()).await?;
    let Some(reference) = licence.and_then(|l| l.fields.photo) else {
        return Err(AppError::NotFound);
    };
    let files = store::photos::current(&mut conn, auth.account_id)
        .await?
        .unwrap_or_default();
    drop(conn);
    for file in [files.photo_file, files.photo_previous_file]
        .into_iter()
        .flatten()
    {
        // A missing file is simply not it; a store that does not answer
        // cannot tell.
        let Some(bytes) = state
            .uploads
            .get(&file)
            .await
            .map_err(crate::uploads::unavailable)?
        else {
            continue;
        };
        if crate::license::photo_digest(&bytes) == reference {
            return serve_file(&state, Some(file)).await;
        }
    }
    Err(AppError::NotFound)
}

/// A staff member's ID photo
///
/// A staff member's photo, for the admin of their main institution only (404
/// otherwise).
#[utoipa::path(
    get,
    path = "/api/v1/institution/staff/{account_id}/photo",
    tag = "institution",
    params(("account_id" = i64, Path)),
    responses(
        (status = 200, response = inline(crate::openapi::Jpeg)),
        (status = 400),
        (status = 404)
    ),
    security(("session" = []))
)]
pub async fn staff(
    State(state): State<AppState>,
    auth: AdminAuth,
    Path(account_id): Path<i64>,
) -> AppResult<Response> {
    let row = staff_photos(&state, &auth, account_id).await?;
    serve_file(&state, row.and_then(|r| r.0)).await
}

/// The approved photo a pending one replaces (while under review)
///
/// The approved photo that a pending one replaces, while the review is open.
#[utoipa::path(
    get,
    path = "/api/v1/institution/staff/{account_id}/photo/previous",
    tag = "institution",
    params(("account_id" = i64, Path)),
    responses(
        (status = 200, response = inline(crate::openapi::Jpeg)),
        (status = 400),
        (status = 404)
    ),
    security(("session" = []))
)]
pub async fn staff_previous(
    State(state): State<AppState>,
    auth: AdminAuth,
    Path(account_id): Path<i64>,
) -> AppResult<Response> {
    let row = staff_photos(&state, &auth, account_id).await?;
    serve_file(&state, row.and_then(|r| r.1)).await
}

/// The current and the replaced photo file of a staff member of the admin's
/// institution.
async fn staff_photos(
    state: &AppState,
    auth: &AdminAuth,
    account_id: i64,
) -> AppResult<Option<(Option<String>, Option<String>)>> {
    Ok(store::photos::of_staff(
        &mut state.db.acquire().await?,
        account_id,
        auth.institution_id,
    )
    .await?)
}
