//! The roster's totals, the review queue's pages and the dashboard's counts
//! are kept by each server with the version of the institution's data
//! (kept.rs, migration 0020): every kind of change, made by any server or
//! any code path, must show in the next answer of every server.

use serde_json::{json, Value};
use server::store::roster_page::{self, RosterFilter};

use crate::helpers::{get_ok, TestApp};
use crate::hospital::generated;

/// Counts of the roster, the queue and the dashboard.
type Counts = (i64, i64, i64, i64, i64, [i64; 4]);

/// The roster's, the queue's and the dashboard's counts as the API answers
/// them.
async fn answered(app: &TestApp, base: &str) -> Counts {
    let get = |path: &'static str| {
        let url = format!("{base}{path}");
        let client = app.client.clone();
        async move {
            let resp = client.get(url).send().await.unwrap();
            assert_eq!(resp.status(), 200);
            resp.json::<Value>().await.unwrap()
        }
    };
    let roster = get("/api/v1/institution/staff").await;
    let queue = get("/api/v1/institution/reviews").await;
    let dashboard = get("/api/v1/institution/dashboard").await;
    let n = |v: &Value| v.as_i64().unwrap();
    let mut by_kind = [0; 4];
    for s in dashboard["systems"].as_array().unwrap() {
        for (sum, field) in by_kind
            .iter_mut()
            .zip(["total", "registered", "eligible", "applied"])
        {
            *sum += n(&s[field]);
        }
    }
    (
        n(&roster["total"]),
        n(&roster["applied"]),
        n(&roster["eligible"]),
        n(&queue["photos"]),
        n(&queue["titles"]),
        by_kind,
    )
}

/// The same counts, counted now in the database.
async fn counted(app: &TestApp, institution: i64) -> Counts {
    let today = server::store::date_text(app.clock().today());
    let mut c = app.state.db.acquire().await.unwrap();
    let t = roster_page::totals(&mut c, institution, &today, &RosterFilter::default())
        .await
        .unwrap();
    let (photos, titles) = server::store::review_queue::counts(&mut c, institution)
        .await
        .unwrap();
    let mut by_kind = [0; 4];
    for k in server::store::dashboard_counts::by_kind(&mut c, institution, &today)
        .await
        .unwrap()
    {
        for (sum, n) in by_kind
            .iter_mut()
            .zip([k.total, k.registered, k.eligible, k.applied])
        {
            *sum += n;
        }
    }
    (t.total, t.applied, t.eligible, photos, titles, by_kind)
}

/// One staff member's practitioner id matching a condition.
async fn someone(app: &TestApp, institution: i64, condition: &str) -> i64 {
    app.state
        .db
        .scalar(&format!(
            "SELECT p.id FROM practitioners p JOIN accounts a ON a.practitioner_id = p.id
             WHERE p.institution_id = {institution} AND {condition} ORDER BY p.id LIMIT 1"
        ))
        .await
        .unwrap()
}

#[tokio::test]
async fn every_change_to_the_data_shows_in_the_next_answer() {
    let app = TestApp::spawn().await;
    let g = generated(&app, 60, 48, 12).await;
    let inst = g.institution_id;
    app.sign_in_admin("admin_gen").await;
    let base = app.address.clone();
    let mut before = answered(&app, &base).await;
    assert_eq!(before, counted(&app, inst).await);
    // Asked again unchanged: the same (kept) answer.
    assert_eq!(answered(&app, &base).await, before);

    // Each change is written straight to the database, as another server or
    // any code path would, and must show in the very next answer.
    let eligible = someone(&app, inst, "a.photo_state = 'approved' AND a.activated AND p.status = 'normal' AND p.kind <> 'nurse' AND p.has_valid_qualification AND NOT EXISTS (SELECT 1 FROM applications ap WHERE ap.practitioner_id = p.id)").await;
    let pending = someone(&app, inst, "a.photo_state = 'pending'").await;
    let changes = [
        format!("INSERT INTO applications (practitioner_id, submitted_at) VALUES ({eligible}, 0)"),
        format!("DELETE FROM applications WHERE practitioner_id = {eligible}"),
        format!("UPDATE practitioners SET status = 'cancelled' WHERE id = {eligible}"),
        format!("UPDATE practitioners SET status = 'normal' WHERE id = {eligible}"),
        format!("UPDATE accounts SET activated = FALSE WHERE practitioner_id = {eligible}"),
        format!("UPDATE accounts SET photo_state = 'approved' WHERE practitioner_id = {pending}"),
        format!(
            "INSERT INTO title_changes (practitioner_id, title, created_at) VALUES ({eligible}, 'attending', 0)"
        ),
        "UPDATE title_changes SET state = 'approved'".to_owned(),
        format!("UPDATE institutions SET photo_review_required = NOT photo_review_required WHERE id = {inst}"),
        format!("DELETE FROM accounts WHERE practitioner_id = {pending}"),
    ];
    for change in &changes {
        app.state.db.execute_sql(change).await.expect(change);
        let now = answered(&app, &base).await;
        assert_ne!(now, before, "no count moved after: {change}");
        assert_eq!(now, counted(&app, inst).await, "after: {change}");
        before = now;
    }
}

#[tokio::test]
async fn a_decision_taken_on_b_shows_on_a_at_once() {
    let app = TestApp::spawn().await;
    generated(&app, 40, 32, 10).await;
    app.sign_in_admin("admin_gen").await;
    let (a, b) = (app.address.clone(), app.second_server().await);
    // A keeps the queue's first page and the roster's totals.
    let queue = get_ok(&app, "/api/v1/institution/reviews?kind=photo").await;
    let (total, _, eligible, photos, _, _) = answered(&app, &a).await;
    assert_eq!(photos, 10);
    let ids: Vec<i64> = queue["items"].as_array().unwrap()[..4]
        .iter()
        .map(|i| i["account_id"].as_i64().unwrap())
        .collect();

    let resp = app
        .client
        .post(format!("{b}/api/v1/institution/reviews/photo"))
        .json(&json!({"account_ids": ids, "approve": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);

    let (total_a, _, eligible_a, photos_a, _, by_kind) = answered(&app, &a).await;
    assert_eq!(
        by_kind[2], eligible_a,
        "the dashboard agrees with the roster"
    );
    assert_eq!(
        (total_a, photos_a),
        (total, 6),
        "A still counts the old queue"
    );
    assert!(
        eligible_a > eligible,
        "approved photos make people eligible"
    );
    let first = get_ok(&app, "/api/v1/institution/reviews?kind=photo").await;
    assert!(
        first["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| !ids.contains(&i["account_id"].as_i64().unwrap())),
        "A's first page still lists a decided photo: {first}"
    );
}
