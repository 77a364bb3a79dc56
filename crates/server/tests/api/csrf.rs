//! State-changing requests from other sites are refused (crate::csrf).

use crate::helpers::{request_json, TestApp, DEMO_PASSWORD};

#[tokio::test]
async fn cross_site_requests_change_nothing() {
    let app = TestApp::spawn().await;
    app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    let apply = || app.client.post(app.url("/api/v1/applications"));

    // What a form on another site would send: refused before the handler.
    let (status, body) = request_json(
        apply()
            .header("Origin", "https://evil.example")
            .header("Content-Type", "application/x-www-form-urlencoded"),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (403, Some("request.cross_site"))
    );
    for (name, value, code) in [
        ("Sec-Fetch-Site", "cross-site", "request.cross_site"),
        ("Content-Type", "text/plain", "request.content_type"),
        (
            "Content-Type",
            "application/x-www-form-urlencoded",
            "request.content_type",
        ),
    ] {
        let (status, body) = request_json(apply().header(name, value).body("a=1")).await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (403, Some(code)),
            "{name}: {value}"
        );
    }
    // In English too, like every error.
    let (_, body) = request_json(
        apply()
            .header("Sec-Fetch-Site", "cross-site")
            .header("Accept-Language", "en"),
    )
    .await;
    assert_eq!(
        body["error"]["message"],
        "This request came from another site and was refused. Use this site directly."
    );
    assert_eq!(app.get("/api/v1/applications/current").await.status(), 404);

    // The portal itself: same origin, JSON.
    let resp = apply()
        .header("Origin", app.address.as_str())
        .header("Sec-Fetch-Site", "same-origin")
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 201);
    // Sign-out from another site is refused too; from here it works.
    let resp = app
        .client
        .delete(app.url("/api/v1/session"))
        .header("Origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 403);
    assert_eq!(app.get("/api/v1/me").await.status(), 200);
}
