//! Cross-site request refusal for state-changing API requests.
//!
//! The session cookie is `SameSite=Lax`, which keeps it off cross-site
//! sub-requests but not off every cross-site navigation, and some requests
//! (applying for the e-license) need no body at all: a form on another site
//! could send them. So every `POST`, `PUT`, `PATCH` and `DELETE` under
//! `/api/` must also
//! - not be marked cross-site by the browser (`Sec-Fetch-Site` is
//!   `same-origin` or `none` when present),
//! - come from this origin when it names one (`Origin`'s host and port equal
//!   the request's `Host`; `Origin: null` is refused),
//! - carry a body type no HTML form can produce: `application/json`, or an
//!   image type for the ID photo, a PDF or image type for the
//!   administrator-change receipt; a request without `Content-Type` must have
//!   no body.
//!
//! Clients that are not browsers (scripts, the tests) send no `Origin` and
//! no `Sec-Fetch-*` and pass on their content type alone.

use axum::extract::Request;
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;
use rules::api::ErrorCode;

/// The path whose body is an image, not JSON.
const PHOTO_PATH: &str = "/api/v1/me/photo";
/// The path whose body is the administrator-change receipt (PDF or image).
const RECEIPT_PATH: &str = "/api/v1/institution/administrator-change";

/// Why a request was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The browser says another site sent it, or `Origin` names another.
    CrossSite,
    /// A body type an HTML form can send (or a body without a type).
    ContentType,
}

impl From<Refusal> for AppError {
    fn from(r: Refusal) -> AppError {
        match r {
            Refusal::CrossSite => AppError::rejected(
                StatusCode::FORBIDDEN,
                ErrorCode::RequestCrossSite,
                "请求来自其他网站，已拒绝。请直接在本网站操作。",
                "This request came from another site and was refused. Use this site directly.",
            ),
            Refusal::ContentType => AppError::rejected(
                StatusCode::FORBIDDEN,
                ErrorCode::RequestContentType,
                "请求的内容类型不被接受。",
                "The request's content type is not accepted.",
            ),
        }
    }
}

/// Checks one request's method, path and headers.
pub fn check(method: &Method, path: &str, headers: &HeaderMap) -> Result<(), Refusal> {
    let changes_state = matches!(
        *method,
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    );
    if !changes_state || !path.starts_with("/api/") {
        return Ok(());
    }
    let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = text(header::HeaderName::from_static("sec-fetch-site")) {
        if !matches!(site.trim(), "same-origin" | "none") {
            return Err(Refusal::CrossSite);
        }
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin_host = origin
            .to_str()
            .ok()
            .and_then(|o| o.split_once("://"))
            .map(|(_, host)| host.trim_end_matches('/'));
        let host = text(header::HOST);
        match (origin_host, host) {
            (Some(o), Some(h)) if o.eq_ignore_ascii_case(h) => {}
            _ => return Err(Refusal::CrossSite),
        }
    }
    match text(header::CONTENT_TYPE) {
        Some(ct) => {
            let essence = ct
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            let accepted = if path == PHOTO_PATH {
                essence.starts_with("image/")
            } else if path == RECEIPT_PATH {
                essence.starts_with("image/") || essence == "application/pdf"
            } else {
                essence == "application/json"
            };
            if !accepted {
                return Err(Refusal::ContentType);
            }
        }
        None => {
            let has_body = headers.contains_key(header::TRANSFER_ENCODING)
                || text(header::CONTENT_LENGTH).is_some_and(|n| n.trim() != "0");
            if has_body {
                return Err(Refusal::ContentType);
            }
        }
    }
    Ok(())
}

/// Middleware: refuses what [`check`] refuses with 403 and a specific code.
pub async fn guard(req: Request, next: Next) -> Response {
    match check(req.method(), req.uri().path(), req.headers()) {
        Ok(()) => next.run(req).await,
        Err(refusal) => {
            tracing::info!(
                ?refusal,
                path = req.uri().path(),
                "state-changing request refused"
            );
            AppError::from(refusal).into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn browsers_on_this_site_and_scripts_pass() {
        let same = headers(&[
            ("host", "portal.example:8080"),
            ("origin", "http://portal.example:8080"),
            ("sec-fetch-site", "same-origin"),
            ("content-type", "application/json; charset=utf-8"),
        ]);
        assert_eq!(check(&Method::POST, "/api/v1/session", &same), Ok(()));
        let script = headers(&[("content-type", "application/json")]);
        assert_eq!(
            check(&Method::POST, "/api/v1/applications", &script),
            Ok(())
        );
        // No body, no type: nothing a form could have sent.
        assert_eq!(
            check(&Method::POST, "/api/v1/applications", &HeaderMap::new()),
            Ok(())
        );
        let photo = headers(&[("content-type", "image/jpeg")]);
        assert_eq!(check(&Method::PUT, PHOTO_PATH, &photo), Ok(()));
        // Reads and non-API paths are not checked.
        let evil = headers(&[
            ("origin", "https://evil.example"),
            ("sec-fetch-site", "cross-site"),
        ]);
        assert_eq!(check(&Method::GET, "/api/v1/me", &evil), Ok(()));
    }

    #[test]
    fn cross_site_and_form_types_are_refused() {
        let cases: &[(&[(&'static str, &'static str)], Refusal)] = &[
            (
                &[
                    ("sec-fetch-site", "cross-site"),
                    ("content-type", "application/json"),
                ],
                Refusal::CrossSite,
            ),
            (
                &[
                    ("sec-fetch-site", "same-site"),
                    ("content-type", "application/json"),
                ],
                Refusal::CrossSite,
            ),
            (
                &[
                    ("host", "portal.example"),
                    ("origin", "https://evil.example"),
                    ("content-type", "application/json"),
                ],
                Refusal::CrossSite,
            ),
            (
                &[
                    ("host", "portal.example"),
                    ("origin", "null"),
                    ("content-type", "application/json"),
                ],
                Refusal::CrossSite,
            ),
            (
                &[("content-type", "application/x-www-form-urlencoded")],
                Refusal::ContentType,
            ),
            (
                &[("content-type", "multipart/form-data; boundary=x")],
                Refusal::ContentType,
            ),
            (&[("content-type", "text/plain")], Refusal::ContentType),
            (&[("content-length", "12")], Refusal::ContentType),
        ];
        for (pairs, refusal) in cases {
            assert_eq!(
                check(&Method::POST, "/api/v1/applications", &headers(pairs)),
                Err(*refusal),
                "{pairs:?}"
            );
        }
        let json_photo = headers(&[("content-type", "application/json")]);
        assert_eq!(
            check(&Method::PUT, PHOTO_PATH, &json_photo),
            Err(Refusal::ContentType)
        );
        let evil_delete = headers(&[
            ("host", "portal.example"),
            ("origin", "https://evil.example"),
        ]);
        assert_eq!(
            check(&Method::DELETE, "/api/v1/session", &evil_delete),
            Err(Refusal::CrossSite)
        );
    }
}
