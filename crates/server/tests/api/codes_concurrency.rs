//! Races: requests fired at once, each on its own task, against the real
//! server. One-time code tries are counted atomically, one contact has at
//! most one live code, and one username goes to one registration.

use serde_json::{json, Value};

use crate::helpers::{json, TestApp};
use crate::registration::{activate, code_for, registration};

/// Fires every `(path, body)` at once, each from its own client and task,
/// and returns the statuses and bodies in the order given.
async fn all_at_once(app: &TestApp, requests: Vec<(&str, Value)>) -> Vec<(u16, Value)> {
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(requests.len()));
    let tasks: Vec<_> = requests
        .into_iter()
        .map(|(path, body)| {
            let client = app.other_client();
            let url = app.url(path);
            let barrier = barrier.clone();
            tokio::spawn(async move {
                barrier.wait().await;
                let resp = client.post(url).json(&body).send().await.unwrap();
                json(resp).await
            })
        })
        .collect();
    let mut out = Vec::new();
    for task in tasks {
        out.push(task.await.unwrap());
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn thirty_parallel_wrong_codes_check_exactly_five() {
    let app = TestApp::spawn().await;
    // sunhao (not activated, phone 13800138009).
    let to = json!({"to": "13800138009"});
    assert_eq!(app.post("/api/v1/activation/code", &to).await.status(), 200);
    let code = code_for(&app, "13800138009").await.unwrap();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let answers = all_at_once(
        &app,
        (0..30)
            .map(|_| {
                (
                    "/api/v1/activation",
                    json!({"to": "13800138009", "code": wrong}),
                )
            })
            .collect(),
    )
    .await;
    let count = |code: &str| {
        answers
            .iter()
            .filter(|(status, body)| *status == 422 && body["error"]["code"] == code)
            .count()
    };
    assert_eq!(count("otp.invalid"), 5, "{answers:?}");
    assert_eq!(count("otp.too_many_tries"), 25, "{answers:?}");
    let tries: i64 = app
        .state
        .db
        .scalar(
            "SELECT tries FROM otp_codes WHERE contact = '13800138009' ORDER BY id DESC LIMIT 1",
        )
        .await
        .unwrap();
    assert_eq!(tries, 5);
    // The right code is refused too now.
    let (status, body) = activate(&app, "13800138009", &code).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (422, Some("otp.too_many_tries"))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_right_codes_activate_once() {
    let app = TestApp::spawn().await;
    let to = json!({"to": "13800138009"});
    assert_eq!(app.post("/api/v1/activation/code", &to).await.status(), 200);
    let code = code_for(&app, "13800138009").await.unwrap();
    let answers = all_at_once(
        &app,
        (0..8)
            .map(|_| {
                (
                    "/api/v1/activation",
                    json!({"to": "13800138009", "code": code}),
                )
            })
            .collect(),
    )
    .await;
    // One wins; every other use is refused (each counted a try first, so
    // past the fifth the refusal is `otp.too_many_tries`).
    let ok = answers.iter().filter(|(s, _)| *s == 204).count();
    let refused = answers
        .iter()
        .filter(|(s, b)| {
            *s == 422
                && (b["error"]["code"] == "otp.invalid"
                    || b["error"]["code"] == "otp.too_many_tries")
        })
        .count();
    assert_eq!((ok, refused), (1, 7), "{answers:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_code_sends_leave_one_live_code() {
    let app = TestApp::spawn().await;
    let answers = all_at_once(
        &app,
        (0..6)
            .map(|_| ("/api/v1/activation/code", json!({"to": "13800138009"})))
            .collect(),
    )
    .await;
    let sent = answers.iter().filter(|(s, _)| *s == 200).count();
    let too_soon = answers
        .iter()
        .filter(|(s, b)| *s == 429 && b["error"]["code"] == "otp.resend_too_soon")
        .count();
    assert_eq!((sent, too_soon), (1, 5), "{answers:?}");
    let live: i64 = app
        .state
        .db
        .scalar("SELECT COUNT(*) FROM otp_codes WHERE contact = '13800138009' AND used = FALSE")
        .await
        .unwrap();
    assert_eq!(live, 1);
    // The code that went out works.
    let code = code_for(&app, "13800138009").await.unwrap();
    assert_eq!(activate(&app, "13800138009", &code).await.0, 204);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_parallel_registrations_of_one_username() {
    let app = TestApp::spawn().await;
    // Two registry records without accounts (马超, physician; 黄丽, nurse),
    // one username.
    let first = registration(
        "110101199011112218",
        "110110105000112",
        "tongming",
        "13912340001",
    );
    let mut second = registration(
        "650102198505050122",
        "202031000100113",
        "TongMing",
        "13912340002",
    );
    second["system"] = json!("nurse");
    let answers = all_at_once(
        &app,
        vec![
            ("/api/v1/registration", first),
            ("/api/v1/registration", second),
        ],
    )
    .await;
    let mut statuses: Vec<u16> = answers.iter().map(|(s, _)| *s).collect();
    statuses.sort();
    assert_eq!(statuses, [202, 409], "{answers:?}");
    let (_, conflict) = answers.iter().find(|(s, _)| *s == 409).unwrap();
    assert_eq!(conflict["error"]["code"], "registration.username_taken");
    assert_eq!(conflict["error"]["fields"]["username"], "该用户名已被使用");
    let accounts: i64 = app
        .state
        .db
        .scalar("SELECT COUNT(*) FROM accounts WHERE lower(username) = 'tongming'")
        .await
        .unwrap();
    assert_eq!(accounts, 1);
}
