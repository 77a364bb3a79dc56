use crate::helpers::{TestApp, DEMO_PASSWORD};

#[tokio::test]
async fn audit_log_records_events_and_is_append_only() {
    let app = TestApp::spawn().await;
    app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    app.post("/api/v1/applications", &serde_json::json!({}))
        .await;
    let events: Vec<(String,)> = sqlx::query_as("SELECT event FROM audit_log ORDER BY id")
        .fetch_all(app.state.db.sqlite())
        .await
        .unwrap();
    let events: Vec<&str> = events.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(
        events,
        ["account.sign_in", "licence.issued", "licence.applied"]
    );
    assert!(sqlx::query("UPDATE audit_log SET event = 'x'")
        .execute(app.state.db.sqlite())
        .await
        .is_err());
    assert!(sqlx::query("DELETE FROM audit_log")
        .execute(app.state.db.sqlite())
        .await
        .is_err());
    // Nothing secret in the details.
    let details: Vec<(Option<String>,)> = sqlx::query_as("SELECT detail FROM audit_log")
        .fetch_all(app.state.db.sqlite())
        .await
        .unwrap();
    for (d,) in details.into_iter() {
        let d = d.unwrap_or_default();
        assert!(!d.contains(DEMO_PASSWORD) && !d.contains("11010519850312403X"));
    }
}
