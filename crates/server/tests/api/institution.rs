use serde_json::json;

use crate::helpers::{json, TestApp, DEMO_PASSWORD};
use crate::registration::{code_for, registration};

async fn account_id(app: &TestApp, admin: &str, username: &str) -> i64 {
    let client = app.other_client();
    client
        .post(app.url("/api/v1/institution/session"))
        .json(&json!({"username": admin, "password": DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    let roster: serde_json::Value = client
        .get(app.url("/api/v1/institution/staff"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    roster["staff"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["username"] == username)
        .unwrap()["account_id"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn roster_rate_and_filters() {
    let app = TestApp::spawn().await;
    app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    app.post("/api/v1/applications", &json!({})).await;
    app.sign_in_admin("admin_a").await;
    let (status, roster) = json(app.get("/api/v1/institution/staff").await).await;
    assert_eq!(status, 200);
    let names: Vec<&str> = roster["staff"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["username"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"zhangwei") && names.contains(&"lina"));
    assert!(
        !names.contains(&"zhouting") && !names.contains(&"chenjie"),
        "institution B leaked: {names:?}"
    );
    assert_eq!(roster["applied"], 1);
    let (_, nurses) = json(app.get("/api/v1/institution/staff?system=nurse").await).await;
    assert!(nurses["staff"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["system"] == "nurse"));
    let (_, filed) = json(app.get("/api/v1/institution/staff?status=filed").await).await;
    assert_eq!(filed["staff"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn photo_review_approve_and_reject_with_reason() {
    let app = TestApp::spawn().await;
    let zhouting = account_id(&app, "admin_b", "zhouting").await;
    app.sign_in_admin("admin_b").await;
    let (_, queue) = json(app.get("/api/v1/institution/reviews").await).await;
    assert_eq!(queue.as_array().unwrap().len(), 1);
    let url = format!("/api/v1/institution/reviews/photo/{zhouting}");
    let (status, body) = json(app.post(&url, &json!({"approve": false})).await).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (422, Some("validation.failed"))
    );
    assert_eq!(
        app.post(&url, &json!({"approve": false, "reason": "背景不是白色"}))
            .await
            .status(),
        204
    );
    app.sign_in("nurse", "zhouting", DEMO_PASSWORD).await;
    let (_, me) = json(app.get("/api/v1/me").await).await;
    assert_eq!(
        me["facts"]["account"]["photo"],
        json!({"state": "rejected", "reason": "背景不是白色"})
    );
}

#[tokio::test]
async fn admin_a_can_neither_see_nor_change_institution_b() {
    let app = TestApp::spawn().await;
    let zhouting = account_id(&app, "admin_b", "zhouting").await;
    let chenjie = account_id(&app, "admin_b", "chenjie").await;
    app.sign_in_admin("admin_a").await;
    let (_, queue) = json(app.get("/api/v1/institution/reviews").await).await;
    assert!(queue
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["username"] != "zhouting"));
    let resp = app
        .post(
            &format!("/api/v1/institution/reviews/photo/{zhouting}"),
            &json!({"approve": true}),
        )
        .await;
    assert_eq!(resp.status(), 404);
    assert_eq!(
        app.delete(&format!("/api/v1/institution/staff/{chenjie}"))
            .await
            .status(),
        404
    );
    let (_, zombies) = json(app.get("/api/v1/institution/zombies").await).await;
    let names: Vec<&str> = zombies
        .as_array()
        .unwrap()
        .iter()
        .map(|z| z["name"].as_str().unwrap())
        .collect();
    assert!(!names.contains(&"郑洁"), "{names:?}");
    // Nothing changed for B.
    app.sign_in("nurse", "zhouting", DEMO_PASSWORD).await;
    let (_, me) = json(app.get("/api/v1/me").await).await;
    assert_eq!(me["facts"]["account"]["photo"]["state"], "pending");
    assert_eq!(
        app.sign_in("physician", "chenjie", DEMO_PASSWORD)
            .await
            .status(),
        200
    );
    // Practitioners cannot use admin endpoints.
    assert_eq!(app.get("/api/v1/institution/staff").await.status(), 403);
}

#[tokio::test]
async fn zombie_candidates_come_from_the_rules() {
    let app = TestApp::spawn().await;
    app.sign_in_admin("admin_a").await;
    let (_, zombies) = json(app.get("/api/v1/institution/zombies").await).await;
    let names: Vec<&str> = zombies
        .as_array()
        .unwrap()
        .iter()
        .map(|z| z["name"].as_str().unwrap())
        .collect();
    for expected in ["吴磊", "李强", "刘洋"] {
        assert!(names.contains(&expected), "{names:?}");
    }
    assert!(!names.contains(&"张伟"));
}

#[tokio::test]
async fn deleting_an_account_lets_the_person_register_again() {
    let app = TestApp::spawn().await;
    let person = app.other_client();
    person
        .post(app.url("/api/v1/session"))
        .json(&json!({"system": "physician", "username": "wangfang", "password": DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    let wangfang = account_id(&app, "admin_a", "wangfang").await;
    app.sign_in_admin("admin_a").await;
    assert_eq!(
        app.delete(&format!("/api/v1/institution/staff/{wangfang}"))
            .await
            .status(),
        204
    );
    assert_eq!(
        person
            .get(app.url("/api/v1/me"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    // Register again (path 4) and activate.
    let mut reg = registration(
        "310104199007212829",
        "110110105000102",
        "wangfang2",
        "13912340000",
    );
    reg["system"] = json!("physician");
    let resp = app.post("/api/v1/registration", &reg).await;
    assert_eq!(resp.status(), 202);
    let code = code_for(&app, "13912340000").await.expect("code");
    assert_eq!(
        app.post(
            "/api/v1/activation",
            &json!({"to": "13912340000", "code": code})
        )
        .await
        .status(),
        204
    );
}
