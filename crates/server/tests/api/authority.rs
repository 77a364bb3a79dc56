//! The health authority's side: its accounts (the first from the command),
//! the institutions of its region and the administrator accounts it issues,
//! re-issues and disables; forced change of one-time passwords; isolation of
//! regions (an authority of 4403 sees nothing of 14).

use reqwest::Client;
use serde_json::{json, Value};
use server::import::{import_registry, ImportOutcome};

use crate::helpers::{
    audit_events, change_password, credit_code, demo_admin, get_in, json,
    new_authority as authority, send, text_in, TestApp, NEW_PASSWORD,
};

/// Registers an institution of `division` through the authority.
async fn institution(app: &TestApp, client: &Client, division: &str, name: &str) -> (i64, String) {
    let code = credit_code(&format!("12{division:0<6}4{}", name.len()));
    let (status, body) = send(
        app,
        client,
        "POST",
        "/api/v1/authority/institutions",
        json!({"name": name, "credit_code": code, "licence_number": "PDY00001X44030517A1001",
               "licence_valid_until": "2030-12-31", "division": division}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    (body["id"].as_i64().unwrap(), code)
}

async fn issue(
    app: &TestApp,
    client: &Client,
    institution_id: i64,
    username: &str,
) -> (u16, Value) {
    send(
        app,
        client,
        "POST",
        &format!("/api/v1/authority/institutions/{institution_id}/admins"),
        json!({"username": username, "phone": "13900000099"}),
    )
    .await
}

async fn admin_sign_in(
    app: &TestApp,
    client: &Client,
    username: &str,
    password: &str,
) -> (u16, Value) {
    send(
        app,
        client,
        "POST",
        "/api/v1/institution/session",
        json!({"username": username, "password": password}),
    )
    .await
}

#[tokio::test]
async fn the_first_authority_administrator_must_replace_the_one_time_password() {
    let app = TestApp::spawn().await;
    let created =
        server::authority_admin::create(&app.state.db, "4403", "szwjw", None, app.clock().now())
            .await
            .unwrap();
    let client = app.other_client();
    let (status, _) = send(
        &app,
        &client,
        "POST",
        "/api/v1/authority/session",
        json!({"username": "szwjw", "password": "wrong-password-1"}),
    )
    .await;
    assert_eq!(status, 401);
    let (status, me) = send(
        &app,
        &client,
        "POST",
        "/api/v1/authority/session",
        json!({"username": "SZWJW", "password": created.initial_password}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(me["division"], "4403");
    // Nothing but the password change until it is replaced.
    let (status, body) = get_in(&app, &client, "/api/v1/authority/institutions").await;
    assert_eq!(status, 403);
    assert_eq!(body["error"]["code"], "auth.password_change_required");
    // The new password follows the portal's rules and differs from the old.
    // A weak new password, a wrong current one: each refused on its field.
    for (current, new, field) in [
        (created.initial_password.as_str(), "short", "new_password"),
        ("not-it-at-all", NEW_PASSWORD, "current_password"),
    ] {
        let path = "/api/v1/authority/password";
        let (status, body) = change_password(&app, &client, path, current, new).await;
        assert_eq!(status, 422);
        assert!(body["error"]["fields"][field].is_string(), "{body}");
    }
    let (status, _) = change_password(
        &app,
        &client,
        "/api/v1/authority/password",
        &created.initial_password,
        NEW_PASSWORD,
    )
    .await;
    assert_eq!(status, 204);
    let (status, me) = get_in(&app, &client, "/api/v1/authority/me").await;
    assert_eq!(
        (status, me["must_change_password"].clone()),
        (200, json!(false))
    );
    let (status, list) = get_in(&app, &client, "/api/v1/authority/institutions").await;
    assert_eq!(status, 200);
    // Of the demo's institutions, only the three generated inside Shenzhen.
    let divisions: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["division"].as_str().unwrap())
        .collect();
    assert_eq!(divisions.len(), 3, "{list}");
    assert!(divisions.iter().all(|d| d.starts_with("4403")), "{list}");
    // A taken username is refused by the command.
    let again = server::authority_admin::create(&app.state.db, "14", "SzWjw", None, 0).await;
    assert!(matches!(
        again,
        Err(server::authority_admin::CreateError::Taken)
    ));
    let bad = server::authority_admin::create(&app.state.db, "443", "other", None, 0).await;
    assert!(matches!(
        bad,
        Err(server::authority_admin::CreateError::Invalid(_))
    ));
    // Signed out, the session is gone.
    let (status, _) = send(
        &app,
        &client,
        "DELETE",
        "/api/v1/authority/session",
        json!({}),
    )
    .await;
    assert_eq!(status, 204);
    let (status, _) = get_in(&app, &client, "/api/v1/authority/me").await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn an_issued_administrator_replaces_the_password_then_sees_the_imported_staff() {
    let app = TestApp::spawn().await;
    let sz = authority(&app, "4403", "szwjw").await;
    let (inst, code) = institution(&app, &sz, "440305", "深圳市南山区人民医院").await;
    let (status, issued) = issue(&app, &sz, inst, "nsadmin").await;
    assert_eq!(status, 201, "{issued}");
    let initial = issued["initial_password"].as_str().unwrap().to_owned();
    assert_eq!(issued["sent_to"], "139****0099");
    // The one-time password went to the administrator's phone too.
    let (_, msgs) = json(app.get("/api/dev/outbox?to=13900000099").await).await;
    assert!(msgs.to_string().contains(&initial), "{msgs}");
    // The registry's staff of the institution, imported by the command.
    let csv = format!(
        "kind,level,name,id_number,certificate_number,qualification_number,has_valid_qualification,status,registration_valid_from,registration_valid_until,title,category,institution_credit_code,phone_on_record\n\
         physician,practising,赵刚,110108198805161230,110110105000201,,true,normal,,,attending,clinical,{code},13800001111\n"
    );
    let outcome = import_registry(&app.state.db, &csv, app.clock().today())
        .await
        .unwrap();
    assert!(matches!(outcome, ImportOutcome::Imported(1)), "{outcome:?}");

    let admin = app.other_client();
    let (status, me) = admin_sign_in(&app, &admin, "nsadmin", &initial).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["must_change_password"], true);
    let (status, body) = get_in(&app, &admin, "/api/v1/institution/staff").await;
    assert_eq!(status, 403);
    assert_eq!(body["error"]["code"], "auth.password_change_required");
    let (status, me) = get_in(&app, &admin, "/api/v1/institution/me").await;
    assert_eq!(
        (status, me["institution_name"].clone()),
        (200, json!("深圳市南山区人民医院"))
    );
    let (status, _) = change_password(
        &app,
        &admin,
        "/api/v1/institution/password",
        &initial,
        NEW_PASSWORD,
    )
    .await;
    assert_eq!(status, 204);
    // The imported physician has no account yet: the dashboard lists him
    // among the staff to follow up.
    let (status, board) = get_in(&app, &admin, "/api/v1/institution/dashboard").await;
    assert_eq!(status, 200, "{board}");
    assert_eq!(board["not_activated"][0]["name"], "赵刚", "{board}");
    // The authority sees the account in use.
    let (_, list) = get_in(&app, &sz, "/api/v1/authority/institutions").await;
    assert_eq!(list[0]["admins"][0]["username"], "nsadmin");
    assert_eq!(list[0]["admins"][0]["state"], "active");
    // Every step is audited with the authority as actor.
    let events = audit_events(&app, "authority_actor_id IS NOT NULL").await;
    for e in ["authority.institution_created", "authority.admin_issued"] {
        assert!(events.iter().any(|x| x == e), "{events:?}");
    }
    let changed: i64 = app
        .state
        .db
        .scalar("SELECT COUNT(*) FROM audit_log WHERE event = 'admin.password_changed'")
        .await
        .unwrap();
    assert_eq!(changed, 1);
}

#[tokio::test]
async fn reissue_ends_the_sessions_and_disable_stops_sign_in() {
    let app = TestApp::spawn().await;
    let sz = authority(&app, "4403", "szwjw").await;
    let (inst, _) = institution(&app, &sz, "440305", "南山医院").await;
    let (_, issued) = issue(&app, &sz, inst, "nsadmin").await;
    let account = issued["account_id"].as_i64().unwrap();
    let first = issued["initial_password"].as_str().unwrap().to_owned();
    let admin = app.other_client();
    assert_eq!(admin_sign_in(&app, &admin, "nsadmin", &first).await.0, 200);
    let (status, again) = send(
        &app,
        &sz,
        "POST",
        &format!("/api/v1/authority/admins/{account}/reissue"),
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{again}");
    let second = again["initial_password"].as_str().unwrap().to_owned();
    assert_ne!(first, second);
    // The old session ended and the old password no longer works.
    assert_eq!(get_in(&app, &admin, "/api/v1/institution/me").await.0, 401);
    assert_eq!(admin_sign_in(&app, &admin, "nsadmin", &first).await.0, 401);
    assert_eq!(admin_sign_in(&app, &admin, "nsadmin", &second).await.0, 200);
    let (status, _) = send(
        &app,
        &sz,
        "POST",
        &format!("/api/v1/authority/admins/{account}/disable"),
        json!({}),
    )
    .await;
    assert_eq!(status, 204);
    assert_eq!(get_in(&app, &admin, "/api/v1/institution/me").await.0, 401);
    assert_eq!(admin_sign_in(&app, &admin, "nsadmin", &second).await.0, 401);
    let (_, list) = get_in(&app, &sz, "/api/v1/authority/institutions").await;
    assert_eq!(list[0]["admins"][0]["state"], "disabled");
    let events = audit_events(&app, "authority_actor_id IS NOT NULL").await;
    for e in ["authority.admin_reissued", "authority.admin_disabled"] {
        assert!(events.iter().any(|x| x == e), "{events:?}");
    }
}

#[tokio::test]
async fn bad_input_is_refused_on_its_field() {
    let app = TestApp::spawn().await;
    let sz = authority(&app, "4403", "szwjw").await;
    let (status, body) = send(&app, &sz, "POST", "/api/v1/authority/institutions",
        json!({"name": "X", "credit_code": "123", "licence_number": "", "licence_valid_until": "2030-1-1", "division": "1401"})).await;
    assert_eq!(status, 422);
    for field in [
        "name",
        "credit_code",
        "licence_number",
        "licence_valid_until",
        "division",
    ] {
        assert!(
            body["error"]["fields"][field].is_string(),
            "{field}: {body}"
        );
    }
    let (inst, code) = institution(&app, &sz, "440305", "南山医院").await;
    let (status, body) = send(&app, &sz, "POST", "/api/v1/authority/institutions",
        json!({"name": "南山医院二", "credit_code": code, "licence_number": "L1", "licence_valid_until": "2030-12-31", "division": "4403"})).await;
    assert_eq!(
        (status, body["error"]["fields"]["credit_code"].is_string()),
        (409, true),
        "{body}"
    );
    let (status, body) = issue(&app, &sz, inst, "1bad").await;
    assert_eq!(status, 422);
    assert!(body["error"]["fields"]["username"].is_string());
    // A username taken by any institution's administrator.
    let (status, body) = issue(&app, &sz, inst, "admin_a").await;
    assert_eq!(status, 409, "{body}");
    let (status, body) = send(
        &app,
        &sz,
        "POST",
        "/api/v1/authority/accounts",
        json!({"username": "sxwjw", "division": "14", "phone": "13900000002"}),
    )
    .await;
    assert_eq!(status, 422);
    assert!(body["error"]["fields"]["division"].is_string(), "{body}");
    let resp = sz.post(app.url("/api/v1/authority/institutions"))
        .header("Accept-Language", "en")
        .json(&json!({"name": "南山医院三", "credit_code": credit_code("12440300999"), "licence_number": "L1", "licence_valid_until": "2030-12-31", "division": "44"}))
        .send().await.unwrap();
    let (status, body) = json(resp).await;
    assert_eq!(status, 422);
    assert!(
        body["error"]["fields"]["division"]
            .as_str()
            .unwrap()
            .contains("outside"),
        "{body}"
    );
}

#[tokio::test]
async fn an_authority_of_4403_sees_nothing_of_14_and_the_national_one_sees_both() {
    let app = TestApp::spawn().await;
    let sz = authority(&app, "4403", "szwjw").await;
    let sx = authority(&app, "14", "sxwjw").await;
    let (sz_inst, _) = institution(&app, &sz, "440305", "南山医院").await;
    let (sx_inst, _) = institution(&app, &sx, "1401", "太原医院").await;
    let (_, sx_admin) = issue(&app, &sx, sx_inst, "tyadmin").await;
    let sx_admin = sx_admin["account_id"].as_i64().unwrap();
    // The list holds the own region's only.
    let (_, list) = get_in(&app, &sz, "/api/v1/authority/institutions").await;
    let ids: Vec<i64> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    // Its own and the demo's generated Shenzhen institutions, never 14's.
    assert!(ids.contains(&sz_inst) && !ids.contains(&sx_inst), "{list}");
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .all(|i| i["division"].as_str().unwrap().starts_with("4403")),
        "{list}"
    );
    // Every endpoint naming the other region's institution or account: 404.
    assert_eq!(issue(&app, &sz, sx_inst, "intruder").await.0, 404);
    for action in ["reissue", "disable"] {
        let (status, _) = send(
            &app,
            &sz,
            "POST",
            &format!("/api/v1/authority/admins/{sx_admin}/{action}"),
            json!({}),
        )
        .await;
        assert_eq!(status, 404, "{action}");
    }
    // The demo institutions' admins (Beijing) are out of reach as well.
    let xiehe: i64 = app
        .state
        .db
        .scalar("SELECT id FROM accounts WHERE username = 'admin_a'")
        .await
        .unwrap();
    let (status, _) = send(
        &app,
        &sz,
        "POST",
        &format!("/api/v1/authority/admins/{xiehe}/reissue"),
        json!({}),
    )
    .await;
    assert_eq!(status, 404);
    // Creating in the other region, or an account for it, is refused.
    let (status, _) = send(&app, &sz, "POST", "/api/v1/authority/institutions",
        json!({"name": "太原二院", "credit_code": credit_code("12140100777"), "licence_number": "L", "licence_valid_until": "2030-12-31", "division": "1401"})).await;
    assert_eq!(status, 422);
    // Nothing changed for Shanxi's administrator.
    let (_, list) = get_in(&app, &sx, "/api/v1/authority/institutions").await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["admins"][0]["state"], "issued");
    // The national authority sees both regions and the demo's.
    let national = authority(&app, "national", "nhcadmin").await;
    let (_, list) = get_in(&app, &national, "/api/v1/authority/institutions").await;
    // Both regions' and the demo's five.
    assert_eq!(list.as_array().unwrap().len(), 7, "{list}");
    // An authority creates an administrator within its region only.
    let (status, made) = send(
        &app,
        &sz,
        "POST",
        "/api/v1/authority/accounts",
        json!({"username": "nswjw", "division": "440305", "phone": "13900000003"}),
    )
    .await;
    assert_eq!(status, 201, "{made}");
    // Other roles' sessions do not open the authority's side.
    let practitioner = app.other_client();
    practitioner.post(app.url("/api/v1/session")).json(&json!({"system": "physician", "username": "zhangwei", "password": crate::helpers::DEMO_PASSWORD})).send().await.unwrap();
    assert_eq!(
        get_in(&app, &practitioner, "/api/v1/authority/institutions")
            .await
            .0,
        401
    );
    let admin = demo_admin(&app, "admin_a").await;
    assert_eq!(
        get_in(&app, &admin, "/api/v1/authority/institutions")
            .await
            .0,
        401
    );
    // And the authority's cookie opens no institution route.
    assert_eq!(get_in(&app, &sz, "/api/v1/institution/staff").await.0, 401);
}

#[tokio::test]
async fn the_follow_up_counts_in_the_database_and_rises_when_a_physician_applies() {
    let app = TestApp::spawn().await;
    let national = authority(&app, "national", "nhcadmin").await;
    let (status, list) = get_in(&app, &national, "/api/v1/authority/follow-up").await;
    assert_eq!(status, 200, "{list}");
    let find = |list: &Value, name: &str| -> Value {
        list.as_array()
            .unwrap()
            .iter()
            .find(|i| i["name"] == name)
            .cloned()
            .unwrap()
    };
    let before = find(&list, "北京市海淀区和平医院");
    // The same figures as the institution's own dashboard.
    let admin = app.other_client();
    admin_sign_in(&app, &admin, "admin_a", crate::helpers::DEMO_PASSWORD).await;
    let (_, board) = get_in(&app, &admin, "/api/v1/institution/dashboard").await;
    let kind = |k: &str| {
        board["systems"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["system"] == k)
            .cloned()
            .unwrap()
    };
    assert_eq!(before["physicians"], kind("physician")["total"]);
    assert_eq!(before["nurses"], kind("nurse")["total"]);
    assert_eq!(before["physicians_applied"], kind("physician")["applied"]);
    assert_eq!(before["admin"], "active");
    // An eligible physician of that institution applies: the rate rises.
    app.sign_in("physician", "zhangwei", crate::helpers::DEMO_PASSWORD)
        .await;
    assert_eq!(
        app.post("/api/v1/applications", &json!({})).await.status(),
        201
    );
    let (_, list) = get_in(&app, &national, "/api/v1/authority/follow-up").await;
    let after = find(&list, "北京市海淀区和平医院");
    assert_eq!(
        after["physicians_applied"].as_i64(),
        before["physicians_applied"].as_i64().map(|n| n + 1)
    );
    assert!(after["application_rate"].as_f64() > before["application_rate"].as_f64());
    // The national authority sees the provinces.
    let (_, regions) = get_in(&app, &national, "/api/v1/authority/follow-up/regions").await;
    let codes: Vec<&str> = regions
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["division"].as_str().unwrap())
        .collect();
    // Beijing, Shanghai and Guangdong (the generated Shenzhen institutions).
    assert_eq!(codes, vec!["11", "31", "44"]);
    assert_eq!(
        regions[0]["applied"],
        after["physicians_applied"].as_i64().unwrap() + after["nurses_applied"].as_i64().unwrap()
    );
}

#[tokio::test]
async fn the_follow_up_puts_institutions_without_an_administrator_first_and_exports_csv() {
    let app = TestApp::spawn().await;
    let sz = authority(&app, "4403", "szwjw").await;
    let (with_admin, _) = institution(&app, &sz, "440305", "南山医院").await;
    institution(&app, &sz, "440304", "福田医院").await;
    let (_, issued) = issue(&app, &sz, with_admin, "nsadmin").await;
    let admin = app.other_client();
    let initial = issued["initial_password"].as_str().unwrap();
    admin_sign_in(&app, &admin, "nsadmin", initial).await;
    change_password(
        &app,
        &admin,
        "/api/v1/institution/password",
        initial,
        NEW_PASSWORD,
    )
    .await;
    let (_, list) = get_in(&app, &sz, "/api/v1/authority/follow-up").await;
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    // The one without an administrator first; the demo's generated
    // institutions of 4403 are listed too.
    assert_eq!(names[0], "福田医院", "{list}");
    assert_eq!(list[0]["admin"], Value::Null);
    assert!(names.contains(&"南山医院"), "{list}");
    assert!(
        list.as_array().unwrap()[1..]
            .iter()
            .all(|i| i["admin"] == "active"),
        "{list}"
    );
    let resp = sz
        .get(app.url("/api/v1/authority/follow-up.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert!(resp.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let text = resp.text().await.unwrap();
    assert!(text.starts_with('\u{FEFF}'));
    assert!(
        text.contains("福田医院") && text.contains("南山医院"),
        "{text}"
    );
    assert!(!text.contains("和平医院"), "{text}");
    let (_, regions) = get_in(&app, &sz, "/api/v1/authority/follow-up/regions").await;
    let codes: Vec<&str> = regions
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["division"].as_str().unwrap())
        .collect();
    assert_eq!(codes, vec!["440304", "440305", "440306"]);
    assert_eq!(regions[0]["without_admin"], 1);
    assert_eq!(regions[1]["without_admin"], 0);
    assert_eq!(regions[2]["without_admin"], 0);
}

#[tokio::test]
async fn the_follow_up_of_4403_holds_nothing_of_14() {
    let app = TestApp::spawn().await;
    let sz = authority(&app, "4403", "szwjw").await;
    let sx = authority(&app, "14", "sxwjw").await;
    institution(&app, &sz, "440305", "南山医院").await;
    institution(&app, &sx, "1401", "太原医院").await;
    for (client, code, mine, theirs) in [
        (&sz, "4403", "南山医院", "太原医院"),
        (&sx, "14", "太原医院", "南山医院"),
    ] {
        for path in [
            "/api/v1/authority/follow-up",
            "/api/v1/authority/follow-up/regions",
        ] {
            let (status, body) = get_in(&app, client, path).await;
            assert_eq!(status, 200);
            // Every row lies inside the authority's own division.
            let rows = body.as_array().unwrap();
            assert!(!rows.is_empty(), "{path}: {body}");
            assert!(
                rows.iter()
                    .all(|r| r["division"].as_str().unwrap().starts_with(code)),
                "{path}: {body}"
            );
            assert!(!body.to_string().contains(theirs));
        }
        let text = text_in(&app, client, "/api/v1/authority/follow-up.csv").await;
        assert!(
            text.contains(mine) && !text.contains(theirs) && !text.contains("和平医院"),
            "{text}"
        );
    }
    // Without the authority's session: 401.
    let stranger = app.other_client();
    for path in [
        "/api/v1/authority/follow-up",
        "/api/v1/authority/follow-up.csv",
        "/api/v1/authority/follow-up/regions",
    ] {
        assert_eq!(get_in(&app, &stranger, path).await.0, 401, "{path}");
    }
}
