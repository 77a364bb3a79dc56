//! Reminders: an institution reminds its staff who have not applied (or a
//! criterion blocks), once per person per day; the figures count sent,
//! delivered and then applied.

use serde_json::json;

use crate::helpers::{get_in, json, TestApp, DEMO_PASSWORD};
use crate::servers::settled;

/// 王芳 (wangfang) of admin_a's institution has no ID photo.
const WANGFANG_PHONE: &str = "13800138002";

async fn outbox(app: &TestApp, to: &str) -> Vec<serde_json::Value> {
    let (_, msgs) = json(app.get(&format!("/api/dev/outbox?to={to}")).await).await;
    msgs.as_array().cloned().unwrap_or_default()
}

async fn figures(app: &TestApp) -> serde_json::Value {
    let (status, body) = json(app.get("/api/v1/institution/reminders").await).await;
    assert_eq!(status, 200, "{body}");
    body
}

#[tokio::test]
async fn staff_lacking_a_photo_are_reminded_once_a_day_with_the_deadline_and_what_to_do() {
    let app = TestApp::spawn().await;
    assert_eq!(app.sign_in_admin("admin_a").await.status(), 200);
    let (status, sent) = json(
        app.post(
            "/api/v1/institution/reminders",
            &json!({"criterion": "photo"}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200, "{sent}");
    assert!(sent["sent"].as_u64().unwrap() >= 1, "{sent}");
    let msgs = outbox(&app, WANGFANG_PHONE).await;
    let reminder = &msgs[0];
    assert_eq!(reminder["channel"], "sms");
    let body = reminder["body"].as_str().unwrap();
    assert!(body.contains("北京市海淀区和平医院"), "{body}");
    assert!(body.contains("上传证件照"), "{body}");
    assert!(body.contains("upload your ID photo"), "{body}");
    // The deadline of the campaign in force (demo mode: a month from the
    // day it seeded).
    let (_, table) = json(app.get("/api/v1/campaigns").await).await;
    let table: Vec<rules::Campaign> = serde_json::from_value(table).unwrap();
    let deadline = rules::campaign_in(&table, "11").e_license_by;
    assert_eq!(deadline, app.clock().today() + chrono::Days::new(31));
    let deadline = deadline.to_string();
    assert!(body.contains(&deadline), "{body}");
    // Eligible staff who only need to apply are not in a photo reminder:
    // 张伟 (zhangwei, 13800138001) has a photo.
    assert!(outbox(&app, "13800138001")
        .await
        .iter()
        .all(|m| m["subject"].as_str().is_some_and(|s| !s.contains("提醒"))));

    // The same day: nobody twice, whatever the criterion.
    let (_, again) = json(app.post("/api/v1/institution/reminders", &json!({})).await).await;
    assert_eq!(again["already_today"], sent["sent"], "{again}");
    assert_eq!(outbox(&app, WANGFANG_PHONE).await.len(), msgs.len());
    // The next day, again.
    app.clock().advance(24 * 3600);
    app.sign_in_admin("admin_a").await;
    let (_, next_day) = json(
        app.post(
            "/api/v1/institution/reminders",
            &json!({"criterion": "photo"}),
        )
        .await,
    )
    .await;
    assert_eq!(next_day["sent"], sent["sent"], "{next_day}");
    assert_eq!(outbox(&app, WANGFANG_PHONE).await.len(), msgs.len() + 1);
}

#[tokio::test]
async fn figures_count_sent_delivered_then_applied() {
    let app = TestApp::spawn().await;
    app.sign_in_admin("admin_a").await;
    let zero = figures(&app).await;
    assert_eq!(zero, json!({"sent": 0, "delivered": 0, "applied": 0}));
    let (_, sent) = json(
        app.post(
            "/api/v1/institution/reminders",
            &json!({"criterion": "photo"}),
        )
        .await,
    )
    .await;
    let n = sent["sent"].as_u64().unwrap();
    assert_eq!(settled(&app, WANGFANG_PHONE, 10).await.0, "sent");
    // Every reminder delivered (demo mode: to the outbox).
    for _ in 0..100 {
        if figures(&app).await["delivered"] == json!(n) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(
        figures(&app).await,
        json!({"sent": n, "delivered": n, "applied": 0})
    );
    // 王芳 gets a photo approved (the file of another demo account) and applies.
    app.state
        .db
        .execute_sql(
            "UPDATE accounts SET photo_state = 'approved',
                 photo_file = (SELECT photo_file FROM accounts WHERE username = 'zhangwei')
             WHERE username = 'wangfang'",
        )
        .await
        .unwrap();
    let practitioner = app.other_client();
    let resp = practitioner
        .post(app.url("/api/v1/session"))
        .json(&json!({"system": "physician", "username": "wangfang", "password": DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let resp = practitioner
        .post(app.url("/api/v1/applications"))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert!(resp.status().is_success(), "{}", resp.text().await.unwrap());
    assert_eq!(figures(&app).await["applied"], 1);
    // The dashboard shows the same figures.
    let (_, dashboard) = json(app.get("/api/v1/institution/dashboard").await).await;
    assert_eq!(dashboard["reminders"], json!([n, n, 1]));
    // The decision is audited.
    let audited: i64 = app
        .state
        .db
        .scalar("SELECT COUNT(*) FROM audit_log WHERE event = 'institution.reminders_sent'")
        .await
        .unwrap();
    assert_eq!(audited, 1);
}

#[tokio::test]
async fn another_institution_neither_reminds_nor_sees_these_staff() {
    let app = TestApp::spawn().await;
    app.sign_in_admin("admin_a").await;
    json(app.post("/api/v1/institution/reminders", &json!({})).await).await;
    let before = outbox(&app, WANGFANG_PHONE).await.len();
    // admin_b's reminders reach only admin_b's staff, and its figures are its own.
    let other = crate::helpers::demo_admin(&app, "admin_b").await;
    let (status, figures_b) = get_in(&app, &other, "/api/v1/institution/reminders").await;
    assert_eq!(status, 200, "{figures_b}");
    assert_eq!(figures_b["sent"], 0);
    let resp = other
        .post(app.url("/api/v1/institution/reminders"))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(outbox(&app, WANGFANG_PHONE).await.len(), before);
    // Practitioners and strangers cannot send or read reminders.
    let stranger = app.other_client();
    let resp = stranger
        .get(app.url("/api/v1/institution/reminders"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 401);
    let practitioner = app.other_client();
    practitioner
        .post(app.url("/api/v1/session"))
        .json(&json!({"system": "physician", "username": "zhangwei", "password": DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    let resp = practitioner
        .post(app.url("/api/v1/institution/reminders"))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert!(
        matches!(resp.status().as_u16(), 401 | 403),
        "{}",
        resp.status()
    );
}

#[tokio::test]
async fn an_unknown_criterion_is_a_clear_error() {
    let app = TestApp::spawn().await;
    app.sign_in_admin("admin_a").await;
    let (status, body) = json(
        app.post(
            "/api/v1/institution/reminders",
            &json!({"criterion": "shoe_size"}),
        )
        .await,
    )
    .await;
    assert!(matches!(status, 400 | 422), "{status} {body}");
    assert!(body["error"]["code"].is_string(), "{body}");
}
