//! Retention: sessions per account are bounded, and expired rows are purged
//! (crate::retention).

use crate::helpers::{json, TestApp, DEMO_PASSWORD};

async fn count(app: &TestApp, table: &str) -> i64 {
    app.state
        .db
        .scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .await
        .unwrap()
}

#[tokio::test]
async fn a_sixth_sign_in_ends_the_oldest_session() {
    let app = TestApp::spawn().await;
    let mut clients = Vec::new();
    for _ in 0..6 {
        let client = app.other_client();
        let resp = client
            .post(app.url("/api/v1/session"))
            .json(&serde_json::json!({"system": "physician", "username": "zhangwei", "password": DEMO_PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200);
        clients.push(client);
        // Distinct sign-in times: the oldest is the one ended.
        app.clock().advance(1);
    }
    let mut statuses = Vec::new();
    for client in &clients {
        statuses.push(
            client
                .get(app.url("/api/v1/me"))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16(),
        );
    }
    assert_eq!(statuses, [401, 200, 200, 200, 200, 200]);
}

#[tokio::test]
async fn expired_sessions_codes_and_proofs_are_purged() {
    let app = TestApp::spawn().await;
    app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    let (status, _) = json(
        app.post(
            "/api/v1/recovery/code",
            &serde_json::json!({"to": "13800138001"}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200);
    let purge = || server::retention::purge(&app.state.db, app.clock().now());

    // Nothing is due yet.
    let nothing = purge().await.unwrap();
    assert_eq!(nothing, Default::default());
    assert_eq!(count(&app, "sessions").await, 1);
    assert!(count(&app, "otp_codes").await >= 1);

    // Past the idle limit the session goes; the code stays for the daily limits.
    app.clock().advance(31 * 60);
    let purged = purge().await.unwrap();
    assert_eq!(purged.sessions, 1);
    assert_eq!(count(&app, "sessions").await, 0);
    assert!(count(&app, "otp_codes").await >= 1);

    // Two days on, the code (with its contact and address) goes too.
    app.clock().advance(2 * 24 * 3600);
    let purged = purge().await.unwrap();
    assert!(purged.codes >= 1);
    assert_eq!(count(&app, "otp_codes").await, 0);
}
