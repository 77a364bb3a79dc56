//! The regional follow-up's answer time on generated data: a region (4403)
//! of 2,000 institutions and 200,000 practitioners (half with an account, a
//! quarter applied), the real server in this process, the authority signed
//! in; prints the first request (which counts every institution) and the
//! median and the slowest of the next 20, ten applications apart, of
//! `GET /api/v1/authority/follow-up` and of `/follow-up/regions` as seen by the
//! real server through HTTP.
//!
//! cargo run --release -p server --example follow_up_bench            # SQLite in a temp dir
//! PORTAL_DB=postgres://… cargo run --release -p server --example follow_up_bench  # an empty PG database

use std::time::{Duration, Instant};

const INSTITUTIONS: i64 = 2_000;
const PRACTITIONERS: i64 = 200_000;

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let db_url = std::env::var("PORTAL_DB")
        .unwrap_or_else(|_| dir.path().join("bench.db").to_string_lossy().into_owned());
    let root = dir.path().to_owned();
    let config = server::Config::from_lookup(move |k| match k {
        "PORTAL_DB" => Some(db_url.clone()),
        "PORTAL_DIST" => Some(root.join("dist").to_string_lossy().into_owned()),
        "PORTAL_UPLOADS" => Some(root.join("uploads").to_string_lossy().into_owned()),
        _ => None,
    })
    .unwrap();
    let state = server::AppState::new(config).await.unwrap();
    let db = &state.db;
    let started = Instant::now();
    // Generated in SQL both backends accept (a recursive counter).
    db.execute_sql(&format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {INSTITUTIONS})
         INSERT INTO institutions (name, credit_code, licence_number, licence_valid_until, status,
             region, photo_review_required, division)
         SELECT 'bench institution ' || i, 'BENCH' || i, 'L' || i, '2030-12-31', 'normal', '44', TRUE,
             CASE WHEN i % 2 = 0 THEN '440305' ELSE '440304' END FROM n"
    ))
    .await
    .unwrap();
    let first: i64 = db
        .scalar("SELECT CAST(MIN(id) AS BIGINT) FROM institutions WHERE credit_code LIKE 'BENCH%'")
        .await
        .unwrap();
    db.execute_sql(&format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {PRACTITIONERS})
         INSERT INTO practitioners (kind, name, id_number, certificate_number, has_valid_qualification,
             status, institution_id)
         SELECT CASE WHEN i % 3 = 0 THEN 'nurse' ELSE 'physician' END, 'p' || i, 'ID' || i, 'C' || i,
             TRUE, CASE WHEN i % 50 = 0 THEN 'filed' ELSE 'normal' END, {first} + (i % {INSTITUTIONS}) FROM n"
    ))
    .await
    .unwrap();
    db.execute_sql(
        "INSERT INTO accounts (role, username, password_hash, practitioner_id, activated, photo_state, created_at)
         SELECT 'practitioner', 'u' || id, 'x', id, TRUE,
             CASE WHEN id % 4 = 0 THEN 'approved' ELSE NULL END, 0
         FROM practitioners WHERE id_number LIKE 'ID%' AND id % 2 = 0",
    )
    .await
    .unwrap();
    db.execute_sql(
        "INSERT INTO applications (practitioner_id, submitted_at)
         SELECT id, 0 FROM practitioners WHERE id_number LIKE 'ID%' AND id % 4 = 0",
    )
    .await
    .unwrap();
    // Fresh statistics, as a database that has lived a while has them.
    db.execute_sql("ANALYZE").await.unwrap();
    // What a registry import does before it returns: count every changed
    // institution (so the first look after it does not).
    let counting = Instant::now();
    server::store::follow_up::refresh_all(db).await.unwrap();
    println!(
        "the import's count of every changed institution: {:.1} s",
        counting.elapsed().as_secs_f64()
    );
    println!(
        "generated {INSTITUTIONS} institutions, {PRACTITIONERS} practitioners in {:.1} s ({:?})",
        started.elapsed().as_secs_f64(),
        db.backend()
    );
    let created = server::authority_admin::create(db, "4403", "benchadmin", None, 0)
        .await
        .unwrap();
    db.execute_sql("UPDATE authority_accounts SET must_change_password = FALSE")
        .await
        .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(server::serve(listener, state.clone()));
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let resp = client
        .post(format!("{base}/api/v1/authority/session"))
        .json(&serde_json::json!({"username": "benchadmin", "password": created.initial_password}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    for path in [
        "/api/v1/authority/follow-up",
        "/api/v1/authority/follow-up/regions",
    ] {
        let mut times: Vec<Duration> = Vec::new();
        let mut rows = 0;
        for round in 0..21 {
            // Between two looks, ten people of ten institutions apply (the
            // first look counts every institution: it is reported apart).
            if round > 0 {
                db.execute_sql(
                    "INSERT INTO applications (practitioner_id, submitted_at)
                     SELECT id, 0 FROM practitioners
                     WHERE id_number LIKE 'ID%' AND id % 4 = 1
                       AND id NOT IN (SELECT practitioner_id FROM applications)
                     ORDER BY id LIMIT 10",
                )
                .await
                .unwrap();
            }
            let t = Instant::now();
            let resp = client.get(format!("{base}{path}")).send().await.unwrap();
            assert_eq!(resp.status(), 200);
            let body: serde_json::Value = resp.json().await.unwrap();
            times.push(t.elapsed());
            rows = body.as_array().unwrap().len();
        }
        let first = times.remove(0);
        times.sort();
        println!(
            "{path}: {rows} rows, first {:.1} ms, then (10 applications between two looks) median {:.1} ms, slowest {:.1} ms of {}",
            first.as_secs_f64() * 1000.0,
            times[times.len() / 2].as_secs_f64() * 1000.0,
            times[times.len() - 1].as_secs_f64() * 1000.0,
            times.len()
        );
    }
}
