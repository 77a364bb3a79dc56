//! API answers are compressed as the client accepts (brotli or gzip), like
//! the static files; photos are not (JPEG does not shrink).

use std::io::Read;

use crate::helpers::{TestApp, DEMO_PASSWORD};

async fn admin_get(app: &TestApp, path: &str, accept: &str) -> reqwest::Response {
    app.client
        .get(app.url(path))
        .header("accept-encoding", accept)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn json_and_csv_answers_are_compressed_as_negotiated() {
    let app = TestApp::spawn().await;
    app.sign_in_admin("admin_a").await;

    let plain = admin_get(&app, "/api/v1/institution/staff", "identity").await;
    assert_eq!(plain.status(), 200);
    assert!(plain.headers().get("content-encoding").is_none());
    let plain = plain.bytes().await.unwrap();
    serde_json::from_slice::<serde_json::Value>(&plain).expect("plain JSON");

    let br = admin_get(&app, "/api/v1/institution/staff", "br, gzip").await;
    assert_eq!(br.headers()["content-encoding"], "br");
    // Caches must not hand a brotli body to a client that did not ask.
    assert!(br.headers()["vary"]
        .to_str()
        .unwrap()
        .contains("accept-encoding"));
    let br = br.bytes().await.unwrap();
    assert!(br.len() < plain.len(), "{} !< {}", br.len(), plain.len());

    let gz = admin_get(&app, "/api/v1/institution/staff", "gzip").await;
    assert_eq!(gz.headers()["content-encoding"], "gzip");
    let mut text = Vec::new();
    flate2::read::GzDecoder::new(gz.bytes().await.unwrap().as_ref())
        .read_to_end(&mut text)
        .unwrap();
    assert_eq!(text, plain.as_ref(), "gzip round trip");

    // CSV too (the export a spreadsheet opens); its BOM survives.
    let csv = admin_get(&app, "/api/v1/institution/deregistrations.csv", "gzip").await;
    assert_eq!(csv.status(), 200);
    assert_eq!(csv.headers()["content-encoding"], "gzip");
    let mut text = Vec::new();
    flate2::read::GzDecoder::new(csv.bytes().await.unwrap().as_ref())
        .read_to_end(&mut text)
        .unwrap();
    assert!(text.starts_with(b"\xEF\xBB\xBF"));
}

#[tokio::test]
async fn photos_are_not_compressed_again() {
    let app = TestApp::spawn().await;
    // zhangwei's seeded photo, seen by his institution's admin.
    app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    let (_, me) = crate::helpers::json(app.get("/api/v1/me").await).await;
    assert_eq!(me["has_photo"], true, "{me}");
    let own = admin_get(&app, "/api/v1/me/photo", "br, gzip").await;
    assert_eq!(own.status(), 200);
    assert!(own.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("image/"));
    assert!(own.headers().get("content-encoding").is_none());
}
