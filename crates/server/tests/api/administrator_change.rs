//! The administrator-change procedure (issue 21): the institution files a
//! request with the receipt stamped with the unit's seal; the authority of
//! its region approves (the old administrator's sessions end, the new one
//! is issued an account) or rejects with a reason. An authority of 4403
//! sees nothing of 14 on any endpoint.

use reqwest::Client;
use serde_json::{json, Value};

use crate::helpers::{
    audit_events, change_password, credit_code, get_in, json, new_authority as authority, send,
    TestApp, NEW_PASSWORD,
};

/// A minimal complete PDF.
const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// An institution of `division` with an administrator `admin` signed in
/// (password replaced): (institution id, admin account id, admin's browser).
async fn institution_with_admin(
    app: &TestApp,
    authority: &Client,
    division: &str,
    name: &str,
    admin: &str,
) -> (i64, i64, Client) {
    let code = credit_code(&format!("12{division:0<6}5{}", name.len()));
    let (status, body) = send(
        app,
        authority,
        "POST",
        "/api/v1/authority/institutions",
        json!({"name": name, "credit_code": code, "licence_number": "PDY1",
               "licence_valid_until": "2030-12-31", "division": division}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let id = body["id"].as_i64().unwrap();
    let (status, issued) = send(
        app,
        authority,
        "POST",
        &format!("/api/v1/authority/institutions/{id}/admins"),
        json!({"username": admin, "phone": "13900000099"}),
    )
    .await;
    assert_eq!(status, 201, "{issued}");
    let initial = issued["initial_password"].as_str().unwrap();
    let client = app.other_client();
    sign_in_and_replace(app, &client, admin, initial).await;
    (id, issued["account_id"].as_i64().unwrap(), client)
}

async fn sign_in_and_replace(app: &TestApp, client: &Client, username: &str, initial: &str) {
    let (status, me) = send(
        app,
        client,
        "POST",
        "/api/v1/institution/session",
        json!({"username": username, "password": initial}),
    )
    .await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["must_change_password"], true);
    let (status, _) = change_password(
        app,
        client,
        "/api/v1/institution/password",
        initial,
        NEW_PASSWORD,
    )
    .await;
    assert_eq!(status, 204);
}

/// Files a change request with `receipt` as the body.
/// The stamped receipt of change `id`, fetched in `client`'s browser.
async fn receipt(app: &TestApp, client: &Client, id: i64) -> reqwest::Response {
    let path = format!("/api/v1/authority/administrator-changes/{id}/receipt");
    client.get(app.url(&path)).send().await.unwrap()
}

async fn file(
    app: &TestApp,
    client: &Client,
    query: &[(&str, &str)],
    receipt: &[u8],
    media_type: &str,
) -> (u16, Value) {
    let resp = client
        .post(app.url("/api/v1/institution/administrator-change"))
        .query(query)
        .header("content-type", media_type)
        .body(receipt.to_vec())
        .send()
        .await
        .unwrap();
    json(resp).await
}

fn new_admin(username: &str) -> Vec<(&'static str, String)> {
    vec![
        ("name", "李新".to_owned()),
        ("username", username.to_owned()),
        ("phone", "13900000123".to_owned()),
        ("email", "li.xin@example.com".to_owned()),
    ]
}

async fn file_pdf(app: &TestApp, client: &Client, username: &str) -> (u16, Value) {
    let q = new_admin(username);
    let q: Vec<(&str, &str)> = q.iter().map(|(k, v)| (*k, v.as_str())).collect();
    file(app, client, &q, PDF, "application/pdf").await
}

/// The authority `who` approves or rejects change `id`.
async fn decide(app: &TestApp, who: &Client, id: i64, action: &str, body: Value) -> (u16, Value) {
    let path = format!("/api/v1/authority/administrator-changes/{id}/{action}");
    send(app, who, "POST", &path, body).await
}

async fn events(app: &TestApp) -> Vec<String> {
    audit_events(app, "TRUE").await
}

#[tokio::test]
async fn approval_ends_the_old_administrators_sessions_and_issues_the_new_account() {
    let app = TestApp::spawn().await;
    let sx = authority(&app, "14", "sxwjw").await;
    let (_, old_admin, inst_admin) =
        institution_with_admin(&app, &sx, "1401", "太原医院", "tyadmin").await;

    let (status, filed) = file_pdf(&app, &inst_admin, "ty_new_admin").await;
    assert_eq!(status, 201, "{filed}");
    assert_eq!(filed["status"], "pending");
    assert_eq!(filed["phone_masked"], "139****0123");
    let id = filed["id"].as_i64().unwrap();
    // One pending request at a time.
    let (status, body) = file_pdf(&app, &inst_admin, "ty_other").await;
    assert_eq!(
        (status, body["error"]["code"].clone()),
        (409, json!("administrator_change.pending"))
    );
    let (status, latest) = get_in(
        &app,
        &inst_admin,
        "/api/v1/institution/administrator-change",
    )
    .await;
    assert_eq!((status, latest["latest"]["id"].as_i64()), (200, Some(id)));

    // The authority lists it and downloads the receipt as an attachment.
    let (status, list) = get_in(&app, &sx, "/api/v1/authority/administrator-changes").await;
    assert_eq!(status, 200);
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    assert_eq!(list[0]["requested_by"], "tyadmin");
    assert_eq!(list[0]["new_name"], "李新");
    assert_eq!(list[0]["receipt_type"], "application/pdf");
    let resp = receipt(&app, &sx, id).await;
    assert_eq!(resp.status(), 200);
    let h = resp.headers().clone();
    assert_eq!(h["content-type"], "application/pdf");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert!(h["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    assert_eq!(&resp.bytes().await.unwrap()[..], PDF);
    // The institution cannot fetch it back.
    let resp = receipt(&app, &inst_admin, id).await;
    assert_eq!(resp.status(), 401);

    let (status, issued) = decide(&app, &sx, id, "approve", json!({})).await;
    assert_eq!(status, 201, "{issued}");
    assert_eq!(issued["username"], "ty_new_admin");
    let initial = issued["initial_password"].as_str().unwrap().to_owned();
    // Decided: a second decision is refused.
    let (status, _) = decide(&app, &sx, id, "approve", json!({})).await;
    assert_eq!(status, 409);
    let (status, _) = decide(&app, &sx, id, "reject", json!({"reason": "太迟了"})).await;
    assert_eq!(status, 409);

    // The old administrator's session is gone, and the account disabled.
    let (status, _) = get_in(&app, &inst_admin, "/api/v1/institution/me").await;
    assert_eq!(status, 401);
    let (status, _) = send(
        &app,
        &app.other_client(),
        "POST",
        "/api/v1/institution/session",
        json!({"username": "tyadmin", "password": NEW_PASSWORD}),
    )
    .await;
    assert_ne!(status, 200);
    let _ = old_admin;

    // The one-time password went to the new phone and email.
    for to in ["13900000123", "li.xin@example.com"] {
        let (_, msgs) = json(app.get(&format!("/api/dev/outbox?to={to}")).await).await;
        assert!(msgs.to_string().contains(&initial), "{to}: {msgs}");
    }
    // The new administrator signs in and must replace it.
    let new_admin = app.other_client();
    sign_in_and_replace(&app, &new_admin, "ty_new_admin", &initial).await;
    let (status, me) = get_in(&app, &new_admin, "/api/v1/institution/me").await;
    assert_eq!(
        (status, me["institution_name"].clone()),
        (200, json!("太原医院"))
    );
    let (_, latest) = get_in(&app, &new_admin, "/api/v1/institution/administrator-change").await;
    assert_eq!(latest["latest"]["status"], "approved");
    let (_, list) = get_in(&app, &sx, "/api/v1/authority/administrator-changes").await;
    assert_eq!(list, json!([]));

    let events = events(&app).await;
    for e in [
        "administrator_change.requested",
        "authority.administrator_change_receipt_opened",
        "authority.administrator_change_approved",
    ] {
        assert!(events.iter().any(|x| x == e), "{e}: {events:?}");
    }
}

#[tokio::test]
async fn rejection_with_a_reason_the_institution_sees_then_a_new_request() {
    let app = TestApp::spawn().await;
    let sx = authority(&app, "14", "sxwjw").await;
    let (_, _, inst_admin) = institution_with_admin(&app, &sx, "1401", "太原医院", "tyadmin").await;
    let (_, filed) = file_pdf(&app, &inst_admin, "ty_new_admin").await;
    let id = filed["id"].as_i64().unwrap();
    let path = format!("/api/v1/authority/administrator-changes/{id}/reject");
    let (status, body) = send(&app, &sx, "POST", &path, json!({"reason": " "})).await;
    assert_eq!(status, 422);
    assert!(body["error"]["fields"]["reason"].is_string(), "{body}");
    let (status, _) = send(
        &app,
        &sx,
        "POST",
        &path,
        json!({"reason": "回执未加盖单位公章"}),
    )
    .await;
    assert_eq!(status, 204);
    let (_, latest) = get_in(
        &app,
        &inst_admin,
        "/api/v1/institution/administrator-change",
    )
    .await;
    assert_eq!(latest["latest"]["status"], "rejected");
    assert_eq!(latest["latest"]["reason"], "回执未加盖单位公章");
    // The old administrator keeps working and may file again.
    let (status, _) = get_in(&app, &inst_admin, "/api/v1/institution/me").await;
    assert_eq!(status, 200);
    let (status, _) = file_pdf(&app, &inst_admin, "ty_new_admin").await;
    assert_eq!(status, 201);
    assert!(events(&app)
        .await
        .iter()
        .any(|e| e == "authority.administrator_change_rejected"));
}

#[tokio::test]
async fn bad_requests_are_refused_on_their_field() {
    let app = TestApp::spawn().await;
    let sx = authority(&app, "14", "sxwjw").await;
    let (_, _, admin) = institution_with_admin(&app, &sx, "1401", "太原医院", "tyadmin").await;
    let ok = [
        ("name", "李新"),
        ("username", "ty_new"),
        ("phone", "13900000123"),
    ];
    // A bad phone; a taken username (the old administrator's own).
    let bad_phone = [("name", "李新"), ("username", "ty_new"), ("phone", "123")];
    let taken = [
        ("name", "李新"),
        ("username", "tyadmin"),
        ("phone", "13900000123"),
    ];
    for (fields, refusal, field) in [(bad_phone, 422, "phone"), (taken, 409, "username")] {
        let (status, body) = file(&app, &admin, &fields, PDF, "application/pdf").await;
        assert_eq!(status, refusal, "{body}");
        assert!(body["error"]["fields"][field].is_string(), "{body}");
    }
    // Not a PDF or image by its bytes, whatever the header says.
    let (status, body) = file(
        &app,
        &admin,
        &ok,
        b"<html><script>alert(1)</script>",
        "application/pdf",
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(
        body["error"]["code"], "receipt.unsupported_format",
        "{body}"
    );
    assert!(body["error"]["fields"]["receipt"].is_string());
    // A truncated PDF, an empty body, a tiny image, an oversized body.
    let mut tiny = std::io::Cursor::new(Vec::new());
    image::RgbImage::new(40, 40)
        .write_to(&mut tiny, image::ImageFormat::Png)
        .unwrap();
    for (receipt, media_type, code) in [
        (&PDF[..30], "application/pdf", "receipt.incomplete"),
        (&b""[..], "application/pdf", "receipt.empty"),
        (tiny.get_ref().as_slice(), "image/png", "receipt.too_small"),
    ] {
        let (status, body) = file(&app, &admin, &ok, receipt, media_type).await;
        assert_eq!((status, body["error"]["code"].clone()), (422, json!(code)));
    }
    let mut big = PDF.to_vec();
    big.resize(5 * 1024 * 1024 + 1, b' ');
    let (status, _) = file(&app, &admin, &ok, &big, "application/pdf").await;
    assert_eq!(status, 413);
    // Nothing was filed.
    let (_, latest) = get_in(&app, &admin, "/api/v1/institution/administrator-change").await;
    assert_eq!(latest["latest"], Value::Null);
    // A photo of the receipt is re-encoded to a JPEG.
    let mut png = std::io::Cursor::new(Vec::new());
    image::RgbImage::from_fn(600, 800, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 40])
    })
    .write_to(&mut png, image::ImageFormat::Png)
    .unwrap();
    let (status, filed) = file(&app, &admin, &ok, png.get_ref(), "image/png").await;
    assert_eq!(status, 201, "{filed}");
    let id = filed["id"].as_i64().unwrap();
    let resp = receipt(&app, &sx, id).await;
    assert_eq!(resp.headers()["content-type"], "image/jpeg");
    assert!(resp.bytes().await.unwrap().starts_with(&[0xFF, 0xD8, 0xFF]));
}

#[tokio::test]
async fn an_authority_of_4403_sees_nothing_of_14() {
    let app = TestApp::spawn().await;
    let sz = authority(&app, "4403", "szwjw").await;
    let sx = authority(&app, "14", "sxwjw").await;
    let (_, _, sx_admin) = institution_with_admin(&app, &sx, "1401", "太原医院", "tyadmin").await;
    let (_, filed) = file_pdf(&app, &sx_admin, "ty_new_admin").await;
    let id = filed["id"].as_i64().unwrap();
    let (status, list) = get_in(&app, &sz, "/api/v1/authority/administrator-changes").await;
    assert_eq!((status, list), (200, json!([])));
    let (status, _) = get_in(
        &app,
        &sz,
        &format!("/api/v1/authority/administrator-changes/{id}/receipt"),
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = decide(&app, &sz, id, "approve", json!({})).await;
    assert_eq!(status, 404);
    let (status, _) = decide(&app, &sz, id, "reject", json!({"reason": "不是本辖区"})).await;
    assert_eq!(status, 404);
    // Unknown ids answer the same.
    let (status, _) = send(
        &app,
        &sz,
        "POST",
        "/api/v1/authority/administrator-changes/999999/approve",
        json!({}),
    )
    .await;
    assert_eq!(status, 404);
    // Still pending for its own authority; nothing was issued.
    let (_, list) = get_in(&app, &sx, "/api/v1/authority/administrator-changes").await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    let (status, _) = get_in(&app, &sx_admin, "/api/v1/institution/me").await;
    assert_eq!(status, 200);
    // Without an authority session: 401; an institution admin is no authority.
    let (status, _) = get_in(
        &app,
        &app.other_client(),
        "/api/v1/authority/administrator-changes",
    )
    .await;
    assert_eq!(status, 401);
    let (status, _) = decide(&app, &sx_admin, id, "approve", json!({})).await;
    assert_eq!(status, 401);
    // The national authority sees it.
    let national = authority(&app, "national", "nhcadmin").await;
    let (_, list) = get_in(&app, &national, "/api/v1/authority/administrator-changes").await;
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"].as_i64() == Some(id)),
        "{list}"
    );
}

#[tokio::test]
async fn approval_and_rejection_at_once_one_wins() {
    let app = TestApp::spawn().await;
    let sx = authority(&app, "14", "sxwjw").await;
    let (_, _, admin) = institution_with_admin(&app, &sx, "1401", "太原医院", "tyadmin").await;
    let (_, filed) = file_pdf(&app, &admin, "ty_new_admin").await;
    let id = filed["id"].as_i64().unwrap();
    let approve_path = format!("/api/v1/authority/administrator-changes/{id}/approve");
    let reject_path = format!("/api/v1/authority/administrator-changes/{id}/reject");
    let (a, r) = tokio::join!(
        send(&app, &sx, "POST", &approve_path, json!({})),
        send(
            &app,
            &sx,
            "POST",
            &reject_path,
            json!({"reason": "同时驳回"})
        ),
    );
    let mut statuses = [a.0, r.0];
    statuses.sort();
    assert!(
        statuses == [201, 409] || statuses == [204, 409],
        "{a:?} {r:?}"
    );
    let (_, latest) = get_in(
        &app,
        &app.other_client(),
        "/api/v1/institution/administrator-change",
    )
    .await;
    let _ = latest;
    // Exactly one decision is recorded.
    let events = events(&app).await;
    let decisions = events
        .iter()
        .filter(|e| e.starts_with("authority.administrator_change_a") || e.ends_with("_rejected"))
        .count();
    assert_eq!(decisions, 1, "{events:?}");
}

#[tokio::test]
async fn the_demo_has_a_pending_change_for_the_national_authority_only() {
    let app = TestApp::spawn().await;
    let sign_in = |username: &'static str| {
        let client = app.other_client();
        let app = &app;
        async move {
            let (status, _) = send(
                app,
                &client,
                "POST",
                "/api/v1/authority/session",
                json!({"username": username, "password": crate::helpers::DEMO_PASSWORD}),
            )
            .await;
            assert_eq!(status, 200);
            client
        }
    };
    let nhc = sign_in("nhc_admin").await;
    let (_, list) = get_in(&app, &nhc, "/api/v1/authority/administrator-changes").await;
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    assert_eq!(list[0]["institution_name"], "上海市徐汇区仁心医院");
    assert_eq!(list[0]["requested_by"], "admin_b");
    let id = list[0]["id"].as_i64().unwrap();
    let resp = receipt(&app, &nhc, id).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(&resp.bytes().await.unwrap()[..], server::seed::DEMO_RECEIPT);
    let sz = sign_in("sz_admin").await;
    let (_, list) = get_in(&app, &sz, "/api/v1/authority/administrator-changes").await;
    assert_eq!(list, json!([]));
}
