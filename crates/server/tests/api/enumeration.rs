//! Recovery and activation answer alike whether an account exists, and the
//! personal-information path is only for accounts without a verified
//! contact (the seed notice's order).

use serde_json::{json, Value};

use crate::helpers::{json, register_machao, TestApp};
use crate::registration::code_for;

/// Posts and keeps the status and the exact body bytes.
async fn raw(app: &TestApp, path: &str, body: &Value) -> (u16, Vec<u8>) {
    let resp = app.post(path, body).await;
    let status = resp.status().as_u16();
    (status, resp.bytes().await.unwrap().to_vec())
}

fn wrong_code(real: &str) -> &'static str {
    if real == "000000" {
        "111111"
    } else {
        "000000"
    }
}

async fn events(app: &TestApp, event: &str) -> Vec<Option<String>> {
    app.state
        .db
        .column(&format!(
            "SELECT detail FROM audit_log WHERE event = '{event}' ORDER BY id"
        ))
        .await
        .unwrap()
}

/// Six wrong codes (and then the right one for the real phone).
async fn six_wrong(app: &TestApp, path: &str, to: &str, wrong: &str) -> Vec<(u16, Vec<u8>)> {
    let mut out = Vec::new();
    for _ in 0..6 {
        out.push(raw(app, path, &json!({"to": to, "code": wrong})).await);
    }
    out
}

#[tokio::test]
async fn wrong_recovery_codes_answer_alike_for_real_and_unknown_phones() {
    let app = TestApp::spawn().await;
    for to in ["13800138001", "13700000001"] {
        let (status, _) = json(app.post("/api/v1/recovery/code", &json!({"to": to})).await).await;
        assert_eq!(status, 200);
    }
    let real = code_for(&app, "13800138001").await.unwrap();
    assert!(code_for(&app, "13700000001").await.is_none());
    let wrong = wrong_code(&real);
    let path = "/api/v1/recovery/code/verify";
    let known = six_wrong(&app, path, "13800138001", wrong).await;
    let unknown = six_wrong(&app, path, "13700000001", wrong).await;
    assert_eq!(known, unknown);
    let last: Value = serde_json::from_slice(&known[5].1).unwrap();
    assert_eq!(last["error"]["code"], "otp.too_many_tries");
    let first: Value = serde_json::from_slice(&known[0].1).unwrap();
    assert_eq!(first["error"]["code"], "otp.invalid");

    // Audited: five wrong tries and a refusal each, one lock each; never
    // the code.
    let failed = events(&app, "otp.failed").await;
    assert_eq!(failed.len(), 12, "{failed:?}");
    assert_eq!(events(&app, "otp.locked").await.len(), 2);
    for d in failed.iter().flatten() {
        assert!(!d.contains(wrong) && !d.contains(&real), "{d}");
        assert!(!d.contains("13800138001"), "{d}");
    }
}

#[tokio::test]
async fn activation_codes_answer_alike_for_real_and_unknown_phones() {
    let app = TestApp::spawn().await;
    register_machao(&app).await;
    let (status, _) = json(
        app.post("/api/v1/activation/code", &json!({"to": "13700000002"}))
            .await,
    )
    .await;
    assert_eq!(status, 200);
    let real = code_for(&app, "13912345678").await.unwrap();
    let wrong = wrong_code(&real);
    let path = "/api/v1/activation";
    let known = six_wrong(&app, path, "13912345678", wrong).await;
    let unknown = six_wrong(&app, path, "13700000002", wrong).await;
    assert_eq!(known, unknown);

    // New codes, left to expire: both answer `otp.expired`.
    app.clock().advance(61);
    for to in ["13912345678", "13700000002"] {
        let (status, body) = json(
            app.post("/api/v1/activation/code", &json!({"to": to}))
                .await,
        )
        .await;
        assert_eq!(status, 200, "{body}");
    }
    app.clock().advance(11 * 60);
    let known = raw(&app, path, &json!({"to": "13912345678", "code": wrong})).await;
    let unknown = raw(&app, path, &json!({"to": "13700000002", "code": wrong})).await;
    assert_eq!(known, unknown);
    let body: Value = serde_json::from_slice(&known.1).unwrap();
    assert_eq!(body["error"]["code"], "otp.expired");
    let failed = events(&app, "otp.failed").await;
    assert!(failed
        .iter()
        .flatten()
        .any(|d| d.contains("activation") && d.contains("expired")));
}

#[tokio::test]
async fn a_failing_mail_relay_does_not_tell_real_contacts() {
    // Nothing listens there: every email fails.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let url = format!("smtp://127.0.0.1:{port}");
    let app = TestApp::spawn_with(&[("PORTAL_SMTP_URL", &url)]).await;
    app.state
        .db
        .execute_sql("UPDATE accounts SET email = 'zw@example.com', email_verified = TRUE WHERE username = 'zhangwei'")
        .await
        .unwrap();
    let known = raw(
        &app,
        "/api/v1/recovery/code",
        &json!({"to": "zw@example.com"}),
    )
    .await;
    let unknown = raw(
        &app,
        "/api/v1/recovery/code",
        &json!({"to": "zz@example.com"}),
    )
    .await;
    assert_eq!(known.0, 200);
    assert_eq!(unknown.0, 200);
}

/// The questions the portal offers (registration and profile), in zh-CN.
fn offered() -> Vec<String> {
    let form = include_str!("../../../../src/components/security_questions.rs");
    form.split("zh: \"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect()
}

async fn questions(app: &TestApp, username: &str) -> Vec<String> {
    let (status, body) = json(
        app.post("/api/v1/recovery/questions", &json!({"username": username}))
            .await,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_value(body["questions"].clone()).unwrap()
}

#[tokio::test]
async fn unknown_usernames_get_offered_questions_stable_per_username() {
    let app = TestApp::spawn().await;
    let offered = offered();
    assert_eq!(offered.len(), 6, "{offered:?}");
    let mut sets = Vec::new();
    for name in [
        "ghost", "nobody", "li_ming", "wang123", "zhaolei", "doctor_x", "nurse_y", "chen88",
    ] {
        let q = questions(&app, name).await;
        assert_eq!(q.len(), 3);
        for one in &q {
            assert!(offered.contains(one), "{one} is not offered");
        }
        let mut distinct = q.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), 3, "{q:?}");
        assert_eq!(q, questions(&app, name).await);
        assert_eq!(q, questions(&app, &name.to_uppercase()).await);
        sets.push(q);
    }
    sets.sort();
    sets.dedup();
    assert!(sets.len() > 1, "every username got the same questions");

    // Wrong answers for an unknown username fail and lock as for a real one.
    let wrong = json!({"username": "ghost", "answers": ["a", "b", "c"]});
    for _ in 0..5 {
        let (status, body) = json(app.post("/api/v1/recovery/answers", &wrong).await).await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (422, Some("recovery.answers_wrong"))
        );
    }
    let (status, body) = json(app.post("/api/v1/recovery/answers", &wrong).await).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (429, Some("recovery.locked"))
    );
    assert_eq!(events(&app, "recovery.answers_wrong").await.len(), 5);
    assert_eq!(events(&app, "recovery.answers_locked").await.len(), 1);
}

const ZHANGWEI: &str = r#"{"system": "physician", "name": "张伟", "id_number": "11010519850312403X", "certificate_number": "110110105000101"}"#;
pub const SUNHAO: &str = r#"{"system": "physician", "name": "孙浩", "id_number": "110105199304156113", "certificate_number": "110110105000109"}"#;

#[tokio::test]
async fn personal_details_are_for_accounts_without_a_verified_contact() {
    let app = TestApp::spawn().await;
    let zhangwei: Value = serde_json::from_str(ZHANGWEI).unwrap();
    let (status, body) = json(app.post("/api/v1/recovery/personal", &zhangwei).await).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (409, Some("recovery.use_contact")),
        "{body}"
    );
    assert!(body.get("token").is_none());
    let tokens: i64 = app
        .state
        .db
        .scalar("SELECT COUNT(*) FROM recovery_tokens")
        .await
        .unwrap();
    assert_eq!(tokens, 0);
    assert_eq!(events(&app, "account.recovery_use_contact").await.len(), 1);

    // sunhao never verified his phone: a proof, and every contact is told.
    let sunhao: Value = serde_json::from_str(SUNHAO).unwrap();
    let (status, proof) = json(app.post("/api/v1/recovery/personal", &sunhao).await).await;
    assert_eq!(status, 200, "{proof}");
    assert!(proof["token"].is_string());
    let (_, msgs) = json(app.get("/api/dev/outbox?to=13800138009").await).await;
    let body = msgs[0]["body"].as_str().unwrap();
    assert!(
        body.contains("您的账户刚刚通过个人信息方式申请重置密码"),
        "{body}"
    );
    assert!(body.contains("contact your institution"), "{body}");
}

#[tokio::test]
async fn proofs_tell_the_phone_on_the_registry_record_too() {
    let app = TestApp::spawn().await;
    // The account's phone differs from the registry record's.
    app.state
        .db
        .execute_sql("UPDATE accounts SET phone = '13700000009' WHERE username = 'sunhao'")
        .await
        .unwrap();
    let sunhao: Value = serde_json::from_str(SUNHAO).unwrap();
    let (status, _) = json(app.post("/api/v1/recovery/personal", &sunhao).await).await;
    assert_eq!(status, 200);
    for to in ["13700000009", "13800138009"] {
        let (_, msgs) = json(app.get(&format!("/api/dev/outbox?to={to}")).await).await;
        assert!(
            msgs[0]["body"].as_str().unwrap().contains("个人信息"),
            "{to}: {msgs}"
        );
    }
}

#[tokio::test]
async fn personal_proofs_are_limited_per_account() {
    let app = TestApp::spawn().await;
    let sunhao: Value = serde_json::from_str(SUNHAO).unwrap();
    for _ in 0..3 {
        let (status, body) = json(app.post("/api/v1/recovery/personal", &sunhao).await).await;
        assert_eq!(status, 200, "{body}");
    }
    let resp = app.post("/api/v1/recovery/personal", &sunhao).await;
    assert!(resp.headers().contains_key("retry-after"));
    let (status, body) = json(resp).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (429, Some("recovery.throttled")),
        "{body}"
    );
    // The count is in the database, not in this server's memory.
    app.state
        .db
        .execute_sql("DELETE FROM throttles")
        .await
        .unwrap();
    assert_eq!(
        app.post("/api/v1/recovery/personal", &sunhao)
            .await
            .status(),
        429
    );
    assert_eq!(events(&app, "account.recovery_limit").await.len(), 2);
    app.clock().advance(24 * 3600 + 60);
    let (status, body) = json(app.post("/api/v1/recovery/personal", &sunhao).await).await;
    assert_eq!(status, 200, "{body}");
}
