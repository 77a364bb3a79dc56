//! Text messages go to Tencent Cloud SMS: a local HTTP server plays the
//! provider and checks each request's TC3-HMAC-SHA256 signature as the
//! provider documents it (`tests/servers/tencent_sms.py`, independent of the
//! server's code).

use serde_json::json;

use crate::helpers::{TestApp, DEMO_PASSWORD};
use crate::registration::code_for;
use crate::servers::{settled, PyServer};

const SECRET_ID: &str = "AKIDtest0000000000000000000000000000";
const SECRET_KEY: &str = "testsecretkey0000000000000000000";

async fn spawn_with_provider(provider: &PyServer, secret_key: &str, templates: &str) -> TestApp {
    let endpoint = format!("http://127.0.0.1:{}", provider.port);
    TestApp::spawn_with(&[
        ("PORTAL_SMS_PROVIDER", "tencent"),
        ("PORTAL_SMS_ENDPOINT", &endpoint),
        ("PORTAL_SMS_SECRET_ID", SECRET_ID),
        ("PORTAL_SMS_SECRET_KEY", secret_key),
        ("PORTAL_SMS_SDK_APP_ID", "1400000001"),
        ("PORTAL_SMS_SIGN_NAME", "电子证照"),
        ("PORTAL_SMS_TEMPLATES", templates),
    ])
    .await
}

async fn send_code(app: &TestApp, phone: &str) {
    app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    let resp = app
        .post(
            "/api/v1/me/contacts/code",
            &json!({"contact": phone, "current_password": DEMO_PASSWORD}),
        )
        .await;
    assert_eq!(resp.status(), 200);
}

#[tokio::test]
async fn codes_go_out_as_signed_template_messages() {
    let provider = PyServer::start("tencent_sms.py", &[SECRET_ID, SECRET_KEY]);
    let app = spawn_with_provider(&provider, SECRET_KEY, "code=1001,contact_changed=1002").await;
    send_code(&app, "13900002222").await;
    let (state, attempts, failure) = settled(&app, "13900002222", 15).await;
    assert_eq!((state.as_str(), attempts, failure), ("sent", 1, None));
    let requests = provider.lines();
    assert_eq!(requests.len(), 1, "{requests:?}");
    let req = &requests[0];
    assert_eq!(req["ok"], true, "the provider refused the signature: {req}");
    assert_eq!(req["action"], "SendSms");
    assert_eq!(req["version"], "2021-01-11");
    let body = &req["body"];
    assert_eq!(body["PhoneNumberSet"], json!(["+8613900002222"]));
    assert_eq!(body["SmsSdkAppId"], "1400000001");
    assert_eq!(body["SignName"], "电子证照");
    assert_eq!(body["TemplateId"], "1001");
    // The template gets the code and its validity, nothing else.
    let code = code_for(&app, "13900002222").await.unwrap();
    assert_eq!(body["TemplateParamSet"], json!([code, "10"]));
}

#[tokio::test]
async fn a_wrong_key_is_refused_by_the_provider_and_not_retried() {
    let provider = PyServer::start("tencent_sms.py", &[SECRET_ID, SECRET_KEY]);
    let app = spawn_with_provider(&provider, "not-the-key", "code=1001").await;
    send_code(&app, "13900002222").await;
    let (state, attempts, failure) = settled(&app, "13900002222", 15).await;
    assert_eq!((state.as_str(), attempts), ("failed", 1));
    assert!(
        failure
            .as_deref()
            .unwrap_or("")
            .contains("AuthFailure.SignatureFailure"),
        "{failure:?}"
    );
    assert_eq!(provider.lines()[0]["ok"], false);
}

#[tokio::test]
async fn a_message_without_a_template_is_not_sent_as_free_text() {
    let provider = PyServer::start("tencent_sms.py", &[SECRET_ID, SECRET_KEY]);
    let app = spawn_with_provider(&provider, SECRET_KEY, "contact_changed=1002").await;
    send_code(&app, "13900002222").await;
    let (state, _, failure) = settled(&app, "13900002222", 15).await;
    assert_eq!(state, "failed");
    assert!(failure.unwrap_or_default().contains("no SMS template"));
    assert!(provider.lines().is_empty());
}
