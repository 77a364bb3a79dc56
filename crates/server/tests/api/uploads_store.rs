//! The uploads store seen from outside the server: each photo is where the
//! configuration puts it (the uploads directory, or the bucket of the
//! S3-compatible server when the suite runs with `PORTAL_TEST_S3=1`, see
//! scripts/s3.sh), read back from there by licence issuing, removed from
//! there with the account; a store that does not answer is a clear 503.
//! Objects are read here straight from the directory or from the bucket by
//! a client of the test's own, never through the server's store.

use rules::api::IssuedLicense;
use serde_json::json;

use crate::helpers::{json, on_s3, TestApp, DEMO_PASSWORD};
use crate::photo::{jpeg, upload};

/// The object `name` as the backend holds it, read without the server.
async fn raw_object(app: &TestApp, name: &str) -> Option<Vec<u8>> {
    match &app.state.config.s3 {
        // A client of its own, straight to the bucket's key.
        Some(s3) => match s3.connect().unwrap().get(&s3.key(name)).await {
            Ok(result) => Some(result.bytes().await.unwrap().to_vec()),
            Err(object_store::Error::NotFound { .. }) => None,
            Err(e) => panic!("{name}: {e}"),
        },
        None => std::fs::read(app.state.config.uploads.join(name)).ok(),
    }
}

async fn photo_file(app: &TestApp, username: &str) -> String {
    app.state
        .db
        .scalar(&format!(
            "SELECT photo_file FROM accounts WHERE username = '{username}'"
        ))
        .await
        .unwrap()
}

#[tokio::test]
async fn uploads_are_stored_where_configured_and_the_licence_signs_the_stored_photo() {
    let app = TestApp::spawn().await;
    assert_eq!(app.state.config.s3.is_some(), on_s3());
    // A new upload lands in the backend.
    app.sign_in("physician", "wangfang", DEMO_PASSWORD).await;
    let (status, body) = upload(&app, jpeg(716, 882), "image/jpeg").await;
    assert_eq!(status, 200, "{body}");
    let uploaded = photo_file(&app, "wangfang").await;
    let stored = raw_object(&app, &uploaded)
        .await
        .expect("the upload is stored");
    assert_eq!(
        app.get("/api/v1/me/photo").await.bytes().await.unwrap(),
        stored
    );

    // The seed's approved photo of zhangwei is in the backend too, and
    // issuing reads it: the licence signs its digest.
    app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    let file = photo_file(&app, "zhangwei").await;
    let bytes = raw_object(&app, &file)
        .await
        .expect("the seeded photo is stored");
    let resp = app.post("/api/v1/applications", &json!({})).await;
    assert_eq!(resp.status(), 201);
    let licence: IssuedLicense = app.get("/api/v1/license").await.json().await.unwrap();
    assert_eq!(
        licence.fields.photo.as_deref(),
        Some(server::license::photo_digest(&bytes).as_str())
    );
    assert_eq!(
        app.get("/api/v1/license/photo")
            .await
            .bytes()
            .await
            .unwrap(),
        bytes
    );
}

#[tokio::test]
async fn a_deleted_account_takes_its_photo_out_of_the_store() {
    let app = TestApp::spawn().await;
    let file = photo_file(&app, "zhangwei").await;
    assert!(raw_object(&app, &file).await.is_some());
    let id: i64 = app
        .state
        .db
        .scalar("SELECT id FROM accounts WHERE username = 'zhangwei'")
        .await
        .unwrap();
    app.sign_in_admin("admin_a").await;
    let resp = app.delete(&format!("/api/v1/institution/staff/{id}")).await;
    assert_eq!(resp.status(), 204);
    assert_eq!(raw_object(&app, &file).await, None);
}

#[tokio::test]
async fn a_missing_object_is_a_clear_refusal_not_a_server_error() {
    let app = TestApp::spawn().await;
    let file = photo_file(&app, "zhangwei").await;
    app.state.uploads.remove(&file).await;
    assert_eq!(raw_object(&app, &file).await, None);
    app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    assert_eq!(app.get("/api/v1/me/photo").await.status(), 404);
    let (status, body) = json(app.post("/api/v1/applications", &json!({})).await).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["error"]["code"], "licence.photo_missing");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("重新上传"));
}

/// The same server, its uploads in a bucket at an address where nothing
/// listens: every photo request is refused with 503 and what to do, and no
/// application is recorded without its photo.
#[tokio::test]
async fn a_store_that_does_not_answer_is_a_503_with_what_to_do() {
    let app = TestApp::spawn().await;
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let s3 = server::uploads::s3::S3Config::from_lookup(&|k: &str| match k {
        "PORTAL_S3_BUCKET" => Some("unreachable".into()),
        "PORTAL_S3_ENDPOINT" => Some(endpoint.clone()),
        "PORTAL_S3_ACCESS_KEY_ID" => Some("id".into()),
        "PORTAL_S3_SECRET_ACCESS_KEY" => Some("secret".into()),
        _ => None,
    })
    .unwrap()
    .unwrap();
    let mut state = app.state.clone();
    state.uploads = server::uploads::Store::s3(&s3).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let broken = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(server::serve(listener, state));

    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let resp = client
        .post(format!("{broken}/api/v1/session"))
        .json(&json!({"system": "physician", "username": "zhangwei", "password": DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let (status, body) = json(
        client
            .get(format!("{broken}/api/v1/me/photo"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, &body["error"]["code"]),
        (503, &json!("uploads.unavailable"))
    );
    let (status, body) = json(
        client
            .put(format!("{broken}/api/v1/me/photo"))
            .header("content-type", "image/jpeg")
            .header("origin", &broken)
            .body(jpeg(716, 882))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, &body["error"]["code"]),
        (503, &json!("uploads.unavailable")),
        "{body}"
    );
    let (status, body) = json(
        client
            .post(format!("{broken}/api/v1/applications"))
            .header("origin", &broken)
            .json(&json!({}))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["error"]["code"], "licence.photo_unavailable");
    assert_eq!(
        client
            .get(format!("{broken}/api/v1/applications/current"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}

/// Two servers on one database: a photo uploaded through A is served by B,
/// and the licence B issues signs its digest — when the uploads are in the
/// bucket. With the uploads directory, B (on its own disk here) does not
/// have the file: the reason a deployment of several servers needs
/// `PORTAL_S3_BUCKET`.
#[tokio::test]
async fn a_photo_uploaded_through_one_server_is_served_and_signed_by_another() {
    let a = TestApp::spawn().await;
    let other_disk = tempfile::tempdir().unwrap();
    let config = server::Config {
        uploads: other_disk.path().join("uploads"),
        ..(*a.state.config).clone()
    };
    let state = server::AppState::new(config).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let b = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(server::serve(listener, state));

    // zhangwei replaces the approved photo through A; admin_a approves it on A.
    a.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    let (status, body) = upload(&a, jpeg(716, 882), "image/jpeg").await;
    assert_eq!(status, 200, "{body}");
    let uploaded = a.get("/api/v1/me/photo").await.bytes().await.unwrap();
    let id: i64 = a
        .state
        .db
        .scalar("SELECT id FROM accounts WHERE username = 'zhangwei'")
        .await
        .unwrap();
    let admin = a.other_client();
    admin
        .post(a.url("/api/v1/institution/session"))
        .json(&json!({"username": "admin_a", "password": DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    let resp = admin
        .post(a.url(&format!("/api/v1/institution/reviews/photo/{id}")))
        .json(&json!({"approve": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 204);

    // zhangwei on B.
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let resp = client
        .post(format!("{b}/api/v1/session"))
        .json(&json!({"system": "physician", "username": "zhangwei", "password": DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let photo = client
        .get(format!("{b}/api/v1/me/photo"))
        .send()
        .await
        .unwrap();
    let applied = client
        .post(format!("{b}/api/v1/applications"))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    if on_s3() {
        assert_eq!(photo.status(), 200);
        assert_eq!(photo.bytes().await.unwrap(), uploaded);
        assert_eq!(applied.status(), 201);
        let licence: IssuedLicense = client
            .get(format!("{b}/api/v1/license"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            licence.fields.photo.as_deref(),
            Some(server::license::photo_digest(&uploaded).as_str())
        );
    } else {
        assert_eq!(photo.status(), 404);
        let (status, body) = json(applied).await;
        assert_eq!(
            (status, &body["error"]["code"]),
            (409, &json!("licence.photo_missing"))
        );
    }
}
