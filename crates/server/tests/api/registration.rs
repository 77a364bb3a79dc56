use serde_json::{json, Value};

use crate::helpers::{json, register_machao, TestApp};

const PASSWORD: &str = "Horse#Battery9";

pub fn registration(id: &str, cert: &str, username: &str, phone: &str) -> Value {
    json!({
        "system": "physician",
        "id_number": id,
        "certificate_number": cert,
        "username": username,
        "password": PASSWORD,
        "phone": phone,
        "security_questions": [
            {"question": "母亲的姓名?", "answer": "王 秀英"},
            {"question": "小学的名字?", "answer": "ＨＯＮＧ ｘｉｎｇ"},
            {"question": "第一只宠物?", "answer": "Doudou"}
        ]
    })
}

/// Activates the pending registration of `to` with `code`: status and body.
pub async fn activate(app: &TestApp, to: &str, code: &str) -> (u16, Value) {
    let body = json!({"to": to, "code": code});
    json(app.post("/api/v1/activation", &body).await).await
}

/// The latest 6-digit code in the outbox for `to`.
pub async fn code_for(app: &TestApp, to: &str) -> Option<String> {
    let (_, msgs) = json(app.get(&format!("/api/dev/outbox?to={to}")).await).await;
    let body = msgs.as_array()?.first()?["body"].as_str()?.to_owned();
    body.split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 6)
        .map(str::to_owned)
}

#[tokio::test]
async fn register_activate_and_sign_in() {
    let app = TestApp::spawn().await;
    let body = register_machao(&app).await;
    assert_eq!(body["to_masked"], "139****5678");
    // Not activated yet: the right password gets a refusal that names the
    // activation, and no session.
    let (status, body) = json(app.sign_in("physician", "machao", PASSWORD).await).await;
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["error"]["code"], "auth.not_activated");
    assert_eq!(app.get("/api/v1/me").await.status(), 401);
    // A wrong password still reads as a wrong password.
    let (status, body) = json(app.sign_in("physician", "machao", "Wrong#pass99").await).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (401, Some("auth.invalid_credentials"))
    );

    let code = code_for(&app, "13912345678")
        .await
        .expect("activation code");
    assert_eq!(activate(&app, "13912345678", &code).await.0, 204);
    let (status, me) = json(app.sign_in("physician", "machao", PASSWORD).await).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["facts"]["account"]["activated"], true);
    assert_eq!(me["facts"]["account"]["phone_verified"], true);
    // Single use.
    let (status, body) = activate(&app, "13912345678", &code).await;
    assert_eq!(status, 422);
    assert_eq!(body["error"]["code"], "otp.invalid");
}

#[tokio::test]
async fn unknown_record_and_existing_account_get_the_same_answer() {
    let app = TestApp::spawn().await;
    // No such record (valid formats).
    let unknown = json(
        app.post(
            "/api/v1/registration",
            &registration(
                "110105199601010014",
                "110110105009999",
                "someone1",
                "13911110000",
            ),
        )
        .await,
    )
    .await;
    // zhangwei's record is already registered and activated.
    let existing = json(
        app.post(
            "/api/v1/registration",
            &registration(
                "11010519850312403X",
                "110110105000101",
                "someone2",
                "13911110001",
            ),
        )
        .await,
    )
    .await;
    assert_eq!(unknown.0, 202);
    assert_eq!(existing.0, 202);
    assert_eq!(
        unknown.1["resend_after_secs"],
        existing.1["resend_after_secs"]
    );
    // No code was sent to either requester; the real owner was told.
    assert!(code_for(&app, "13911110000").await.is_none());
    assert!(code_for(&app, "13911110001").await.is_none());
    let (_, msgs) = json(app.get("/api/dev/outbox?to=13800138001").await).await;
    assert!(msgs[0]["body"].as_str().unwrap().contains("注册"));
}

#[tokio::test]
async fn registration_validates_every_field() {
    let app = TestApp::spawn().await;
    let mut bad = registration("110101199011112219", "12345", "9x", "123");
    bad["password"] = json!("password");
    bad["security_questions"] = json!([]);
    let (status, body) = json(app.post("/api/v1/registration", &bad).await).await;
    assert_eq!(status, 422);
    assert_eq!(body["error"]["code"], "validation.failed");
    for field in [
        "id_number",
        "certificate_number",
        "username",
        "phone",
        "password",
        "security_questions",
    ] {
        assert!(
            body["error"]["fields"][field].is_string(),
            "{field}: {body}"
        );
    }
    // Taken username.
    let (status, body) = json(
        app.post(
            "/api/v1/registration",
            &registration(
                "110101199011112218",
                "110110105000112",
                "zhangwei",
                "13912345678",
            ),
        )
        .await,
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(body["error"]["code"], "registration.username_taken");
    assert_eq!(body["error"]["message"], "该用户名已被使用");
    // The form shows it on the username field, in the request's language,
    // also for another case of the name.
    let resp = app
        .client
        .post(app.url("/api/v1/registration"))
        .header("Accept-Language", "en")
        .json(&registration(
            "110101199011112218",
            "110110105000112",
            "ZhangWei",
            "13912345678",
        ))
        .send()
        .await
        .unwrap();
    let (status, body) = json(resp).await;
    assert_eq!(status, 409);
    assert_eq!(
        body["error"]["fields"]["username"],
        "This username is taken"
    );
}

#[tokio::test]
async fn common_passwords_are_refused_and_change_nothing() {
    let app = TestApp::spawn().await;
    let form = |password: &str| {
        let mut r = registration(
            "110101199011112218",
            "110110105000112",
            "machao",
            "13912345678",
        );
        r["password"] = json!(password);
        r
    };
    for password in ["Woaini1314!", "Password1!", "Qwer1234", "Abc@123456"] {
        let (status, body) = json(app.post("/api/v1/registration", &form(password)).await).await;
        assert_eq!(status, 422, "{password}: {body}");
        assert_eq!(body["error"]["code"], "validation.failed");
        let fields = body["error"]["fields"].as_object().unwrap();
        assert_eq!(fields.len(), 1, "{password}: {body}");
        assert_eq!(
            fields["password"], "这个密码太常见，容易被猜到，请换一个",
            "{password}"
        );
    }
    let resp = app
        .client
        .post(app.url("/api/v1/registration"))
        .header("Accept-Language", "en")
        .json(&form("Woaini1314!"))
        .send()
        .await
        .unwrap();
    let (status, body) = json(resp).await;
    assert_eq!(status, 422);
    assert_eq!(
        body["error"]["fields"]["password"],
        "This password is too common and easy to guess; choose another"
    );
    // Nothing happened: no code was sent, the name was not taken, and the
    // same registration with a strong password goes through.
    assert!(code_for(&app, "13912345678").await.is_none());
    let (status, body) = json(app.post("/api/v1/registration", &form(PASSWORD)).await).await;
    assert_eq!(status, 202, "{body}");
    assert!(code_for(&app, "13912345678").await.is_some());
}

#[tokio::test]
async fn otp_expiry_resend_interval_and_five_tries() {
    let app = TestApp::spawn().await;
    // sunhao (not activated, phone 13800138009).
    let to = json!({"to": "13800138009"});
    assert_eq!(app.post("/api/v1/activation/code", &to).await.status(), 200);
    let resp = app.post("/api/v1/activation/code", &to).await;
    assert_eq!(resp.status(), 429);
    // The portal counts down from Retry-After; the message names the cause,
    // not a lock.
    let retry_after: u64 = resp.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    let error = json(resp).await.1["error"].clone();
    assert_eq!(error["code"], "otp.resend_too_soon");
    assert_eq!(error["message"], "验证码刚刚发送过，请稍候再重新获取");

    // Expiry: 10 minutes.
    let code = code_for(&app, "13800138009").await.unwrap();
    app.clock().advance(10 * 60 + 1);
    let (status, body) = activate(&app, "13800138009", &code).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (422, Some("otp.expired"))
    );

    // Five wrong tries burn the code, even for the right one afterwards.
    assert_eq!(app.post("/api/v1/activation/code", &to).await.status(), 200);
    let code = code_for(&app, "13800138009").await.unwrap();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        let (_, body) = activate(&app, "13800138009", wrong).await;
        assert_eq!(body["error"]["code"], "otp.invalid");
    }
    let (_, body) = activate(&app, "13800138009", &code).await;
    assert_eq!(body["error"]["code"], "otp.too_many_tries");

    // A fresh code works; the older one no longer does.
    app.clock().advance(61);
    assert_eq!(app.post("/api/v1/activation/code", &to).await.status(), 200);
    let fresh = code_for(&app, "13800138009").await.unwrap();
    assert_eq!(activate(&app, "13800138009", &fresh).await.0, 204);
}

#[tokio::test]
async fn activation_code_requests_look_the_same_for_unknown_phones() {
    let app = TestApp::spawn().await;
    let (s1, b1) = json(
        app.post("/api/v1/activation/code", &json!({"to": "13700000000"}))
            .await,
    )
    .await;
    let (s2, b2) = json(
        app.post("/api/v1/activation/code", &json!({"to": "13800138009"}))
            .await,
    )
    .await;
    assert_eq!((s1, s2), (200, 200));
    assert_eq!(b1["resend_after_secs"], b2["resend_after_secs"]);
    assert!(code_for(&app, "13700000000").await.is_none());
}

#[tokio::test]
async fn ten_codes_a_day_per_contact_then_a_specific_refusal() {
    let app = TestApp::spawn().await;
    // sunhao (not activated, phone 13800138009).
    let to = json!({"to": "13800138009"});
    for sent in 1..=10 {
        let resp = app.post("/api/v1/activation/code", &to).await;
        assert_eq!(resp.status(), 200, "code {sent}");
        app.clock().advance(61);
    }
    let resp = app.post("/api/v1/activation/code", &to).await;
    assert_eq!(resp.status(), 429);
    assert!(resp.headers().contains_key("retry-after"));
    let error = json(resp).await.1["error"].clone();
    assert_eq!(error["code"], "otp.daily_limit");
    assert_eq!(error["message"], "获取验证码的次数已达今日上限，请稍后再试");

    // The window slides: a day after the first code, one more may be sent.
    app.clock().advance(24 * 3600 - 10 * 61 + 1);
    let resp = app.post("/api/v1/activation/code", &to).await;
    assert_eq!(resp.status(), 200);
}

#[tokio::test]
async fn a_pending_registration_is_replaced_only_by_its_owner_or_after_the_grace_period() {
    let app = TestApp::spawn().await;
    // 马超's registry record, no account yet.
    let (id, cert) = ("110101199011112218", "110110105000112");
    let phone_of = |username: &str| {
        let db = app.state.db.clone();
        let username = username.to_owned();
        async move {
            db.column::<String>(&format!(
                "SELECT phone FROM accounts WHERE username = '{username}'"
            ))
            .await
            .unwrap()
        }
    };
    let replaced = || async {
        app.state
            .db
            .column::<String>(
                "SELECT detail FROM audit_log WHERE event = 'account.registration_replaced' ORDER BY id",
            )
            .await
            .unwrap()
    };
    let resp = app
        .post(
            "/api/v1/registration",
            &registration(id, cert, "machao", "13912345678"),
        )
        .await;
    assert_eq!(resp.status(), 202);

    // Someone else (another password) gets the usual answer and changes nothing.
    let mut other = registration(id, cert, "squatter", "13700000001");
    other["password"] = json!("Other#Pass2026x");
    assert_eq!(app.post("/api/v1/registration", &other).await.status(), 202);
    assert_eq!(phone_of("machao").await, ["13912345678"]);
    assert!(phone_of("squatter").await.is_empty());
    assert!(replaced().await.is_empty());

    // The owner (same password) fixes a mistyped phone at once.
    let resp = app
        .post(
            "/api/v1/registration",
            &registration(id, cert, "machao", "13912345679"),
        )
        .await;
    assert_eq!(resp.status(), 202);
    assert_eq!(phone_of("machao").await, ["13912345679"]);
    assert_eq!(replaced().await.len(), 1);
    assert!(replaced().await[0].contains("same_password"));

    // After the grace period anyone who has the registry details may start over.
    app.clock()
        .advance(server::routes::registration::PENDING_GRACE_SECS + 60);
    assert_eq!(app.post("/api/v1/registration", &other).await.status(), 202);
    assert!(phone_of("machao").await.is_empty());
    assert_eq!(phone_of("squatter").await, ["13700000001"]);
    let details = replaced().await;
    assert_eq!(details.len(), 2);
    assert!(details[1].contains("grace_period_over"), "{details:?}");
}
