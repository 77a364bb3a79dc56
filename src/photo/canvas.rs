//! The browser half of the pipeline: sniff, decode (`createImageBitmap`
//! with the EXIF orientation applied), draw the crop onto white at the
//! output size, and encode with `toBlob` at the quality the search picks.

use js_sys::Promise;
use rules::photo_spec::{PhotoSpec, PhotoSpecError};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Blob, CanvasRenderingContext2d, HtmlCanvasElement, ImageBitmap, ImageBitmapOptions,
    ImageOrientation,
};

use super::background::{self, Border};
use super::geometry::Rect;
use super::quality::{QualityError, Search};

/// Name of the `performance.measure` from file selection to the encoded
/// JPEG (read by the benchmark).
pub const MEASURE: &str = "photo-pipeline";
/// Name of the `performance.mark` at file selection.
pub const START_MARK: &str = "photo-start";

/// Why a photo cannot be used.
#[derive(Debug, Clone, PartialEq)]
pub enum PhotoError {
    /// Not an image the browser can decode.
    Unreadable,
    /// The crop is narrower than the spec's minimum source.
    TooSmall(PhotoSpecError),
    /// Larger than the maximum even at the lowest quality (bytes).
    TooLarge(usize),
    /// The browser failed (no canvas, encoder error).
    Browser,
}

/// Decodes any image the browser can (JPEG, PNG, WebP, AVIF, BMP, a GIF's
/// first frame...) upright, EXIF orientation applied by the browser: the
/// browser is the judge of what it can read, and the result is converted
/// to the spec's JPEG anyway.
pub async fn decode(file: &Blob) -> Result<ImageBitmap, PhotoError> {
    let window = web_sys::window().ok_or(PhotoError::Browser)?;
    let options = ImageBitmapOptions::new();
    options.set_image_orientation(ImageOrientation::FromImage);
    let promise = window
        .create_image_bitmap_with_blob_and_image_bitmap_options(file, &options)
        .map_err(|_| PhotoError::Unreadable)?;
    let bitmap = JsFuture::from(promise)
        .await
        .map_err(|_| PhotoError::Unreadable)?;
    let bitmap: ImageBitmap = bitmap.dyn_into().map_err(|_| PhotoError::Unreadable)?;
    if bitmap.width() == 0 || bitmap.height() == 0 {
        return Err(PhotoError::Unreadable);
    }
    Ok(bitmap)
}

/// A detached canvas of the given size.
pub fn canvas(width: u32, height: u32) -> Result<HtmlCanvasElement, PhotoError> {
    let canvas: HtmlCanvasElement = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("canvas").ok())
        .and_then(|e| e.dyn_into().ok())
        .ok_or(PhotoError::Browser)?;
    canvas.set_width(width);
    canvas.set_height(height);
    Ok(canvas)
}

/// The canvas's 2D context.
pub fn context(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, PhotoError> {
    canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into().ok())
        .ok_or(PhotoError::Browser)
}

/// Draws the crop `rect` of `bitmap` over the whole canvas, on white (a
/// transparent PNG comes out on white, not black).
pub fn draw_crop(
    canvas: &HtmlCanvasElement,
    bitmap: &ImageBitmap,
    rect: Rect,
) -> Result<(), PhotoError> {
    let ctx = context(canvas)?;
    let (w, h) = (f64::from(canvas.width()), f64::from(canvas.height()));
    ctx.set_fill_style_str("#fff");
    ctx.fill_rect(0.0, 0.0, w, h);
    ctx.set_image_smoothing_enabled(true);
    // Not in web-sys: the property is set by name.
    let _ = js_sys::Reflect::set(&ctx, &"imageSmoothingQuality".into(), &"high".into());
    ctx.draw_image_with_image_bitmap_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
        bitmap,
        rect.x,
        rect.y,
        rect.width,
        rect.height,
        0.0,
        0.0,
        w,
        h,
    )
    .map_err(|_| PhotoError::Browser)
}

/// The canvas as a JPEG at `quality` percent.
pub async fn jpeg(canvas: &HtmlCanvasElement, quality: u8) -> Result<Blob, PhotoError> {
    let mut result = Ok(());
    // toBlob calls back with the blob (or null): the promise's resolve is
    // that callback.
    let promise = Promise::new(&mut |resolve, _reject| {
        result = canvas.to_blob_with_type_and_encoder_options(
            &resolve,
            "image/jpeg",
            &JsValue::from_f64(f64::from(quality) / 100.0),
        );
    });
    result.map_err(|_| PhotoError::Browser)?;
    JsFuture::from(promise)
        .await
        .ok()
        .and_then(|b| b.dyn_into::<Blob>().ok())
        .ok_or(PhotoError::Browser)
}

/// The spec JPEG of a canvas.
#[derive(Debug, Clone)]
pub struct Encoded {
    /// The file.
    pub blob: Blob,
    /// Its quality, percent.
    pub quality: u8,
    /// The border strip's luminance.
    pub border: Option<Border>,
}

/// Encodes the canvas at the highest quality whose file fits the spec.
pub async fn encode(canvas: &HtmlCanvasElement, spec: &PhotoSpec) -> Result<Encoded, PhotoError> {
    let mut search = Search::new(spec.max_bytes as usize);
    let mut best = None;
    while let Some(q) = search.next() {
        let blob = jpeg(canvas, q).await?;
        if search.record(q, blob.size() as usize) {
            best = Some(blob);
        }
    }
    let (quality, _) = search
        .result()
        .map_err(|QualityError::TooLarge(bytes)| PhotoError::TooLarge(bytes))?;
    let blob = best.ok_or(PhotoError::Browser)?;
    let (w, h) = (canvas.width(), canvas.height());
    let border = context(canvas)
        .ok()
        .and_then(|ctx| {
            ctx.get_image_data(0.0, 0.0, f64::from(w), f64::from(h))
                .ok()
        })
        .and_then(|data| background::border(&data.data(), w, h));
    Ok(Encoded {
        blob,
        quality,
        border,
    })
}

/// Crops, scales and encodes: the whole pipeline after decoding, into
/// `out` (a canvas of the spec's output size, e.g. the preview).
pub async fn process(
    bitmap: &ImageBitmap,
    rect: Rect,
    out: &HtmlCanvasElement,
    spec: &PhotoSpec,
) -> Result<Encoded, PhotoError> {
    super::geometry::check_min_width(rect, spec).map_err(PhotoError::TooSmall)?;
    out.set_width(spec.output_width);
    out.set_height(spec.output_height);
    draw_crop(out, bitmap, rect)?;
    encode(out, spec).await
}

fn performance() -> Option<web_sys::Performance> {
    web_sys::window().and_then(|w| w.performance())
}

/// Marks the selection of a file (start of [`MEASURE`]).
pub fn mark_start() {
    if let Some(p) = performance() {
        let _ = p.mark(START_MARK);
    }
}

/// Ends [`MEASURE`] (once per mark: the mark is cleared).
pub fn measure_end() {
    if let Some(p) = performance() {
        if p.get_entries_by_name(START_MARK).length() == 0 {
            return;
        }
        let _ = p.measure_with_start_mark(MEASURE, START_MARK);
        p.clear_marks_with_mark_name(START_MARK);
    }
}
