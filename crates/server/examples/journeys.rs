//! Practitioners' journeys against a running portal (one server, or nginx in
//! front of several): each one signs in, makes twenty reads, applies for the
//! e-license and reads it. Used by the benchmark (journeys per second,
//! latency) and by the cluster test (a server killed mid-way: every client
//! still finishes, no acknowledged application is lost, no licence
//! identifier is given twice).
//!
//!   cargo run --release -p server --example journeys -- BASE USERS_FILE [CONCURRENCY]
//!
//! USERS_FILE has one `system username` per line (the demo password). A
//! request that fails in transport or with 502/503/504 (its server went away)
//! is retried up to five times, as a person would press the button again.
//! Prints one JSON object; exits 1 when a journey failed for good, an
//! acknowledged application is missing afterwards, or an identifier repeats.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};

const PASSWORD: &str = "Demo#2026pass";
const READS: [&str; 4] = [
    "/api/v1/me",
    "/api/v1/campaigns",
    "/api/v1/applications/current",
    "/api/v1/me",
];
const TRIES: usize = 5;

#[derive(Default)]
struct Tally {
    latencies_ms: Vec<f64>,
    retried: usize,
    failed: Vec<String>,
    /// username → licence identifier, for every acknowledged application.
    licences: HashMap<String, String>,
}

/// One request, retried while its server is unreachable; its status and body.
async fn send(
    client: &Client,
    tally: &Mutex<Tally>,
    method: Method,
    url: &str,
    body: Option<&Value>,
) -> Result<(StatusCode, Value), String> {
    let mut last = String::new();
    for attempt in 0..TRIES {
        if attempt > 0 {
            tally.lock().unwrap().retried += 1;
            tokio::time::sleep(Duration::from_millis(200 * attempt as u64)).await;
        }
        let mut req = client.request(method.clone(), url);
        if let Some(b) = body {
            req = req.json(b);
        }
        let started = Instant::now();
        match req.send().await {
            Ok(resp) => {
                let status = resp.status();
                if matches!(status.as_u16(), 502..=504) {
                    last = format!("{status}");
                    continue;
                }
                let value = resp.json().await.unwrap_or(Value::Null);
                tally
                    .lock()
                    .unwrap()
                    .latencies_ms
                    .push(started.elapsed().as_secs_f64() * 1000.0);
                return Ok((status, value));
            }
            Err(e) => last = e.to_string(),
        }
    }
    Err(format!("{method} {url}: {last}"))
}

async fn journey(
    base: &str,
    system: &str,
    username: &str,
    tally: &Mutex<Tally>,
) -> Result<(), String> {
    let client = Client::builder()
        .cookie_store(true)
        .timeout(Duration::from_secs(30))
        .build()
        .map_err(|e| e.to_string())?;
    let sign_in = json!({"system": system, "username": username, "password": PASSWORD});
    let (status, body) = send(
        &client,
        tally,
        Method::POST,
        &format!("{base}/api/v1/session"),
        Some(&sign_in),
    )
    .await?;
    if status != StatusCode::OK {
        return Err(format!("{username}: sign-in {status} {body}"));
    }
    for i in 0..20 {
        let path = READS[i % READS.len()];
        let (status, body) =
            send(&client, tally, Method::GET, &format!("{base}{path}"), None).await?;
        let fine = status == StatusCode::OK
            || (status == StatusCode::NOT_FOUND && path.ends_with("current"));
        if !fine {
            return Err(format!("{username}: {path} {status} {body}"));
        }
    }
    let (status, body) = send(
        &client,
        tally,
        Method::POST,
        &format!("{base}/api/v1/applications"),
        Some(&json!({})),
    )
    .await?;
    if !(status == StatusCode::CREATED || status == StatusCode::OK) {
        return Err(format!("{username}: apply {status} {body}"));
    }
    let (status, licence) = send(
        &client,
        tally,
        Method::GET,
        &format!("{base}/api/v1/license"),
        None,
    )
    .await?;
    let identifier = licence["fields"]["id"].as_str().map(str::to_owned);
    match (status, identifier) {
        (StatusCode::OK, Some(id)) => {
            tally
                .lock()
                .unwrap()
                .licences
                .insert(username.to_owned(), id);
            Ok(())
        }
        _ => Err(format!("{username}: licence {status} {licence}")),
    }
}

/// After the load: every acknowledged application is there, on whichever
/// server answers now.
async fn missing_after(
    base: &str,
    users: &[(String, String)],
    tally: &Mutex<Tally>,
) -> Vec<String> {
    let acked: Vec<(String, String)> = {
        let t = tally.lock().unwrap();
        users
            .iter()
            .filter(|(_, u)| t.licences.contains_key(u))
            .cloned()
            .collect()
    };
    let mut missing = Vec::new();
    for (system, username) in acked {
        let client = Client::builder().cookie_store(true).build().unwrap();
        let sign_in = json!({"system": system, "username": username, "password": PASSWORD});
        let ok = match send(
            &client,
            tally,
            Method::POST,
            &format!("{base}/api/v1/session"),
            Some(&sign_in),
        )
        .await
        {
            Ok((StatusCode::OK, _)) => matches!(
                send(
                    &client,
                    tally,
                    Method::GET,
                    &format!("{base}/api/v1/applications/current"),
                    None
                )
                .await,
                Ok((StatusCode::OK, _))
            ),
            _ => false,
        };
        if !ok {
            missing.push(username);
        }
    }
    missing
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(base), Some(file)) = (args.first(), args.get(1)) else {
        eprintln!("usage: journeys BASE USERS_FILE [CONCURRENCY]");
        std::process::exit(2);
    };
    let concurrency: usize = args.get(2).and_then(|c| c.parse().ok()).unwrap_or(16);
    let users: Vec<(String, String)> = std::fs::read_to_string(file)
        .expect("users file")
        .lines()
        .filter_map(|l| l.split_once(' '))
        .map(|(s, u)| (s.trim().to_owned(), u.trim().to_owned()))
        .collect();
    let base = base.trim_end_matches('/').to_owned();
    let tally = Arc::new(Mutex::new(Tally::default()));
    let queue = Arc::new(Mutex::new(users.clone()));
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..concurrency {
        let (base, tally, queue) = (base.clone(), tally.clone(), queue.clone());
        workers.push(tokio::spawn(async move {
            loop {
                let Some((system, username)) = queue.lock().unwrap().pop() else {
                    break;
                };
                if let Err(e) = journey(&base, &system, &username, &tally).await {
                    tally.lock().unwrap().failed.push(e);
                }
            }
        }));
    }
    for w in workers {
        w.await.unwrap();
    }
    let elapsed = started.elapsed().as_secs_f64();
    let missing = missing_after(&base, &users, &tally).await;
    let t = tally.lock().unwrap();
    let mut sorted = t.latencies_ms.clone();
    sorted.sort_by(f64::total_cmp);
    let ids: HashSet<&String> = t.licences.values().collect();
    let duplicates = t.licences.len() - ids.len();
    let done = t.licences.len();
    let summary = json!({
        "journeys": users.len(),
        "completed": done,
        "seconds": (elapsed * 100.0).round() / 100.0,
        "journeys_per_second": ((done as f64 / elapsed) * 10.0).round() / 10.0,
        "requests": sorted.len(),
        "p50_ms": (percentile(&sorted, 0.5) * 10.0).round() / 10.0,
        "p99_ms": (percentile(&sorted, 0.99) * 10.0).round() / 10.0,
        "retried": t.retried,
        "errors": t.failed.len(),
        "missing_applications": missing.len(),
        "duplicate_identifiers": duplicates,
        "first_errors": t.failed.iter().take(5).collect::<Vec<_>>(),
    });
    println!("{summary}");
    if !t.failed.is_empty() || !missing.is_empty() || duplicates > 0 {
        std::process::exit(1);
    }
}
