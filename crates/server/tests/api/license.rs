use rules::api::{IssuedLicense, LicensePublicKey, LicenseStatusBody};
use rules::license::{decode_public_key, key_id, LicenseStatus, SignedLicense};
use rules::{LicenseId, PractitionerKind};

use crate::helpers::{json, practitioner_id, TestApp, DEMO_PASSWORD};

/// Revokes the practitioner's licences (`filed`) at `now`: how many.
async fn revoke_filed(app: &TestApp, practitioner_id: i64, now: i64) -> u64 {
    let mut c = app.state.db.acquire().await.unwrap();
    server::license::revoke_for_practitioner(&mut c, practitioner_id, "filed", now)
        .await
        .unwrap()
}

async fn apply_and_fetch(app: &TestApp, system: &str, username: &str) -> IssuedLicense {
    app.sign_in(system, username, DEMO_PASSWORD).await;
    assert_eq!(app.get("/api/v1/license").await.status(), 404);
    let resp = app
        .post("/api/v1/applications", &serde_json::json!({}))
        .await;
    assert_eq!(resp.status(), 201);
    let resp = app.get("/api/v1/license").await;
    assert_eq!(resp.status(), 200);
    resp.json().await.unwrap()
}

async fn public_key(app: &TestApp) -> LicensePublicKey {
    let resp = app
        .other_client()
        .get(app.url("/api/v1/license/public-key"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    resp.json().await.unwrap()
}

async fn status(app: &TestApp, id: &str, sig: Option<&str>) -> LicenseStatusBody {
    let mut url = format!("/api/v1/license/{id}/status");
    if let Some(sig) = sig {
        url.push_str(&format!("?sig={sig}"));
    }
    // Public: a client without any session.
    let resp = app.other_client().get(app.url(&url)).send().await.unwrap();
    assert_eq!(resp.status(), 200);
    resp.json().await.unwrap()
}

#[tokio::test]
async fn applying_issues_a_license_verifiable_with_the_published_key() {
    let app = TestApp::spawn().await;
    let license = apply_and_fetch(&app, "physician", "zhangwei").await;
    let f = &license.fields;
    assert_eq!(f.name, "张伟");
    assert!(matches!(f.kind, PractitionerKind::Physician { .. }));
    assert_eq!(f.authority, "国家卫生健康委员会");
    assert!(f.id_number_masked.contains("***********"));
    assert_eq!(f.valid_until, None);
    assert_eq!(license.status, LicenseStatus::Valid);
    let id = LicenseId::parse(&f.id).expect("identifier in the national format");
    assert!(id
        .as_str()
        .starts_with("1.2.156.3005.2.11100000000013338W011.11100000000013338W."));

    let key = public_key(&app).await;
    assert_eq!(key.algorithm, "Ed25519");
    let pk = decode_public_key(&key.public_key).unwrap();
    assert_eq!(key.key_id, key_id(&pk));
    assert_eq!(f.key_id, key.key_id);
    let signed = SignedLicense::from_payload(&license.payload).unwrap();
    assert_eq!(&signed.fields, f);
    assert!(signed.verify(&pk));
    assert_eq!(signed.signature_text(), license.signature);

    // Applying again returns the same application and keeps the license.
    app.post("/api/v1/applications", &serde_json::json!({}))
        .await;
    let (_, again) = json(app.get("/api/v1/license").await).await;
    assert_eq!(again["fields"]["id"], f.id.as_str());

    // The public status: holder details only with the signature.
    let with_sig = status(&app, &f.id, Some(&license.signature)).await;
    assert_eq!(with_sig.status, LicenseStatus::Valid);
    let holder = with_sig.holder.expect("holder");
    assert_eq!(holder.name, "张伟");
    assert_eq!(holder.institution, f.institution);
    let without = status(&app, &f.id, None).await;
    assert_eq!(
        (without.status, without.holder),
        (LicenseStatus::Valid, None)
    );
    let wrong = status(&app, &f.id, Some("AAAA")).await;
    assert_eq!(wrong.holder, None);

    // Unknown and malformed identifiers.
    let other = rules::license::identifier(f.kind, 2020, 9_999_999).unwrap();
    assert_eq!(
        status(&app, other.as_str(), None).await.status,
        LicenseStatus::Unknown
    );
    assert_eq!(
        status(&app, "not-an-id", None).await.status,
        LicenseStatus::Unknown
    );
}

#[tokio::test]
async fn a_deregistered_holder_has_a_revoked_license() {
    let app = TestApp::spawn().await;
    let license = apply_and_fetch(&app, "physician", "zhangwei").await;
    let id = license.fields.id.clone();
    // The registry records the deregistration (注销).
    app.state
        .db
        .execute_sql("UPDATE practitioners SET status = 'cancelled' WHERE name = '张伟'")
        .await
        .unwrap();
    assert_eq!(status(&app, &id, None).await.status, LicenseStatus::Revoked);
    let (_, own) = json(app.get("/api/v1/license").await).await;
    assert_eq!(own["status"], "revoked");
}

#[tokio::test]
async fn revoke_for_practitioner_revokes_the_current_license() {
    let app = TestApp::spawn().await;
    let license = apply_and_fetch(&app, "physician", "zhangwei").await;
    let pid = practitioner_id(&app, "张伟").await;
    let n = revoke_filed(&app, pid, 1).await;
    assert_eq!(n, 1);
    assert_eq!(
        status(&app, &license.fields.id, None).await.status,
        LicenseStatus::Revoked
    );
    // Nothing left to revoke.
    let n = revoke_filed(&app, pid, 2).await;
    assert_eq!(n, 0);
    // Applying again while eligible issues a new license with a new serial.
    app.post("/api/v1/applications", &serde_json::json!({}))
        .await;
    let (_, renewed) = json(app.get("/api/v1/license").await).await;
    assert_ne!(renewed["fields"]["id"], license.fields.id.as_str());
    assert_eq!(renewed["status"], "valid");
}

#[tokio::test]
async fn a_nurse_license_expires_with_the_registration() {
    let app = TestApp::spawn().await;
    let license = apply_and_fetch(&app, "nurse", "lina").await;
    let until = license
        .fields
        .valid_until
        .expect("nurses: registration valid-until");
    assert_eq!(license.fields.kind, PractitionerKind::Nurse);
    assert!(license
        .fields
        .id
        .starts_with("1.2.156.3005.2.11100000000013338W012."));
    let days = (until - app.state.clock.today()).num_days() + 1;
    app.clock().advance(days * 86_400);
    assert_eq!(
        status(&app, &license.fields.id, None).await.status,
        LicenseStatus::Expired
    );
}

#[tokio::test]
async fn the_demo_key_survives_a_restart() {
    let app = TestApp::spawn().await;
    let first = public_key(&app).await;
    let again = public_key(&app).await;
    assert_eq!(first, again);
    let restarted = server::AppState::new((*app.state.config).clone())
        .await
        .unwrap();
    let mut conn = restarted.db.acquire().await.unwrap();
    let seed = server::license::signing_seed(&mut conn, &restarted.config, 0)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(key_id(&rules::license::public_key(&seed)), first.key_id);
}

#[test]
fn the_signing_key_is_read_from_the_environment() {
    use base64::Engine;
    let seed = [9u8; 32];
    let text = base64::engine::general_purpose::STANDARD.encode(seed);
    let config =
        server::Config::from_lookup(|k| (k == "PORTAL_SIGNING_KEY").then(|| text.clone())).unwrap();
    assert_eq!(config.signing_key, Some(server::license::SigningSeed(seed)));
    assert!(!format!("{config:?}").contains(&text));
    assert!(
        server::Config::from_lookup(|k| (k == "PORTAL_SIGNING_KEY").then(|| "AAAA".into()))
            .is_err()
    );
    let none = server::Config::from_lookup(|_| None).unwrap();
    assert_eq!(none.signing_key, None);
}

#[tokio::test]
async fn the_authority_confirming_the_deregistration_revokes_the_license() {
    let app = TestApp::spawn().await;
    let license = apply_and_fetch(&app, "physician", "zhangwei").await;
    let pid = practitioner_id(&app, "张伟").await;
    let admin: String = app
        .state
        .db
        .scalar(&format!(
            "SELECT a.username FROM practitioners p JOIN accounts a
             ON a.role = 'admin' AND a.institution_id = p.institution_id
             WHERE p.id = {pid} ORDER BY a.id LIMIT 1"
        ))
        .await
        .unwrap();
    let client = crate::helpers::demo_admin(&app, &admin).await;
    let resp = client
        .post(app.url("/api/v1/institution/deregistrations"))
        .json(&serde_json::json!({
            "practitioner_id": pid,
            "reason": {"system": "physician", "reason": "retired"},
            "note": "退休"
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 201);
    let case: serde_json::Value = resp.json().await.unwrap();
    // Filed, not yet confirmed: the e-license stays valid.
    assert_eq!(
        status(&app, &license.fields.id, None).await.status,
        LicenseStatus::Valid
    );
    let authority = crate::helpers::demo_authority(&app, "nhc_admin").await;
    let resp = authority
        .post(app.url(&format!(
            "/api/v1/authority/deregistrations/{}/confirm",
            case["id"]
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(
        status(&app, &license.fields.id, None).await.status,
        LicenseStatus::Revoked
    );
    let reason: Option<String> = app
        .state
        .db
        .scalar(&format!(
            "SELECT revoked_reason FROM licenses WHERE practitioner_id = {pid}"
        ))
        .await
        .unwrap();
    assert_eq!(
        reason.as_deref(),
        Some("deregistration:zombie.physician.retired")
    );
}

/// A photo-like JPEG: gradients and noise, portrait.
fn portrait_jpeg(w: u32, h: u32) -> Vec<u8> {
    let mut seed: u32 = 0x0bad_cafe;
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        let n = (seed >> 24) as u8 / 4;
        image::Rgb([
            ((x * 200 / w) as u8).saturating_add(n),
            ((y * 200 / h) as u8).saturating_add(n),
            n,
        ])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
    out.into_inner()
}

#[tokio::test]
async fn the_card_shows_the_photo_the_licence_signs_to_its_holder_only() {
    use base64::Engine;
    use sha2::Digest;
    let app = TestApp::spawn().await;
    // No licence yet: nothing to show.
    app.sign_in("nurse", "lina", DEMO_PASSWORD).await;
    assert_eq!(app.get("/api/v1/license/photo").await.status(), 404);

    let license = apply_and_fetch(&app, "physician", "zhangwei").await;
    let digest = |bytes: &[u8]| {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(bytes))
    };
    let resp = app.get("/api/v1/license/photo").await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "image/jpeg");
    assert_eq!(resp.headers()["cache-control"], "private, no-store");
    let on_licence = resp.bytes().await.unwrap();
    assert_eq!(Some(digest(&on_licence)), license.fields.photo);

    // Signed out: refused.
    let resp = app
        .other_client()
        .get(app.url("/api/v1/license/photo"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 401);

    // A new photo waits for review: the card still shows the licence's.
    let resp = app
        .client
        .put(app.url("/api/v1/me/photo"))
        .header("content-type", "image/jpeg")
        .body(portrait_jpeg(600, 800))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let current = app.get("/api/v1/me/photo").await.bytes().await.unwrap();
    assert_ne!(current, on_licence);
    let resp = app.get("/api/v1/license/photo").await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.bytes().await.unwrap(), on_licence);

    // Another holder's session gets their own (none), never this one.
    app.sign_in("nurse", "lina", DEMO_PASSWORD).await;
    assert_eq!(app.get("/api/v1/license/photo").await.status(), 404);
}

async fn revocations(app: &TestApp) -> rules::api::LicenseRevocations {
    // Public: a client without a session.
    let resp = app
        .other_client()
        .get(app.url("/api/v1/license/revocations"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    resp.json().await.unwrap()
}

#[tokio::test]
async fn the_revocation_list_names_revoked_licences_for_offline_checks() {
    let app = TestApp::spawn().await;
    let zhang = apply_and_fetch(&app, "physician", "zhangwei").await;
    let li = apply_and_fetch(&app, "nurse", "lina").await;
    let list = revocations(&app).await;
    assert!(list.revoked.is_empty(), "{list:?}");
    assert!(list.as_of > 0);

    // Revoked by a decision, and by the holder's practice status.
    let pid = practitioner_id(&app, "张伟").await;
    revoke_filed(&app, pid, 1).await;
    assert_eq!(
        revocations(&app).await.revoked,
        [zhang.fields.id.as_str().to_owned()]
    );
    app.state
        .db
        .execute_sql("UPDATE practitioners SET status = 'suspended' WHERE name = '李娜'")
        .await
        .unwrap();
    let mut both = vec![
        zhang.fields.id.as_str().to_owned(),
        li.fields.id.as_str().to_owned(),
    ];
    both.sort();
    assert_eq!(revocations(&app).await.revoked, both);

    // A licence past its end fails on its own date: not listed.
    app.state
        .db
        .execute_sql("UPDATE licenses SET valid_until = '2000-01-01'")
        .await
        .unwrap();
    assert!(revocations(&app).await.revoked.is_empty());
}

/// The key the licence names, taken from a public-key answer, verifies it.
fn verifies_with_listed_key(license: &IssuedLicense, published: &LicensePublicKey) -> bool {
    let signed = SignedLicense::from_payload(&license.payload).unwrap();
    published
        .keys
        .iter()
        .find(|k| k.key_id == signed.fields.key_id)
        .and_then(|k| decode_public_key(&k.public_key))
        .is_some_and(|key| key_id(&key) == signed.fields.key_id && signed.verify(&key))
}

fn listed_ids(published: &LicensePublicKey) -> Vec<&str> {
    published.keys.iter().map(|k| k.key_id.as_str()).collect()
}

#[tokio::test]
async fn a_licence_signed_before_a_rotation_still_verifies_after_it() {
    let app = TestApp::spawn().await;
    let old = apply_and_fetch(&app, "physician", "zhangwei").await;
    let before = public_key(&app).await;
    assert_eq!(old.fields.key_id, before.key_id);
    assert_eq!(listed_ids(&before), [before.key_id.as_str()]);

    // `server rotate-signing-key` in demo mode: the stored key is replaced.
    let rotation = server::license::rotate(&app.state.db, &app.state.config, app.clock().now())
        .await
        .unwrap();
    assert!(rotation.seed.is_none(), "demo mode keeps the seed itself");
    let after = public_key(&app).await;
    assert_eq!(after.key_id, rotation.key_id);
    assert_ne!(after.key_id, before.key_id);
    assert_eq!(
        listed_ids(&after),
        [after.key_id.as_str(), before.key_id.as_str()]
    );
    assert!(verifies_with_listed_key(&old, &after));
    // Not with the new key: the verifier must pick the one named.
    let signed = SignedLicense::from_payload(&old.payload).unwrap();
    assert!(!signed.verify(&decode_public_key(&after.public_key).unwrap()));
    assert_eq!(
        status(&app, &old.fields.id, None).await.status,
        LicenseStatus::Valid
    );

    // Licences issued from now on name the new key.
    let new = apply_and_fetch(&app, "nurse", "lina").await;
    assert_eq!(new.fields.key_id, rotation.key_id);
    assert!(verifies_with_listed_key(&new, &after));
    let audited: i64 = app
        .state
        .db
        .scalar("SELECT COUNT(*) FROM audit_log WHERE event = 'licence.key_rotated'")
        .await
        .unwrap();
    assert_eq!(audited, 1);
}

/// A rolling deploy of a new `PORTAL_SIGNING_KEY`: a server with the old key
/// and one with the new key run side by side on one database; each lists
/// both keys, so a licence from either verifies with either's answer.
#[tokio::test]
async fn during_a_rolling_key_change_both_servers_list_both_keys() {
    use base64::Engine;
    let b64 = |seed: [u8; 32]| base64::engine::general_purpose::STANDARD.encode(seed);
    let old_server = TestApp::spawn_with(&[("PORTAL_SIGNING_KEY", &b64([3; 32]))]).await;
    let old = apply_and_fetch(&old_server, "physician", "zhangwei").await;
    let old_id = key_id(&rules::license::public_key(&[3; 32]));
    assert_eq!(old.fields.key_id, old_id);

    let config = server::Config {
        signing_key: Some(server::license::SigningSeed([4; 32])),
        ..(*old_server.state.config).clone()
    };
    let state = server::AppState::new(config).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let new_server = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(server::serve(listener, state));
    let new_id = key_id(&rules::license::public_key(&[4; 32]));

    let from_new: LicensePublicKey =
        reqwest::get(format!("{new_server}/api/v1/license/public-key"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    assert_eq!(from_new.key_id, new_id);
    assert_eq!(listed_ids(&from_new), [new_id.as_str(), old_id.as_str()]);
    assert!(verifies_with_listed_key(&old, &from_new));
    let from_old = public_key(&old_server).await;
    assert_eq!(from_old.key_id, old_id);
    assert_eq!(listed_ids(&from_old), [old_id.as_str(), new_id.as_str()]);

    // A licence issued by the new server verifies with the old server's list.
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let resp = client
        .post(format!("{new_server}/api/v1/session"))
        .json(
            &serde_json::json!({"system": "nurse", "username": "lina", "password": DEMO_PASSWORD}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let resp = client
        .post(format!("{new_server}/api/v1/applications"))
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 201);
    let new: IssuedLicense = client
        .get(format!("{new_server}/api/v1/license"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(new.fields.key_id, new_id);
    assert!(verifies_with_listed_key(&new, &from_old));
}
