//! Real servers written in Python that the tests talk to: an SMTP server
//! (aiosmtpd) and a stand-in for Tencent Cloud SMS that checks signatures as
//! the provider documents them (`tests/servers/`). Python is the project's
//! quality virtualenv (`scripts/setup.sh` makes it), or `PORTAL_TEST_PYTHON`.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

/// A running Python server; killed when dropped.
pub struct PyServer {
    child: Child,
    /// Its port on 127.0.0.1.
    pub port: u16,
    lines: Arc<Mutex<Vec<Value>>>,
}

fn python() -> String {
    std::env::var("PORTAL_TEST_PYTHON").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../.venv-quality/bin/python"
        )
        .to_owned()
    })
}

impl PyServer {
    /// Starts `tests/servers/<script>` with `args` and waits for its port.
    pub fn start(script: &str, args: &[&str]) -> PyServer {
        let path = format!("{}/tests/servers/{script}", env!("CARGO_MANIFEST_DIR"));
        let mut child = Command::new(python())
            .arg(&path)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot run {} (run scripts/setup.sh for the quality virtualenv): {e}",
                    python()
                )
            });
        let mut out = BufReader::new(child.stdout.take().unwrap()).lines();
        let first = out.next().and_then(Result::ok).unwrap_or_default();
        let port = first
            .strip_prefix("PORT ")
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or_else(|| {
                panic!("{script} did not start (is aiosmtpd installed?): {first:?}")
            });
        let lines: Arc<Mutex<Vec<Value>>> = Arc::default();
        let sink = lines.clone();
        std::thread::spawn(move || {
            for line in out.map_while(Result::ok) {
                if let Ok(v) = serde_json::from_str(&line) {
                    sink.lock().unwrap().push(v);
                }
            }
        });
        PyServer { child, port, lines }
    }

    /// What it reported so far, one JSON value per event.
    pub fn lines(&self) -> Vec<Value> {
        self.lines.lock().unwrap().clone()
    }
}

impl Drop for PyServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits (up to `secs`) until `done` holds; whether it did.
pub async fn eventually(secs: u64, mut done: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while Instant::now() < deadline {
        if done() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    done()
}

/// The delivery state of the latest message to `to` (`queued`, `sent`,
/// `failed`), its attempts and failure.
pub async fn latest_state(
    app: &crate::helpers::TestApp,
    to: &str,
) -> (String, i64, Option<String>) {
    let mut c = app.state.db.acquire().await.unwrap();
    let row = server::store::outbox::latest(&mut c, to, 1)
        .await
        .unwrap()
        .pop()
        .expect("a message");
    (row.state, row.attempts, row.failure)
}

/// Waits (up to `secs`) until the latest message to `to` leaves `queued`.
pub async fn settled(
    app: &crate::helpers::TestApp,
    to: &str,
    secs: u64,
) -> (String, i64, Option<String>) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let state = latest_state(app, to).await;
        if state.0 != "queued" || Instant::now() > deadline {
            return state;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
