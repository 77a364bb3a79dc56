//! Campaigns as data: every region's deadlines, read by the portal and
//! painted into the HTML shells; each health authority sets its region's
//! within the enclosing one; authorities remind their region's staff.

use chrono::Days;
use serde_json::{json, Value};

use crate::helpers::{demo_authority as authority, json, send as call, TestApp};

async fn table(app: &TestApp) -> Vec<rules::Campaign> {
    let (status, body) = json(app.get("/api/v1/campaigns").await).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_value(body).unwrap()
}

/// An authority's campaign set in `client`'s browser: status and body.
async fn put_campaign(app: &TestApp, client: &reqwest::Client, body: Value) -> (u16, Value) {
    call(app, client, "PUT", "/api/v1/authority/campaign", body).await
}

fn day(app: &TestApp, n: u64) -> String {
    (app.clock().today() + Days::new(n)).to_string()
}

#[tokio::test]
async fn the_national_deadline_in_force_is_served_and_painted_into_the_shell() {
    let app = TestApp::spawn().await;
    // Demo mode counts the seed's campaigns from today: the countdowns show.
    let today = app.clock().today();
    let campaigns = table(&app).await;
    assert_eq!(rules::campaign_in(&campaigns, "").days_left(today), 31);
    assert_eq!(rules::campaign_in(&campaigns, "440305").region_code, "4403");
    // A built shell, with the seed's date in its banner.
    std::fs::write(
        app.state.config.dist.join("index.html"),
        "<!doctype html><title>index</title><aside aria-label=\"申领截止 Deadline\" class=banner>\
         全国 · 电子证照申领截止日期：2020年12月31日</aside>",
    )
    .unwrap();
    let page = app.get("/sign-in").await.text().await.unwrap();
    let zh = rules::Lang::Zh.date(today + Days::new(31));
    assert!(
        page.contains(&format!("全国 · 电子证照申领截止日期：{zh}")),
        "{page}"
    );
    assert!(!page.contains("2020年12月31日"), "{page}");

    // The national authority moves it: the API, /me and the shell follow.
    let nhc = authority(&app, "nhc_admin").await;
    let (status, body) = put_campaign(
        &app,
        &nhc,
        json!({"e_license_by": day(&app, 45), "after_deadline": "off_duty",
               "name_zh": "ignored", "name_en": "ignored"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["own"], true);
    assert_eq!(body["in_force"]["name_zh"], "全国");
    assert_eq!(body["enclosing"], Value::Null);
    let national = rules::campaign_in(&table(&app).await, "").clone();
    assert_eq!(national.days_left(today), 45);
    assert_eq!(national.after_deadline, rules::AfterDeadline::OffDuty);
    let page = app.get("/").await.text().await.unwrap();
    assert!(
        page.contains(&rules::Lang::Zh.date(today + Days::new(45))),
        "{page}"
    );
    app.sign_in("physician", "zhangwei", server::seed::DEMO_PASSWORD)
        .await;
    let (_, me) = json(app.get("/api/v1/me").await).await;
    assert_eq!(me["campaign"]["e_license_by"], day(&app, 45), "{me}");
    // The institution dashboard shows its region's campaign too.
    app.sign_in_admin("admin_a").await;
    let (status, dashboard) = json(app.get("/api/v1/institution/dashboard").await).await;
    assert_eq!(status, 200, "{dashboard}");
    assert_eq!(dashboard["campaign"]["e_license_by"], day(&app, 45));
}

#[tokio::test]
async fn a_region_sets_its_campaign_within_the_national_one() {
    let app = TestApp::spawn().await;
    let sz = authority(&app, "sz_admin").await;
    let (status, body) = call(&app, &sz, "GET", "/api/v1/authority/campaign", json!({})).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["own"], true);
    assert_eq!(body["in_force"]["region_code"], "4403");
    assert_eq!(body["enclosing"]["region_code"], "");
    let before = table(&app).await;

    // Every bad field is named, and nothing changes.
    let (status, body) = put_campaign(
        &app,
        &sz,
        json!({"name_zh": "", "name_en": "Shenzhen", "institution_accounts_by": "2026-13-01",
               "e_license_by": day(&app, 40), "registration_changes_by": "",
               "after_deadline": "cannot_practise"}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let fields = &body["error"]["fields"];
    assert!(
        fields["name"].as_str().unwrap().contains("地区名称"),
        "{body}"
    );
    assert!(
        fields["institution_accounts_by"]
            .as_str()
            .unwrap()
            .contains("年-月-日"),
        "{body}"
    );
    // 40 days is after the national 31: refused, naming the national date.
    let national = rules::Lang::Zh.date(app.clock().today() + Days::new(31));
    assert!(
        fields["e_license_by"].as_str().unwrap().contains(&national),
        "{body}"
    );
    let (status, body) = put_campaign(
        &app,
        &sz,
        json!({"name_zh": "深圳市", "name_en": "Shenzhen", "institution_accounts_by": day(&app, 20),
               "e_license_by": day(&app, 10), "after_deadline": "cannot_practise"}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(
        body["error"]["fields"]["institution_accounts_by"].is_string(),
        "{body}"
    );
    assert_eq!(table(&app).await, before);
    // An unknown consequence is malformed.
    let (status, _) = put_campaign(
        &app,
        &sz,
        json!({"e_license_by": day(&app, 10), "after_deadline": "shrug"}),
    )
    .await;
    assert!(status == 400 || status == 422, "{status}");

    // Within the national campaign: stored, and Shenzhen's staff follow it.
    let (status, body) = put_campaign(
        &app,
        &sz,
        json!({"name_zh": "深圳市", "name_en": "Shenzhen", "institution_accounts_by": day(&app, 3),
               "e_license_by": day(&app, 12), "registration_changes_by": day(&app, 12),
               "after_deadline": "off_duty"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let sz_campaign = rules::campaign_in(&table(&app).await, "440305").clone();
    assert_eq!(sz_campaign.days_left(app.clock().today()), 12);
    assert_eq!(
        sz_campaign.institution_days_left(app.clock().today()),
        Some(3)
    );
    // Another region is untouched: Shanxi keeps its own.
    assert_eq!(
        rules::campaign_in(&table(&app).await, "1401"),
        rules::campaign_in(&before, "1401")
    );

    // The nation cannot end before a region inside it: change that first.
    let nhc = authority(&app, "nhc_admin").await;
    let (status, body) = put_campaign(
        &app,
        &nhc,
        json!({"e_license_by": day(&app, 11), "after_deadline": "cannot_practise"}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(
        body["error"]["fields"]["e_license_by"]
            .as_str()
            .unwrap()
            .contains("请先调整该地区"),
        "{body}"
    );

    // Without an authority's session: 401; a practitioner's is not one.
    let stranger = app.other_client();
    for method in ["GET", "PUT"] {
        let (status, _) = call(
            &app,
            &stranger,
            method,
            "/api/v1/authority/campaign",
            json!({"e_license_by": day(&app, 5), "after_deadline": "off_duty"}),
        )
        .await;
        assert_eq!(status, 401, "{method}");
    }
}

#[tokio::test]
async fn an_authority_reminds_its_region_once_a_day_and_counts_it() {
    let app = TestApp::spawn().await;
    let nhc = authority(&app, "nhc_admin").await;
    let sz = authority(&app, "sz_admin").await;
    // Shenzhen reminds the staff of its three generated demo institutions;
    // naming an institution outside it is a 404, as for one that does not
    // exist.
    let (status, sz_sent) = call(&app, &sz, "POST", "/api/v1/authority/reminders", json!({})).await;
    assert_eq!(status, 200, "{sz_sent}");
    assert!(sz_sent["sent"].as_u64().unwrap() > 0, "{sz_sent}");
    let (status, _) = call(
        &app,
        &sz,
        "POST",
        "/api/v1/authority/reminders",
        json!({"institution_id": 1}),
    )
    .await;
    assert_eq!(status, 404);

    // The national authority reminds everyone lacking a photo.
    let (status, sent) = call(
        &app,
        &nhc,
        "POST",
        "/api/v1/authority/reminders",
        json!({"criterion": "photo"}),
    )
    .await;
    assert_eq!(status, 200, "{sent}");
    assert!(sent["sent"].as_u64().unwrap() >= 2, "{sent}");
    let (_, msgs) = json(app.get("/api/dev/outbox?to=13800138002").await).await;
    let body = msgs[0]["body"].as_str().unwrap();
    assert!(body.contains("国家卫生健康委提醒您"), "{body}");
    assert!(body.contains("上传证件照"), "{body}");
    let deadline = rules::campaign_in(&table(&app).await, "11")
        .e_license_by
        .to_string();
    assert!(body.contains(&deadline), "{body}");

    // One reminder a day per person, whoever sends it.
    let (_, again) = call(
        &app,
        &nhc,
        "POST",
        "/api/v1/authority/reminders",
        json!({"criterion": "photo"}),
    )
    .await;
    assert_eq!(again["sent"], 0, "{again}");
    // Those it reminded, and Shenzhen's who lack a photo (reminded by sz).
    assert!(
        again["already_today"].as_u64().unwrap() > sent["sent"].as_u64().unwrap(),
        "{again}"
    );
    app.sign_in_admin("admin_a").await;
    let (_, by_institution) = json(
        app.post(
            "/api/v1/institution/reminders",
            &json!({"criterion": "photo"}),
        )
        .await,
    )
    .await;
    assert_eq!(by_institution["sent"], 0, "{by_institution}");
    // An institution cannot name another institution.
    let (status, _) = json(
        app.post(
            "/api/v1/institution/reminders",
            &json!({"institution_id": 2}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 404);

    // The figures: the nation counts both, Shenzhen its own.
    let (status, figures) = call(&app, &nhc, "GET", "/api/v1/authority/reminders", json!({})).await;
    assert_eq!(status, 200);
    assert_eq!(
        figures["sent"].as_u64().unwrap(),
        sent["sent"].as_u64().unwrap() + sz_sent["sent"].as_u64().unwrap(),
        "{figures}"
    );
    let (_, own) = call(&app, &sz, "GET", "/api/v1/authority/reminders", json!({})).await;
    assert_eq!(own["sent"], sz_sent["sent"], "{own}");
    let stranger = app.other_client();
    let (status, _) = call(
        &app,
        &stranger,
        "POST",
        "/api/v1/authority/reminders",
        json!({}),
    )
    .await;
    assert_eq!(status, 401);
}
