//! `TestApp`: the real application on `127.0.0.1:0` with a fresh database, and
//! a cookie-keeping HTTP client. The database is a new SQLite file, or, when
//! `PORTAL_TEST_POSTGRES` holds a PostgreSQL superuser URL (scripts/test.sh
//! starts a throw-away cluster and runs the suite once more with it), a new
//! PostgreSQL database per test.

use std::sync::Arc;

use reqwest::{Client, Response};
use serde_json::Value;
use server::{AppState, Clock, Config};

pub const DEMO_PASSWORD: &str = server::seed::DEMO_PASSWORD;

pub struct TestApp {
    pub address: String,
    pub client: Client,
    pub state: AppState,
    /// The configuration variables it was built from, for a second server.
    vars: Vec<(String, String)>,
    // Keeps the temporary directory alive for the test's duration.
    _dir: tempfile::TempDir,
}

/// Builds and serves an app from configuration variables; its address.
async fn serve(vars: Vec<(String, String)>) -> (String, AppState) {
    let config = Config::from_lookup(move |k| {
        vars.iter()
            .find(|(name, _)| name == k)
            .map(|(_, v)| v.clone())
    })
    .expect("config");
    let state = AppState::new(config).await.expect("state");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(server::serve(listener, state.clone()));
    (address, state)
}

impl TestApp {
    /// A demo-seeded app.
    pub async fn spawn() -> TestApp {
        TestApp::spawn_with(&[]).await
    }

    /// A demo-seeded app with extra configuration variables.
    pub async fn spawn_with(extra: &[(&str, &str)]) -> TestApp {
        let extra: Vec<(String, String)> = extra
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let dir = tempfile::tempdir().expect("temp dir");
        let dist = dir.path().join("dist");
        std::fs::create_dir_all(&dist).unwrap();
        // The three apps' HTML files, each titled after its file.
        for app in ["index", "institution", "verify", "authority"] {
            std::fs::write(
                dist.join(format!("{app}.html")),
                format!("<!doctype html><title>{app}</title>"),
            )
            .unwrap();
        }
        let root = dir.path().to_owned();
        let db_url = match fresh_postgres_database().await {
            Some(url) => url,
            None => root.join("portal.db").to_string_lossy().into_owned(),
        };
        let mut vars: Vec<(String, String)> = vec![
            ("PORTAL_DB".into(), db_url),
            (
                "PORTAL_DIST".into(),
                root.join("dist").to_string_lossy().into_owned(),
            ),
            (
                "PORTAL_UPLOADS".into(),
                root.join("uploads").to_string_lossy().into_owned(),
            ),
            ("PORTAL_DEMO".into(), "1".into()),
        ];
        vars.extend(s3_variables().unwrap_or_default());
        for (k, v) in extra {
            vars.retain(|(name, _)| *name != k);
            vars.push((k, v));
        }
        let (address, state) = serve(vars.clone()).await;
        TestApp {
            address,
            client: new_client(),
            state,
            vars,
            _dir: dir,
        }
    }

    /// A second server on the same database and photo store, as a second
    /// process behind the load balancer: its address (the test's client
    /// keeps one cookie jar for both, as a browser does behind one name).
    pub async fn second_server(&self) -> String {
        serve(self.vars.clone()).await.0
    }

    pub fn clock(&self) -> Arc<Clock> {
        self.state.clock.clone()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// A second, independent browser.
    pub fn other_client(&self) -> Client {
        new_client()
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    pub async fn post(&self, path: &str, body: &Value) -> Response {
        self.client
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn put(&self, path: &str, body: &Value) -> Response {
        self.client
            .put(self.url(path))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn delete(&self, path: &str) -> Response {
        self.client.delete(self.url(path)).send().await.unwrap()
    }

    pub async fn sign_in(&self, system: &str, username: &str, password: &str) -> Response {
        self.post(
            "/api/v1/session",
            &serde_json::json!({"system": system, "username": username, "password": password}),
        )
        .await
    }

    pub async fn sign_in_admin(&self, username: &str) -> Response {
        self.post(
            "/api/v1/institution/session",
            &serde_json::json!({"username": username, "password": DEMO_PASSWORD}),
        )
        .await
    }
}

/// Whether the suite runs on PostgreSQL (`PORTAL_TEST_POSTGRES` set).
pub fn on_postgres() -> bool {
    std::env::var("PORTAL_TEST_POSTGRES").is_ok_and(|v| !v.is_empty())
}

/// Whether the uploads go to an S3-compatible server (`PORTAL_TEST_S3=1`
/// with the `PORTAL_S3_*` variables of `scripts/s3.sh`).
pub fn on_s3() -> bool {
    std::env::var("PORTAL_TEST_S3").is_ok_and(|v| v == "1")
}

/// With `PORTAL_TEST_S3=1`: the `PORTAL_S3_*` variables of the process and
/// a folder of the bucket of this test's own, so tests sharing the bucket
/// never see each other's files.
fn s3_variables() -> Option<Vec<(String, String)>> {
    if !on_s3() {
        return None;
    }
    let mut vars: Vec<(String, String)> = std::env::vars()
        .filter(|(k, _)| k.starts_with("PORTAL_S3_") && k != "PORTAL_S3_PREFIX")
        .collect();
    assert!(
        vars.iter().any(|(k, _)| k == "PORTAL_S3_BUCKET"),
        "PORTAL_TEST_S3=1 needs the PORTAL_S3_* variables (source scripts/s3.sh; s3_start)"
    );
    vars.push((
        "PORTAL_S3_PREFIX".into(),
        format!("test-{:032x}", rand::random::<u128>()),
    ));
    Some(vars)
}

/// With `PORTAL_TEST_POSTGRES` set: creates an empty database of a unique
/// name on that server and returns its URL.
pub async fn fresh_postgres_database() -> Option<String> {
    use sqlx::Connection;
    let admin = std::env::var("PORTAL_TEST_POSTGRES")
        .ok()
        .filter(|v| !v.is_empty())?;
    let name = format!("t_{:016x}", rand::random::<u64>());
    let mut conn = sqlx::PgConnection::connect(&admin)
        .await
        .expect("connect to PORTAL_TEST_POSTGRES");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .expect("create test database");
    conn.close().await.ok();
    let (base, _) = admin.rsplit_once('/').expect("URL with a database name");
    Some(format!("{base}/{name}"))
}

fn new_client() -> Client {
    Client::builder().cookie_store(true).build().unwrap()
}

/// Status and JSON body.
pub async fn json(resp: Response) -> (u16, Value) {
    let status = resp.status().as_u16();
    let body = resp.json().await.unwrap_or(Value::Null);
    (status, body)
}

/// Registers machao, a physician of the demo registry with no account yet
/// (his activation code goes to 13912345678): the 202 answer's body.
pub async fn register_machao(app: &TestApp) -> Value {
    let body = crate::registration::registration(
        "110101199011112218",
        "110110105000112",
        "machao",
        "13912345678",
    );
    let (status, body) = json(app.post("/api/v1/registration", &body).await).await;
    assert_eq!(status, 202, "{body}");
    body
}

/// The JSON answer of a request built on any client.
pub async fn request_json(req: reqwest::RequestBuilder) -> (u16, Value) {
    json(req.send().await.unwrap()).await
}

/// The registry record id of the demo practitioner named `name`.
pub async fn practitioner_id(app: &TestApp, name: &str) -> i64 {
    app.state
        .db
        .scalar(&format!(
            "SELECT id FROM practitioners WHERE name = '{}'",
            name.replace('\'', "''")
        ))
        .await
        .unwrap()
}

/// The signed-in practitioner applies for an e-license and is refused as
/// not eligible (422): the answer's checklist.
pub async fn refused_application(app: &TestApp) -> Value {
    let (status, body) = json(
        app.post("/api/v1/applications", &serde_json::json!({}))
            .await,
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["code"], "application.not_eligible");
    body["checklist"].clone()
}

/// Whether the checklist's criterion `code` passed.
pub fn passed(checklist: &Value, code: &str) -> bool {
    let criterion = checklist["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {checklist}"));
    criterion["passed"] == true
}

/// The password the authority tests set in place of a one-time password.
pub const NEW_PASSWORD: &str = "Qingdao#2026ok";

/// A valid unified social credit code whose body starts with `prefix`
/// (padded with 0).
pub fn credit_code(prefix: &str) -> String {
    let body = format!("{prefix:0<17}");
    format!(
        "{body}{}",
        rules::credit_code::check_character(&body).unwrap()
    )
}

/// A request in `client`'s browser (`GET`, `DELETE`, `PUT` or `POST`, the
/// last two with `body` as JSON): status and JSON body.
pub async fn send(
    app: &TestApp,
    client: &Client,
    method: &str,
    path: &str,
    body: Value,
) -> (u16, Value) {
    let url = app.url(path);
    let req = match method {
        "GET" => client.get(url),
        "DELETE" => client.delete(url),
        "PUT" => client.put(url).json(&body),
        _ => client.post(url).json(&body),
    };
    json(req.send().await.unwrap()).await
}

/// A password change at `path` (the authority's or an institution
/// administrator's) in `client`'s browser: status and JSON body.
pub async fn change_password(
    app: &TestApp,
    client: &Client,
    path: &str,
    current: &str,
    new: &str,
) -> (u16, Value) {
    let body = serde_json::json!({"current_password": current, "new_password": new});
    send(app, client, "POST", path, body).await
}

/// A `GET` in `client`'s browser: status and JSON body.
pub async fn get_in(app: &TestApp, client: &Client, path: &str) -> (u16, Value) {
    send(app, client, "GET", path, Value::Null).await
}

/// The text of a `GET` in `client`'s browser (a CSV export), whatever its
/// status.
pub async fn text_in(app: &TestApp, client: &Client, path: &str) -> String {
    client
        .get(app.url(path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// The JSON body of a `GET` in the app's own browser, which must answer 200.
pub async fn get_ok(app: &TestApp, path: &str) -> Value {
    get_ok_in(app, &app.client, path).await
}

/// The JSON body of a `GET` in `client`'s browser, which must answer 200.
pub async fn get_ok_in(app: &TestApp, client: &Client, path: &str) -> Value {
    let (status, body) = get_in(app, client, path).await;
    assert_eq!(status, 200, "{path}: {body}");
    body
}

/// The audit log's events whose row meets `condition` (SQL), oldest first.
pub async fn audit_events(app: &TestApp, condition: &str) -> Vec<String> {
    app.state
        .db
        .column(&format!(
            "SELECT event FROM audit_log WHERE {condition} ORDER BY id"
        ))
        .await
        .unwrap()
}

/// An authority administrator of `division` created with the command's
/// function, signed in in a new browser, its one-time password replaced by
/// [`NEW_PASSWORD`].
pub async fn new_authority(app: &TestApp, division: &str, username: &str) -> Client {
    let created = server::authority_admin::create(
        &app.state.db,
        division,
        username,
        Some("13900000001"),
        app.clock().now(),
    )
    .await
    .unwrap();
    let client = app.other_client();
    let (status, me) = send(
        app,
        &client,
        "POST",
        "/api/v1/authority/session",
        serde_json::json!({"username": username, "password": created.initial_password}),
    )
    .await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["must_change_password"], true);
    let (status, body) = change_password(
        app,
        &client,
        "/api/v1/authority/password",
        &created.initial_password,
        NEW_PASSWORD,
    )
    .await;
    assert_eq!(status, 204, "{body}");
    client
}

/// A demo account signed in at `session` (a sign-in path) in a new browser.
async fn demo_sign_in(app: &TestApp, session: &str, username: &str) -> Client {
    let client = app.other_client();
    let (status, body) = send(
        app,
        &client,
        "POST",
        session,
        serde_json::json!({"username": username, "password": DEMO_PASSWORD}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    client
}

/// A demo authority administrator (`nhc_admin` national, `sz_admin`
/// Shenzhen) signed in in a new browser.
pub async fn demo_authority(app: &TestApp, username: &str) -> Client {
    demo_sign_in(app, "/api/v1/authority/session", username).await
}

/// A demo institution administrator (`admin_a`, `admin_b`, ...) signed in in
/// a new browser.
pub async fn demo_admin(app: &TestApp, username: &str) -> Client {
    demo_sign_in(app, "/api/v1/institution/session", username).await
}
