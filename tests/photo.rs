//! The ID photo pipeline and crop frame in a real browser (wasm-bindgen-test
//! in headless Chromium): decoding refuses what is not a JPEG/PNG, the
//! output is a 358x441 JPEG within the spec's byte range on white, and the
//! crop frame answers the keyboard.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Uint8Array};
use leptos::prelude::*;
use portal::components::crop_frame::{CropFrame, CropState};
use portal::i18n::Locale;
use portal::photo::canvas::{self, Encoded, PhotoError};
use portal::photo::geometry::{Geometry, Size};
use rules::photo_spec::SPEC;
use rules::Lang;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Blob, HtmlCanvasElement, ImageBitmap};

wasm_bindgen_test_configure!(run_in_browser);

/// A canvas of noise (a stand-in for a photo: it does not compress to
/// nothing), optionally transparent outside a central square.
fn noise(width: u32, height: u32, transparent_border: bool) -> HtmlCanvasElement {
    let c = canvas::canvas(width, height).unwrap();
    let ctx = canvas::context(&c).unwrap();
    let mut data = vec![0u8; (width * height * 4) as usize];
    let mut seed = 12345u32;
    for (i, px) in data.chunks_mut(4).enumerate() {
        let (x, y) = (i as u32 % width, i as u32 / width);
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
        let n = (seed >> 16) as u8;
        px.copy_from_slice(&[n, n / 2, 255 - n, 255]);
        let inside = x > width / 4 && x < width * 3 / 4 && y > height / 4 && y < height * 3 / 4;
        if transparent_border && !inside {
            px[3] = 0;
        }
    }
    let image = web_sys::ImageData::new_with_u8_clamped_array_and_sh(
        wasm_bindgen::Clamped(&data),
        width,
        height,
    )
    .unwrap();
    ctx.put_image_data(&image, 0.0, 0.0).unwrap();
    c
}

async fn bitmap_of(c: &HtmlCanvasElement) -> ImageBitmap {
    let window = web_sys::window().unwrap();
    let p = window
        .create_image_bitmap_with_html_canvas_element(c)
        .unwrap();
    JsFuture::from(p).await.unwrap().dyn_into().unwrap()
}

/// A noise photo of `width`×`height` as the browser decodes it, and the
/// crop geometry the photo page starts with (the spec's frame fitted to it).
async fn noise_photo(width: u32, height: u32, transparent_border: bool) -> (ImageBitmap, Geometry) {
    let bmp = bitmap_of(&noise(width, height, transparent_border)).await;
    let size = Size {
        width: width.into(),
        height: height.into(),
    };
    (bmp, Geometry::new(size, &SPEC))
}

/// A noise photo processed with the fitted frame: the pipeline's answer,
/// and the canvas it drew on.
async fn process_noise(
    width: u32,
    height: u32,
    transparent_border: bool,
) -> (Result<Encoded, PhotoError>, HtmlCanvasElement) {
    let (bmp, g) = noise_photo(width, height, transparent_border).await;
    let out = canvas::canvas(1, 1).unwrap();
    let result = canvas::process(&bmp, g.rect(g.fit()), &out, &SPEC).await;
    (result, out)
}

fn blob(bytes: &[u8], kind: &str) -> Blob {
    let parts = Array::of1(&Uint8Array::from(bytes).into());
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(kind);
    Blob::new_with_u8_array_sequence_and_options(&parts, &bag).unwrap()
}

#[wasm_bindgen_test]
async fn text_renamed_jpg_and_unknown_formats_are_unreadable() {
    let text = blob(b"this is not a photo", "image/jpeg");
    assert_eq!(
        canvas::decode(&text).await.unwrap_err(),
        PhotoError::Unreadable
    );
    // A JPEG signature with nothing decodable behind it.
    let broken = blob(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 1, 2, 3], "image/jpeg");
    assert_eq!(
        canvas::decode(&broken).await.unwrap_err(),
        PhotoError::Unreadable
    );
    // HEIC starts with an ftyp box.
    let heic = blob(b"\0\0\0\x18ftypheic\0\0\0\0mif1heic", "image/heic");
    assert_eq!(
        canvas::decode(&heic).await.unwrap_err(),
        PhotoError::Unreadable
    );
}

#[wasm_bindgen_test]
async fn a_photo_becomes_a_spec_jpeg() {
    let (enc, out) = process_noise(1200, 900, false).await;
    let enc = enc.unwrap();
    let bytes = enc.blob.size() as u32;
    assert!(
        (SPEC.min_bytes..=SPEC.max_bytes).contains(&bytes),
        "{bytes} bytes"
    );
    assert_eq!(enc.blob.type_(), "image/jpeg");
    assert!((1..=100).contains(&enc.quality));
    assert_eq!((out.width(), out.height()), (358, 441));
    // It decodes back to the spec's size.
    let back = canvas::decode(&enc.blob).await.unwrap();
    assert_eq!((back.width(), back.height()), (358, 441));
    // Purple-ish noise: darker than a light background.
    let border = enc.border.unwrap();
    assert!(border.mean < 150.0, "{border:?}");
}

#[wasm_bindgen_test]
async fn transparency_is_flattened_onto_white() {
    let (enc, out) = process_noise(800, 800, true).await;
    let enc = enc.unwrap();
    let ctx = canvas::context(&out).unwrap();
    let corner = ctx.get_image_data(1.0, 1.0, 1.0, 1.0).unwrap().data();
    assert_eq!(&corner[..], &[255, 255, 255, 255]);
    // A white border is a light, plain background.
    let border = enc.border.unwrap();
    assert!(border.mean > 250.0, "{border:?}");
}

#[wasm_bindgen_test]
async fn a_too_small_photo_is_refused() {
    match process_noise(200, 250, false).await.0 {
        Err(PhotoError::TooSmall(e)) => {
            assert!(rules::Localized::message(&e, Lang::Zh).contains("至少需要 295×364 像素"))
        }
        other => panic!("{other:?}"),
    }
}

fn key(target: &web_sys::Element, key: &str) -> bool {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&ev).unwrap();
    ev.default_prevented()
}

#[wasm_bindgen_test]
async fn the_crop_frame_answers_the_keyboard() {
    let (bmp, g) = noise_photo(1200, 900, false).await;
    let document = document();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let state = RwSignal::new(Some((g, g.zoom(g.fit(), 2.0))) as CropState);
    let changes = RwSignal::new(0);
    let stored = StoredValue::new_local(Some(bmp));
    leptos::mount::mount_to(host.clone(), move || {
        provide_context(Locale(RwSignal::new(Lang::Zh)));
        view! { <CropFrame bitmap=stored state changed=move |_| changes.update(|n| *n += 1) /> }
    })
    .forget();

    let frame = host.query_selector("[role=group]").unwrap().unwrap();
    assert_eq!(frame.get_attribute("aria-label").as_deref(), Some("裁剪框"));
    assert_eq!(frame.get_attribute("tabindex").as_deref(), Some("0"));
    let help = frame.get_attribute("aria-describedby").unwrap();
    assert!(document
        .get_element_by_id(&help)
        .unwrap()
        .text_content()
        .unwrap()
        .contains("方向键"));

    let (_, before) = state.get_untracked().unwrap();
    assert!(key(&frame, "ArrowRight"));
    let (_, right) = state.get_untracked().unwrap();
    assert!(
        right.cx > before.cx && right.cy == before.cy,
        "{before:?} -> {right:?}"
    );
    assert!(key(&frame, "ArrowDown"));
    assert!(state.get_untracked().unwrap().1.cy > before.cy);
    assert!(key(&frame, "+"));
    let (_, zoomed) = state.get_untracked().unwrap();
    assert!(zoomed.width < right.width);
    assert!(key(&frame, "-"));
    assert!(state.get_untracked().unwrap().1.width > zoomed.width);
    // Other keys (Tab moves focus on) are left alone.
    assert!(!key(&frame, "Tab"));
    assert_eq!(changes.get_untracked(), 4);
    // The frame never leaves the image, however far it is pushed.
    for _ in 0..100 {
        key(&frame, "ArrowLeft");
        key(&frame, "ArrowUp");
    }
    let r = g.rect(state.get_untracked().unwrap().1);
    assert!(r.x.abs() < 1e-9 && r.y.abs() < 1e-9, "{r:?}");
}
