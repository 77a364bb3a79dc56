//! The regional follow-up reads counts kept per institution (migration
//! 0015): every kind of change the counts depend on marks its institution,
//! and the follow-up then equals a full count over the practitioners.

use serde_json::{json, Value};

use crate::helpers::{json, send, text_in, TestApp};

/// The full count over every practitioner (the follow-up's statement before
/// the counts were kept), one `name|…` line per institution.
const FULL_COUNT: &str = "SELECT i.name
    || '|' || CAST(SUM(CASE WHEN p.kind = 'physician' THEN 1 ELSE 0 END) AS TEXT)
    || '|' || CAST(SUM(CASE WHEN p.kind = 'nurse' THEN 1 ELSE 0 END) AS TEXT)
    || '|' || CAST(SUM(CASE WHEN p.kind = 'physician' AND ap.id IS NOT NULL THEN 1 ELSE 0 END) AS TEXT)
    || '|' || CAST(SUM(CASE WHEN p.kind = 'nurse' AND ap.id IS NOT NULL THEN 1 ELSE 0 END) AS TEXT)
    || '|' || CAST(SUM(CASE WHEN p.id IS NOT NULL AND (a.id IS NULL OR a.activated = FALSE) THEN 1 ELSE 0 END) AS TEXT)
    || '|' || CAST(SUM(CASE WHEN a.activated = TRUE AND (a.photo_state IS NULL OR a.photo_state <> 'approved') THEN 1 ELSE 0 END) AS TEXT)
    || '|' || CAST(SUM(CASE WHEN p.status <> 'normal' THEN 1 ELSE 0 END) AS TEXT)
    || '|' || CAST(SUM(CASE WHEN p.registered_institution_name IS NOT NULL THEN 1 ELSE 0 END) AS TEXT)
    FROM institutions i
    LEFT JOIN practitioners p ON p.institution_id = i.id
    LEFT JOIN accounts a ON a.practitioner_id = p.id
    LEFT JOIN applications ap ON ap.practitioner_id = p.id
    GROUP BY i.id, i.name ORDER BY i.name";

async fn follow_up(app: &TestApp, client: &reqwest::Client) -> Vec<String> {
    let (status, body) = json(
        client
            .get(app.url("/api/v1/authority/follow-up"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let mut lines: Vec<String> = body
        .as_array()
        .unwrap()
        .iter()
        .map(|i: &Value| {
            let n = |k: &str| i[k].as_i64().unwrap().to_string();
            [
                i["name"].as_str().unwrap().to_owned(),
                n("physicians"),
                n("nurses"),
                n("physicians_applied"),
                n("nurses_applied"),
                n("not_activated"),
                n("lacking_photo"),
                n("status_not_normal"),
                n("registration_changes"),
            ]
            .join("|")
        })
        .collect();
    lines.sort();
    lines
}

#[tokio::test]
async fn the_kept_counts_follow_every_change_they_depend_on() {
    let app = TestApp::spawn().await;
    let nhc = crate::helpers::demo_authority(&app, "nhc_admin").await;
    let db = &app.state.db;
    let full = || async { db.column::<String>(FULL_COUNT).await.unwrap() };
    // The first follow-up counts every institution.
    assert_eq!(follow_up(&app, &nhc).await, full().await);

    // Each kind of change, one at a time, through the tables the counts read.
    let changes = [
        // an account deactivated, a photo approved, an account deleted
        "UPDATE accounts SET activated = FALSE WHERE username = 'zhangwei'",
        "UPDATE accounts SET photo_state = 'approved' WHERE username = 'zhouting'",
        "DELETE FROM accounts WHERE username = 'xuming'",
        // applications made and withdrawn
        "INSERT INTO applications (practitioner_id, submitted_at)
             SELECT id, 0 FROM practitioners WHERE certificate_number = '110110105000102'",
        "INSERT INTO applications (practitioner_id, submitted_at)
             SELECT id, 0 FROM practitioners WHERE certificate_number = '202131000100108'",
        "DELETE FROM applications WHERE practitioner_id =
             (SELECT id FROM practitioners WHERE certificate_number = '110110105000102')",
        // a status, a registered name, a kind, a move to the other institution
        "UPDATE practitioners SET status = 'cancelled' WHERE certificate_number = '110110105000102'",
        "UPDATE practitioners SET registered_institution_name = '仁心医院'
             WHERE certificate_number = '110310104000105'",
        "UPDATE practitioners SET kind = 'nurse' WHERE certificate_number = '110110105000103'",
        "UPDATE practitioners SET institution_id =
             (SELECT MAX(id) FROM institutions) WHERE certificate_number = '110110105000101'",
        // a registry record added
        "INSERT INTO practitioners (kind, name, id_number, certificate_number,
             has_valid_qualification, status, institution_id)
             SELECT 'nurse', '新护士', 'X0000000001', 'C0000000001', TRUE, 'normal', MIN(id)
             FROM institutions",
    ];
    for change in changes {
        let before = full().await;
        assert!(db.execute_sql(change).await.unwrap() > 0, "{change}");
        let after = full().await;
        assert_ne!(before, after, "the change should move a count: {change}");
        assert_eq!(follow_up(&app, &nhc).await, after, "after {change}");
    }
    // Nothing changed: nothing to count again, the same answer.
    assert_eq!(
        db.scalar::<i64>("SELECT CAST(COUNT(*) AS BIGINT) FROM follow_up_stale")
            .await
            .unwrap(),
        0
    );
    assert_eq!(follow_up(&app, &nhc).await, full().await);
}

#[tokio::test]
async fn the_follow_up_counts_the_zombie_cases_waiting_for_the_authority() {
    let app = TestApp::spawn().await;
    let nhc = crate::helpers::demo_authority(&app, "nhc_admin").await;
    let open = |list: &Value| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|i| i["name"] == "北京市海淀区和平医院")
            .unwrap()["zombie_cases_open"]
            .as_i64()
            .unwrap()
    };
    let (_, list) = send(&app, &nhc, "GET", "/api/v1/authority/follow-up", json!({})).await;
    assert_eq!(open(&list), 0);
    // 吴磊 (retired) is filed by his institution: one case waits.
    let wulei = crate::helpers::practitioner_id(&app, "吴磊").await;
    app.sign_in_admin("admin_a").await;
    let (status, case) = json(
        app.post(
            "/api/v1/institution/deregistrations",
            &json!({"practitioner_id": wulei, "reason": {"system": "physician", "reason": "retired"}}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 201, "{case}");
    let (_, list) = send(&app, &nhc, "GET", "/api/v1/authority/follow-up", json!({})).await;
    assert_eq!(open(&list), 1, "{list}");
    let csv = text_in(&app, &nhc, "/api/v1/authority/follow-up.csv").await;
    assert!(csv.contains("待确认注销 Zombie cases open"), "{csv}");
    // Confirmed: no longer open.
    let path = format!("/api/v1/authority/deregistrations/{}/confirm", case["id"]);
    let (status, body) = send(&app, &nhc, "POST", &path, json!({})).await;
    assert_eq!(status, 200, "{body}");
    let (_, list) = send(&app, &nhc, "GET", "/api/v1/authority/follow-up", json!({})).await;
    assert_eq!(open(&list), 0);
}
