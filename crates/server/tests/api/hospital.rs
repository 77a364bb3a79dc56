//! A hospital-sized institution (issue 23): the roster, the dashboard and
//! their lists are paged, filtered and counted in the database, and agree
//! with the rules crate's checklists.

use std::collections::{HashMap, HashSet};

use serde_json::Value;
use server::generate::{self, Generated, Spec};

use crate::helpers::{demo_admin, get_ok, get_ok_in, json, text_in, TestApp};

pub async fn generated(app: &TestApp, staff: u32, accounts: u32, pending: u32) -> Generated {
    let spec = Spec {
        staff,
        accounts,
        pending_photos: pending,
        admin: "admin_gen".into(),
        number: 7,
        ..Spec::hospital()
    };
    let clock = app.clock();
    generate::institution(
        &app.state.db,
        &app.state.uploads,
        &spec,
        clock.today(),
        clock.now(),
    )
    .await
    .expect("generate")
}

async fn roster(app: &TestApp, query: &str) -> Value {
    get_ok(app, &format!("/api/v1/institution/staff?{query}")).await
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
    ] {
        let (status, body) =
            json(app.get(&format!("/api/v1/institution/staff?{query}")).await).await;
        assert_eq!(status, 422, "{query}: {body}");
        assert!(
            body["error"]["fields"][field].is_string(),
            "{query}: {body}"
        );
    }

    // An order the roster does not have is a malformed query, as an
    // unknown system or status is (the typed query refuses it).
    let (status, body) = json(app.get("/api/v1/institution/staff?sort=salary").await).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"]["code"], "request.malformed", "{body}");

    // Another institution's administrator sees none of these people.
    let other = demo_admin(&app, "admin_a").await;
    let body: Value = get_ok_in(&app, &other, "/api/v1/institution/staff?q=g7_&per_page=200").await;
    assert_eq!(body["total"], 0, "{body}");
    let help: Value = get_ok_in(
        &app,
        &other,
        "/api/v1/institution/needs-help?list=not_activated&per_page=200",
    )
    .await;
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

async fn queue(app: &TestApp, query: &str) -> Value {
    get_ok(app, &format!("/api/v1/institution/reviews?{query}")).await
}

#[tokio::test]
async fn the_review_queue_is_paged_oldest_first() {
    let app = TestApp::spawn().await;
    let g = generated(&app, 200, 160, 45).await;
    app.sign_in_admin("admin_gen").await;
    let first = queue(&app, "per_page=20").await;
    assert_eq!(first["photos"], 45);
    assert_eq!(first["total"], 45);
    let items = first["items"].as_array().unwrap();
    assert_eq!(items.len(), 20);
    let usernames: Vec<&str> = items
        .iter()
        .map(|i| i["username"].as_str().unwrap())
        .collect();
    assert_eq!(
        usernames,
        g.pending_usernames[..20].to_vec(),
        "oldest first"
    );
    let last = queue(&app, "per_page=20&page=3").await;
    assert_eq!(last["items"].as_array().unwrap().len(), 5);
    // A third of the photos replace an approved one: the comparison stays.
    let all = queue(&app, "per_page=45").await;
    let with_before = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["previous_photo_url"].is_string())
        .count();
    assert!(with_before > 0 && with_before < 45, "{with_before}");
    let titles = queue(&app, "kind=title").await;
    assert_eq!(titles["total"], 0);
    assert!(titles["items"].as_array().unwrap().is_empty());
    let (status, _) = json(app.get("/api/v1/institution/reviews?per_page=1000").await).await;
    assert_eq!(status, 422);
}

#[tokio::test]
async fn photos_are_approved_in_bulk_each_decision_audited() {
    let app = TestApp::spawn().await;
    let g = generated(&app, 200, 160, 45).await;
    app.sign_in_admin("admin_gen").await;
    let page = queue(&app, "kind=photo&per_page=25").await;
    let ids: Vec<i64> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["account_id"].as_i64().unwrap())
        .collect();
    let (first20, rest) = ids.split_at(20);
    let (status, out) = json(
        app.post(
            "/api/v1/institution/reviews/photo",
            &serde_json::json!({"account_ids": first20, "approve": true}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200, "{out}");
    assert_eq!(out["decided"].as_array().unwrap().len(), 20);
    assert!(out["skipped"].as_array().unwrap().is_empty());
    assert_eq!(queue(&app, "").await["photos"], 25);
    let audited: i64 = app
        .state
        .db
        .scalar("SELECT COUNT(*) FROM audit_log WHERE event = 'review.photo'")
        .await
        .unwrap();
    assert_eq!(audited, 20, "one audit entry per decision");

    // Deciding them again skips them; the checklist's photo criterion now
    // passes for each.
    let (_, again) = json(
        app.post(
            "/api/v1/institution/reviews/photo",
            &serde_json::json!({"account_ids": first20, "approve": true}),
        )
        .await,
    )
    .await;
    assert_eq!(again["skipped"].as_array().unwrap().len(), 20);
    let roster = roster(&app, "per_page=200").await;
    for r in roster["staff"].as_array().unwrap() {
        if first20.contains(&r["account_id"].as_i64().unwrap()) {
            assert_eq!(r["photo_state"], "approved");
            let photo = r["checklist"]["criteria"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["code"] == "photo")
                .unwrap()
                .clone();
            assert_eq!(photo["passed"], true, "{r}");
        }
    }

    // A common reason: the practitioner reads its text.
    let (status, out) = json(
        app.post(
            "/api/v1/institution/reviews/photo",
            &serde_json::json!({"account_ids": [rest[0]], "approve": false, "reason_code": "background_not_light"}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200, "{out}");
    let username = g
        .pending_usernames
        .iter()
        .find(|u| page["items"][20]["username"] == u.as_str())
        .unwrap();
    let person = app.other_client();
    person
        .post(app.url("/api/v1/session"))
        .json(&serde_json::json!({"system": page["items"][20]["system"], "username": username, "password": crate::helpers::DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    let me: Value = get_ok_in(&app, &person, "/api/v1/me").await;
    assert_eq!(me["facts"]["account"]["photo"]["state"], "rejected");
    let reason = me["facts"]["account"]["photo"]["reason"].as_str();
    assert!(
        reason.is_some_and(|r| r.contains("背景不是浅色")),
        "{}",
        me["facts"]["account"]
    );

    // Rejecting needs a reason; nothing is decided without one.
    for body in [
        serde_json::json!({"account_ids": [rest[1]], "approve": false}),
        serde_json::json!({"account_ids": [rest[1]], "approve": false, "reason": "  "}),
        serde_json::json!({"account_ids": [], "approve": true}),
        serde_json::json!({"account_ids": (1..=201).collect::<Vec<i64>>(), "approve": true}),
        serde_json::json!({"account_ids": [rest[1]], "approve": false, "reason_code": "ugly"}),
    ] {
        let (status, err) = json(app.post("/api/v1/institution/reviews/photo", &body).await).await;
        assert!(status == 422 || status == 400, "{body}: {status} {err}");
    }
    // A typed reason works too.
    let (status, out) = json(
        app.post(
            "/api/v1/institution/reviews/photo",
            &serde_json::json!({"account_ids": [rest[1]], "approve": false, "reason": "请穿深色上衣"}),
        )
        .await,
    )
    .await;
    assert_eq!((status, out["decided"].as_array().unwrap().len()), (200, 1));

    // Another institution's administrator decides nothing here.
    let other = demo_admin(&app, "admin_a").await;
    let out: Value = other
        .post(app.url("/api/v1/institution/reviews/photo"))
        .json(&serde_json::json!({"account_ids": &rest[2..], "approve": true}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(out["decided"].as_array().unwrap().is_empty(), "{out}");
    assert_eq!(queue(&app, "").await["photos"], 23);
}

#[tokio::test]
async fn the_roster_exports_to_excel_with_each_unmet_criterion() {
    let app = TestApp::spawn().await;
    generated(&app, 300, 240, 60).await;
    app.sign_in_admin("admin_gen").await;
    let photo_total = roster(&app, "unmet=photo&per_page=1").await["total"]
        .as_u64()
        .unwrap();
    let resp = app.get("/api/v1/institution/staff.csv?unmet=photo").await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(resp.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("roster.csv"));
    let bytes = resp.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM for Excel");
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    let mut reader =
        csv::ReaderBuilder::new().from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len() as u64, photo_total, "every page, one filter");
    for r in &records {
        assert!(r[9].contains("证件照"), "{r:?}");
        assert!(r[2].contains('*'), "masked ID number: {r:?}");
        // Worded for the administrator (issue 18, point 11), not for the
        // practitioner.
        assert!(
            !r[9].contains("主要执业机构") && !r[9].contains('您'),
            "{r:?}"
        );
    }
    assert!(
        records
            .iter()
            .any(|r| r[9].contains("提醒本人") || r[9].contains("等待本机构审核")),
        "what the institution does or asks"
    );
    let all = app
        .get("/api/v1/institution/staff.csv")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(all.lines().count(), 241);
    let exported: i64 = app
        .state
        .db
        .scalar("SELECT COUNT(*) FROM audit_log WHERE event = 'roster.exported'")
        .await
        .unwrap();
    assert_eq!(exported, 2);

    // The other institution's export holds none of these people.
    let other = demo_admin(&app, "admin_a").await;
    let theirs = text_in(&app, &other, "/api/v1/institution/staff.csv").await;
    assert!(!theirs.contains("g7_"), "{theirs}");
}

#[tokio::test]
async fn title_changes_are_decided_in_bulk_each_decision_audited() {
    let app = TestApp::spawn().await;
    let g = generated(&app, 60, 40, 0).await;
    // Every physician with an account asks to become 主任医师.
    app.state
        .db
        .execute_sql(&format!(
            "INSERT INTO title_changes (practitioner_id, title, created_at)
             SELECT p.id, 'chief_physician', 1 FROM practitioners p
             JOIN accounts a ON a.practitioner_id = p.id
             WHERE p.institution_id = {} AND p.kind = 'physician'",
            g.institution_id
        ))
        .await
        .unwrap();
    app.sign_in_admin("admin_gen").await;
    let page = queue(&app, "kind=title&per_page=200").await;
    let ids: Vec<i64> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["account_id"].as_i64().unwrap())
        .collect();
    assert!(ids.len() >= 6, "{page}");
    let url = "/api/v1/institution/reviews/title";

    // Another institution's administrator decides nothing here.
    let other = demo_admin(&app, "admin_a").await;
    let out: Value = other
        .post(app.url(url))
        .json(&serde_json::json!({"account_ids": &ids, "approve": true}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(out["decided"].as_array().unwrap().is_empty(), "{out}");
    assert_eq!(out["skipped"].as_array().unwrap().len(), ids.len());
    assert_eq!(queue(&app, "").await["titles"], ids.len());

    // Bad requests decide nothing.
    for body in [
        serde_json::json!({"account_ids": [ids[0]], "approve": false}),
        serde_json::json!({"account_ids": [ids[0]], "approve": false, "reason": "  "}),
        serde_json::json!({"account_ids": [], "approve": true}),
        serde_json::json!({"account_ids": (1..=201).collect::<Vec<i64>>(), "approve": true}),
        serde_json::json!({"account_ids": [ids[0]], "approve": false, "reason_code": "blurred"}),
    ] {
        let (status, err) = json(app.post(url, &body).await).await;
        assert!(status == 422 || status == 400, "{body}: {status} {err}");
    }
    assert_eq!(queue(&app, "").await["titles"], ids.len());

    // Approve all but two at once; one of them already decided is skipped.
    let (first, rest) = ids.split_at(ids.len() - 2);
    let (status, out) = json(
        app.post(
            &format!("/api/v1/institution/reviews/title/{}", first[0]),
            &serde_json::json!({"approve": true}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 204, "{out}");
    let (status, out) = json(
        app.post(
            url,
            &serde_json::json!({"account_ids": first, "approve": true}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 200, "{out}");
    assert_eq!(out["decided"].as_array().unwrap().len(), first.len() - 1);
    assert_eq!(out["skipped"], serde_json::json!([first[0]]));
    let approved: i64 = app
        .state
        .db
        .scalar(&format!(
            "SELECT COUNT(*) FROM practitioners WHERE institution_id = {} AND title = 'chief_physician'",
            g.institution_id
        ))
        .await
        .unwrap();
    assert_eq!(approved, i64::try_from(first.len()).unwrap());

    // Reject the rest with one typed reason: the practitioner reads it.
    let (status, out) = json(
        app.post(
            url,
            &serde_json::json!({"account_ids": rest, "approve": false, "reason": "聘任文件未上传"}),
        )
        .await,
    )
    .await;
    assert_eq!((status, out["decided"].as_array().unwrap().len()), (200, 2));
    let reasons: Vec<String> = app
        .state
        .db
        .column("SELECT reason FROM title_changes WHERE state = 'rejected'")
        .await
        .unwrap();
    assert_eq!(reasons, vec!["聘任文件未上传".to_owned(); 2]);
    assert_eq!(queue(&app, "").await["titles"], 0);
    let audited: i64 = app
        .state
        .db
        .scalar("SELECT COUNT(*) FROM audit_log WHERE event = 'review.title'")
        .await
        .unwrap();
    assert_eq!(
        audited,
        i64::try_from(ids.len()).unwrap(),
        "one audit entry per decision"
    );
}

async fn zombies(app: &TestApp, query: &str) -> Value {
    get_ok(app, &format!("/api/v1/institution/zombies?{query}")).await
}

#[tokio::test]
async fn zombie_sql_reasons_agree_with_the_rules() {
    let app = TestApp::spawn().await;
    let g = generated(&app, 400, 200, 0).await;
    let today = app.clock().today();
    let cutoff = server::store::date_text(rules::two_years_cutoff(today));
    let day_after = server::store::date_text(rules::two_years_cutoff(today).succ_opt().unwrap());
    // Every fact the rules read, spread over the institution, and the
    // two-year boundary on both sides.
    let inst = g.institution_id;
    for sql in [
        format!("UPDATE practitioners SET deceased = (id % 23 = 0), declared_missing = (id % 29 = 0),
                 criminally_punished = (id % 31 = 0), no_civil_capacity = (id % 37 = 0),
                 rehired = (id % 2 = 0), renewal_pending = (id % 3 = 0)
                 WHERE institution_id = {inst}"),
        format!("UPDATE practitioners SET status = 'cancelled' WHERE institution_id = {inst} AND id % 41 = 0"),
        format!("UPDATE practitioners SET status = 'suspended', status_since = '{cutoff}'
                 WHERE institution_id = {inst} AND kind = 'physician' AND id % 43 = 1"),
        format!("UPDATE practitioners SET status = 'filed', status_since = '{day_after}'
                 WHERE institution_id = {inst} AND kind = 'physician' AND id % 43 = 2"),
    ] {
        app.state.db.execute_sql(&sql).await.unwrap();
    }
    // What the rules propose, person by person.
    let rows = {
        let mut c = app.state.db.acquire().await.unwrap();
        server::store::roster::registry_facts(&mut c, inst)
            .await
            .unwrap()
    };
    let mut expected: Vec<(i64, Vec<String>)> = Vec::new();
    for row in rows {
        let c = server::routes::institution::candidate(row, today).unwrap();
        if !c.reasons.is_empty() {
            let codes = c
                .reasons
                .iter()
                .map(|r| serde_json::to_value(r).unwrap().to_string())
                .collect();
            expected.push((c.practitioner_id, codes));
        }
    }
    assert!(expected.len() > 40, "{}", expected.len());

    app.sign_in_admin("admin_gen").await;
    let mut seen: Vec<(i64, Vec<String>)> = Vec::new();
    let first = zombies(&app, "per_page=25").await;
    let total = first["total"].as_u64().unwrap() as usize;
    assert_eq!(total, expected.len());
    let pages = total.div_ceil(25);
    for page in 1..=pages {
        let body = zombies(&app, &format!("per_page=25&page={page}")).await;
        let items = body["items"].as_array().unwrap();
        assert!(items.len() <= 25);
        for z in items {
            let codes = z["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .map(Value::to_string)
                .collect::<Vec<_>>();
            assert!(!codes.is_empty(), "{z}");
            seen.push((z["practitioner_id"].as_i64().unwrap(), codes));
        }
    }
    let mut sorted_seen = seen.clone();
    sorted_seen.sort();
    expected.sort();
    assert_eq!(
        sorted_seen, expected,
        "the SQL proposes whom the rules propose"
    );

    // Each reason filter and each system: the rules' count.
    for reason in rules::ZombieReason::for_system(rules::System::Physician)
        .into_iter()
        .chain(rules::ZombieReason::for_system(rules::System::Nurse))
    {
        let code = rules::Localized::code(&reason);
        let value = serde_json::to_value(reason).unwrap().to_string();
        let want = expected.iter().filter(|(_, r)| r.contains(&value)).count();
        let body = zombies(&app, &format!("reason={code}&per_page=200")).await;
        assert_eq!(body["total"].as_u64().unwrap() as usize, want, "{code}");
        assert_eq!(
            body["items"].as_array().unwrap().len(),
            want.min(200),
            "{code}"
        );
    }
    let nurses = zombies(&app, "system=nurse&per_page=200").await;
    assert!(nurses["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|z| z["reasons"][0]["system"] == "nurse"));

    // Bad filters are refused on their field; another institution sees none.
    for (query, field) in [
        ("reason=zombie.physician.bored", "reason"),
        ("per_page=500", "per_page"),
        ("page=0", "page"),
    ] {
        let (status, err) = json(
            app.get(&format!("/api/v1/institution/zombies?{query}"))
                .await,
        )
        .await;
        assert_eq!(status, 422, "{query}: {err}");
        assert!(err["error"]["fields"][field].is_string(), "{query}: {err}");
    }
    app.sign_in_admin("admin_a").await;
    let theirs = zombies(&app, "per_page=200").await;
    let ours: HashSet<i64> = expected.iter().map(|(id, _)| *id).collect();
    assert!(theirs["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|z| !ours.contains(&z["practitioner_id"].as_i64().unwrap())));
}
