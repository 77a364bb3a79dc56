use serde_json::json;

use crate::helpers::{demo_admin, get_in, json, TestApp, DEMO_PASSWORD};
use crate::registration::{activate, code_for, registration};

async fn account_id(app: &TestApp, admin: &str, username: &str) -> i64 {
    let client = demo_admin(app, admin).await;
    let (status, roster) = get_in(app, &client, "/api/v1/institution/staff").await;
    assert_eq!(status, 200, "{roster}");
    member(&roster, username)["account_id"].as_i64().unwrap()
}

/// The roster's row of `username`.
fn member<'r>(roster: &'r serde_json::Value, username: &str) -> &'r serde_json::Value {
    roster["staff"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["username"] == username)
        .unwrap_or_else(|| panic!("{username} not in {roster}"))
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

fn usernames(roster: &serde_json::Value) -> Vec<&str> {
    roster["staff"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["username"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn roster_search_masks_id_numbers_and_shows_each_checklist() {
    let app = TestApp::spawn().await;
    app.sign_in_admin("admin_a").await;
    let (_, all) = json(app.get("/api/v1/institution/staff").await).await;
    let wangfang = member(&all, "wangfang");
    // 310104199007212829: first 3 and last 4 kept; the full number never leaves.
    assert_eq!(wangfang["id_number_masked"], "310***********2829");
    assert!(!all.to_string().contains("310104199007212829"));
    // Her checklist: everything but the photo holds.
    let failed: Vec<&str> = wangfang["checklist"]["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["passed"] == false)
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    assert_eq!(failed, ["photo"]);
    assert_eq!(wangfang["eligible"], false);

    // Search by part of the name or of the username, case-insensitively.
    let (_, by_name) = json(app.get("/api/v1/institution/staff?q=%E7%8E%8B").await).await;
    assert_eq!(usernames(&by_name), ["wangfang"]);
    let (_, by_username) = json(app.get("/api/v1/institution/staff?q=%20ZHANG%20").await).await;
    assert_eq!(usernames(&by_username), ["zhangwei"]);
    // Institution B's staff are never found.
    let (_, other) = json(app.get("/api/v1/institution/staff?q=zhouting").await).await;
    assert!(usernames(&other).is_empty());
    let long = "x".repeat(65);
    let (status, body) = json(
        app.get(&format!("/api/v1/institution/staff?q={long}"))
            .await,
    )
    .await;
    assert_eq!(
        (status, body["error"]["fields"]["q"].is_string()),
        (422, true),
        "{body}"
    );

    // Filter by the criterion that fails.
    let (_, no_photo) = json(app.get("/api/v1/institution/staff?unmet=photo").await).await;
    let mut names = usernames(&no_photo);
    names.sort_unstable();
    assert_eq!(names, ["sunhao", "wangfang"]);
    let (_, not_active) = json(app.get("/api/v1/institution/staff?unmet=activated").await).await;
    assert_eq!(usernames(&not_active), ["sunhao"]);
    let (status, _) = json(app.get("/api/v1/institution/staff?unmet=nonsense").await).await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn staff_under_a_non_standard_institution_name_are_flagged() {
    let app = TestApp::spawn().await;
    app.sign_in_admin("admin_a").await;
    let (_, flagged) = json(
        app.get("/api/v1/institution/staff?registration_change=true")
            .await,
    )
    .await;
    assert_eq!(usernames(&flagged), ["sunhao"]);
    assert_eq!(
        flagged["staff"][0]["registration_change"],
        json!({"registered_as": "海淀区和平医院", "standard_name": "北京市海淀区和平医院"})
    );
    let (_, all) = json(app.get("/api/v1/institution/staff").await).await;
    let zhangwei = member(&all, "zhangwei");
    assert_eq!(zhangwei["registration_change"], serde_json::Value::Null);
}

#[tokio::test]
async fn photo_review_approve_and_reject_with_reason() {
    let app = TestApp::spawn().await;
    let zhouting = account_id(&app, "admin_b", "zhouting").await;
    app.sign_in_admin("admin_b").await;
    let (_, queue) = json(app.get("/api/v1/institution/reviews").await).await;
    assert_eq!(queue["items"].as_array().unwrap().len(), 1);
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
    assert!(queue["items"]
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
    let names: Vec<&str> = zombies["items"]
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
    let names: Vec<&str> = zombies["items"]
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
    let before = app.clock().now();
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
    // The person is told, at the verified phone, what to do now.
    let (_, notices) = json(app.get("/api/dev/outbox?to=13800138002").await).await;
    let notice = notices[0]["body"].as_str().unwrap();
    assert!(
        notice.contains("北京市海淀区和平医院删除") && notice.contains("重新注册并激活"),
        "{notice}"
    );
    // The registry record stays visible to the institution as "account
    // deleted", with the date, until the person registers again.
    let (status, deleted) = json(app.get("/api/v1/institution/deleted-accounts").await).await;
    assert_eq!(status, 200, "{deleted}");
    assert_eq!(deleted["total"], 1, "{deleted}");
    let record = &deleted["items"][0];
    assert_eq!(record["name"], "王芳");
    assert_eq!(record["system"], "physician");
    // The time of the deletion (the clock may have ticked since).
    let deleted_at = record["deleted_at"].as_i64().unwrap();
    assert!(
        (before..=app.clock().now()).contains(&deleted_at),
        "{record}"
    );
    assert!(record["id_number_masked"].as_str().unwrap().contains('*'));
    // Another institution sees none of it.
    let b = demo_admin(&app, "admin_b").await;
    let (status, theirs) = get_in(&app, &b, "/api/v1/institution/deleted-accounts").await;
    assert_eq!((status, &theirs["total"]), (200, &json!(0)), "{theirs}");
    let (status, _) = json(
        app.get("/api/v1/institution/deleted-accounts?per_page=0")
            .await,
    )
    .await;
    assert_eq!(status, 422);
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
    assert_eq!(activate(&app, "13912340000", &code).await.0, 204);
    // Registered again: no longer listed as deleted.
    app.sign_in_admin("admin_a").await;
    let (_, deleted) = json(app.get("/api/v1/institution/deleted-accounts").await).await;
    assert_eq!(deleted["total"], 0, "{deleted}");
}

#[tokio::test]
async fn a_deleted_account_takes_its_photo_files_with_it() {
    let app = TestApp::spawn().await;
    let zhangwei = account_id(&app, "admin_a", "zhangwei").await;
    let file: String = app
        .state
        .db
        .scalar(&format!(
            "SELECT photo_file FROM accounts WHERE id = {zhangwei}"
        ))
        .await
        .unwrap();
    assert!(app.state.uploads.get(&file).await.unwrap().is_some());
    app.sign_in_admin("admin_a").await;
    assert_eq!(
        app.delete(&format!("/api/v1/institution/staff/{zhangwei}"))
            .await
            .status(),
        204
    );
    assert_eq!(
        app.state.uploads.get(&file).await.unwrap(),
        None,
        "the deleted account's photo stayed"
    );
}
