//! Applications under concurrent load, on either backend: one practitioner
//! submitting many times at once gets one application and one licence; many
//! practitioners at once get distinct licence identifiers; a missing photo
//! file stops the application with a clear error and records nothing.

use std::collections::HashSet;

use crate::helpers::{json, TestApp, DEMO_PASSWORD};

/// The demo physician who is eligible for a licence.
const ELIGIBLE: &str = "zhangwei";
const ELIGIBLE_ID_NUMBER: &str = "11010519850312403X";

async fn count(app: &TestApp, sql: &str) -> i64 {
    app.state.db.scalar::<i64>(sql).await.unwrap()
}

async fn practitioner_id(app: &TestApp, username: &str) -> i64 {
    count(
        app,
        &format!("SELECT practitioner_id FROM accounts WHERE username = '{username}'"),
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_parallel_submits_give_one_application_and_one_licence() {
    let app = TestApp::spawn().await;
    assert_eq!(
        app.sign_in("physician", ELIGIBLE, DEMO_PASSWORD)
            .await
            .status(),
        200
    );
    let url = app.url("/api/v1/applications");
    let handles: Vec<_> = (0..50)
        .map(|_| {
            // The same browser (one cookie store) submitting 50 times.
            let send = app.client.post(&url).json(&serde_json::json!({})).send();
            tokio::spawn(async move {
                let resp = send.await.unwrap();
                let status = resp.status().as_u16();
                let body: serde_json::Value = resp.json().await.unwrap_or_default();
                (status, body)
            })
        })
        .collect();
    let mut statuses = Vec::new();
    let mut ids = HashSet::new();
    for h in handles {
        let (status, body) = h.await.unwrap();
        assert!(status == 201 || status == 200, "{status}: {body}");
        statuses.push(status);
        ids.insert(body["id"].as_i64().unwrap());
    }
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 1);
    assert_eq!(ids.len(), 1);
    let pid = practitioner_id(&app, ELIGIBLE).await;
    assert_eq!(
        count(
            &app,
            &format!("SELECT COUNT(*) FROM applications WHERE practitioner_id = {pid}")
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &app,
            &format!("SELECT COUNT(*) FROM licenses WHERE practitioner_id = {pid}")
        )
        .await,
        1
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM licenses").await, 1);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE event = 'licence.applied'"
        )
        .await,
        1
    );
    let (status, _) = json(app.get("/api/v1/license").await).await;
    assert_eq!(status, 200);
}

/// A valid resident ID number (Beijing Chaoyang, born 1985-03-12) with the
/// sequence number `seq` (0..1000).
fn id_number(seq: u32) -> String {
    let body = format!("11010519850312{seq:03}");
    let body = &body[..17];
    format!(
        "{body}{}",
        rules::id_number::check_character(body).expect("17 digits")
    )
}

/// Registers `n` practitioners who are eligible like the demo physician
/// (the same registry facts, account state, password and photo), with the
/// usernames `bulk000`, `bulk001`, …; in two literal statements that both
/// backends accept.
async fn add_eligible_practitioners(app: &TestApp, n: u32) -> Vec<String> {
    let rows: Vec<String> = (0..n)
        .map(|i| {
            format!(
                "SELECT 'bulk{i:03}' AS tag, '{}' AS id_number, '1101109{i:08}' AS certificate_number",
                id_number(100 + i)
            )
        })
        .collect();
    let sql = format!(
        "INSERT INTO practitioners (kind, level, name, id_number, certificate_number,
            qualification_number, has_valid_qualification, status, registration_valid_from,
            registration_valid_until, title, category, institution_id, last_activity_on,
            phone_on_record, status_since, renewal_pending, retired, rehired, deceased,
            declared_missing, criminally_punished, no_civil_capacity, last_contact_ok,
            registered_institution_name)
         SELECT p.kind, p.level, v.tag, v.id_number, v.certificate_number,
            p.qualification_number, p.has_valid_qualification, p.status, p.registration_valid_from,
            p.registration_valid_until, p.title, p.category, p.institution_id, p.last_activity_on,
            p.phone_on_record, p.status_since, p.renewal_pending, p.retired, p.rehired, p.deceased,
            p.declared_missing, p.criminally_punished, p.no_civil_capacity, p.last_contact_ok,
            p.registered_institution_name
         FROM practitioners p CROSS JOIN ({}) v
         WHERE p.id_number = '{ELIGIBLE_ID_NUMBER}'",
        rows.join(" UNION ALL ")
    );
    assert_eq!(app.state.db.execute_sql(&sql).await.unwrap(), u64::from(n));
    let sql = format!(
        "INSERT INTO accounts (role, username, password_hash, practitioner_id, phone,
            phone_verified, email, email_verified, activated, photo_file, photo_state,
            photo_reason, created_at, photo_uploaded_at)
         SELECT 'practitioner', p.name, z.password_hash, p.id, z.phone,
            z.phone_verified, z.email, z.email_verified, z.activated, z.photo_file, z.photo_state,
            z.photo_reason, z.created_at, z.photo_uploaded_at
         FROM practitioners p CROSS JOIN accounts z
         WHERE z.username = '{ELIGIBLE}' AND p.name LIKE 'bulk%'"
    );
    assert_eq!(app.state.db.execute_sql(&sql).await.unwrap(), u64::from(n));
    (0..n).map(|i| format!("bulk{i:03}")).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_practitioners_at_once_get_distinct_licence_identifiers() {
    const N: u32 = 200;
    let app = TestApp::spawn().await;
    // The demo's generated institutions come with applications of their own.
    let applications_before = count(&app, "SELECT COUNT(*) FROM applications").await;
    let users = add_eligible_practitioners(&app, N).await;
    // Each signs in with their own browser.
    let mut clients = Vec::new();
    for chunk in users.chunks(20) {
        let signins: Vec<_> = chunk
            .iter()
            .map(|user| {
                let client = app.other_client();
                let url = app.url("/api/v1/session");
                let body =
                    serde_json::json!({"system": "physician", "username": user, "password": DEMO_PASSWORD});
                tokio::spawn(async move {
                    let resp = client.post(url).json(&body).send().await.unwrap();
                    assert_eq!(resp.status(), 200);
                    client
                })
            })
            .collect();
        for s in signins {
            clients.push(s.await.unwrap());
        }
    }
    // All apply at once.
    let url = app.url("/api/v1/applications");
    let handles: Vec<_> = clients
        .iter()
        .map(|client| {
            let send = client.post(&url).json(&serde_json::json!({})).send();
            tokio::spawn(async move {
                let resp = send.await.unwrap();
                let status = resp.status().as_u16();
                let body: serde_json::Value = resp.json().await.unwrap_or_default();
                (status, body)
            })
        })
        .collect();
    let mut successes = 0;
    for h in handles {
        let (status, body) = h.await.unwrap();
        assert_eq!(status, 201, "{body}");
        successes += 1;
    }
    assert_eq!(successes, N);
    let identifiers: Vec<String> = app
        .state
        .db
        .column(
            "SELECT l.identifier FROM licenses l JOIN practitioners p ON p.id = l.practitioner_id
             WHERE p.name LIKE 'bulk%'",
        )
        .await
        .unwrap();
    assert_eq!(identifiers.len(), N as usize);
    let distinct: HashSet<&String> = identifiers.iter().collect();
    assert_eq!(distinct.len(), N as usize);
    for id in &identifiers {
        rules::LicenseId::parse(id).expect("identifier in the national format");
    }
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM applications").await,
        applications_before + i64::from(N)
    );
}

#[tokio::test]
async fn a_missing_photo_file_stops_the_application_and_records_nothing() {
    let app = TestApp::spawn().await;
    app.sign_in("physician", ELIGIBLE, DEMO_PASSWORD).await;
    let file: String = app
        .state
        .db
        .scalar(&format!(
            "SELECT photo_file FROM accounts WHERE username = '{ELIGIBLE}'"
        ))
        .await
        .unwrap();
    app.state.uploads.remove(&file).await;
    assert_eq!(app.state.uploads.get(&file).await.unwrap(), None);
    let events_before = count(&app, "SELECT COUNT(*) FROM audit_log").await;
    let applications_before = count(&app, "SELECT COUNT(*) FROM applications").await;
    let licences_before = count(&app, "SELECT COUNT(*) FROM licenses").await;
    let (status, body) = json(
        app.post("/api/v1/applications", &serde_json::json!({}))
            .await,
    )
    .await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["error"]["code"], "licence.photo_missing");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM applications").await,
        applications_before
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM licenses").await,
        licences_before
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM audit_log").await,
        events_before
    );
    assert_eq!(app.get("/api/v1/applications/current").await.status(), 404);
    assert_eq!(app.get("/api/v1/license").await.status(), 404);
}
