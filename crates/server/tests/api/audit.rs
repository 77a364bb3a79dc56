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

#[tokio::test]
async fn failed_sign_ins_and_sign_outs_are_audited() {
    let app = TestApp::spawn().await;
    // A known username with a wrong password, an unknown one, a known one
    // in the wrong system: each leaves a row; the account is named only when
    // the username exists.
    for (system, username) in [
        ("physician", "zhangwei"),
        ("physician", "nobody-here"),
        ("nurse", "zhangwei"),
    ] {
        let resp = app.sign_in(system, username, "Wrong#password1").await;
        assert_eq!(resp.status(), 401);
    }
    app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    assert_eq!(app.delete("/api/v1/session").await.status(), 204);
    let zhangwei: i64 = app
        .state
        .db
        .scalar("SELECT id FROM accounts WHERE username = 'zhangwei'")
        .await
        .unwrap();
    let rows: Vec<String> = app
        .state
        .db
        .column(
            "SELECT event || ':' || COALESCE(CAST(actor_id AS TEXT), '-') || ':' || COALESCE(detail, '')
             FROM audit_log ORDER BY id",
        )
        .await
        .unwrap();
    let failed: Vec<&String> = rows
        .iter()
        .filter(|r| r.starts_with("account.sign_in_failed"))
        .collect();
    assert_eq!(failed.len(), 3, "{rows:?}");
    assert!(
        failed[0].starts_with(&format!("account.sign_in_failed:{zhangwei}:")),
        "{rows:?}"
    );
    assert!(
        failed[1].starts_with("account.sign_in_failed:-:"),
        "{rows:?}"
    );
    assert!(
        failed[2].starts_with(&format!("account.sign_in_failed:{zhangwei}:")),
        "{rows:?}"
    );
    // The address is kept; the password never is.
    assert!(failed
        .iter()
        .all(|r| r.contains("127.0.0.1") && !r.contains("Wrong#password1")));
    assert!(
        rows.last()
            .unwrap()
            .starts_with(&format!("account.sign_out:{zhangwei}")),
        "{rows:?}"
    );
}
