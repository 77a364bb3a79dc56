//! ID photo uploads against a corpus generated here (no binaries committed).

use image::{ImageFormat, RgbImage};
use serde_json::{json, Value};

use crate::helpers::{get_ok, json, TestApp, DEMO_PASSWORD};

/// A photo-like image: gradients plus deterministic noise.
fn picture(w: u32, h: u32) -> RgbImage {
    let mut seed: u32 = 0x1234_5678;
    RgbImage::from_fn(w, h, |x, y| {
        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        let n = (seed >> 24) as u8 / 4;
        image::Rgb([
            ((x * 200 / w) as u8).saturating_add(n),
            ((y * 200 / h) as u8).saturating_add(n),
            (((x + y) * 100 / (w + h)) as u8).saturating_add(n),
        ])
    })
}

fn encode(img: &RgbImage, format: ImageFormat) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, format).unwrap();
    out.into_inner()
}

pub(crate) fn jpeg(w: u32, h: u32) -> Vec<u8> {
    encode(&picture(w, h), ImageFormat::Jpeg)
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A well-formed PNG whose IHDR claims `w` x `h` (with a tiny IDAT).
fn png_claiming(w: u32, h: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8], data: &[u8]| {
        out.extend((data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend(data);
        out.extend(&body);
        out.extend(crc32(&body).to_be_bytes());
    };
    let mut ihdr = Vec::new();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    chunk(b"IHDR", &ihdr);
    chunk(b"IDAT", &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
    chunk(b"IEND", &[]);
    out
}

/// An APP1 `Exif` segment with an optional orientation and a GPS IFD
/// (39°54'12.34" N).
fn exif_app1(orientation: Option<u16>) -> Vec<u8> {
    let mut t: Vec<u8> = b"MM\0\x2a\0\0\0\x08".to_vec();
    let entries: u16 = if orientation.is_some() { 2 } else { 1 };
    let gps_at = 8 + 2 + 12 * u32::from(entries) + 4;
    t.extend(entries.to_be_bytes());
    if let Some(o) = orientation {
        t.extend(0x0112u16.to_be_bytes());
        t.extend(3u16.to_be_bytes());
        t.extend(1u32.to_be_bytes());
        t.extend(o.to_be_bytes());
        t.extend([0, 0]);
    }
    t.extend(0x8825u16.to_be_bytes());
    t.extend(4u16.to_be_bytes());
    t.extend(1u32.to_be_bytes());
    t.extend(gps_at.to_be_bytes());
    t.extend(0u32.to_be_bytes());
    let rationals_at = gps_at + 2 + 2 * 12 + 4;
    t.extend(2u16.to_be_bytes());
    t.extend(1u16.to_be_bytes()); // GPSLatitudeRef
    t.extend(2u16.to_be_bytes());
    t.extend(2u32.to_be_bytes());
    t.extend(b"N\0\0\0");
    t.extend(2u16.to_be_bytes()); // GPSLatitude
    t.extend(5u16.to_be_bytes());
    t.extend(3u32.to_be_bytes());
    t.extend(rationals_at.to_be_bytes());
    t.extend(0u32.to_be_bytes());
    for (n, d) in [(39u32, 1u32), (54, 1), (1234, 100)] {
        t.extend(n.to_be_bytes());
        t.extend(d.to_be_bytes());
    }
    let mut seg = vec![0xFF, 0xE1];
    seg.extend(((2 + 6 + t.len()) as u16).to_be_bytes());
    seg.extend(b"Exif\0\0");
    seg.extend(t);
    seg
}

fn with_exif(jpeg: &[u8], orientation: Option<u16>) -> Vec<u8> {
    let mut out = jpeg[..2].to_vec();
    out.extend(exif_app1(orientation));
    out.extend(&jpeg[2..]);
    out
}

pub(crate) async fn upload(app: &TestApp, bytes: Vec<u8>, content_type: &str) -> (u16, Value) {
    let resp = app
        .client
        .put(app.url("/api/v1/me/photo"))
        .header("content-type", content_type)
        .body(bytes)
        .send()
        .await
        .unwrap();
    json(resp).await
}

/// The stored files' names, read through the store (the uploads directory,
/// or the bucket when the suite runs with `PORTAL_TEST_S3`).
/// The signed-in administrator's review queue's item of `username`'s photo.
async fn queued_photo(app: &TestApp, username: &str) -> Value {
    let queue = get_ok(app, "/api/v1/institution/reviews").await;
    let items = queue["items"].as_array().unwrap();
    items
        .iter()
        .find(|i| i["kind"] == "photo" && i["username"] == username)
        .unwrap_or_else(|| panic!("no photo of {username} in {queue}"))
        .clone()
}

async fn all_files(app: &TestApp) -> Vec<String> {
    app.state.uploads.names().await.unwrap()
}

/// Files stored since `before` was taken: the seed already wrote the demo accounts' photos.
async fn stored_files(app: &TestApp, before: &[String]) -> Vec<String> {
    all_files(app)
        .await
        .into_iter()
        .filter(|p| !before.contains(p))
        .collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn upload_is_normalised_stored_privately_and_queued_for_review() {
    let app = TestApp::spawn().await;
    let (status, spec) = json(app.get("/api/v1/photo-spec").await).await;
    assert_eq!((status, spec["output_width"].as_u64()), (200, Some(358)));

    app.sign_in("physician", "wangfang", DEMO_PASSWORD).await;
    assert_eq!(app.get("/api/v1/me/photo").await.status(), 404);
    let seeded = all_files(&app).await;
    let original = with_exif(&jpeg(716, 882), None);
    assert!(contains(&original, b"Exif"));
    let (status, me) = upload(&app, original, "image/jpeg").await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["facts"]["account"]["photo"]["state"], "pending");

    let resp = app.get("/api/v1/me/photo").await;
    assert_eq!(resp.status(), 200);
    let h = resp.headers();
    assert_eq!(h["content-type"], "image/jpeg");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["cache-control"], "private, no-store");
    let stored = resp.bytes().await.unwrap();
    assert!(!contains(&stored, b"Exif"), "EXIF survived");
    assert!(
        (20 * 1024..=100 * 1024).contains(&stored.len()),
        "{} bytes",
        stored.len()
    );
    let img = image::load_from_memory_with_format(&stored, ImageFormat::Jpeg).unwrap();
    assert_eq!((img.width(), img.height()), (358, 441));
    let files = stored_files(&app, &seeded).await;
    assert_eq!(files.len(), 1);
    let name = &files[0];
    assert!(name.ends_with(".jpg") && name.len() == 36, "{name}");
    assert_eq!(
        app.state.uploads.get(name).await.unwrap(),
        Some(stored.to_vec())
    );

    // Admin A (wangfang's institution) reviews it; admin B cannot fetch it.
    app.sign_in_admin("admin_a").await;
    let item = queued_photo(&app, "wangfang").await;
    let url = item["photo_url"].as_str().unwrap().to_owned();
    let resp = app.get(&url).await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.bytes().await.unwrap(), stored);
    app.sign_in_admin("admin_b").await;
    let (status, body) = json(app.get(&url).await).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (404, Some("not_found"))
    );

    // A replacement removes the old file.
    app.sign_in("physician", "wangfang", DEMO_PASSWORD).await;
    let png = encode(&picture(600, 740), ImageFormat::Png);
    let (status, _) = upload(&app, png, "image/png").await;
    assert_eq!(status, 200);
    let files = stored_files(&app, &seeded).await;
    assert_eq!(files.len(), 1);
    assert_ne!(&files[0], name);
}

#[tokio::test]
async fn exif_orientation_is_applied() {
    let app = TestApp::spawn().await;
    app.sign_in("physician", "wangfang", DEMO_PASSWORD).await;
    // A portrait stored as a landscape with "rotate 90°" in EXIF.
    let landscape = with_exif(&jpeg(882, 716), Some(6));
    let (status, body) = upload(&app, landscape, "image/jpeg").await;
    assert_eq!(status, 200, "{body}");
    // Without the tag the same pixels are the wrong way round.
    let (status, body) = upload(&app, jpeg(882, 716), "image/jpeg").await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (422, Some("photo.aspect"))
    );
}

#[tokio::test]
async fn hostile_and_broken_uploads_are_refused() {
    let app = TestApp::spawn().await;
    app.sign_in("physician", "wangfang", DEMO_PASSWORD).await;
    let seeded = all_files(&app).await;
    let good = jpeg(716, 882);
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".to_vec();
    let pdf = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
        .to_vec();
    let cases: Vec<(&str, Vec<u8>, &str, u16, &str)> = vec![
        (
            "truncated JPEG",
            good[..good.len() / 2].to_vec(),
            "image/jpeg",
            422,
            "photo.corrupt",
        ),
        (
            "PNG claiming 60000x60000",
            png_claiming(60_000, 60_000),
            "image/png",
            422,
            "photo.too_large_dimensions",
        ),
        (
            "PNG of 8000x8000 (64 megapixels, over the cap)",
            png_claiming(8000, 8000),
            "image/png",
            422,
            "photo.too_large_dimensions",
        ),
        (
            "SVG with a script",
            svg.clone(),
            "image/svg+xml",
            415,
            "photo.unsupported_format",
        ),
        (
            "SVG labelled PNG",
            svg,
            "image/png",
            415,
            "photo.unsupported_format",
        ),
        (
            "PDF renamed .jpg",
            pdf,
            "image/jpeg",
            415,
            "photo.unsupported_format",
        ),
        // A body type an HTML form can send: refused before the handler
        // (crate::csrf).
        (
            "text",
            b"hello".to_vec(),
            "text/plain",
            403,
            "request.content_type",
        ),
        ("zero bytes", Vec::new(), "image/jpeg", 422, "photo.empty"),
        (
            "too small",
            jpeg(200, 246),
            "image/jpeg",
            422,
            "photo.too_small",
        ),
        (
            "landscape",
            jpeg(900, 600),
            "image/jpeg",
            422,
            "photo.aspect",
        ),
        (
            "20 MB",
            vec![0xFF; 20 * 1024 * 1024],
            "image/jpeg",
            413,
            "request.too_large",
        ),
    ];
    for (what, bytes, content_type, status, code) in cases {
        let (got, body) = upload(&app, bytes, content_type).await;
        assert_eq!(
            (got, body["error"]["code"].as_str()),
            (status, Some(code)),
            "{what}: {body}"
        );
        assert!(body["error"]["message"].is_string(), "{what}");
    }
    assert!(stored_files(&app, &seeded).await.is_empty());
    let (_, me) = json(app.get("/api/v1/me").await).await;
    assert_eq!(me["facts"]["account"]["photo"], Value::Null);
    // Signed out: 401 before the body is read.
    let anonymous = app.other_client();
    let resp = anonymous
        .put(app.url("/api/v1/me/photo"))
        .header("content-type", "image/jpeg")
        .body(good)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 401);
    let _ = json!({});
}

#[tokio::test]
async fn demo_accounts_with_a_photo_on_file_have_a_real_photo() {
    let app = TestApp::spawn().await;
    app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    let resp = app.get("/api/v1/me/photo").await;
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.headers()["content-type"], "image/jpeg");
    let bytes = resp.bytes().await.unwrap();
    let img = image::load_from_memory_with_format(&bytes, image::ImageFormat::Jpeg).unwrap();
    let spec = rules::photo_spec::SPEC;
    assert_eq!(
        (img.width(), img.height()),
        (spec.output_width, spec.output_height)
    );

    // An account without a photo has none.
    app.sign_in("physician", "wangfang", DEMO_PASSWORD).await;
    assert_eq!(app.get("/api/v1/me/photo").await.status(), 404);
}

/// zhangwei's seeded, approved photo and the files stored with it, and the
/// new photo he uploaded (pending) in its place.
struct Replaced {
    approved: axum::body::Bytes,
    seeded: Vec<String>,
    new: axum::body::Bytes,
}

/// zhangwei signs in and uploads a new photo over his approved one.
async fn replace_approved_photo(app: &TestApp) -> Replaced {
    app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    let approved = app.get("/api/v1/me/photo").await.bytes().await.unwrap();
    let seeded = all_files(app).await;
    let (status, me) = upload(app, jpeg(716, 882), "image/jpeg").await;
    assert_eq!(
        (status, me["facts"]["account"]["photo"]["state"].as_str()),
        (200, Some("pending"))
    );
    let new = app.get("/api/v1/me/photo").await.bytes().await.unwrap();
    assert_ne!(new, approved);
    Replaced {
        approved,
        seeded,
        new,
    }
}

#[tokio::test]
async fn a_replaced_approved_photo_is_shown_beside_the_new_one_until_the_decision() {
    let app = TestApp::spawn().await;
    // zhangwei's seeded photo is approved.
    let Replaced {
        approved,
        seeded,
        new,
    } = replace_approved_photo(&app).await;
    // Both files are kept while the review is open.
    assert_eq!(stored_files(&app, &seeded).await.len(), 1);
    assert_eq!(all_files(&app).await.len(), seeded.len() + 1);

    let id = {
        app.sign_in_admin("admin_a").await;
        let item = queued_photo(&app, "zhangwei").await;
        let before = item["previous_photo_url"].as_str().unwrap().to_owned();
        let after = item["photo_url"].as_str().unwrap().to_owned();
        assert_eq!(app.get(&before).await.bytes().await.unwrap(), approved);
        assert_eq!(app.get(&after).await.bytes().await.unwrap(), new);
        item["account_id"].as_i64().unwrap()
    };
    let before = format!("/api/v1/institution/staff/{id}/photo/previous");
    // Another institution sees neither.
    app.sign_in_admin("admin_b").await;
    assert_eq!(app.get(&before).await.status(), 404);

    // A second upload while pending keeps the approved photo as "before".
    app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    let (status, _) = upload(
        &app,
        encode(&picture(600, 740), ImageFormat::Png),
        "image/png",
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(all_files(&app).await.len(), seeded.len() + 1);

    app.sign_in_admin("admin_a").await;
    assert_eq!(app.get(&before).await.bytes().await.unwrap(), approved);
    let decided = app
        .post(
            &format!("/api/v1/institution/reviews/photo/{id}"),
            &json!({"approve": true}),
        )
        .await;
    assert_eq!(decided.status(), 204);
    // The replaced photo goes with the decision.
    assert_eq!(app.get(&before).await.status(), 404);
    assert_eq!(all_files(&app).await.len(), seeded.len());
    let (_, queue) = json(app.get("/api/v1/institution/reviews").await).await;
    assert!(queue["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["username"] != "zhangwei"));
    // A first photo has nothing to compare with.
    app.sign_in("physician", "wangfang", DEMO_PASSWORD).await;
    upload(&app, jpeg(716, 882), "image/jpeg").await;
    app.sign_in_admin("admin_a").await;
    let (_, queue) = json(app.get("/api/v1/institution/reviews").await).await;
    let item = queue["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["username"] == "wangfang")
        .unwrap();
    assert_eq!(item["previous_photo_url"], Value::Null);
}

/// The upload's bookkeeping and the institution's view of the files,
/// without the review queue (so on either backend).
#[tokio::test]
async fn uploads_keep_the_approved_photo_as_before_for_the_main_institution() {
    let app = TestApp::spawn().await;
    let Replaced {
        approved,
        seeded,
        new: first,
    } = replace_approved_photo(&app).await;
    // A second upload while pending replaces the first, not the approved one.
    let (status, _) = upload(
        &app,
        encode(&picture(600, 740), ImageFormat::Png),
        "image/png",
    )
    .await;
    assert_eq!(status, 200);
    let second = app.get("/api/v1/me/photo").await.bytes().await.unwrap();
    assert_ne!(second, first);
    assert_eq!(all_files(&app).await.len(), seeded.len() + 1);
    let (state, previous): (String, i64) = (
        app.state
            .db
            .scalar("SELECT photo_state FROM accounts WHERE username = 'zhangwei'")
            .await
            .unwrap(),
        app.state
            .db
            .scalar("SELECT COUNT(*) FROM accounts WHERE username = 'zhangwei' AND photo_previous_file IS NOT NULL")
            .await
            .unwrap(),
    );
    assert_eq!((state.as_str(), previous), ("pending", 1));

    let id: i64 = app
        .state
        .db
        .scalar("SELECT id FROM accounts WHERE username = 'zhangwei'")
        .await
        .unwrap();
    let now = format!("/api/v1/institution/staff/{id}/photo");
    let before = format!("/api/v1/institution/staff/{id}/photo/previous");
    app.sign_in_admin("admin_b").await;
    assert_eq!(app.get(&now).await.status(), 404);
    assert_eq!(app.get(&before).await.status(), 404);
    app.sign_in_admin("admin_a").await;
    assert_eq!(app.get(&now).await.bytes().await.unwrap(), second);
    assert_eq!(app.get(&before).await.bytes().await.unwrap(), approved);
}

/// The pixel cap is read from the header: the answer names the dimensions
/// and the cap, on the `photo` field, and nothing is decoded (the PNG's
/// pixel data is not even valid).
#[tokio::test]
async fn dimensions_over_the_pixel_cap_are_refused_from_the_header() {
    let app = TestApp::spawn().await;
    app.sign_in("physician", "wangfang", DEMO_PASSWORD).await;
    // Portrait at the ID photo's proportions, 7000x8620 = 60 megapixels.
    let (status, body) = upload(&app, png_claiming(7000, 8620), "image/png").await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (422, Some("photo.too_large_dimensions")),
        "{body}"
    );
    let field = body["error"]["fields"]["photo"].as_str().unwrap();
    assert!(field.contains("7000") && field.contains("50"), "{field}");
    // The proportions are checked from the header too: a landscape header
    // with broken pixel data is refused as landscape, not as corrupt.
    let (status, body) = upload(&app, png_claiming(900, 600), "image/png").await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (422, Some("photo.aspect")),
        "{body}"
    );
}

/// Ten uploads an hour per account, refused ones included; the eleventh is
/// refused with 429 and Retry-After until the oldest leaves the hour.
#[tokio::test]
async fn the_eleventh_upload_within_the_hour_is_refused() {
    let app = TestApp::spawn().await;
    app.sign_in("physician", "wangfang", DEMO_PASSWORD).await;
    let good = jpeg(358, 441);
    // A refused upload counts as well.
    let (status, _) = upload(&app, jpeg(900, 600), "image/jpeg").await;
    assert_eq!(status, 422);
    for n in 2..=10 {
        app.clock().advance(60);
        let (status, body) = upload(&app, good.clone(), "image/jpeg").await;
        assert_eq!(status, 200, "upload {n}: {body}");
    }
    let resp = app
        .client
        .put(app.url("/api/v1/me/photo"))
        .header("content-type", "image/jpeg")
        .body(good.clone())
        .send()
        .await
        .unwrap();
    let retry_after: i64 = resp.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let (status, body) = json(resp).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (429, Some("photo.upload_limit")),
        "{body}"
    );
    // The first attempt was 9 minutes (and the test's real seconds) ago:
    // it leaves the hour in about 51.
    assert!(
        (3600 - 10 * 60..=3600 - 9 * 60).contains(&retry_after),
        "{retry_after}"
    );
    // Another account is not affected.
    let other = app.other_client();
    other
        .post(app.url("/api/v1/session"))
        .json(&json!({"system": "physician", "username": "zhangwei", "password": DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    let resp = other
        .put(app.url("/api/v1/me/photo"))
        .header("content-type", "image/jpeg")
        .body(good.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    // Once the oldest attempt is an hour old, one more is allowed.
    app.clock().advance(retry_after);
    // (The idle session has ended meanwhile.)
    app.sign_in("physician", "wangfang", DEMO_PASSWORD).await;
    let (status, body) = upload(&app, good.clone(), "image/jpeg").await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = upload(&app, good, "image/jpeg").await;
    assert_eq!(status, 429);
}

/// A rejected photo is deleted with the decision: its file is gone and
/// its owner gets the approved photo it was to replace, or 404 for a first
/// photo.
#[tokio::test]
async fn a_rejected_photo_is_deleted_and_the_approved_one_stays() {
    let app = TestApp::spawn().await;
    let seeded = all_files(&app).await;
    let decide = |id: i64| format!("/api/v1/institution/reviews/photo/{id}");
    let id_of = |name: &'static str| {
        let db = app.state.db.clone();
        async move {
            db.scalar::<i64>(&format!(
                "SELECT id FROM accounts WHERE username = '{name}'"
            ))
            .await
            .unwrap()
        }
    };

    // zhangwei has an approved photo and uploads a new one.
    app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    let approved = app.get("/api/v1/me/photo").await.bytes().await.unwrap();
    let (status, _) = upload(&app, jpeg(716, 882), "image/jpeg").await;
    assert_eq!(status, 200);
    let new_files = stored_files(&app, &seeded).await;
    assert_eq!(new_files.len(), 1);
    let rejected_file = new_files[0].clone();
    let rejected = app.get("/api/v1/me/photo").await.bytes().await.unwrap();
    assert_ne!(rejected, approved);

    app.sign_in_admin("admin_a").await;
    let zhangwei = id_of("zhangwei").await;
    let resp = app
        .post(
            &decide(zhangwei),
            &json!({"approve": false, "reason": "背景不是白色"}),
        )
        .await;
    assert_eq!(resp.status(), 204);
    assert_eq!(
        app.state.uploads.get(&rejected_file).await.unwrap(),
        None,
        "the rejected file is still stored"
    );
    assert_eq!(all_files(&app).await, seeded);
    // The institution sees the approved photo again, nothing to compare.
    let staff = format!("/api/v1/institution/staff/{zhangwei}/photo");
    assert_eq!(app.get(&staff).await.bytes().await.unwrap(), approved);
    assert_eq!(app.get(&format!("{staff}/previous")).await.status(), 404);

    app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    let (_, me) = json(app.get("/api/v1/me").await).await;
    assert_eq!(
        me["facts"]["account"]["photo"],
        json!({"state": "rejected", "reason": "背景不是白色"})
    );
    assert_eq!(me["has_photo"], true);
    let own = app.get("/api/v1/me/photo").await;
    assert_eq!(own.status(), 200);
    let own = own.bytes().await.unwrap();
    assert_eq!(own, approved);
    assert_ne!(own, rejected);

    // The next upload keeps the approved photo as "before".
    let (status, _) = upload(&app, jpeg(716, 882), "image/jpeg").await;
    assert_eq!(status, 200);
    assert_eq!(all_files(&app).await.len(), seeded.len() + 1);
    app.sign_in_admin("admin_a").await;
    assert_eq!(
        app.get(&format!("{staff}/previous"))
            .await
            .bytes()
            .await
            .unwrap(),
        approved
    );

    // wangfang's first photo is rejected: nothing is left to show.
    app.sign_in("physician", "wangfang", DEMO_PASSWORD).await;
    let before = all_files(&app).await;
    let (status, _) = upload(&app, jpeg(716, 882), "image/jpeg").await;
    assert_eq!(status, 200);
    let first = stored_files(&app, &before).await;
    assert_eq!(first.len(), 1);
    app.sign_in_admin("admin_a").await;
    let wangfang = id_of("wangfang").await;
    let resp = app
        .post(
            &decide(wangfang),
            &json!({"approve": false, "reason": "不是本人"}),
        )
        .await;
    assert_eq!(resp.status(), 204);
    assert_eq!(
        app.state.uploads.get(&first[0]).await.unwrap(),
        None,
        "the rejected file is still stored"
    );
    assert_eq!(
        app.get(&format!("/api/v1/institution/staff/{wangfang}/photo"))
            .await
            .status(),
        404
    );
    app.sign_in("physician", "wangfang", DEMO_PASSWORD).await;
    let (_, me) = json(app.get("/api/v1/me").await).await;
    assert_eq!(me["facts"]["account"]["photo"]["state"], "rejected");
    assert_eq!(me["has_photo"], false);
    assert_eq!(app.get("/api/v1/me/photo").await.status(), 404);
}

#[tokio::test]
async fn any_portrait_of_at_least_295_by_364_is_centre_cropped() {
    // What DEMO.md promises: "at least 295 × 364 px, portrait"; a 3:4 phone
    // photo was refused as not 358:441.
    let app = TestApp::spawn().await;
    app.sign_in("physician", "wangfang", DEMO_PASSWORD).await;
    for (w, h) in [(900, 1200), (295, 364), (300, 600), (600, 740)] {
        let (status, body) = upload(&app, jpeg(w, h), "image/jpeg").await;
        assert_eq!(status, 200, "{w}x{h}: {body}");
        let stored = app.get("/api/v1/me/photo").await.bytes().await.unwrap();
        let img = image::load_from_memory_with_format(&stored, ImageFormat::Jpeg).unwrap();
        assert_eq!((img.width(), img.height()), (358, 441), "{w}x{h}");
    }
    // Square and landscape are not portraits: the message says what to do.
    for (w, h) in [(600, 600), (1200, 900)] {
        let (status, body) = upload(&app, jpeg(w, h), "image/jpeg").await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (422, Some("photo.aspect")),
            "{w}x{h}"
        );
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("不是竖版"),
            "{body}"
        );
    }
}

/// A clean portrait: a white background, a smooth face, dark hair.
fn clean_portrait(w: u32, h: u32) -> RgbImage {
    RgbImage::from_fn(w, h, |x, y| {
        let dx = (f64::from(x) - f64::from(w) / 2.0) / (f64::from(w) * 0.22);
        let dy = (f64::from(y) - f64::from(h) * 0.45) / (f64::from(h) * 0.25);
        let d = dx * dx + dy * dy;
        if d < 1.0 && dy < -0.6 {
            image::Rgb([30, 24, 20])
        } else if d < 1.0 {
            let shade = (20.0 * d) as u8;
            image::Rgb([240 - shade, 205 - shade, 180 - shade])
        } else {
            image::Rgb([255, 255, 255])
        }
    })
}

#[tokio::test]
async fn a_clean_portrait_is_kept_and_only_a_blank_image_is_refused() {
    let app = TestApp::spawn().await;
    app.sign_in("physician", "wangfang", DEMO_PASSWORD).await;
    // Under 20 KB even at quality 100: the old rule refused it as
    // "nearly blank".
    let (status, body) = upload(
        &app,
        encode(&clean_portrait(900, 1200), ImageFormat::Jpeg),
        "image/jpeg",
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let stored = app.get("/api/v1/me/photo").await.bytes().await.unwrap();
    assert!(
        (20 * 1024..=100 * 1024).contains(&stored.len()),
        "{} bytes",
        stored.len()
    );
    let img = image::load_from_memory_with_format(&stored, ImageFormat::Jpeg)
        .unwrap()
        .to_rgb8();
    assert_eq!(img.dimensions(), (358, 441));
    assert!(img.get_pixel(5, 5).0.iter().all(|&c| c > 245), "background");

    // A blank wall: refused, saying what to do, in the request's language.
    let wall = RgbImage::from_fn(600, 800, |x, y| {
        let n = ((x * 7 + y * 13) % 5) as u8;
        image::Rgb([200 + n, 200 + n, 198 + n])
    });
    let (status, body) = upload(&app, encode(&wall, ImageFormat::Png), "image/png").await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (422, Some("photo.too_plain"))
    );
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("浅色纯背景前拍摄本人"),
        "{body}"
    );
}
