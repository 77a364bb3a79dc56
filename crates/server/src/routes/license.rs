//! The e-license: the holder's own, the public key, and the public status.

use axum::extract::State;
use rules::api::{IssuedLicense, LicensePublicKey, LicenseRevocations, LicenseStatusBody};
use serde::Deserialize;

use crate::auth::PractitionerAuth;
use crate::error::{AppError, AppResult};
use crate::extract::{Path, Query};
use crate::AppState;

/// The own signed e-license
///
/// The signed-in practitioner's newest e-license (with its signature and QR
/// payload); 404 when none was issued.
#[utoipa::path(
    get,
    path = "/api/v1/license",
    tag = "license",
    responses((status = 200, body = rules::api::IssuedLicense), (status = 404)),
    security(("session" = []))
)]
pub async fn own(
    State(state): State<AppState>,
    auth: PractitionerAuth,
) -> AppResult<axum::Json<IssuedLicense>> {
    crate::license::own(
        &mut state.db.acquire().await?,
        auth.practitioner_id,
        state.clock.today(),
    )
    .await?
    .map(axum::Json)
    .ok_or(AppError::NotFound)
}

/// The key that signs e-licenses now, and every key that may still verify one
///
/// The key that signs licences now and every key that may still verify one; 404
/// when no key is configured.
#[utoipa::path(
    get,
    path = "/api/v1/license/public-key",
    tag = "license",
    responses((status = 200, body = rules::api::LicensePublicKey), (status = 404))
)]
pub async fn public_key(State(state): State<AppState>) -> AppResult<axum::Json<LicensePublicKey>> {
    crate::license::published_keys(
        &mut state.db.acquire().await?,
        &state.config,
        state.clock.now(),
    )
    .await?
    .map(axum::Json)
    .ok_or(AppError::NotFound)
}

/// The e-licenses revoked before their end date, for offline checks
///
/// Public, no sign-in; the identifiers are those the status endpoint tells
/// anyone, listed so that the verify app can check a licence without a request
/// (service worker, `sw/sw.js`).
#[utoipa::path(
    get,
    path = "/api/v1/license/revocations",
    tag = "license",
    responses((status = 200, body = rules::api::LicenseRevocations))
)]
pub async fn revocations(
    State(state): State<AppState>,
) -> AppResult<axum::Json<LicenseRevocations>> {
    let today = state.clock.today().format("%Y-%m-%d").to_string();
    let revoked =
        crate::store::licences::revoked_identifiers(&mut state.db.acquire().await?, &today).await?;
    Ok(axum::Json(LicenseRevocations {
        as_of: state.clock.now(),
        revoked,
    }))
}

/// Query of the status endpoint.
#[derive(Debug, Deserialize)]
pub struct StatusQuery {
    /// The license's signature (base64url), to see the holder's details.
    pub sig: Option<String>,
}

/// Public status of an e-license
///
/// Public, no sign-in.
#[utoipa::path(
    get,
    path = "/api/v1/license/{id}/status",
    tag = "license",
    params(("id" = String, Path), ("sig" = Option<String>, Query)),
    responses(
        (status = 200, body = rules::api::LicenseStatusBody),
        (status = 400),
        (status = 404),
        (status = 422)
    )
)]
pub async fn status(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<StatusQuery>,
) -> AppResult<axum::Json<LicenseStatusBody>> {
    Ok(axum::Json(
        crate::license::status(
            &mut state.db.acquire().await?,
            &id,
            q.sig.as_deref(),
            state.clock.today(),
        )
        .await?,
    ))
}
