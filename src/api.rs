//! The API client: every HTTP call of the portal goes through this module and
//! comes back as a typed result. Pages never build requests themselves.

use gloo_net::http::{Request, RequestBuilder, Response};
use rules::api::{ErrorBody, ErrorDetail, Me, SignInRequest};
use rules::Lang;
use serde::de::DeserializeOwned;
use thiserror::Error;

use crate::i18n;

const BASE: &str = "/api/v1";

/// What can go wrong with an API call, in terms a page can act on.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ApiError {
    /// The server could not be reached (offline, DNS, connection reset).
    #[error("network error")]
    Network,
    /// No valid session: the user must sign in (again).
    #[error("sign-in required")]
    Unauthorized(ErrorDetail),
    /// The server refused the request with a typed error.
    #[error("{}", .0.message)]
    Rejected(ErrorDetail),
    /// The server failed or answered something unreadable.
    #[error("server error")]
    Server,
}

impl ApiError {
    /// A message for the user, in their language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ApiError::Network => i18n::NETWORK_ERROR.get(lang).into(),
            ApiError::Unauthorized(d) | ApiError::Rejected(d) => d.message.clone(),
            ApiError::Server => i18n::SERVER_ERROR.get(lang).into(),
        }
    }

    /// The stable error code, when the server sent one.
    pub fn code(&self) -> Option<&str> {
        match self {
            ApiError::Unauthorized(d) | ApiError::Rejected(d) => Some(&d.code),
            _ => None,
        }
    }
}

fn with_lang(req: RequestBuilder, lang: Lang) -> RequestBuilder {
    req.header("Accept-Language", lang.tag())
        .header("Accept", "application/json")
}

async fn read_error(resp: Response) -> ApiError {
    let status = resp.status();
    match resp.json::<ErrorBody>().await {
        Ok(body) if status == 401 => ApiError::Unauthorized(body.error),
        Ok(body) if (400..500).contains(&status) => ApiError::Rejected(body.error),
        _ => ApiError::Server,
    }
}

async fn expect_json<T: DeserializeOwned>(
    resp: Result<Response, gloo_net::Error>,
) -> Result<T, ApiError> {
    let resp = resp.map_err(|_| ApiError::Network)?;
    if resp.ok() {
        resp.json::<T>().await.map_err(|_| ApiError::Server)
    } else {
        Err(read_error(resp).await)
    }
}

async fn expect_empty(resp: Result<Response, gloo_net::Error>) -> Result<(), ApiError> {
    let resp = resp.map_err(|_| ApiError::Network)?;
    if resp.ok() {
        Ok(())
    } else {
        Err(read_error(resp).await)
    }
}

/// Signs in to a practitioner system; the server sets the session cookie.
pub async fn sign_in(req: &SignInRequest, lang: Lang) -> Result<Me, ApiError> {
    let builder = with_lang(Request::post(&format!("{BASE}/session")), lang);
    let request = builder.json(req).map_err(|_| ApiError::Server)?;
    expect_json(request.send().await).await
}

/// The signed-in practitioner's profile and eligibility facts.
pub async fn me(lang: Lang) -> Result<Me, ApiError> {
    expect_json(
        with_lang(Request::get(&format!("{BASE}/me")), lang)
            .send()
            .await,
    )
    .await
}

/// Ends the session.
pub async fn sign_out(lang: Lang) -> Result<(), ApiError> {
    expect_empty(
        with_lang(Request::delete(&format!("{BASE}/session")), lang)
            .send()
            .await,
    )
    .await
}
