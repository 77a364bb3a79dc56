//! Emails go out over SMTP to a real SMTP server (aiosmtpd, see
//! `servers.rs`), from the outbox, after the answer, with retries.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::helpers::{TestApp, DEMO_PASSWORD};
use crate::registration::code_for;
use crate::servers::{eventually, latest_state, settled, PyServer};

/// Quoted-printable soft line breaks removed.
fn unfold(data: &str) -> String {
    data.replace("=\r\n", "").replace("=\n", "")
}

/// The accepted messages (not the refusals) the server reported.
fn accepted(server: &PyServer) -> Vec<serde_json::Value> {
    server
        .lines()
        .into_iter()
        .filter(|l| l.get("data").is_some())
        .collect()
}

fn refused(server: &PyServer) -> usize {
    server
        .lines()
        .iter()
        .filter(|l| l.get("refused").is_some())
        .count()
}

async fn spawn_with_relay(relay: &PyServer, extra: &[(&str, &str)]) -> TestApp {
    let url = format!("smtp://127.0.0.1:{}", relay.port);
    let mut env = vec![
        ("PORTAL_SMTP_URL", url.as_str()),
        ("PORTAL_SMTP_FROM", "电子证照 <portal@example.org>"),
    ];
    env.extend_from_slice(extra);
    TestApp::spawn_with(&env).await
}

/// The signed-in practitioner asks for a code to a new contact (answered
/// 200): the outbox queues its message.
async fn send_contact_code(app: &TestApp, contact: &str) {
    let body = json!({"contact": contact, "current_password": DEMO_PASSWORD});
    let resp = app.post("/api/v1/me/contacts/code", &body).await;
    assert_eq!(resp.status(), 200);
}

#[tokio::test]
async fn email_codes_go_out_over_smtp_with_message_id_and_date() {
    let relay = PyServer::start("smtp_server.py", &[]);
    let app = spawn_with_relay(&relay, &[("PORTAL_MAIL_DOMAIN", "mail.example.org")]).await;
    app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    send_contact_code(&app, "zw@example.com").await;
    // Demo mode keeps the text in the outbox: the code there is the one sent.
    let code = code_for(&app, "zw@example.com").await.expect("outbox copy");
    assert!(eventually(10, || accepted(&relay).len() == 1).await);
    let msg = &accepted(&relay)[0];
    assert_eq!(msg["rcpt_tos"], json!(["zw@example.com"]));
    assert_eq!(msg["mail_from"], "portal@example.org");
    let text = unfold(msg["data"].as_str().unwrap());
    let headers = &text[..text.find("\r\n\r\n").or(text.find("\n\n")).unwrap()];
    let header = |name: &str| {
        headers
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{name}: ")))
            .unwrap_or_else(|| panic!("no {name} header:\n{headers}"))
            .to_owned()
    };
    assert!(
        header("From").ends_with("<portal@example.org>"),
        "{headers}"
    );
    let id = header("Message-ID");
    assert!(
        id.starts_with('<') && id.ends_with("@mail.example.org>") && id.len() > 30,
        "{id}"
    );
    // RFC 5322 date, e.g. "Mon, 30 Nov 2026 16:40:00 +0000".
    let date = header("Date");
    assert!(
        chrono::DateTime::parse_from_rfc2822(&date).is_ok(),
        "{date}"
    );
    assert!(header("Subject").starts_with("=?utf-8?"), "{headers}");
    assert_eq!(header("Content-Transfer-Encoding"), "quoted-printable");
    assert!(
        text.contains(&code),
        "the code is not in the email:\n{text}"
    );
    assert_eq!(settled(&app, "zw@example.com", 10).await.0, "sent");
    // SMS do not go to the SMTP relay.
    send_contact_code(&app, "13900002222").await;
    assert_eq!(settled(&app, "13900002222", 10).await.0, "sent");
    assert_eq!(accepted(&relay).len(), 1);
}

#[tokio::test]
async fn a_relay_that_fails_twice_then_accepts_gets_the_message_once() {
    let relay = PyServer::start("smtp_server.py", &["--fail", "2"]);
    let app = spawn_with_relay(&relay, &[("PORTAL_OUTBOX_RETRY_SECS", "1")]).await;
    app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    send_contact_code(&app, "zw@example.com").await;
    // 451, wait 1 s, 451, wait 2 s, accepted.
    let (state, attempts, _) = settled(&app, "zw@example.com", 20).await;
    assert_eq!((state.as_str(), attempts), ("sent", 3));
    assert_eq!(refused(&relay), 2);
    // Nothing more arrives later: once, not at least once.
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(accepted(&relay).len(), 1, "{:?}", relay.lines());
}

#[tokio::test]
async fn a_relay_that_refuses_for_good_leaves_the_message_failed_with_the_reason() {
    // Nothing listens there: connection refused, a temporary failure, tried
    // again until the attempts run out.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let url = format!("smtp://127.0.0.1:{port}");
    let app =
        TestApp::spawn_with(&[("PORTAL_SMTP_URL", &url), ("PORTAL_OUTBOX_RETRY_SECS", "0")]).await;
    app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    send_contact_code(&app, "zw@example.com").await;
    let (state, attempts, failure) = settled(&app, "zw@example.com", 20).await;
    assert_eq!(state, "failed");
    assert_eq!(attempts, server::delivery::MAX_ATTEMPTS);
    assert!(failure.unwrap_or_default().starts_with("smtp:"));
}

#[tokio::test]
async fn a_contact_change_answers_without_waiting_for_delivery() {
    // The relay accepts the connection and then never answers DATA.
    let relay = PyServer::start("smtp_server.py", &["--stall"]);
    let app = spawn_with_relay(&relay, &[]).await;
    app.state
        .db
        .execute_sql(
            "UPDATE accounts SET email = 'old@example.com', email_verified = TRUE WHERE username = 'zhangwei'",
        )
        .await
        .unwrap();
    app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    let started = Instant::now();
    send_contact_code(&app, "zw@example.com").await;
    let code = code_for(&app, "zw@example.com").await.expect("queued");
    let resp = app
        .post(
            "/api/v1/me/contacts",
            &json!({"contact": "zw@example.com", "code": code}),
        )
        .await;
    assert_eq!(resp.status(), 200);
    // Both answers came while the relay hung (its client times out after
    // 10 s): the requests did not wait for it.
    let took = started.elapsed();
    assert!(took < Duration::from_secs(3), "{took:?}");
    // The notice to the old address was queued with the change.
    let (state, _, _) = latest_state(&app, "old@example.com").await;
    assert_eq!(state, "queued");
    assert!(accepted(&relay).is_empty());
}

#[tokio::test]
async fn an_unusable_smtp_url_stops_the_start() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_owned();
    let config = server::Config::from_lookup(move |k| match k {
        "PORTAL_DB" => Some(root.join("db").to_string_lossy().into_owned()),
        "PORTAL_UPLOADS" => Some(root.join("up").to_string_lossy().into_owned()),
        "PORTAL_SMTP_URL" => Some("smtps://user:secret@mail:465".into()),
        _ => None,
    })
    .unwrap();
    let err = server::AppState::new(config).await.err().expect("refused");
    assert!(err.to_string().contains("PORTAL_SMTP_URL"), "{err}");
    assert!(!err.to_string().contains("secret"), "{err}");
}
