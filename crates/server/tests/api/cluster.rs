//! Two servers, one service: every test talks to server A and server B, two
//! apps built from the same configuration on the same database and photo
//! store (as two processes behind nginx), with one browser's cookie jar.
//! Whatever one server accepted, the other must know. (Photos across two
//! servers: `uploads_store.rs`; limits: `limits.rs`.)

use serde_json::{json, Value};

use crate::helpers::{json, TestApp, DEMO_PASSWORD};
use crate::registration::code_for;

async fn get(app: &TestApp, base: &str, path: &str) -> reqwest::Response {
    app.client
        .get(format!("{base}{path}"))
        .send()
        .await
        .unwrap()
}

async fn post(app: &TestApp, base: &str, path: &str, body: &Value) -> reqwest::Response {
    app.client
        .post(format!("{base}{path}"))
        .json(body)
        .send()
        .await
        .unwrap()
}

/// Signs in one of the demo's practitioners through the server at `base`.
async fn sign_in_on(app: &TestApp, base: &str, system: &str, username: &str) -> reqwest::Response {
    let body = json!({"system": system, "username": username, "password": DEMO_PASSWORD});
    post(app, base, "/api/v1/session", &body).await
}

#[tokio::test]
async fn a_session_opened_on_a_works_on_b() {
    let app = TestApp::spawn().await;
    let (a, b) = (app.address.clone(), app.second_server().await);
    let resp = sign_in_on(&app, &a, "physician", "zhangwei").await;
    assert_eq!(resp.status(), 200);
    let (status, me) = json(get(&app, &b, "/api/v1/me").await).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["username"], "zhangwei", "{me}");
}

#[tokio::test]
async fn signing_out_on_b_ends_the_session_on_a() {
    let app = TestApp::spawn().await;
    let (a, b) = (app.address.clone(), app.second_server().await);
    // A raw client carrying the session cookie by hand, as a copy would.
    let resp = sign_in_on(&app, &a, "nurse", "lina").await;
    let cookie = resp
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.contains("portal_session="))
        .map(|v| v.split(';').next().unwrap().to_owned())
        .expect("a session cookie");
    let copy = reqwest::Client::new();
    let me = |base: String| {
        let copy = copy.clone();
        let cookie = cookie.clone();
        async move {
            copy.get(format!("{base}/api/v1/me"))
                .header("cookie", cookie)
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(me(b.clone()).await, 200);
    let resp = app
        .client
        .delete(format!("{b}/api/v1/session"))
        .send()
        .await
        .unwrap();
    assert!(resp.status().is_success());
    assert_eq!(me(a.clone()).await, 401);
    assert_eq!(me(b).await, 401);
}

#[tokio::test]
async fn a_code_sent_through_a_is_verified_on_b_once() {
    let app = TestApp::spawn().await;
    let (a, b) = (app.address.clone(), app.second_server().await);
    let phone = "13800138001";
    let resp = post(&app, &a, "/api/v1/recovery/code", &json!({"to": phone})).await;
    assert_eq!(resp.status(), 200);
    let code = code_for(&app, phone).await.expect("the code in the outbox");
    let (status, proof) = json(
        post(
            &app,
            &b,
            "/api/v1/recovery/code/verify",
            &json!({"to": phone, "code": code}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200, "{proof}");
    assert_eq!(proof["username"], "zhangwei");
    let (status, again) = json(
        post(
            &app,
            &a,
            "/api/v1/recovery/code/verify",
            &json!({"to": phone, "code": code}),
        )
        .await,
    )
    .await;
    assert_eq!(
        status, 422,
        "a used code worked again on the other server: {again}"
    );
}
