//! Serving the built SPA, and the headers every response carries.

use std::path::Path;

use axum::body::Body;
use axum::http::{header, HeaderValue, Request};
use axum::middleware::Next;
use axum::response::Response;
use axum::Router;
use tower_http::services::{ServeDir, ServeFile};

/// Content-Security-Policy of the portal: only our own scripts, plus
/// `wasm-unsafe-eval` so the browser may compile the SPA's wasm.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; \
img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// A router serving `dist` with the SPA fallback: any path that is not a file
/// gets `index.html`, so deep links work.
pub fn spa(dist: &Path) -> Router<crate::AppState> {
    let index = ServeFile::new(dist.join("index.html"));
    Router::new().fallback_service(ServeDir::new(dist).fallback(index))
}

/// Middleware: security headers everywhere; `no-store` on the API (answers
/// hold personal data); `no-cache` on HTML so a new deployment is picked up;
/// a long cache for Trunk's content-hashed assets.
pub async fn headers(req: Request<Body>, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    let cache = if path.starts_with("/api") {
        "no-store"
    } else if is_hashed_asset(&path) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    resp
}

/// Trunk names built assets `name-<16 hex>.ext` (and `_bg.wasm`).
fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or("");
    let stem = file.split('.').next().unwrap_or("").trim_end_matches("_bg");
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() >= 16 && hash.chars().all(|c| c.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn hashed_assets() {
        assert!(super::is_hashed_asset("/portal-1a2b3c4d5e6f7a8b_bg.wasm"));
        assert!(super::is_hashed_asset("/portal-1a2b3c4d5e6f7a8b.js"));
        assert!(!super::is_hashed_asset("/index.html"));
        assert!(!super::is_hashed_asset("/login"));
    }
}
