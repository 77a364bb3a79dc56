//! Durability: the real server binary takes concurrent registrations and
//! applications, is killed with SIGKILL mid-flight, and restarts; every
//! write it acknowledged (2xx) must be there, and an SQLite database must
//! pass `PRAGMA integrity_check`. With `PORTAL_TEST_POSTGRES` set (the test
//! command's second run) the server runs on a fresh PostgreSQL database.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::json;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, PgConnection};

const PEOPLE: usize = 40;
const PASSWORD: &str = "Horse#Battery9";
const DEMO_PASSWORD: &str = "Demo#2026pass";

struct Server {
    child: Child,
    base: String,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `PORTAL_DB` for the test: a new PostgreSQL database when
/// `PORTAL_TEST_POSTGRES` is set, else an SQLite file in `dir`.
async fn database(dir: &Path) -> String {
    let Some(admin) = std::env::var("PORTAL_TEST_POSTGRES")
        .ok()
        .filter(|v| !v.is_empty())
    else {
        return dir.join("portal.db").to_string_lossy().into_owned();
    };
    let name = format!("durable_{:016x}", rand::random::<u64>());
    let mut conn = PgConnection::connect(&admin).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .unwrap();
    let (base, _) = admin.rsplit_once('/').unwrap();
    format!("{base}/{name}")
}

fn start(dir: &Path, db: &str) -> Server {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_server"))
        .env("PORTAL_ADDR", format!("127.0.0.1:{port}"))
        .env("PORTAL_DB", db)
        .env("PORTAL_DIST", dir.join("dist"))
        .env("PORTAL_UPLOADS", dir.join("uploads"))
        .env("PORTAL_DEMO", "1")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("server binary");
    Server {
        child,
        base: format!("http://127.0.0.1:{port}"),
    }
}

async fn wait_healthy(server: &Server) {
    let client = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Ok(r) = client
            .get(format!("{}/api/v1/health", server.base))
            .send()
            .await
        {
            if r.status().is_success() {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("server did not become healthy");
}

/// A valid resident ID number (check character computed by the rules).
fn id_number(i: usize) -> String {
    let body = format!("110105199001{:02}{:03}", 1 + i % 28, 100 + i);
    format!(
        "{body}{}",
        rules::id_number::check_character(&body).unwrap()
    )
}

fn certificate(i: usize) -> String {
    format!("11011010599{i:04}")
}

/// Registry records for the test's registrations, through the import
/// command (the institution is the demo's first).
fn import_people(dir: &Path, db: &str) -> PathBuf {
    let mut csv = String::from("kind,level,name,id_number,certificate_number,qualification_number,has_valid_qualification,status,registration_valid_from,registration_valid_until,title,category,institution_credit_code,phone_on_record\n");
    for i in 0..PEOPLE {
        csv.push_str(&format!(
            "physician,practising,测试{},{},{},,true,normal,,,,,12110105400003219C,\n",
            ["甲", "乙", "丙", "丁"][i % 4],
            id_number(i),
            certificate(i)
        ));
    }
    let file = dir.join("people.csv");
    std::fs::write(&file, csv).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("import-registry")
        .arg(&file)
        .env("PORTAL_DB", db)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    file
}

fn registration(i: usize) -> serde_json::Value {
    json!({
        "system": "physician",
        "id_number": id_number(i),
        "certificate_number": certificate(i),
        "username": format!("durable{i}"),
        "password": PASSWORD,
        "phone": format!("1390000{i:04}"),
        "security_questions": [
            {"question": "问题一", "answer": "答案一"},
            {"question": "问题二", "answer": "答案二"},
            {"question": "问题三", "answer": "答案三"}
        ]
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_writes_survive_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("dist")).unwrap();
    std::fs::write(dir.path().join("dist/index.html"), "<!doctype html>").unwrap();

    // First start seeds the demo data; then the registry gets our people.
    let db = database(dir.path()).await;
    let mut server = start(dir.path(), &db);
    wait_healthy(&server).await;
    import_people(dir.path(), &db);

    let acked_registrations: Arc<Mutex<Vec<String>>> = Arc::default();
    let acked_applications: Arc<Mutex<Vec<String>>> = Arc::default();
    let mut tasks = Vec::new();
    for i in 0..PEOPLE {
        let base = server.base.clone();
        let acked = acked_registrations.clone();
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::builder()
                .timeout(Duration::from_secs(30))
                .build()
                .unwrap();
            let resp = client
                .post(format!("{base}/api/v1/registration"))
                .json(&registration(i))
                .send()
                .await;
            if let Ok(r) = resp {
                if r.status().is_success() {
                    acked.lock().unwrap().push(format!("durable{i}"));
                }
            }
        }));
    }
    for (system, user) in [("physician", "zhangwei"), ("nurse", "lina")] {
        let base = server.base.clone();
        let acked = acked_applications.clone();
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::builder()
                .cookie_store(true)
                .timeout(Duration::from_secs(30))
                .build()
                .unwrap();
            let signed_in = client
                .post(format!("{base}/api/v1/session"))
                .json(&json!({"system": system, "username": user, "password": DEMO_PASSWORD}))
                .send()
                .await;
            if !signed_in.is_ok_and(|r| r.status().is_success()) {
                return;
            }
            if let Ok(r) = client
                .post(format!("{base}/api/v1/applications"))
                .json(&json!({}))
                .send()
                .await
            {
                if r.status().is_success() {
                    acked.lock().unwrap().push(user.to_owned());
                }
            }
        }));
    }

    // Kill mid-flight: once some writes are acknowledged, before all are.
    let deadline = Instant::now() + Duration::from_secs(60);
    while acked_registrations.lock().unwrap().len() < 5 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    server.child.kill().unwrap(); // SIGKILL
    server.child.wait().unwrap();
    for t in tasks {
        let _ = t.await;
    }
    let registrations = acked_registrations.lock().unwrap().clone();
    let applications = acked_applications.lock().unwrap().clone();
    eprintln!(
        "acknowledged before the kill: {} of {PEOPLE} registrations, {} of 2 applications",
        registrations.len(),
        applications.len()
    );
    assert!(registrations.len() >= 5, "{registrations:?}");
    assert!(
        registrations.len() < PEOPLE,
        "every registration finished before the kill: not a mid-flight test"
    );

    // Restart on the same files; the server must come up and serve.
    let mut server = start(dir.path(), &db);
    wait_healthy(&server).await;
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    for username in &registrations {
        let r = client
            .post(format!("{}/api/v1/session", server.base))
            .json(&json!({"system": "physician", "username": username, "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        // Registered, not yet activated: the password is checked, then the
        // sign-in is refused for want of activation (an unknown account
        // would read as wrong credentials).
        let status = r.status();
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(
            (status.as_u16(), body["error"]["code"].as_str()),
            (403, Some("auth.not_activated")),
            "acknowledged registration {username} lost"
        );
    }
    for username in &applications {
        let system = if username == "lina" {
            "nurse"
        } else {
            "physician"
        };
        client
            .post(format!("{}/api/v1/session", server.base))
            .json(&json!({"system": system, "username": username, "password": DEMO_PASSWORD}))
            .send()
            .await
            .unwrap();
        let r = client
            .get(format!("{}/api/v1/applications/current", server.base))
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status(),
            200,
            "acknowledged application of {username} lost"
        );
    }
    server.child.kill().unwrap();
    server.child.wait().unwrap();

    const DURABLE: &str = "SELECT COUNT(*) FROM accounts WHERE username LIKE 'durable%'";
    let accounts: i64 = if db.starts_with("postgres://") {
        let mut conn = PgConnection::connect(&db).await.unwrap();
        let n = sqlx::query_scalar(DURABLE)
            .fetch_one(&mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();
        n
    } else {
        let mut conn = SqliteConnectOptions::new()
            .filename(&db)
            .connect()
            .await
            .unwrap();
        let check: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&mut conn)
            .await
            .unwrap();
        assert_eq!(check, "ok");
        let n = sqlx::query_scalar(DURABLE)
            .fetch_one(&mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();
        n
    };
    assert!(accounts as usize >= registrations.len());
}
