use serde_json::json;

use crate::helpers::{json, register_machao, TestApp, DEMO_PASSWORD};
use crate::registration::code_for;

const NEW_PASSWORD: &str = "Fresh#Start2027";

/// Asks for a recovery code for `to` (answered 200).
async fn send_code(app: &TestApp, to: &str) {
    let (status, sent) = json(app.post("/api/v1/recovery/code", &json!({"to": to})).await).await;
    assert_eq!(status, 200, "{sent}");
}

/// Verifies the code sent to `to`: the proof (answered 200).
async fn verify_code(app: &TestApp, to: &str) -> serde_json::Value {
    let code = code_for(app, to).await.unwrap();
    let (status, proof) = json(
        app.post(
            "/api/v1/recovery/code/verify",
            &json!({"to": to, "code": code}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200, "{proof}");
    proof
}

#[tokio::test]
async fn code_path_reset_revokes_sessions_and_notifies() {
    let app = TestApp::spawn().await;
    // A session in another browser, to be revoked.
    let other = app.other_client();
    let resp = other
        .post(app.url("/api/v1/session"))
        .json(&json!({"system": "physician", "username": "zhangwei", "password": DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);

    send_code(&app, "13800138001").await;
    let proof = verify_code(&app, "13800138001").await;
    assert_eq!(proof["username"], "zhangwei");
    let token = proof["token"].as_str().unwrap();

    // The policy applies to the new password.
    let (status, body) = json(
        app.post(
            "/api/v1/recovery/reset",
            &json!({"token": token, "new_password": "short"}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 422);
    assert!(body["error"]["fields"]["new_password"].is_string());

    let resp = app
        .post(
            "/api/v1/recovery/reset",
            &json!({"token": token, "new_password": NEW_PASSWORD}),
        )
        .await;
    assert_eq!(resp.status(), 204);
    // Single use.
    let (status, body) = json(
        app.post(
            "/api/v1/recovery/reset",
            &json!({"token": token, "new_password": NEW_PASSWORD}),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (422, Some("recovery.proof_invalid"))
    );

    assert_eq!(
        other
            .get(app.url("/api/v1/me"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    assert_eq!(
        app.sign_in("physician", "zhangwei", DEMO_PASSWORD)
            .await
            .status(),
        401
    );
    assert_eq!(
        app.sign_in("physician", "zhangwei", NEW_PASSWORD)
            .await
            .status(),
        200
    );
    let (_, msgs) = json(app.get("/api/dev/outbox?to=13800138001").await).await;
    assert!(msgs[0]["body"].as_str().unwrap().contains("密码已重置"));
}

#[tokio::test]
async fn code_path_is_silent_for_unknown_contacts_and_proofs_expire() {
    let app = TestApp::spawn().await;
    let (s1, b1) = json(
        app.post("/api/v1/recovery/code", &json!({"to": "13700000001"}))
            .await,
    )
    .await;
    assert_eq!(s1, 200);
    assert_eq!(b1["resend_after_secs"], 60);
    assert!(code_for(&app, "13700000001").await.is_none());

    // sunhao never verified a phone: personal details are his way.
    let (status, proof) = json(
        app.post(
            "/api/v1/recovery/personal",
            &json!({"system": "physician", "name": "孙浩", "id_number": "110105199304156113", "certificate_number": "110110105000109"}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200, "{proof}");
    app.clock().advance(16 * 60);
    let (status, _) = json(
        app.post(
            "/api/v1/recovery/reset",
            &json!({"token": proof["token"], "new_password": NEW_PASSWORD}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 422);
}

#[tokio::test]
async fn personal_details_must_all_match() {
    let app = TestApp::spawn().await;
    let (status, body) = json(
        app.post(
            "/api/v1/recovery/personal",
            &json!({"system": "nurse", "name": "李四", "id_number": "110108199202145623", "certificate_number": "201911000100106"}),
        )
        .await,
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (422, Some("recovery.no_match"))
    );
}

#[tokio::test]
async fn security_questions_path_and_lock() {
    let app = TestApp::spawn().await;
    register_machao(&app).await;
    let (_, q) = json(
        app.post("/api/v1/recovery/questions", &json!({"username": "machao"}))
            .await,
    )
    .await;
    assert_eq!(q["questions"][0], "母亲的姓名?");
    // Unknown usernames get stable decoy questions.
    let (_, d1) = json(
        app.post("/api/v1/recovery/questions", &json!({"username": "ghost"}))
            .await,
    )
    .await;
    let (_, d2) = json(
        app.post("/api/v1/recovery/questions", &json!({"username": "ghost"}))
            .await,
    )
    .await;
    assert_eq!(d1, d2);
    assert_eq!(d1["questions"].as_array().unwrap().len(), 3);

    // Normalised answers match (spaces, case, full width).
    let right = json!({"username": "machao", "answers": ["王秀英", "hongxing", " DOUDOU "]});
    let (status, proof) = json(app.post("/api/v1/recovery/answers", &right).await).await;
    assert_eq!(status, 200, "{proof}");

    let wrong = json!({"username": "machao", "answers": ["王秀英", "hongxing", "wrong"]});
    for _ in 0..5 {
        let (status, body) = json(app.post("/api/v1/recovery/answers", &wrong).await).await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (422, Some("recovery.answers_wrong"))
        );
    }
    let (status, body) = json(app.post("/api/v1/recovery/answers", &right).await).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (429, Some("recovery.locked"))
    );
    app.clock().advance(31 * 60);
    assert_eq!(
        app.post("/api/v1/recovery/answers", &right).await.status(),
        200
    );
}

/// Issue 18, point 4: the personal details of an account in the other
/// system name that system (as sign-in does for the right password), and
/// change nothing; under the right system they lead on.
#[tokio::test]
async fn personal_details_under_the_wrong_system_name_the_right_one() {
    let app = TestApp::spawn().await;
    let sunhao = |system: &str| {
        json!({"system": system, "name": "孙浩", "id_number": "110105199304156113",
               "certificate_number": "110110105000109"})
    };
    let (status, body) = json(
        app.post("/api/v1/recovery/personal", &sunhao("nurse"))
            .await,
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (422, Some("auth.wrong_system")),
        "{body}"
    );
    assert!(
        body["error"]["message"].as_str().unwrap().contains("医师"),
        "{body}"
    );
    // Details that match nothing in either system stay "no match".
    let mut nobody = sunhao("nurse");
    nobody["certificate_number"] = json!("110110105000199");
    let (status, body) = json(app.post("/api/v1/recovery/personal", &nobody).await).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (422, Some("recovery.no_match"))
    );
    let (status, proof) = json(
        app.post("/api/v1/recovery/personal", &sunhao("physician"))
            .await,
    )
    .await;
    assert_eq!(status, 200, "{proof}");
    assert_eq!(proof["username"], "sunhao");
}

/// The proof also rides in an HttpOnly cookie of the recovery API only, so
/// the reset step survives a refresh while the page never holds the proof:
/// the cookie names the pending username, resets the password without a
/// token in the body, and is spent with it; another browser has nothing.
#[tokio::test]
async fn the_proof_cookie_survives_a_refresh_and_is_spent_by_the_reset() {
    let app = TestApp::spawn().await;
    send_code(&app, "13800138001").await;
    // No proof yet: nothing pending.
    assert_eq!(app.get("/api/v1/recovery/proof").await.status(), 404);

    let code = code_for(&app, "13800138001").await.unwrap();
    let resp = app
        .post(
            "/api/v1/recovery/code/verify",
            &json!({"to": "13800138001", "code": code}),
        )
        .await;
    assert_eq!(resp.status(), 200);
    let cookie = resp
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("recovery_proof="))
        .expect("the proof cookie")
        .to_owned();
    for part in [
        "HttpOnly",
        "SameSite=Strict",
        "Path=/api/v1/recovery",
        "Max-Age=900",
    ] {
        assert!(cookie.contains(part), "{part} missing in {cookie}");
    }

    // After a refresh the page asks who the pending recovery is for.
    let (status, pending) = json(app.get("/api/v1/recovery/proof").await).await;
    assert_eq!(
        (status, pending["username"].as_str()),
        (200, Some("zhangwei"))
    );
    // Another browser has no proof: nothing pending, no reset.
    let other = app.other_client();
    let resp = other
        .get(app.url("/api/v1/recovery/proof"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 404);
    let resp = other
        .post(app.url("/api/v1/recovery/reset"))
        .json(&json!({"new_password": NEW_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 422);

    // The rules still apply, on the field.
    let (status, body) = json(
        app.post("/api/v1/recovery/reset", &json!({"new_password": "short"}))
            .await,
    )
    .await;
    assert_eq!(status, 422);
    assert!(body["error"]["fields"]["new_password"].is_string());

    let resp = app
        .post(
            "/api/v1/recovery/reset",
            &json!({"new_password": NEW_PASSWORD}),
        )
        .await;
    assert_eq!(resp.status(), 204);
    let cleared = resp
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.starts_with("recovery_proof=;") && v.contains("Max-Age=0"));
    assert!(cleared, "the spent proof's cookie is removed");
    assert_eq!(app.get("/api/v1/recovery/proof").await.status(), 404);
    assert_eq!(
        app.sign_in("physician", "zhangwei", NEW_PASSWORD)
            .await
            .status(),
        200
    );
}

/// Bad input is refused on its field by the form's validation
/// (`rules::form::recovery`) before the try or the attempt is counted: six
/// malformed codes or answer sets, more than either allowance, lock nothing.
#[tokio::test]
async fn malformed_codes_and_answers_are_refused_on_their_field_and_never_counted() {
    let app = TestApp::spawn().await;
    send_code(&app, "13800138001").await;
    for bad in ["12345", "12a456", "", "1234567", " ", "１２３４５"] {
        let (status, body) = json(
            app.post(
                "/api/v1/recovery/code/verify",
                &json!({"to": "13800138001", "code": bad}),
            )
            .await,
        )
        .await;
        assert_eq!(status, 422, "{bad:?}: {body}");
        assert_eq!(body["error"]["code"], "validation.failed");
        assert!(body["error"]["fields"]["code"].is_string(), "{body}");
        assert!(body["error"]["fields"].get("to").is_none(), "{body}");
    }
    verify_code(&app, "13800138001").await;

    register_machao(&app).await;
    for answers in [json!(["王秀英", " ", "doudou"]), json!(["王秀英"])] {
        for _ in 0..3 {
            let (status, body) = json(
                app.post(
                    "/api/v1/recovery/answers",
                    &json!({"username": "machao", "answers": answers}),
                )
                .await,
            )
            .await;
            assert_eq!(status, 422, "{body}");
            assert_eq!(body["error"]["code"], "validation.failed");
            assert!(body["error"]["fields"]["answers"].is_string(), "{body}");
        }
    }
    // Both fields at once.
    let (status, body) = json(
        app.post(
            "/api/v1/recovery/answers",
            &json!({"username": "1x", "answers": []}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(body["error"]["fields"]["username"].is_string(), "{body}");
    assert!(body["error"]["fields"]["answers"].is_string(), "{body}");
    let right = json!({"username": "machao", "answers": ["王秀英", "hongxing", "doudou"]});
    let (status, proof) = json(app.post("/api/v1/recovery/answers", &right).await).await;
    assert_eq!(status, 200, "{proof}");
}
