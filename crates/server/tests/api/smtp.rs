//! Emails go out over SMTP: a tiny sink speaking just enough SMTP records
//! what the server sends.

use std::sync::{Arc, Mutex};

use serde_json::json;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

use crate::helpers::{TestApp, DEMO_PASSWORD};
use crate::registration::code_for;

/// One received message: envelope recipients and the DATA text.
#[derive(Debug, Clone, Default)]
struct Received {
    rcpt: Vec<String>,
    data: String,
}

/// Starts the sink; returns its URL and what it receives.
async fn sink() -> (String, Arc<Mutex<Vec<Received>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("smtp://{}", listener.local_addr().unwrap());
    let inbox: Arc<Mutex<Vec<Received>>> = Arc::default();
    let store = inbox.clone();
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                return;
            };
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 sink ESMTP\r\n").await.unwrap();
                let mut current = Received::default();
                while let Ok(Some(line)) = lines.next_line().await {
                    let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
                    let reply: &[u8] = match verb.as_str() {
                        "EHLO" | "HELO" => b"250-sink\r\n250 8BITMIME\r\n",
                        "MAIL" => b"250 sender ok\r\n",
                        "RCPT" => {
                            current.rcpt.push(line[8..].trim().to_owned());
                            b"250 recipient ok\r\n"
                        }
                        "DATA" => {
                            write.write_all(b"354 end with .\r\n").await.unwrap();
                            let mut data = String::new();
                            while let Ok(Some(l)) = lines.next_line().await {
                                if l == "." {
                                    break;
                                }
                                data.push_str(&l);
                                data.push('\n');
                            }
                            current.data = data;
                            store.lock().unwrap().push(std::mem::take(&mut current));
                            b"250 queued\r\n"
                        }
                        "QUIT" => {
                            let _ = write.write_all(b"221 bye\r\n").await;
                            return;
                        }
                        _ => b"250 ok\r\n",
                    };
                    if write.write_all(reply).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    (url, inbox)
}

/// Quoted-printable soft line breaks removed.
fn unfold(data: &str) -> String {
    data.replace("=\n", "")
}

#[tokio::test]
async fn email_codes_go_out_over_smtp() {
    let (url, inbox) = sink().await;
    let app = TestApp::spawn_with(&[
        ("PORTAL_SMTP_URL", url.as_str()),
        ("PORTAL_SMTP_FROM", "portal@example.org"),
    ])
    .await;
    app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    let resp = app
        .post(
            "/api/v1/me/contacts/code",
            &json!({"contact": "zw@example.com", "current_password": DEMO_PASSWORD}),
        )
        .await;
    assert_eq!(resp.status(), 200);
    // Demo mode keeps a copy in the outbox: the code there is the one sent.
    let code = code_for(&app, "zw@example.com").await.expect("outbox copy");
    let received = inbox.lock().unwrap().clone();
    assert_eq!(received.len(), 1, "{received:?}");
    let msg = &received[0];
    assert_eq!(msg.rcpt, ["<zw@example.com>"]);
    let text = unfold(&msg.data);
    assert!(text.contains("From: portal@example.org"), "{text}");
    assert!(
        text.contains(&code),
        "the code is not in the email:\n{text}"
    );
    // SMS do not go to the SMTP relay.
    let resp = app
        .post(
            "/api/v1/me/contacts/code",
            &json!({"contact": "13900002222", "current_password": DEMO_PASSWORD}),
        )
        .await;
    assert_eq!(resp.status(), 200);
    assert_eq!(inbox.lock().unwrap().len(), 1);
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
