//! Issue 16: limits shared through the database (parallel attempts, two
//! servers, a restart), the client address behind trusted proxies, and the
//! cookies and HSTS of a deployment behind HTTPS.

use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use server::AppState;

use crate::helpers::{register_machao, TestApp, DEMO_PASSWORD};

/// Another server on the app's database (as a second process would be:
/// its own state, its own memory), serving on its own port.
async fn server_on_same_database(app: &TestApp) -> (String, AppState) {
    let state = AppState::new((*app.state.config).clone())
        .await
        .expect("second server");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(server::serve(listener, state.clone()));
    (address, state)
}

/// `n` sign-ins of `username` with `password` at once: their statuses.
async fn parallel_sign_ins(address: &str, n: usize, username: &str, password: &str) -> Vec<u16> {
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..n {
        let url = format!("{address}/api/v1/session");
        let body = json!({"system": "physician", "username": username, "password": password});
        tasks.spawn(async move {
            Client::new()
                .post(url)
                .json(&body)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        });
    }
    tasks.join_all().await
}

async fn sign_in_at(address: &str, username: &str, password: &str) -> u16 {
    Client::new()
        .post(format!("{address}/api/v1/session"))
        .json(&json!({"system": "physician", "username": username, "password": password}))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

fn count(statuses: &[u16], status: u16) -> usize {
    statuses.iter().filter(|s| **s == status).count()
}

async fn failed_sign_ins(app: &TestApp) -> i64 {
    app.state
        .db
        .scalar("SELECT COUNT(*) FROM audit_log WHERE event = 'account.sign_in_failed'")
        .await
        .unwrap()
}

#[tokio::test]
async fn parallel_wrong_passwords_stop_at_the_allowance() {
    let app = TestApp::spawn().await;
    let statuses = parallel_sign_ins(&app.address, 40, "zhangwei", "Wrong#2026pass").await;
    // Each attempt is counted before its password is checked: the first
    // five are checked (401), the other 35 wait (429), however they race.
    assert_eq!(
        (count(&statuses, 401), count(&statuses, 429)),
        (5, 35),
        "{statuses:?}"
    );
    // Only the checked ones were audited as failed sign-ins.
    assert_eq!(failed_sign_ins(&app).await, 5);
    // The right password waits too, and is not counted while waiting.
    assert_eq!(
        sign_in_at(&app.address, "zhangwei", DEMO_PASSWORD).await,
        429
    );
    app.clock().advance(31);
    assert_eq!(
        sign_in_at(&app.address, "zhangwei", DEMO_PASSWORD).await,
        200
    );
}

#[tokio::test]
async fn blocks_double_up_to_fifteen_minutes_and_are_forgotten_after_a_day() {
    let app = TestApp::spawn().await;
    let wrong = || app.sign_in("nurse", "lina", "Wrong#2026pass");
    for _ in 0..5 {
        assert_eq!(wrong().await.status(), 401);
    }
    let mut expected = 30;
    for _ in 0..7 {
        let resp = wrong().await;
        assert_eq!(resp.status(), 429);
        let retry: i64 = resp.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        // (The test clock runs: a second may have passed.)
        assert!(
            retry == expected || retry == expected - 1,
            "{retry} {expected}"
        );
        // After the wait one more attempt is checked, and doubles the wait.
        app.clock().advance(retry);
        assert_eq!(wrong().await.status(), 401);
        expected = (expected * 2).min(15 * 60);
    }
    // A day without attempts forgets them; the retention job purges the row.
    app.clock().advance(24 * 3600 + 1);
    assert_eq!(wrong().await.status(), 401);
    app.clock().advance(24 * 3600 + 1);
    let purged = server::retention::purge(&app.state.db, app.clock().now())
        .await
        .unwrap();
    assert!(purged.throttles >= 1, "{purged:?}");
    let left: i64 = app
        .state
        .db
        .scalar("SELECT COUNT(*) FROM throttles")
        .await
        .unwrap();
    assert_eq!(left, 0);
    assert_eq!(
        app.sign_in("nurse", "lina", DEMO_PASSWORD).await.status(),
        200
    );
}

#[tokio::test]
async fn parallel_wrong_answer_sets_lock_the_questions() {
    let app = TestApp::spawn().await;
    register_machao(&app).await;
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let url = app.url("/api/v1/recovery/answers");
        tasks.spawn(async move {
            let resp = Client::new()
                .post(url)
                .json(&json!({"username": "machao", "answers": ["王秀英", "hongxing", "wrong"]}))
                .send()
                .await
                .unwrap();
            let status = resp.status().as_u16();
            let body: Value = resp.json().await.unwrap();
            (status, body["error"]["code"].as_str().unwrap().to_owned())
        });
    }
    let answers = tasks.join_all().await;
    let wrong = answers
        .iter()
        .filter(|a| *a == &(422, "recovery.answers_wrong".to_owned()))
        .count();
    let locked = answers
        .iter()
        .filter(|a| *a == &(429, "recovery.locked".to_owned()))
        .count();
    assert_eq!((wrong, locked), (5, 15), "{answers:?}");
    let locks: i64 = app
        .state
        .db
        .scalar("SELECT COUNT(*) FROM audit_log WHERE event = 'recovery.answers_locked'")
        .await
        .unwrap();
    assert_eq!(locks, 1);
    let right = json!({"username": "machao", "answers": ["王秀英", "hongxing", "doudou"]});
    assert_eq!(
        app.post("/api/v1/recovery/answers", &right).await.status(),
        429
    );
    app.clock().advance(30 * 60 + 1);
    assert_eq!(
        app.post("/api/v1/recovery/answers", &right).await.status(),
        200
    );
}

#[tokio::test]
async fn a_block_survives_a_restart() {
    let app = TestApp::spawn().await;
    for _ in 0..5 {
        app.sign_in("physician", "zhangwei", "Wrong#2026pass").await;
    }
    // The server stops; another starts on the same database.
    app.state.db.close().await;
    let (address, _state) = server_on_same_database(&app).await;
    assert_eq!(sign_in_at(&address, "zhangwei", DEMO_PASSWORD).await, 429);
}

#[tokio::test]
async fn failures_spread_over_two_servers_block_on_both() {
    let app = TestApp::spawn().await;
    let (b, _state) = server_on_same_database(&app).await;
    for i in 0..5 {
        let address = if i % 2 == 0 { &app.address } else { &b };
        assert_eq!(sign_in_at(address, "zhangwei", "Wrong#2026pass").await, 401);
    }
    assert_eq!(
        sign_in_at(&app.address, "zhangwei", DEMO_PASSWORD).await,
        429
    );
    assert_eq!(sign_in_at(&b, "zhangwei", DEMO_PASSWORD).await, 429);
    // And at once on both: still no more than the allowance is checked.
    let app = TestApp::spawn().await;
    let (b, _state) = server_on_same_database(&app).await;
    let (on_a, on_b) = tokio::join!(
        parallel_sign_ins(&app.address, 20, "lina", "Wrong#2026pass"),
        parallel_sign_ins(&b, 20, "lina", "Wrong#2026pass"),
    );
    let all: Vec<u16> = on_a.into_iter().chain(on_b).collect();
    // (`lina` is a nurse: these physician sign-ins fail alike.)
    assert_eq!((count(&all, 401), count(&all, 429)), (5, 35), "{all:?}");
}

#[tokio::test]
async fn a_right_password_takes_its_attempt_back_from_the_address() {
    let app = TestApp::spawn().await;
    // Thirty colleagues behind one address sign in rightly: the address's
    // count (30 failures allowed) is not used up by them.
    for _ in 0..35 {
        assert_eq!(
            app.sign_in("physician", "zhangwei", DEMO_PASSWORD)
                .await
                .status(),
            200
        );
    }
    let attempts: i64 = app
        .state
        .db
        .scalar("SELECT CAST(COALESCE(SUM(attempts), 0) AS BIGINT) FROM throttles")
        .await
        .unwrap();
    assert_eq!(attempts, 0);
}

/// A wrong sign-in sent by the test client (peer 127.0.0.1) with
/// `X-Forwarded-For: forwarded`; the address the server recorded.
async fn recorded_address(app: &TestApp, username: &str, forwarded: &str) -> String {
    let resp = app
        .client
        .post(app.url("/api/v1/session"))
        .header("x-forwarded-for", forwarded)
        .json(&json!({"system": "physician", "username": username, "password": "Wrong#2026pass"}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 401);
    let ip: String = app
        .state
        .db
        .scalar(
            "SELECT detail FROM audit_log WHERE event = 'account.sign_in_failed' ORDER BY id DESC LIMIT 1",
        )
        .await
        .unwrap();
    serde_json::from_str::<Value>(&ip).unwrap()["ip"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_forwarded_client_counts() {
    let app = TestApp::spawn_with(&[("PORTAL_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8")]).await;
    // The right-most entry that is not a trusted proxy; what the client
    // wrote itself (left of it) is not believed.
    assert_eq!(
        recorded_address(&app, "zhangwei", "6.6.6.6, 203.0.113.7, 10.1.2.3").await,
        "203.0.113.7"
    );
    // 30 failed sign-ins from one client behind the proxy block that
    // client's address, not the proxy's: another client signs in.
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..29 {
        let req = app
            .client
            .post(app.url("/api/v1/session"))
            .header("x-forwarded-for", "203.0.113.7")
            .json(&json!({"system": "physician", "username": format!("nobody{i}"), "password": "Wrong#2026pass"}));
        tasks.spawn(async move { req.send().await.unwrap().status().as_u16() });
    }
    let statuses = tasks.join_all().await;
    assert_eq!(count(&statuses, 401), 29, "{statuses:?}");
    let from = |forwarded: &'static str, username: &str| {
        app.client
            .post(app.url("/api/v1/session"))
            .header("x-forwarded-for", forwarded)
            .json(&json!({"system": "physician", "username": username, "password": DEMO_PASSWORD}))
            .send()
    };
    assert_eq!(
        from("203.0.113.7", "zhangwei").await.unwrap().status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        from("198.51.100.9", "zhangwei").await.unwrap().status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_spoofed_forwarded_for_from_an_untrusted_peer_is_ignored() {
    // Without the variable, and with it naming other proxies than the peer.
    for extra in [vec![], vec![("PORTAL_TRUSTED_PROXIES", "10.0.0.1")]] {
        let app = TestApp::spawn_with(&extra).await;
        assert_eq!(
            recorded_address(&app, "zhangwei", "203.0.113.7").await,
            "127.0.0.1"
        );
        // A new address in every request does not dodge the address's limit.
        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..29 {
            let req = app
                .client
                .post(app.url("/api/v1/session"))
                .header("x-forwarded-for", format!("203.0.113.{i}"))
                .json(&json!({"system": "physician", "username": format!("nobody{i}"), "password": "Wrong#2026pass"}));
            tasks.spawn(async move { req.send().await.unwrap().status().as_u16() });
        }
        tasks.join_all().await;
        let resp = app
            .client
            .post(app.url("/api/v1/session"))
            .header("x-forwarded-for", "198.51.100.9")
            .json(&json!({"system": "physician", "username": "lina", "password": DEMO_PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 429);
    }
}

/// The `Set-Cookie` values of a response.
fn set_cookies(resp: &reqwest::Response) -> Vec<String> {
    resp.headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect()
}

/// `name=value` of the first `Set-Cookie`.
fn cookie_pair(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap().to_owned()
}

#[tokio::test]
async fn over_https_every_cookie_is_host_prefixed_and_secure_with_hsts() {
    let app = TestApp::spawn_with(&[("PORTAL_PUBLIC_URL", "https://portal.example.cn")]).await;
    // A client without a cookie jar: reqwest would not send `Secure`
    // cookies over the test's plain HTTP.
    let client = Client::new();
    let resp = client
        .post(app.url("/api/v1/session"))
        .json(&json!({"system": "physician", "username": "zhangwei", "password": DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(
        resp.headers()["strict-transport-security"],
        "max-age=31536000"
    );
    let session = set_cookies(&resp);
    assert_eq!(session.len(), 1);
    assert!(
        session[0].starts_with("__Host-portal_session="),
        "{session:?}"
    );
    assert!(session[0].contains("; Path=/") && session[0].ends_with("; Secure"));
    // Read under the name in force only.
    let pair = cookie_pair(&session[0]);
    let me = |cookie: String| {
        client
            .get(app.url("/api/v1/me"))
            .header("cookie", cookie)
            .send()
    };
    assert_eq!(me(pair.clone()).await.unwrap().status(), 200);
    let plain = pair.replacen("__Host-", "", 1);
    assert_eq!(me(plain).await.unwrap().status(), 401);
    // Sign-out clears the prefixed cookie.
    let resp = client
        .delete(app.url("/api/v1/session"))
        .header("cookie", pair.clone())
        .send()
        .await
        .unwrap();
    let cleared = set_cookies(&resp);
    assert!(
        cleared[0].starts_with("__Host-portal_session=;") && cleared[0].ends_with("; Secure"),
        "{cleared:?}"
    );
    assert_eq!(me(pair).await.unwrap().status(), 401);

    // The authority's session.
    let resp = client
        .post(app.url("/api/v1/authority/session"))
        .json(&json!({"username": "sz_admin", "password": DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let authority = set_cookies(&resp);
    assert!(
        authority[0].starts_with("__Host-authority_session=") && authority[0].ends_with("; Secure"),
        "{authority:?}"
    );
    let resp = client
        .get(app.url("/api/v1/authority/me"))
        .header("cookie", cookie_pair(&authority[0]))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);

    // The recovery proof.
    let sunhao: Value = serde_json::from_str(crate::enumeration::SUNHAO).unwrap();
    let resp = client
        .post(app.url("/api/v1/recovery/personal"))
        .json(&sunhao)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let proof = set_cookies(&resp);
    assert!(
        proof[0].starts_with("__Host-recovery_proof=") && proof[0].contains("; Secure"),
        "{proof:?}"
    );
    let resp = client
        .get(app.url("/api/v1/recovery/proof"))
        .header("cookie", cookie_pair(&proof[0]))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
}

#[tokio::test]
async fn over_plain_http_cookies_stay_as_they_were() {
    let app = TestApp::spawn().await;
    let resp = app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    assert_eq!(resp.status(), 200);
    assert!(!resp.headers().contains_key("strict-transport-security"));
    assert_eq!(
        set_cookies(&resp)[0].split_once('=').unwrap().0,
        "portal_session"
    );
    assert!(!set_cookies(&resp)[0].contains("Secure"));
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_daily_code_cap_counts_each_client() {
    let app = TestApp::spawn_with(&[("PORTAL_TRUSTED_PROXIES", "127.0.0.1")]).await;
    let send = |client: &'static str, i: u32| {
        app.client
            .post(app.url("/api/v1/recovery/code"))
            .header("x-forwarded-for", client)
            .json(&json!({"to": format!("1390000{i:04}")}))
            .send()
    };
    // One client uses up its 50 codes of the day...
    for i in 0..server::otp::DAILY_PER_IP as u32 {
        assert_eq!(send("203.0.113.7", i).await.unwrap().status(), 200);
    }
    let resp = send("203.0.113.7", 100).await.unwrap();
    assert_eq!(resp.status(), 429);
    // ...and the others behind the same proxy still get theirs.
    assert_eq!(send("198.51.100.9", 101).await.unwrap().status(), 200);
}
