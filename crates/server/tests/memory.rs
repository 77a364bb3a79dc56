//! Memory under parallel load: the real server binary, its peak resident set
//! (`VmHWM` in /proc) read after the load. Each password hash holds 19 MiB,
//! so 150 unbounded parallel sign-ins took the server from 0.8 to 3.5 GB;
//! bounded to one hash per core they stay within a few hashes' worth.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Peak resident set the server may reach in these tests (measured: 40 MiB
/// after start, 64 MiB after the load).
const PEAK_LIMIT_KIB: u64 = 128 * 1024;

struct Server {
    child: Child,
    base: String,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn start() -> Server {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("dist")).unwrap();
    std::fs::write(dir.path().join("dist/index.html"), "<!doctype html>").unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    // SQLite on purpose: this measures the server process, not the database.
    let child = Command::new(env!("CARGO_BIN_EXE_server"))
        .env("PORTAL_ADDR", format!("127.0.0.1:{port}"))
        .env("PORTAL_DB", dir.path().join("portal.db"))
        .env("PORTAL_DIST", dir.path().join("dist"))
        .env("PORTAL_UPLOADS", dir.path().join("uploads"))
        .env("PORTAL_DEMO", "1")
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("server binary");
    let server = Server {
        child,
        base: format!("http://127.0.0.1:{port}"),
        _dir: dir,
    };
    let client = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Ok(r) = client
            .get(format!("{}/api/v1/health", server.base))
            .send()
            .await
        {
            if r.status().is_success() {
                return server;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("server did not become healthy");
}

/// The process's peak resident set, KiB.
fn peak_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/PID/status")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_sign_ins_keep_memory_bounded() {
    let server = start().await;
    eprintln!(
        "peak resident set after start (demo seeding): {} MiB",
        peak_kib(server.child.id()) / 1024
    );
    let mut tasks = Vec::new();
    for i in 0..150 {
        let url = format!("{}/api/v1/session", server.base);
        tasks.push(tokio::spawn(async move {
            reqwest::Client::new()
                .post(url)
                .json(&serde_json::json!({
                    "system": "physician",
                    "username": format!("nobody{i:04}x{}", rand::random::<u32>()),
                    "password": "Wrong#password1",
                }))
                .send()
                .await
                .map(|r| r.status().as_u16())
                .unwrap_or(0)
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    // Every answer is a refusal of the credentials, a throttle, or "busy,
    // retry": never a failure of the server.
    assert!(
        statuses.iter().all(|s| [401, 429, 503].contains(s)),
        "{statuses:?}"
    );
    assert!(statuses.contains(&401), "{statuses:?}");
    let peak = peak_kib(server.child.id());
    eprintln!(
        "peak resident set after 150 parallel sign-ins: {} MiB",
        peak / 1024
    );
    assert!(
        peak < PEAK_LIMIT_KIB,
        "peak {peak} KiB over {PEAK_LIMIT_KIB} KiB"
    );
}
