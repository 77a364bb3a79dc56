use crate::helpers::{TestApp, DEMO_PASSWORD};

#[tokio::test]
async fn audit_log_records_events_and_is_append_only() {
    let app = TestApp::spawn().await;
    app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    app.post("/api/v1/applications", &serde_json::json!({}))
        .await;
    let events: Vec<String> = app
        .state
        .db
        .column("SELECT event FROM audit_log ORDER BY id")
        .await
        .unwrap();
    let events: Vec<&str> = events.iter().map(String::as_str).collect();
    assert_eq!(
        events,
        ["account.sign_in", "licence.issued", "licence.applied"]
    );
    assert!(app
        .state
        .db
        .execute_sql("UPDATE audit_log SET event = 'x'")
        .await
        .is_err());
    assert!(app
        .state
        .db
        .execute_sql("DELETE FROM audit_log")
        .await
        .is_err());
    // Nothing secret in the details.
    let details: Vec<Option<String>> = app
        .state
        .db
        .column("SELECT detail FROM audit_log")
        .await
        .unwrap();
    for d in details.into_iter() {
        let d = d.unwrap_or_default();
        assert!(!d.contains(DEMO_PASSWORD) && !d.contains("11010519850312403X"));
    }
}
