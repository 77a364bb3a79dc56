use serde_json::json;

use crate::helpers::{demo_admin, get_in, json, TestApp, DEMO_PASSWORD};
use crate::registration::code_for;

#[tokio::test]
async fn title_change_is_reviewed_by_the_main_institution_only() {
    let app = TestApp::spawn().await;
    app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    for (title, refusal) in [
        ("chief_nurse", (422, Some("title.wrong_series"))),
        ("attending", (422, Some("title.unchanged"))),
        ("nonsense", (400, Some("request.malformed"))),
    ] {
        let (status, body) =
            json(app.put("/api/v1/me/title", &json!({"title": title})).await).await;
        assert_eq!((status, body["error"]["code"].as_str()), refusal, "{title}");
    }
    let (status, me) = json(
        app.put(
            "/api/v1/me/title",
            &json!({"title": "associate_chief_physician"}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 202, "{me}");
    assert_eq!(me["title"], "attending");
    assert_eq!(me["pending_title"], "associate_chief_physician");
    assert_eq!(me["title_review"], json!({"state": "pending"}));
    let account_id = {
        let (_, me) = json(app.get("/api/v1/me").await).await;
        assert_eq!(me["title_review"]["state"], "pending");
        app.sign_in_admin("admin_a").await;
        let (_, queue) = json(app.get("/api/v1/institution/reviews").await).await;
        let item = queue["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["kind"] == "title")
            .expect("title change in the queue")
            .clone();
        assert_eq!(item["username"], "zhangwei");
        assert_eq!(item["before"], "attending");
        assert_eq!(item["after"], "associate_chief_physician");
        item["account_id"].as_i64().unwrap()
    };
    let url = format!("/api/v1/institution/reviews/title/{account_id}");

    // Admin B neither sees nor decides it.
    let b = demo_admin(&app, "admin_b").await;
    let (status, queue_b) = get_in(&app, &b, "/api/v1/institution/reviews").await;
    assert_eq!(status, 200, "{queue_b}");
    assert!(queue_b["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["kind"] != "title"));
    let resp = b
        .post(app.url(&url))
        .json(&json!({"approve": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 404);

    let (status, _) = json(app.post(&url, &json!({"approve": false})).await).await;
    assert_eq!(status, 422);
    assert_eq!(
        app.post(&url, &json!({"approve": false, "reason": "聘任文件未上传"}))
            .await
            .status(),
        204
    );
    assert_eq!(
        app.post(&url, &json!({"approve": true})).await.status(),
        404
    );
    app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    let (_, me) = json(app.get("/api/v1/me").await).await;
    assert_eq!(
        me["title_review"],
        json!({"state": "rejected", "reason": "聘任文件未上传"})
    );
    assert_eq!(me["title"], "attending");

    app.put(
        "/api/v1/me/title",
        &json!({"title": "associate_chief_physician"}),
    )
    .await;
    app.sign_in_admin("admin_a").await;
    assert_eq!(
        app.post(&url, &json!({"approve": true})).await.status(),
        204
    );
    app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    let (_, me) = json(app.get("/api/v1/me").await).await;
    assert_eq!(me["title"], "associate_chief_physician");
    assert_eq!(me["title_review"], json!({"state": "approved"}));
}

#[tokio::test]
async fn email_and_phone_change_with_reauthentication_and_code() {
    let app = TestApp::spawn().await;
    app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    let req = json!({"contact": "zw@example.com", "current_password": "wrong-password"});
    let (status, body) = json(app.post("/api/v1/me/contacts/code", &req).await).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (422, Some("auth.wrong_password"))
    );
    assert!(code_for(&app, "zw@example.com").await.is_none());
    let (status, body) = json(
        app.post(
            "/api/v1/me/contacts/code",
            &json!({"contact": "not-an-email@", "current_password": DEMO_PASSWORD}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(body["error"]["fields"]["contact"].is_string());

    let req = json!({"contact": "zw@example.com", "current_password": DEMO_PASSWORD});
    let (status, sent) = json(app.post("/api/v1/me/contacts/code", &req).await).await;
    assert_eq!(status, 200, "{sent}");
    let code = code_for(&app, "zw@example.com")
        .await
        .expect("code to the new email");
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let (status, body) = json(
        app.post(
            "/api/v1/me/contacts",
            &json!({"contact": "zw@example.com", "code": wrong}),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (422, Some("otp.invalid"))
    );
    let (status, me) = json(
        app.post(
            "/api/v1/me/contacts",
            &json!({"contact": "zw@example.com", "code": code}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["facts"]["account"]["email_verified"], true);
    assert!(me["email_masked"]
        .as_str()
        .unwrap()
        .ends_with("@example.com"));

    // A new phone: the old one is told.
    let req = json!({"contact": "139 0000 1111", "current_password": DEMO_PASSWORD});
    assert_eq!(
        app.post("/api/v1/me/contacts/code", &req).await.status(),
        200
    );
    let code = code_for(&app, "13900001111")
        .await
        .expect("code to the new phone");
    let (status, me) = json(
        app.post(
            "/api/v1/me/contacts",
            &json!({"contact": "13900001111", "code": code}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(me["phone_masked"], "139****1111");
    let (_, old) = json(app.get("/api/dev/outbox?to=13800138001").await).await;
    assert!(
        old[0]["body"].as_str().unwrap().contains("139****1111"),
        "{old}"
    );
    // Another account cannot take the verified phone.
    app.sign_in("nurse", "lina", DEMO_PASSWORD).await;
    let (status, body) = json(
        app.post(
            "/api/v1/me/contacts/code",
            &json!({"contact": "13900001111", "current_password": DEMO_PASSWORD}),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (409, Some("contact.taken"))
    );
}

/// The title decision itself (without the review queue): the main
/// institution only, a reason to reject, one decision per change even when
/// two arrive at once.
#[tokio::test]
async fn title_decisions_are_taken_once_by_the_main_institution() {
    let app = TestApp::spawn().await;
    app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    let ask = |app: &TestApp| {
        let app_url = app.url("/api/v1/me/title");
        let client = app.client.clone();
        async move {
            client
                .put(app_url)
                .json(&json!({"title": "associate_chief_physician"}))
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(ask(&app).await, 202);
    // Asking again replaces the pending change.
    assert_eq!(ask(&app).await, 202);
    let pending: i64 = app
        .state
        .db
        .scalar("SELECT COUNT(*) FROM title_changes WHERE state = 'pending'")
        .await
        .unwrap();
    assert_eq!(pending, 1);
    let account_id: i64 = app
        .state
        .db
        .scalar("SELECT id FROM accounts WHERE username = 'zhangwei'")
        .await
        .unwrap();
    let url = app.url(&format!("/api/v1/institution/reviews/title/{account_id}"));

    let b = demo_admin(&app, "admin_b").await;
    let resp = b
        .post(&url)
        .json(&json!({"approve": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 404);

    app.sign_in_admin("admin_a").await;
    let (status, _) = json(
        app.post(
            &format!("/api/v1/institution/reviews/title/{account_id}"),
            &json!({"approve": false}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 422);
    // Two decisions at once: one is taken, the other finds nothing pending.
    let decisions: Vec<_> = [true, false]
        .into_iter()
        .map(|approve| {
            let send = app
                .client
                .post(&url)
                .json(&json!({"approve": approve, "reason": "聘任文件未上传"}))
                .send();
            tokio::spawn(async move { send.await.unwrap().status().as_u16() })
        })
        .collect();
    let mut statuses = Vec::new();
    for d in decisions {
        statuses.push(d.await.unwrap());
    }
    statuses.sort();
    assert_eq!(statuses, [204, 404]);
    let decided: Vec<String> = app
        .state
        .db
        .column("SELECT state FROM title_changes ORDER BY id")
        .await
        .unwrap();
    assert_eq!(decided.len(), 1);
    let title: String = app
        .state
        .db
        .scalar("SELECT title FROM practitioners WHERE name = '张伟'")
        .await
        .unwrap();
    let expected = if decided[0] == "approved" {
        "associate_chief_physician"
    } else {
        "attending"
    };
    assert_eq!(title, expected);
    app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    let (_, me) = json(app.get("/api/v1/me").await).await;
    assert_eq!(me["title"], expected);
    assert_eq!(me["title_review"]["state"], decided[0].as_str());
}

/// Issue 18, point 7: an account without security questions sets them in
/// the profile (re-authenticating first), and recovery way 3 then works.
#[tokio::test]
async fn security_questions_are_set_after_reauthentication_and_recovery_way_3_works() {
    let app = TestApp::spawn().await;
    let questions = json!([
        {"question": "您出生的城市是？", "answer": "杭州"},
        {"question": "您小学的校名是？", "answer": "红星小学"},
        {"question": "您最喜欢的书是？", "answer": "Dream of the Red Chamber"}
    ]);
    let set = |password: &str, qa: &serde_json::Value| json!({"current_password": password, "security_questions": qa});
    // Signed out: nothing.
    let resp = app
        .put(
            "/api/v1/me/security-questions",
            &set(DEMO_PASSWORD, &questions),
        )
        .await;
    assert_eq!(resp.status(), 401);

    app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    let (_, me) = json(app.get("/api/v1/me").await).await;
    assert_eq!(me["has_security_questions"], false);

    // Bad input and a wrong password change nothing.
    let twice = json!([
        {"question": "您出生的城市是？", "answer": "杭州"},
        {"question": "您出生的城市是？", "answer": "杭州"},
        {"question": "您最喜欢的书是？", "answer": "x"}
    ]);
    let (status, body) = json(
        app.put("/api/v1/me/security-questions", &set(DEMO_PASSWORD, &twice))
            .await,
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(
        body["error"]["fields"]["security_questions"].is_string(),
        "{body}"
    );
    let (status, body) = json(
        app.put(
            "/api/v1/me/security-questions",
            &set("Wrong#Password1", &questions),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (422, Some("auth.wrong_password"))
    );
    assert_eq!(
        body["error"]["fields"]["current_password"],
        "当前密码不正确"
    );
    let (_, me) = json(app.get("/api/v1/me").await).await;
    assert_eq!(me["has_security_questions"], false);

    let (status, me) = json(
        app.put(
            "/api/v1/me/security-questions",
            &set(DEMO_PASSWORD, &questions),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["has_security_questions"], true);
    // The verified phone is told.
    let (_, notices) = json(app.get("/api/dev/outbox?to=13800138001").await).await;
    assert!(
        notices
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["body"].as_str().unwrap().contains("密码保护问题刚刚更改")),
        "{notices}"
    );

    // Way 3 now asks these questions and accepts these answers.
    let (_, q) = json(
        app.other_client()
            .post(app.url("/api/v1/recovery/questions"))
            .json(&json!({"username": "zhangwei"}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        q["questions"],
        json!(["您出生的城市是？", "您小学的校名是？", "您最喜欢的书是？"])
    );
    let (status, proof) = json(
        app.other_client()
            .post(app.url("/api/v1/recovery/answers"))
            .json(&json!({"username": "zhangwei", "answers": ["杭州", "红星小学", "dream of the red chamber"]}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{proof}");
    assert_eq!(proof["username"], "zhangwei");
}
