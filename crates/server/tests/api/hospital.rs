//! A hospital-sized institution (issue 23): the roster, the dashboard and
//! their lists are paged, filtered and counted in the database, and agree
//! with the rules crate's checklists.

use std::collections::{HashMap, HashSet};

use serde_json::Value;
use server::generate::{self, Generated, Spec};

use crate::helpers::{json, TestApp};

pub async fn generated(app: &TestApp, staff: u32, accounts: u32, pending: u32) -> Generated {
    let spec = Spec {
        staff,
        accounts,
        pending_photos: pending,
        admin: "admin_gen".into(),
        number: 7,
    };
    let clock = app.clock();
    generate::institution(
        &app.state.db,
        &app.state.config.uploads,
        &spec,
        clock.today(),
        clock.now(),
    )
    .await
    .expect("generate")
}

async fn roster(app: &TestApp, query: &str) -> Value {
    let (status, body) = json(app.get(&format!("/api/v1/institution/staff?{query}")).await).await;
    assert_eq!(status, 200, "{query}: {body}");
    body
}

#[tokio::test]
async fn roster_sql_criteria_agree_with_the_rules() {
    let app = TestApp::spawn().await;
    generated(&app, 400, 320, 100).await;
    app.sign_in_admin("admin_gen").await;

    // Every row, page by page, with the checklist the rules computed.
    let mut rows = Vec::new();
    for page in 1..=2 {
        let body = roster(&app, &format!("per_page=200&page={page}")).await;
        assert_eq!(body["total"], 320);
        rows.extend(body["staff"].as_array().unwrap().iter().cloned());
    }
    assert_eq!(rows.len(), 320);
    let ids: HashSet<i64> = rows
        .iter()
        .map(|r| r["account_id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids.len(), 320, "pages overlap");

    let mut failing: HashMap<String, usize> = HashMap::new();
    for r in &rows {
        for c in r["checklist"]["criteria"].as_array().unwrap() {
            if c["passed"] == false {
                *failing
                    .entry(c["code"].as_str().unwrap().to_owned())
                    .or_default() += 1;
            }
        }
    }
    let eligible = rows.iter().filter(|r| r["eligible"] == true).count();
    let applied = rows.iter().filter(|r| r["applied"] == true).count();
    let all = roster(&app, "per_page=1").await;
    assert_eq!(all["eligible"], eligible, "eligible counted in SQL");
    assert_eq!(all["applied"], applied, "applied counted in SQL");
    assert!(eligible > 0 && applied > 0 && applied < 320);

    for code in [
        "qualification",
        "activated",
        "status_normal",
        "registration_valid",
        "photo",
    ] {
        let expected = failing.get(code).copied().unwrap_or(0);
        assert!(expected > 0, "the mix fails {code} for someone");
        let body = roster(&app, &format!("unmet={code}&per_page=200")).await;
        assert_eq!(body["total"], expected, "unmet={code}");
        assert_eq!(body["eligible"], 0, "unmet={code}");
        for r in body["staff"].as_array().unwrap() {
            let fails = r["checklist"]["criteria"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["code"] == code && c["passed"] == false);
            assert!(fails, "unmet={code} row {r}");
        }
    }

    // The other filters against the rows.
    let not_applied = roster(&app, "not_applied=true&per_page=1").await;
    assert_eq!(not_applied["total"], 320 - applied);
    let nurses = rows.iter().filter(|r| r["system"] == "nurse").count();
    assert_eq!(
        roster(&app, "system=nurse&per_page=1").await["total"],
        nurses
    );
    let filed = rows.iter().filter(|r| r["status"] == "filed").count();
    assert_eq!(
        roster(&app, "status=filed&per_page=1").await["total"],
        filed
    );
    let change = rows
        .iter()
        .filter(|r| !r["registration_change"].is_null())
        .count();
    assert!(change > 0);
    assert_eq!(
        roster(&app, "registration_change=true&per_page=1").await["total"],
        change
    );
    let pending = rows
        .iter()
        .filter(|r| r["photo_state"] == "pending")
        .count();
    assert_eq!(pending, 100);

    // The dashboard's aggregate counts agree too: registry records without
    // an account fail activation and the photo.
    let (status, dash) = json(app.get("/api/v1/institution/dashboard").await).await;
    assert_eq!(status, 200);
    let systems = dash["systems"].as_array().unwrap();
    let sum = |f: &dyn Fn(&Value) -> u64| systems.iter().map(f).sum::<u64>();
    assert_eq!(sum(&|s| s["total"].as_u64().unwrap()), 400);
    assert_eq!(sum(&|s| s["registered"].as_u64().unwrap()), 320);
    assert_eq!(sum(&|s| s["eligible"].as_u64().unwrap()), eligible as u64);
    assert_eq!(sum(&|s| s["applied"].as_u64().unwrap()), applied as u64);
    let blocked = |code: &str| {
        sum(&|s| {
            s["blocked"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|b| b["criterion"] == code)
                .map(|b| b["count"].as_u64().unwrap())
                .sum()
        })
    };
    assert_eq!(blocked("photo"), failing["photo"] as u64 + 80);
    assert_eq!(blocked("activated"), failing["activated"] as u64 + 80);
}

#[tokio::test]
async fn roster_pages_are_sorted_bounded_and_checked() {
    let app = TestApp::spawn().await;
    generated(&app, 300, 240, 60).await;
    app.sign_in_admin("admin_gen").await;

    let first = roster(&app, "").await;
    assert_eq!(first["page"], 1);
    assert_eq!(first["per_page"], 50, "the stated page size");
    assert_eq!(first["staff"].as_array().unwrap().len(), 50);
    assert_eq!(first["total"], 240);
    let second = roster(&app, "page=2").await;
    let names = |b: &Value| -> Vec<String> {
        b["staff"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["name"].as_str().unwrap().to_owned())
            .collect()
    };
    let (a, b) = (names(&first), names(&second));
    let mut sorted = a.clone();
    sorted.extend(b.clone());
    let joined = sorted.clone();
    sorted.sort();
    assert_eq!(joined, sorted, "by name across pages");
    let last = roster(&app, "page=5").await;
    assert_eq!(last["staff"].as_array().unwrap().len(), 40);
    assert!(roster(&app, "page=6").await["staff"]
        .as_array()
        .unwrap()
        .is_empty());
    let desc = roster(&app, "sort=-name&per_page=1").await;
    let top = desc["staff"][0]["name"].as_str().unwrap();
    assert!(sorted.iter().all(|n| n.as_str() <= top), "{top}");

    // A search is a filter with its own total; wildcards are literal.
    let one = roster(&app, "q=g7_00001&per_page=5").await;
    assert!(one["total"].as_u64().unwrap() >= 1);
    assert_eq!(roster(&app, "q=%25&per_page=5").await["total"], 0);

    for (query, field) in [
        ("per_page=201", "per_page"),
        ("per_page=0", "per_page"),
        ("page=0", "page"),
        ("sort=salary", "sort"),
    ] {
        let (status, body) =
            json(app.get(&format!("/api/v1/institution/staff?{query}")).await).await;
        assert_eq!(status, 422, "{query}: {body}");
        assert!(
            body["error"]["fields"][field].is_string(),
            "{query}: {body}"
        );
    }

    // Another institution's administrator sees none of these people.
    let other = TestApp::other_client(&app);
    other
        .post(app.url("/api/v1/institution/session"))
        .json(
            &serde_json::json!({"username": "admin_a", "password": crate::helpers::DEMO_PASSWORD}),
        )
        .send()
        .await
        .unwrap();
    let body: Value = other
        .get(app.url("/api/v1/institution/staff?q=g7_&per_page=200"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["total"], 0, "{body}");
    let help: Value = other
        .get(app.url("/api/v1/institution/needs-help?list=not_activated&per_page=200"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(help["total"].as_u64().unwrap() < 10, "{help}");
}

#[tokio::test]
async fn the_dashboard_is_small_and_its_lists_are_paged() {
    let app = TestApp::spawn().await;
    generated(&app, 600, 480, 160).await;
    app.sign_in_admin("admin_gen").await;
    let resp = app.get("/api/v1/institution/dashboard").await;
    assert_eq!(resp.status(), 200);
    let bytes = resp.bytes().await.unwrap();
    assert!(bytes.len() <= 10 * 1024, "{} bytes", bytes.len());
    let dash: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(dash["not_activated"].as_array().unwrap().len(), 10);
    let total = dash["not_activated_total"].as_u64().unwrap();
    assert!(
        total > 120,
        "{total}: 120 without account and the unactivated"
    );
    let mut seen = HashSet::new();
    let mut page = 1;
    loop {
        let (status, body) = json(
            app.get(&format!(
                "/api/v1/institution/needs-help?list=not_activated&per_page=50&page={page}"
            ))
            .await,
        )
        .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["total"].as_u64().unwrap(), total);
        let items = body["items"].as_array().unwrap();
        if items.is_empty() {
            break;
        }
        for i in items {
            assert!(seen.insert(i["practitioner_id"].as_i64().unwrap()));
        }
        page += 1;
    }
    assert_eq!(seen.len() as u64, total);
    let (status, body) = json(
        app.get("/api/v1/institution/needs-help?list=everyone")
            .await,
    )
    .await;
    assert_eq!(status, 422, "{body}");
}
