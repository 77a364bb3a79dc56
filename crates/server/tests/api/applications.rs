use crate::helpers::{json, passed, refused_application, TestApp, DEMO_PASSWORD};

#[tokio::test]
async fn eligible_physician_applies_once() {
    let app = TestApp::spawn().await;
    app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    assert_eq!(app.get("/api/v1/applications/current").await.status(), 404);
    let (status, first) = json(
        app.post("/api/v1/applications", &serde_json::json!({}))
            .await,
    )
    .await;
    assert_eq!(status, 201);
    let (status, again) = json(
        app.post("/api/v1/applications", &serde_json::json!({}))
            .await,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(first, again);
    let (status, current) = json(app.get("/api/v1/applications/current").await).await;
    assert_eq!((status, current), (200, first));
}

#[tokio::test]
async fn concurrent_submits_create_one_application() {
    let app = TestApp::spawn().await;
    app.sign_in("nurse", "lina", DEMO_PASSWORD).await;
    let url = app.url("/api/v1/applications");
    let sends = (0..8).map(|_| app.client.post(&url).json(&serde_json::json!({})).send());
    let results = futures_join(sends).await;
    let ids: std::collections::HashSet<i64> =
        results.iter().map(|v| v["id"].as_i64().unwrap()).collect();
    assert_eq!(ids.len(), 1);
}

async fn futures_join<F>(futs: impl Iterator<Item = F>) -> Vec<serde_json::Value>
where
    F: std::future::Future<Output = reqwest::Result<reqwest::Response>> + Send + 'static,
{
    let handles: Vec<_> = futs.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap().unwrap().json().await.unwrap());
    }
    out
}

#[tokio::test]
async fn not_eligible_answers_422_with_the_checklist() {
    let app = TestApp::spawn().await;
    for (system, user, failing) in [
        ("physician", "wangfang", "photo"),
        ("physician", "liqiang", "status_normal"),
        ("physician", "zhaomin", "status_normal"),
        ("physician", "chenjie", "status_normal"),
        ("nurse", "liuyang", "registration_valid"),
    ] {
        app.sign_in(system, user, DEMO_PASSWORD).await;
        let checklist = refused_application(&app).await;
        let failed: Vec<&str> = checklist["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["passed"] == false)
            .map(|c| c["code"].as_str().unwrap())
            .collect();
        assert!(failed.contains(&failing), "{user}: {failed:?}");
    }
    // An account never activated cannot sign in to apply at all.
    let (status, body) = json(app.sign_in("physician", "sunhao", DEMO_PASSWORD).await).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (403, Some("auth.not_activated"))
    );
    // The nurse inside the renewal window is still eligible (photo pending
    // blocks her, since her institution reviews photos).
    app.sign_in("nurse", "zhouting", DEMO_PASSWORD).await;
    let checklist = refused_application(&app).await;
    assert!(passed(&checklist, "registration_valid"), "{checklist}");
}

#[tokio::test]
async fn applications_need_a_practitioner_session() {
    let app = TestApp::spawn().await;
    assert_eq!(
        app.post("/api/v1/applications", &serde_json::json!({}))
            .await
            .status(),
        401
    );
    app.sign_in_admin("admin_a").await;
    assert_eq!(
        app.post("/api/v1/applications", &serde_json::json!({}))
            .await
            .status(),
        403
    );
}

#[tokio::test]
async fn the_institution_applies_for_its_licence_once_even_when_racing() {
    let app = TestApp::spawn().await;
    app.sign_in_admin("admin_a").await;
    let (status, l) = json(app.get("/api/v1/institution/licence").await).await;
    assert_eq!(status, 200);
    assert_eq!(l["name"], "北京市海淀区和平医院");
    assert_eq!(l["application"], serde_json::Value::Null);
    let url = app.url("/api/v1/institution/licence/application");
    let handles: Vec<_> = (0..10)
        .map(|_| {
            let send = app.client.post(&url).send();
            tokio::spawn(async move {
                let resp = send.await.unwrap();
                let status = resp.status().as_u16();
                (status, resp.json::<serde_json::Value>().await.unwrap())
            })
        })
        .collect();
    let mut created = 0;
    let mut ids = std::collections::HashSet::new();
    for h in handles {
        let (status, body) = h.await.unwrap();
        assert!(status == 201 || status == 200, "{status}: {body}");
        created += usize::from(status == 201);
        ids.insert(body["id"].as_i64().unwrap());
    }
    assert_eq!((created, ids.len()), (1, 1));
    let (_, l) = json(app.get("/api/v1/institution/licence").await).await;
    assert_eq!(l["application"]["id"].as_i64(), ids.into_iter().next());
    let n: i64 = app
        .state
        .db
        .scalar("SELECT COUNT(*) FROM institution_applications")
        .await
        .unwrap();
    assert_eq!(n, 1);
}
