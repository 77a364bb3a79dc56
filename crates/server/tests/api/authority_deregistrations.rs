//! Deregistration confirmed by the association (issue 21): an institution's
//! case waits for the region's health authority, which confirms it (only
//! then the registry status changes and the e-license is revoked) or
//! returns it with a reason; one decision wins a race; an authority sees
//! and decides only the cases of its region.

use reqwest::Client;
use serde_json::{json, Value};

use crate::helpers::{
    demo_admin as admin, demo_authority, json, new_authority, passed, practitioner_id,
    refused_application, request_json as send, text_in, TestApp, DEMO_PASSWORD,
};

const CASES: &str = "/api/v1/institution/deregistrations";
const QUEUE: &str = "/api/v1/authority/deregistrations";

async fn practitioner(app: &TestApp, name: &str) -> (i64, String) {
    let id = practitioner_id(app, name).await;
    let status: String = app
        .state
        .db
        .scalar(&format!("SELECT status FROM practitioners WHERE id = {id}"))
        .await
        .unwrap();
    (id, status)
}

async fn status_of(app: &TestApp, name: &str) -> String {
    practitioner(app, name).await.1
}

/// Files a case through the institution's API; its answer.
async fn file(app: &TestApp, admin: &Client, name: &str, reason: Value) -> (u16, Value) {
    let (id, _) = practitioner(app, name).await;
    send(admin.post(app.url(CASES)).json(&json!({
        "practitioner_id": id, "reason": reason, "note": "电话三次未接通"
    })))
    .await
}

async fn decide(app: &TestApp, authority: &Client, case: i64, action: &str) -> (u16, Value) {
    let url = app.url(&format!("{QUEUE}/{case}/{action}"));
    let req = authority.post(url);
    let req = if action == "return" {
        req.json(&json!({"reason": "未附离职证明，请补充后重新提交"}))
    } else {
        req
    };
    send(req).await
}

fn retired() -> Value {
    json!({"system": "physician", "reason": "retired"})
}

#[tokio::test]
async fn a_case_changes_the_registry_only_when_the_authority_confirms_it() {
    let app = TestApp::spawn().await;
    let a = admin(&app, "admin_a").await;
    let national = demo_authority(&app, "nhc_admin").await;
    let (wulei, before) = practitioner(&app, "吴磊").await;
    assert_eq!(before, "normal");

    let (status, case) = file(&app, &a, "吴磊", retired()).await;
    assert_eq!(status, 201, "{case}");
    assert_eq!(case["state"], "pending");
    assert_eq!(case["outcome"], "filed");
    assert_eq!(case["previous_status"], "normal");
    assert_eq!(case["return_reason"], Value::Null);
    let id = case["id"].as_i64().unwrap();
    // Filed, not applied: the registry and the person's checklist are as before.
    assert_eq!(status_of(&app, "吴磊").await, "normal");
    app.sign_in("physician", "wulei", DEMO_PASSWORD).await;
    let (_, me) = json(app.get("/api/v1/me").await).await;
    assert_eq!(me["facts"]["status"], "normal");
    // One case waits per person; the candidates no longer propose him.
    let (status, body) = file(&app, &a, "吴磊", retired()).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (409, Some("deregistration.pending"))
    );
    let (_, candidates) = send(a.get(app.url("/api/v1/institution/zombies"))).await;
    assert!(candidates["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["practitioner_id"] != wulei));

    // The authority's queue: what it needs to decide, no identity number.
    let (status, queue) = send(national.get(app.url(QUEUE))).await;
    assert_eq!(status, 200, "{queue}");
    let queued = queue.as_array().unwrap();
    assert_eq!(queued.len(), 1, "{queue}");
    assert_eq!(queued[0]["id"], id);
    assert_eq!(queued[0]["name"], "吴磊");
    assert_eq!(queued[0]["institution"], "北京市海淀区和平医院");
    assert_eq!(queued[0]["state"], "pending");
    assert!(!queue.to_string().contains("id_number"));

    let (status, confirmed) = decide(&app, &national, id, "confirm").await;
    assert_eq!(status, 200, "{confirmed}");
    assert_eq!(confirmed["state"], "confirmed");
    assert_eq!(status_of(&app, "吴磊").await, "filed");
    let (_, me) = json(app.get("/api/v1/me").await).await;
    assert_eq!(me["facts"]["status"], "filed");
    let checklist = refused_application(&app).await;
    assert!(!passed(&checklist, "status_normal"), "{checklist}");
    // Decided once: neither a second confirmation nor a return.
    for action in ["confirm", "return"] {
        let (status, body) = decide(&app, &national, id, action).await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (409, Some("deregistration.decided")),
            "{action}"
        );
    }
    let (_, queue) = send(national.get(app.url(QUEUE))).await;
    assert_eq!(queue, json!([]));
    // The institution sees the decision.
    let (_, list) = send(a.get(app.url(CASES))).await;
    assert_eq!(list[0]["state"], "confirmed");
    assert!(list[0]["decided_at"].as_i64().is_some());
    // Audited with the authority account as actor.
    let audited: i64 = app
        .state
        .db
        .scalar(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE event = 'registry.deregistered'
             AND authority_actor_id IS NOT NULL AND detail LIKE '%\"case_id\":{id}%'"
        ))
        .await
        .unwrap();
    assert_eq!(audited, 1);
    let requested: i64 = app
        .state
        .db
        .scalar("SELECT COUNT(*) FROM audit_log WHERE event = 'registry.deregistration_requested'")
        .await
        .unwrap();
    assert_eq!(requested, 1);

    // Filed, then cancelled for a stronger reason: pending, then confirmed.
    let (status, case) = file(
        &app,
        &a,
        "吴磊",
        json!({"system": "physician", "reason": "dead"}),
    )
    .await;
    assert_eq!((status, case["outcome"].as_str()), (201, Some("cancelled")));
    assert_eq!(status_of(&app, "吴磊").await, "filed");
    let (status, _) = decide(&app, &national, case["id"].as_i64().unwrap(), "confirm").await;
    assert_eq!(status, 200);
    assert_eq!(status_of(&app, "吴磊").await, "cancelled");
    let (status, _) = file(&app, &a, "吴磊", retired()).await;
    assert_eq!(status, 409, "already cancelled");
}

#[tokio::test]
async fn a_returned_case_leaves_the_registry_and_may_be_filed_again() {
    let app = TestApp::spawn().await;
    let a = admin(&app, "admin_a").await;
    let national = demo_authority(&app, "nhc_admin").await;
    let (_, case) = file(&app, &a, "吴磊", retired()).await;
    let id = case["id"].as_i64().unwrap();
    let url = app.url(&format!("{QUEUE}/{id}/return"));

    // A return needs a reason the institution can act on, on its field.
    for reason in ["", "   ", &"长".repeat(501)] {
        let (status, body) = send(
            national
                .post(&url)
                .header("Accept-Language", "en")
                .json(&json!({"reason": reason})),
        )
        .await;
        assert_eq!(status, 422, "{body}");
        assert!(
            body["error"]["fields"]["reason"].as_str().is_some(),
            "{body}"
        );
    }
    let (status, body) = send(national.post(&url).json(&json!({}))).await;
    assert_eq!(status, 400, "{body}");

    let (status, returned) = decide(&app, &national, id, "return").await;
    assert_eq!(status, 200, "{returned}");
    assert_eq!(returned["state"], "returned");
    assert_eq!(returned["return_reason"], "未附离职证明，请补充后重新提交");
    assert_eq!(status_of(&app, "吴磊").await, "normal");
    let audited: i64 = app
        .state
        .db
        .scalar("SELECT COUNT(*) FROM audit_log WHERE event = 'registry.deregistration_returned' AND authority_actor_id IS NOT NULL")
        .await
        .unwrap();
    assert_eq!(audited, 1);
    let (status, _) = decide(&app, &national, id, "confirm").await;
    assert_eq!(status, 409);

    // The institution sees the returned case and its reason, and files again.
    let (_, list) = send(a.get(app.url(CASES))).await;
    assert_eq!(list[0]["state"], "returned");
    assert_eq!(list[0]["return_reason"], "未附离职证明，请补充后重新提交");
    let (status, again) = file(&app, &a, "吴磊", retired()).await;
    assert_eq!((status, again["state"].as_str()), (201, Some("pending")));

    // The CSV says each case's state and the return reason.
    let csv = text_in(&app, &a, "/api/v1/institution/deregistrations.csv").await;
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert!(csv.lines().next().unwrap().contains("状态 State"));
    assert!(
        csv.contains("已退回 Returned") && csv.contains("未附离职证明"),
        "{csv}"
    );
    assert!(
        csv.contains("待主管部门确认 Awaiting the authority"),
        "{csv}"
    );
}

#[tokio::test]
async fn an_authority_of_4403_sees_nothing_of_14_and_the_national_one_sees_both() {
    let app = TestApp::spawn().await;
    // The two demo institutions, moved to Taiyuan (14) and Shenzhen (4403).
    app.state
        .db
        .execute_sql("UPDATE institutions SET division = '140105', region = '14' WHERE name = '北京市海淀区和平医院'")
        .await
        .unwrap();
    app.state
        .db
        .execute_sql("UPDATE institutions SET division = '440305', region = '44' WHERE name = '上海市徐汇区仁心医院'")
        .await
        .unwrap();
    let a = admin(&app, "admin_a").await;
    let b = admin(&app, "admin_b").await;
    let (_, case_14) = file(&app, &a, "吴磊", retired()).await;
    let case_14 = case_14["id"].as_i64().unwrap();
    let (status, case_4403) = file(
        &app,
        &b,
        "郑洁",
        json!({"system": "physician", "reason": "unreachable"}),
    )
    .await;
    assert_eq!(status, 201, "{case_4403}");
    let case_4403 = case_4403["id"].as_i64().unwrap();
    let shenzhen = new_authority(&app, "4403", "authority_4403").await;
    let shanxi = new_authority(&app, "14", "authority_14").await;
    let national = demo_authority(&app, "nhc_admin").await;

    let ids = |v: &Value| -> Vec<i64> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_i64().unwrap())
            .collect()
    };
    let (_, q) = send(shenzhen.get(app.url(QUEUE))).await;
    assert_eq!(ids(&q), vec![case_4403]);
    assert!(!q.to_string().contains("吴磊") && !q.to_string().contains("和平医院"));
    let (_, q) = send(shanxi.get(app.url(QUEUE))).await;
    assert_eq!(ids(&q), vec![case_14]);
    let (_, q) = send(national.get(app.url(QUEUE))).await;
    assert_eq!(ids(&q), vec![case_14, case_4403]);

    // Every decision on the other region's case: 404, as if it did not exist
    // (like an id that does not exist), and nothing changes.
    for action in ["confirm", "return"] {
        let (status, body) = decide(&app, &shenzhen, case_14, action).await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (404, Some("not_found"))
        );
        let (status, _) = decide(&app, &shenzhen, 999_999, action).await;
        assert_eq!(status, 404);
    }
    assert_eq!(status_of(&app, "吴磊").await, "normal");
    let (_, list) = send(a.get(app.url(CASES))).await;
    assert_eq!(list[0]["state"], "pending");

    // Each decides its own.
    let (status, _) = decide(&app, &shenzhen, case_4403, "confirm").await;
    assert_eq!(status, 200);
    assert_eq!(status_of(&app, "郑洁").await, "filed");
    let (status, _) = decide(&app, &shanxi, case_14, "return").await;
    assert_eq!(status, 200);

    // Neither an institution administrator nor a stranger reaches the queue.
    for client in [&a, &app.other_client()] {
        let (status, _) = send(client.get(app.url(QUEUE))).await;
        assert_eq!(status, 401);
        let (status, _) = decide(&app, client, case_4403, "confirm").await;
        assert_eq!(status, 401);
    }
}

#[tokio::test]
async fn of_two_decisions_at_once_exactly_one_wins() {
    let app = TestApp::spawn().await;
    let a = admin(&app, "admin_a").await;
    let first = demo_authority(&app, "nhc_admin").await;
    let second = new_authority(&app, "11", "authority_11").await;
    for (one, other) in [
        ("confirm", "confirm"),
        ("confirm", "return"),
        ("return", "confirm"),
    ] {
        let (status, case) = file(&app, &a, "吴磊", retired()).await;
        assert_eq!(status, 201, "{case}");
        let id = case["id"].as_i64().unwrap();
        let (x, y) = tokio::join!(
            decide(&app, &first, id, one),
            decide(&app, &second, id, other)
        );
        let mut statuses = [x.0, y.0];
        statuses.sort();
        assert_eq!(statuses, [200, 409], "{one} / {other}: {x:?} {y:?}");
        let won = if x.0 == 200 { one } else { other };
        let expected = if won == "confirm" { "filed" } else { "normal" };
        assert_eq!(status_of(&app, "吴磊").await, expected);
        let decided: i64 = app
            .state
            .db
            .scalar(&format!(
                "SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%\"case_id\":{id},%'
                 AND event IN ('registry.deregistered', 'registry.deregistration_returned')"
            ))
            .await
            .unwrap();
        assert_eq!(decided, 1);
        // Back to normal for the next round, as the registry import would.
        app.state
            .db
            .execute_sql("UPDATE practitioners SET status = 'normal' WHERE name = '吴磊'")
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn a_registry_changed_since_the_filing_is_not_overwritten() {
    let app = TestApp::spawn().await;
    let a = admin(&app, "admin_a").await;
    let national = demo_authority(&app, "nhc_admin").await;
    let (_, case) = file(&app, &a, "吴磊", retired()).await;
    let id = case["id"].as_i64().unwrap();
    // The registry suspends him meanwhile (an import).
    app.state
        .db
        .execute_sql("UPDATE practitioners SET status = 'suspended' WHERE name = '吴磊'")
        .await
        .unwrap();
    let (status, body) = decide(&app, &national, id, "confirm").await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (409, Some("deregistration.status_changed"))
    );
    assert_eq!(status_of(&app, "吴磊").await, "suspended");
    // Still waiting: the authority returns it.
    let (status, body) = decide(&app, &national, id, "return").await;
    assert_eq!((status, body["state"].as_str()), (200, Some("returned")));
}
