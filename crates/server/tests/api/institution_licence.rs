//! The institution's own e-license (issue 18): issued on its application in
//! the same transaction, signed with the published key, once under
//! concurrency, verified by the public endpoints, seen by its own
//! administrators only; revoked with the institution's status, expired
//! with its practice licence.

use std::collections::HashSet;

use rules::api::{InstitutionLicence, LicensePublicKey, LicenseRevocations, LicenseStatusBody};
use rules::institution_license::{AnyLicense, InstitutionLicenseFields, TYPE_CODE_INSTITUTION};
use rules::license::{decode_public_key, key_id, LicenseStatus, Signed, SignedLicense};
use rules::LicenseId;
use serde_json::Value;

use crate::helpers::{demo_admin as admin, json, TestApp};

const INSTITUTION_A: &str = "北京市海淀区和平医院";

async fn scalar(app: &TestApp, sql: &str) -> i64 {
    app.state.db.scalar::<i64>(sql).await.unwrap()
}

async fn licence_page(client: &reqwest::Client, app: &TestApp) -> InstitutionLicence {
    let resp = client
        .get(app.url("/api/v1/institution/licence"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    resp.json().await.unwrap()
}

async fn public<T: serde::de::DeserializeOwned>(app: &TestApp, path: &str) -> T {
    // Public: a client without any session.
    let resp = app.other_client().get(app.url(path)).send().await.unwrap();
    assert_eq!(resp.status(), 200, "{path}");
    resp.json().await.unwrap()
}

#[tokio::test]
async fn applying_issues_the_institution_a_licence_verifiable_with_the_published_key() {
    let app = TestApp::spawn().await;
    let a = admin(&app, "admin_a").await;
    assert_eq!(licence_page(&a, &app).await.licence, None);
    let apply = app.url("/api/v1/institution/licence/application");
    let (status, first) = json(a.post(&apply).send().await.unwrap()).await;
    assert_eq!(status, 201, "{first}");

    let page = licence_page(&a, &app).await;
    let issued = page.licence.expect("licence issued with the application");
    let f = &issued.fields;
    assert_eq!(f.name, INSTITUTION_A);
    assert_eq!(f.credit_code, page.credit_code);
    assert_eq!(f.licence_number, page.licence_number);
    assert_eq!(f.licence_valid_until, page.licence_valid_until);
    assert_eq!(f.issued_on, app.clock().today());
    assert_eq!(f.authority, "国家卫生健康委员会");
    assert_eq!(issued.status, LicenseStatus::Valid);
    let id = LicenseId::parse(&f.id).expect("identifier in the national format");
    assert_eq!(id.type_code(), TYPE_CODE_INSTITUTION);

    // Signed with the current key, which the public endpoint lists.
    let key: LicensePublicKey = public(&app, "/api/v1/license/public-key").await;
    let pk = decode_public_key(&key.public_key).unwrap();
    assert_eq!(
        (f.key_id.as_str(), key_id(&pk)),
        (key.key_id.as_str(), key.key_id.clone())
    );
    let signed = Signed::<InstitutionLicenseFields>::from_payload(&issued.payload).unwrap();
    assert_eq!(&signed.fields, f);
    assert!(signed.verify(&pk));
    assert_eq!(signed.signature_text(), issued.signature);
    // The verify page's reader tells the kind; a practitioner-only reader
    // refuses it.
    let any = Signed::<AnyLicense>::from_payload(&issued.payload).unwrap();
    assert!(matches!(any.fields, AnyLicense::Institution(_)) && any.verify(&pk));
    assert!(SignedLicense::from_payload(&issued.payload).is_err());

    // The public status answers for it (no practitioner details to show).
    let status: LicenseStatusBody = public(
        &app,
        &format!("/api/v1/license/{}/status?sig={}", f.id, issued.signature),
    )
    .await;
    assert_eq!((status.status, status.holder), (LicenseStatus::Valid, None));

    // A repeat application: the same application, the same licence.
    let (status, again) = json(a.post(&apply).send().await.unwrap()).await;
    assert_eq!((status, &again), (200, &first));
    assert_eq!(licence_page(&a, &app).await.licence.unwrap().fields, *f);
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM institution_licences").await,
        1
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE event = 'licence.institution_issued'"
        )
        .await,
        1
    );

    // Another institution's administrator sees only their own institution.
    let b = admin(&app, "admin_b").await;
    let other = licence_page(&b, &app).await;
    assert_ne!(other.name, INSTITUTION_A);
    assert_eq!((other.application, other.licence), (None, None));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_parallel_applications_give_one_licence() {
    let app = TestApp::spawn().await;
    let a = admin(&app, "admin_a").await;
    let url = app.url("/api/v1/institution/licence/application");
    let handles: Vec<_> = (0..20)
        .map(|_| {
            let send = a.post(&url).send();
            tokio::spawn(async move {
                let resp = send.await.unwrap();
                let status = resp.status().as_u16();
                (status, resp.json::<Value>().await.unwrap_or_default())
            })
        })
        .collect();
    let mut created = 0;
    let mut ids = HashSet::new();
    for h in handles {
        let (status, body) = h.await.unwrap();
        assert!(status == 201 || status == 200, "{status}: {body}");
        created += usize::from(status == 201);
        ids.insert(body["id"].as_i64().unwrap());
    }
    assert_eq!((created, ids.len()), (1, 1));
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM institution_licences").await,
        1
    );
    let issued = licence_page(&a, &app).await.licence.unwrap();
    assert_eq!(issued.status, LicenseStatus::Valid);
}

#[tokio::test]
async fn a_not_eligible_institution_gets_422_and_no_licence() {
    let app = TestApp::spawn().await;
    app.state
        .db
        .execute_sql(&format!(
            "UPDATE institutions SET licence_valid_until = '2001-01-01' WHERE name = '{INSTITUTION_A}'"
        ))
        .await
        .unwrap();
    let a = admin(&app, "admin_a").await;
    let (status, body) = json(
        a.post(app.url("/api/v1/institution/licence/application"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (422, Some("application.not_eligible"))
    );
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM institution_licences").await,
        0
    );
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM institution_applications").await,
        0
    );
    assert_eq!(licence_page(&a, &app).await.licence, None);
}

#[tokio::test]
async fn the_licence_is_revoked_with_the_institution_and_expires_with_its_practice_licence() {
    let app = TestApp::spawn().await;
    let a = admin(&app, "admin_a").await;
    let (status, _) = json(
        a.post(app.url("/api/v1/institution/licence/application"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 201);
    let issued = licence_page(&a, &app).await.licence.unwrap();
    let status_url = format!("/api/v1/license/{}/status", issued.fields.id);
    let list: LicenseRevocations = public(&app, "/api/v1/license/revocations").await;
    assert!(!list.revoked.contains(&issued.fields.id));

    // The institution's status is no longer normal: revoked everywhere.
    app.state
        .db
        .execute_sql(&format!(
            "UPDATE institutions SET status = 'suspended' WHERE name = '{INSTITUTION_A}'"
        ))
        .await
        .unwrap();
    let body: LicenseStatusBody = public(&app, &status_url).await;
    assert_eq!(body.status, LicenseStatus::Revoked);
    let list: LicenseRevocations = public(&app, "/api/v1/license/revocations").await;
    assert!(list.revoked.contains(&issued.fields.id));
    assert_eq!(
        licence_page(&a, &app).await.licence.unwrap().status,
        LicenseStatus::Revoked
    );

    // Back to normal, then past the practice licence's last day: expired.
    app.state
        .db
        .execute_sql(&format!(
            "UPDATE institutions SET status = 'normal' WHERE name = '{INSTITUTION_A}'"
        ))
        .await
        .unwrap();
    let days = (issued.fields.licence_valid_until - app.clock().today()).num_days() + 1;
    app.clock().advance(days * 86_400);
    let body: LicenseStatusBody = public(&app, &status_url).await;
    assert_eq!(body.status, LicenseStatus::Expired);
}
