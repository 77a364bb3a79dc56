use serde_json::json;

use crate::helpers::{json, TestApp, DEMO_PASSWORD};

#[tokio::test]
async fn health_is_ok_with_security_headers() {
    let app = TestApp::spawn().await;
    let resp = app.get("/api/v1/health").await;
    assert_eq!(resp.headers()["cache-control"], "no-store");
    assert_eq!(resp.headers()["x-content-type-options"], "nosniff");
    assert_eq!(resp.headers()["referrer-policy"], "no-referrer");
    let csp = resp.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("'wasm-unsafe-eval'"), "{csp}");
    assert!(csp.contains("object-src 'none'"), "{csp}");
    assert_eq!(json(resp).await, (200, json!({"status": "ok"})));
}

#[tokio::test]
async fn spa_fallback_serves_index_without_cache() {
    let app = TestApp::spawn().await;
    let resp = app.get("/claim/physician").await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["cache-control"], "no-cache");
    assert!(resp.text().await.unwrap().contains("<title>index</title>"));
    let (status, body) = json(app.get("/api/v1/nope").await).await;
    assert_eq!(status, 404);
    assert_eq!(body["error"]["code"], "not_found");
}

#[tokio::test]
async fn sign_in_me_sign_out() {
    let app = TestApp::spawn().await;
    let (status, body) = json(app.get("/api/v1/me").await).await;
    assert_eq!(status, 401);
    assert_eq!(body["error"]["code"], "auth.required");

    let resp = app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    let cookie = resp.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("portal_session="));
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/")
    );
    let (status, me) = json(resp).await;
    assert_eq!(status, 200);
    assert_eq!(me["username"], "zhangwei");
    assert_eq!(me["name"], "张伟");
    assert_eq!(me["id_number_masked"], "110***********403X");

    let (status, me) = json(app.get("/api/v1/me").await).await;
    assert_eq!(status, 200);
    assert_eq!(me["facts"]["account"]["activated"], true);

    let resp = app.delete("/api/v1/session").await;
    assert_eq!(resp.status(), 204);
    assert!(resp.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    assert_eq!(app.get("/api/v1/me").await.status(), 401);
}

#[tokio::test]
async fn the_session_token_rotates_and_old_token_dies() {
    let app = TestApp::spawn().await;
    let first = app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    let c1 = first.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let second = app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    let c2 = second.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    assert_ne!(c1, c2);
    let other = app.other_client();
    let resp = other
        .get(app.url("/api/v1/me"))
        .header("cookie", &c1)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 401);
    let resp = other
        .get(app.url("/api/v1/me"))
        .header("cookie", &c2)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
}

#[tokio::test]
async fn wrong_password_unknown_user_and_wrong_system_answer_the_same() {
    let app = TestApp::spawn().await;
    let wrong = json(app.sign_in("physician", "zhangwei", "Wrong#2026pass").await).await;
    let unknown = json(app.sign_in("physician", "nobody_here", DEMO_PASSWORD).await).await;
    // The other system with a wrong password (with the right one, the owner
    // is told the system: the_right_password_in_the_other_system_names_it).
    let system = json(app.sign_in("nurse", "zhangwei", "Wrong#2026pass").await).await;
    let expected = (
        401,
        json!({"error": {
            "code": "auth.invalid_credentials",
            "message": "用户名或密码错误",
            "other": {"lang": "en", "message": "Wrong username or password"},
        }}),
    );
    assert_eq!(wrong, expected);
    assert_eq!(unknown, expected);
    assert_eq!(system, expected);

    let resp = app
        .client
        .post(app.url("/api/v1/session"))
        .header("accept-language", "en-US,en;q=0.9")
        .json(&json!({"system": "physician", "username": "nobody", "password": "x"}))
        .send()
        .await
        .unwrap();
    let (_, body) = json(resp).await;
    assert_eq!(body["error"]["message"], "Wrong username or password");
}

#[tokio::test]
async fn malformed_json_is_a_400_in_the_error_shape() {
    let app = TestApp::spawn().await;
    let resp = app
        .client
        .post(app.url("/api/v1/session"))
        .header("content-type", "application/json")
        .body("{\"system\":")
        .send()
        .await
        .unwrap();
    let (status, body) = json(resp).await;
    assert_eq!(status, 400);
    assert_eq!(body["error"]["code"], "request.malformed");
    let (status, body) = json(
        app.post("/api/v1/session", &json!({"system": "dentist"}))
            .await,
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(body["error"]["code"], "request.malformed");
}

#[tokio::test]
async fn repeated_failures_are_throttled_with_retry_after() {
    let app = TestApp::spawn().await;
    for _ in 0..6 {
        app.sign_in("nurse", "lina", "Wrong#2026pass").await;
    }
    let resp = app.sign_in("nurse", "lina", DEMO_PASSWORD).await;
    assert_eq!(resp.status(), 429);
    let retry: u64 = resp.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry > 0 && retry <= 30);
    assert_eq!(json(resp).await.1["error"]["code"], "auth.throttled");
    // Never permanent: after the delay the right password works.
    app.clock().advance(31);
    assert_eq!(
        app.sign_in("nurse", "lina", DEMO_PASSWORD).await.status(),
        200
    );
}

#[tokio::test]
async fn sessions_expire_when_idle_and_absolutely() {
    let app = TestApp::spawn().await;
    app.sign_in("nurse", "lina", DEMO_PASSWORD).await;
    app.clock().advance(29 * 60);
    assert_eq!(app.get("/api/v1/me").await.status(), 200);
    app.clock().advance(31 * 60);
    assert_eq!(app.get("/api/v1/me").await.status(), 401);

    app.sign_in("nurse", "lina", DEMO_PASSWORD).await;
    for _ in 0..25 {
        app.clock().advance(29 * 60);
        if app.get("/api/v1/me").await.status() == 401 {
            return;
        }
    }
    panic!("session outlived the absolute limit");
}

#[tokio::test]
async fn administrator_sessions_end_after_15_idle_minutes() {
    let app = TestApp::spawn().await;
    app.sign_in_admin("admin_a").await;
    // Activity keeps the session alive...
    for _ in 0..3 {
        app.clock().advance(14 * 60);
        assert_eq!(app.get("/api/v1/institution/me").await.status(), 200);
    }
    // ...16 idle minutes end it.
    app.clock().advance(16 * 60);
    assert_eq!(app.get("/api/v1/institution/me").await.status(), 401);
}

#[tokio::test]
async fn admin_sign_in_and_roles_are_separate() {
    let app = TestApp::spawn().await;
    let (status, me) = json(app.sign_in_admin("admin_a").await).await;
    assert_eq!(status, 200);
    assert_eq!(me["institution_name"], "北京市海淀区和平医院");
    assert_eq!(app.get("/api/v1/me").await.status(), 403);
    // An admin cannot sign in to a practitioner system.
    assert_eq!(
        app.sign_in("physician", "admin_a", DEMO_PASSWORD)
            .await
            .status(),
        401
    );
}

#[tokio::test]
async fn the_right_password_in_the_other_system_names_it() {
    let app = TestApp::spawn().await;
    // 李娜 is a nurse; her password under 医师 is not "wrong credentials".
    let (status, body) = json(app.sign_in("physician", "lina", DEMO_PASSWORD).await).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["code"], "auth.wrong_system");
    assert_eq!(
        body["error"]["message"],
        "该账户属于护士系统：请在上方选择“护士”后再登录。"
    );
    assert_eq!(app.get("/api/v1/me").await.status(), 401);
    // A wrong password in the other system reveals nothing.
    let (status, body) = json(app.sign_in("physician", "lina", "Wrong#password1").await).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (401, Some("auth.invalid_credentials"))
    );
    // And the other way round, in English.
    let resp = app
        .client
        .post(app.url("/api/v1/session"))
        .header("Accept-Language", "en")
        .json(&json!({"system": "nurse", "username": "zhangwei", "password": DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    let (status, body) = json(resp).await;
    assert_eq!(status, 422);
    assert_eq!(
        body["error"]["message"],
        "This account belongs to the Physician system: choose “Physician” above, then sign in."
    );
    assert_eq!(
        app.sign_in("nurse", "lina", DEMO_PASSWORD).await.status(),
        200
    );
}

/// Every error carries its message in the other language too, so a page
/// shows it again in the language the user switches to.
#[tokio::test]
async fn errors_carry_the_message_in_the_other_language() {
    let app = crate::helpers::TestApp::spawn().await;
    let wrong = serde_json::json!({"system": "physician", "username": "zhangwei", "password": "Wrong#pass2026"});
    let (status, zh) = crate::helpers::json(app.post("/api/v1/session", &wrong).await).await;
    assert_eq!(status, 401, "{zh}");
    let en = app
        .other_client()
        .post(app.url("/api/v1/session"))
        .header("Accept-Language", "en")
        .json(&wrong)
        .send()
        .await
        .unwrap();
    let en: serde_json::Value = en.json().await.unwrap();
    assert_eq!(zh["error"]["other"]["lang"], "en");
    assert_eq!(zh["error"]["other"]["message"], en["error"]["message"]);
    assert_eq!(en["error"]["other"]["lang"], "zh-CN");
    assert_eq!(en["error"]["other"]["message"], zh["error"]["message"]);
    assert_ne!(zh["error"]["message"], en["error"]["message"]);
}
