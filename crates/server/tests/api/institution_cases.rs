//! Deregistration cases, the institution's own e-license, the dashboard;
//! each scoped to the admin's institution.

use serde_json::{json, Value};

use crate::helpers::{
    demo_admin as admin, json, passed, practitioner_id, refused_application, request_json as send,
    text_in, TestApp, DEMO_PASSWORD,
};

#[tokio::test]
async fn confirmed_deregistration_cases_change_the_registry_and_export_to_excel() {
    let app = TestApp::spawn().await;
    let a = admin(&app, "admin_a").await;
    let b = admin(&app, "admin_b").await;
    let wulei = practitioner_id(&app, "吴磊").await;
    let zhaomin = practitioner_id(&app, "赵敏").await;
    let url = app.url("/api/v1/institution/deregistrations");
    let retired = json!({"system": "physician", "reason": "retired"});

    // Admin B cannot touch A's staff: 404 like a record that does not exist.
    let (status, _) = send(
        b.post(&url)
            .json(&json!({"practitioner_id": wulei, "reason": retired})),
    )
    .await;
    assert_eq!(status, 404);
    let (status, body) = send(a.post(&url).json(&json!({
        "practitioner_id": wulei, "reason": {"system": "nurse", "reason": "dead"}
    })))
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (422, Some("deregistration.reason_kind"))
    );
    let (status, body) = send(
        a.post(&url)
            .json(&json!({"practitioner_id": wulei, "reason": "retired"})),
    )
    .await;
    assert_eq!(status, 400, "{body}");

    let (status, case) = send(a.post(&url).json(&json!({
        "practitioner_id": wulei, "reason": retired, "note": "=2025年退休, 未返聘"
    })))
    .await;
    assert_eq!(status, 201, "{case}");
    assert_eq!(case["outcome"], "filed");
    assert_eq!(case["previous_status"], "normal");
    assert_eq!(case["reason_code"], "zombie.physician.retired");
    assert_eq!(case["actor"], "admin_a");
    assert_eq!(case["state"], "pending");
    // One case waits per person.
    let file_wulei_again = || {
        send(
            a.post(&url)
                .json(&json!({"practitioner_id": wulei, "reason": retired})),
        )
    };
    let (status, body) = file_wulei_again().await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (409, Some("deregistration.pending"))
    );
    // The region's authority confirms it: the registry records the outcome.
    let national = crate::helpers::demo_authority(&app, "nhc_admin").await;
    let confirm = |id: &serde_json::Value| {
        app.url(&format!("/api/v1/authority/deregistrations/{id}/confirm"))
    };
    let (status, _) = send(national.post(confirm(&case["id"]))).await;
    assert_eq!(status, 200);
    let (status, body) = file_wulei_again().await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (409, Some("deregistration.already_done"))
    );
    let (status, _) = send(a.post(&url).json(&json!({
        "practitioner_id": zhaomin, "reason": {"system": "physician", "reason": "dead"}
    })))
    .await;
    assert_eq!(status, 409, "already cancelled");
    // Filed, then cancelled for a stronger reason.
    let (status, case) = send(a.post(&url).json(&json!({
        "practitioner_id": wulei, "reason": {"system": "physician", "reason": "dead"}
    })))
    .await;
    assert_eq!((status, case["outcome"].as_str()), (201, Some("cancelled")));
    let (status, _) = send(national.post(confirm(&case["id"]))).await;
    assert_eq!(status, 200);

    // The person can no longer apply.
    app.sign_in("physician", "wulei", DEMO_PASSWORD).await;
    let (_, me) = json(app.get("/api/v1/me").await).await;
    assert_eq!(me["facts"]["status"], "cancelled");
    let checklist = refused_application(&app).await;
    assert!(!passed(&checklist, "status_normal"), "{checklist}");

    let (status, list) = send(a.get(&url)).await;
    assert_eq!(status, 200);
    assert_eq!(list.as_array().unwrap().len(), 2);
    let (_, list_b) = send(b.get(&url)).await;
    assert_eq!(list_b, json!([]));

    let resp = a
        .get(app.url("/api/v1/institution/deregistrations.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "text/csv; charset=utf-8");
    let bytes = resp.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM");
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    assert_eq!(text.lines().count(), 3, "{text}");
    assert!(text.contains("吴磊") && text.contains("注销") && text.contains("备案"));
    // The note's leading '=' is defused and the comma quoted.
    assert!(text.contains("\"'=2025年退休, 未返聘\""), "{text}");
    let csv_b = text_in(&app, &b, "/api/v1/institution/deregistrations.csv").await;
    assert!(!csv_b.contains("吴磊"));
    assert_eq!(csv_b.lines().count(), 1);
}

#[tokio::test]
async fn institution_licence_application_is_idempotent_and_checked() {
    let app = TestApp::spawn().await;
    let a = admin(&app, "admin_a").await;
    let b = admin(&app, "admin_b").await;
    let licence = app.url("/api/v1/institution/licence");
    let apply = app.url("/api/v1/institution/licence/application");
    let (status, l) = send(a.get(&licence)).await;
    assert_eq!(status, 200);
    assert_eq!(l["name"], "北京市海淀区和平医院");
    assert!(l["checklist"]["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["passed"] == true));
    assert_eq!(l["application"], Value::Null);
    let (status, first) = send(a.post(&apply)).await;
    assert_eq!(status, 201);
    let (status, again) = send(a.post(&apply)).await;
    assert_eq!((status, &again), (200, &first));
    let (_, l) = send(a.get(&licence)).await;
    assert_eq!(l["application"], first);

    // B's licence expired: 422 with the checklist; A's application is not B's.
    app.state
        .db
        .execute_sql("UPDATE institutions SET licence_valid_until = '2001-01-01' WHERE name = '上海市徐汇区仁心医院'")
        .await
        .unwrap();
    let (_, lb) = send(b.get(&licence)).await;
    assert_eq!(lb["name"], "上海市徐汇区仁心医院");
    assert_eq!(lb["application"], Value::Null);
    let (status, body) = send(b.post(&apply)).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (422, Some("application.not_eligible"))
    );
    assert_eq!(body["checklist"]["criteria"][0]["code"], "licence_valid");
    assert_eq!(body["checklist"]["criteria"][0]["passed"], false);
    // Practitioners have no access.
    app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    assert_eq!(app.get("/api/v1/institution/licence").await.status(), 403);
}

#[tokio::test]
async fn dashboard_counts_only_the_admins_institution() {
    let app = TestApp::spawn().await;
    app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    assert_eq!(
        app.post("/api/v1/applications", &json!({})).await.status(),
        201
    );
    assert_eq!(app.get("/api/v1/institution/dashboard").await.status(), 403);
    let a = admin(&app, "admin_a").await;
    let (status, d) = send(a.get(app.url("/api/v1/institution/dashboard"))).await;
    assert_eq!(status, 200, "{d}");
    let physicians = &d["systems"][0];
    assert_eq!(physicians["system"], "physician");
    assert_eq!(d["systems"][1]["system"], "nurse");
    let a_total: i64 = app
        .state
        .db
        .scalar("SELECT COUNT(*) FROM practitioners p JOIN institutions i ON i.id = p.institution_id WHERE i.name = '北京市海淀区和平医院'")
        .await
        .unwrap();
    let total = physicians["total"].as_i64().unwrap() + d["systems"][1]["total"].as_i64().unwrap();
    assert_eq!(total, a_total);
    assert_eq!(physicians["applied"], 1);
    assert!(physicians["eligible"].as_i64().unwrap() >= 1);
    let rate = d["application_rate"].as_f64().unwrap();
    assert!((rate - 1.0 / a_total as f64).abs() < 1e-9, "{rate}");
    let blocked_status = physicians["blocked"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["criterion"] == "status_normal")
        .unwrap()["count"]
        .as_i64()
        .unwrap();
    assert!(blocked_status >= 2, "filed and cancelled physicians");
    let names = |list: &Value| -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_owned())
            .collect()
    };
    let not_activated = names(&d["not_activated"]);
    assert!(
        not_activated.contains(&"孙浩".to_owned()) && not_activated.contains(&"马超".to_owned()),
        "{not_activated:?}"
    );
    assert!(names(&d["missing_photo"]).contains(&"王芳".to_owned()));
    let everyone: Vec<String> = not_activated
        .into_iter()
        .chain(names(&d["missing_photo"]))
        .collect();
    for other in ["周婷", "陈杰", "郑洁", "黄丽"] {
        assert!(
            !everyone.contains(&other.to_owned()),
            "{other} of institution B leaked"
        );
    }
}
