//! Serving the built SPA, and the headers every response carries.

use std::path::Path;

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Request};
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;

/// Content-Security-Policy of the portal: only our own scripts, plus
/// `wasm-unsafe-eval` so the browser may compile the SPA's wasm. `{scripts}`
/// is replaced by the hashes of the inline scripts of `index.html`.
const CSP_TEMPLATE: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{scripts}; style-src 'self' 'unsafe-inline'; \
img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

/// The HTML file of each of the SPA's four apps (see the portal's
/// `app.rs`), with the paths it answers besides its own file name.
const SHELLS: [(&str, &[&str]); 4] = [
    ("index.html", &[]),
    (
        "institution.html",
        &["/institution", "/institution/{*page}"],
    ),
    ("verify.html", &["/verify"]),
    ("authority.html", &["/authority", "/authority/{*page}"]),
];

/// The CSP for the SPA in `dist`. Trunk writes the wasm loader as an inline
/// module script into each app's HTML file; allowing exactly those scripts
/// by their SHA-256 keeps `'unsafe-inline'` out of `script-src`.
pub fn csp_for(dist: &Path) -> HeaderValue {
    let html: String = SHELLS
        .iter()
        .filter_map(|(file, _)| std::fs::read_to_string(dist.join(file)).ok())
        .collect();
    let mut scripts: Vec<&str> = inline_scripts(&html).collect();
    scripts.sort_unstable();
    scripts.dedup();
    let hashes: String = scripts
        .into_iter()
        .map(|body| {
            use base64::Engine as _;
            use sha2::Digest as _;
            let digest = sha2::Sha256::digest(body.as_bytes());
            format!(
                " 'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect();
    HeaderValue::from_str(&CSP_TEMPLATE.replace("{scripts}", &hashes))
        .expect("hashes are base64, so the header value is ASCII")
}

/// The bodies of the `<script>` elements that have no `src`.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (attrs, rest) = rest.split_once('>')?;
        let (body, _) = rest.split_once("</script>")?;
        (!attrs.contains("src=")).then_some(body)
    })
}

/// A router serving `dist` with the SPA fallback, so deep links work: the
/// paths of the institution, verify and authority apps get their HTML
/// file, any other path that is not a file gets `index.html` (the
/// practitioner app). The HTML shells carry the national deadline in force
/// (`shell.rs`); every other file is served as built.
pub fn spa(state: &crate::AppState) -> Router<crate::AppState> {
    let dist = state.config.dist.clone();
    let page = |file: &'static str| {
        let dist = dist.clone();
        get(move |State(state): State<crate::AppState>| {
            let dist = dist.clone();
            async move { crate::shell::serve(&state, &dist, file).await }
        })
    };
    let mut router = Router::new().route("/", page("index.html"));
    for (file, paths) in SHELLS {
        router = router.route(&format!("/{file}"), page(file));
        for path in paths {
            router = router.route(path, page(file));
        }
    }
    // scripts/build.sh writes .br and .gz copies next to every other file:
    // phones download the compressed bytes without the server compressing
    // per request; the shells are compressed as they are written.
    router
        .fallback_service(
            ServeDir::new(&dist)
                .precompressed_br()
                .precompressed_gzip()
                .fallback(page("index.html").with_state(state.clone())),
        )
        .layer(CompressionLayer::new())
}

/// Middleware: security headers everywhere; `no-store` on the API (answers
/// hold personal data); `no-cache` on HTML so a new deployment is picked up;
/// a long cache for Trunk's content-hashed assets; behind HTTPS
/// (`PORTAL_PUBLIC_URL=https://…`) HSTS, so browsers never try plain HTTP.
pub async fn headers(
    csp: HeaderValue,
    https: bool,
    mut req: Request<Body>,
    next: Next,
) -> Response {
    let path = req.uri().path().to_owned();
    // The service worker is compared byte for byte by the browser to find a
    // new deployment; a 304 on its file's date would hide one whose files
    // kept an older date (copied with their times, or built reproducibly).
    let worker = path == "/sw.js";
    if worker {
        req.headers_mut().remove(header::IF_MODIFIED_SINCE);
        req.headers_mut().remove(header::IF_NONE_MATCH);
    }
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    if worker {
        h.remove(header::LAST_MODIFIED);
    }
    h.insert(header::CONTENT_SECURITY_POLICY, csp);
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if https {
        // A year, the usual minimum; no `includeSubDomains`: the portal's
        // host is not the owner of its parent domain's other hosts.
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    let cache = if path.starts_with("/api") {
        "no-store"
    } else if is_hashed_asset(&path) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    // An API handler may choose its own (e.g. `private, no-store` on photos).
    if !(path.starts_with("/api") && h.contains_key(header::CACHE_CONTROL)) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
        if !path.starts_with("/api") {
            // The same URL is served brotli, gzip or plain: caches must key on it.
            h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
    }
    resp
}

/// Trunk names built assets `name-<16 hex>.ext` (and `_bg.wasm`).
fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or("");
    let stem = file.split('.').next().unwrap_or("").trim_end_matches("_bg");
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() >= 12 && hash.chars().all(|c| c.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn hashed_assets() {
        assert!(super::is_hashed_asset("/portal-1a2b3c4d5e6f7a8b_bg.wasm"));
        assert!(super::is_hashed_asset("/portal-1a2b3c4d5e6f7a8b.js"));
        assert!(!super::is_hashed_asset("/index.html"));
        assert!(!super::is_hashed_asset("/login"));
        // Trunk drops leading zeros of the hash.
        assert!(super::is_hashed_asset("/main-dfcbeb99ee26427.css"));
    }

    #[test]
    fn csp_allows_exactly_the_inline_loader() {
        let dir = tempfile::tempdir().unwrap();
        let html = "<html><script type=module>import init from '/a.js';await init();</script>\
                    <script src=/b.js></script></html>";
        std::fs::write(dir.path().join("index.html"), html).unwrap();
        let csp = super::csp_for(dir.path());
        let csp = csp.to_str().unwrap();
        // sha256 of "import init from '/a.js';await init();", base64.
        use base64::Engine as _;
        use sha2::Digest as _;
        let expected = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(
            b"import init from '/a.js';await init();",
        ));
        assert!(
            csp.contains(&format!(
                "script-src 'self' 'wasm-unsafe-eval' 'sha256-{expected}';"
            )),
            "{csp}"
        );
        assert_eq!(csp.matches("sha256-").count(), 1, "{csp}");
        let script_src = csp
            .split(';')
            .find(|d| d.trim_start().starts_with("script-src"))
            .unwrap();
        assert!(!script_src.contains("unsafe-inline"), "{csp}");

        // The other apps' loaders are allowed too; a shared one only once.
        std::fs::write(dir.path().join("institution.html"), "<script>b()</script>").unwrap();
        std::fs::write(dir.path().join("verify.html"), "<script>b()</script>").unwrap();
        let csp = super::csp_for(dir.path());
        assert_eq!(csp.to_str().unwrap().matches("sha256-").count(), 2);
    }
}
