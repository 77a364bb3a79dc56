//! The built SPA is served precompressed, with cache lifetimes that fit
//! Trunk's content-hashed file names.

use crate::helpers::TestApp;

#[tokio::test]
async fn hashed_assets_are_served_precompressed_and_cached_for_long() {
    let app = TestApp::spawn().await;
    let dist = app.state.config.dist.clone();
    std::fs::write(
        dist.join("portal-0123456789abcdef.js"),
        "console.log('plain')",
    )
    .unwrap();
    std::fs::write(dist.join("portal-0123456789abcdef.js.br"), b"brotli bytes").unwrap();
    std::fs::write(dist.join("portal-0123456789abcdef.js.gz"), b"gzip bytes").unwrap();

    let url = app.url("/portal-0123456789abcdef.js");
    let br = app
        .client
        .get(&url)
        .header("accept-encoding", "br, gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(br.status(), 200);
    assert_eq!(br.headers()["content-encoding"], "br");
    assert_eq!(br.headers()["vary"], "accept-encoding");
    assert_eq!(
        br.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(br.bytes().await.unwrap().as_ref(), b"brotli bytes");

    let gz = app
        .client
        .get(&url)
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(gz.headers()["content-encoding"], "gzip");
    assert_eq!(gz.bytes().await.unwrap().as_ref(), b"gzip bytes");

    let plain = app
        .client
        .get(&url)
        .header("accept-encoding", "identity")
        .send()
        .await
        .unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(plain.text().await.unwrap(), "console.log('plain')");
}

#[tokio::test]
async fn the_html_shell_is_revalidated_and_deep_links_get_it() {
    let app = TestApp::spawn().await;
    // Each path gets the HTML of the app that owns it (see src/app.rs).
    for (path, app_title) in [
        ("/", "index"),
        ("/index.html", "index"),
        ("/sign-in?next=%2Flicense", "index"),
        ("/photo", "index"),
        ("/no-such-page", "index"),
        ("/institution", "institution"),
        ("/institution/staff", "institution"),
        (
            "/institution/sign-in?next=%2Finstitution%2Freviews",
            "institution",
        ),
        ("/institution.html", "institution"),
        ("/verify?c=abc", "verify"),
        ("/authority", "authority"),
        ("/authority/sign-in", "authority"),
    ] {
        let resp = app.get(path).await;
        assert_eq!(resp.status(), 200, "{path}");
        assert_eq!(resp.headers()["cache-control"], "no-cache", "{path}");
        let title = format!("<title>{app_title}</title>");
        assert!(resp.text().await.unwrap().contains(&title), "{path}");
    }
    let api = app.get("/api/v1/health").await;
    assert_eq!(api.headers()["cache-control"], "no-store");
}

fn source_shell(file: &str) -> String {
    let path = format!("{}/../../{file}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// index.html paints the national deadline before the wasm runs; the server
/// writes the one in force into it (`shell.rs`), and the built-in text is
/// the seed notice's campaign, the documented example a new database starts
/// with.
#[test]
fn the_shell_shows_the_national_deadline_of_the_rules() {
    let shell = source_shell("index.html");
    let national = &rules::campaign::NATIONAL_2020;
    let by = national.e_license_by;
    for text in [
        format!(
            "{} · 电子证照申领截止日期：{}",
            national.name_zh,
            by.format("%Y年%-m月%-d日")
        ),
        format!(
            "{} · Last day to claim the e-license: {}",
            national.name_en,
            by.format("%-d %b %Y")
        ),
    ] {
        assert!(shell.contains(&text), "index.html should show {text:?}");
    }
    // "Some regions end earlier" stays true.
    let regional = rules::campaign::SEED_2020.iter().map(|d| d.e_license_by);
    assert!(regional.clone().all(|day| day <= by));
    assert!(regional.clone().any(|day| day < by));
    assert!(shell.contains("部分地区截止日期更早") && shell.contains("Some regions end earlier"));
}

/// The service worker and the web app manifest are found at the root and
/// revalidated on every visit, so a new deployment's worker (another
/// precache list, see scripts/sw.sh) is installed on the next one.
#[tokio::test]
async fn the_service_worker_and_manifest_are_revalidated() {
    let app = TestApp::spawn().await;
    let dist = app.state.config.dist.clone();
    std::fs::write(dist.join("sw.js"), "const VERSION = 'a';").unwrap();
    std::fs::write(dist.join("manifest.webmanifest"), "{}").unwrap();
    let sw = app.get("/sw.js").await;
    assert_eq!(sw.status(), 200);
    assert!(sw.headers().get("last-modified").is_none());
    // Never "not modified" on a date: the bytes decide.
    let again = app
        .client
        .get(app.url("/sw.js"))
        .header("if-modified-since", "Mon, 01 Jan 2035 00:00:00 GMT")
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 200);
    assert_eq!(again.text().await.unwrap(), "const VERSION = 'a';");
    assert_eq!(sw.headers()["cache-control"], "no-cache");
    assert!(sw.headers()["content-type"]
        .to_str()
        .unwrap()
        .contains("javascript"));
    let manifest = app.get("/manifest.webmanifest").await;
    assert_eq!(manifest.status(), 200);
    assert_eq!(manifest.headers()["cache-control"], "no-cache");
    assert_eq!(
        manifest.headers()["content-type"],
        "application/manifest+json"
    );
}
