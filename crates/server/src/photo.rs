//! ID photo processing: sniff, decode with limits, check against
//! `rules::photo_spec::SPEC`, and re-encode to the stored JPEG.
//!
//! Only the decoded pixels survive: the stored file is a fresh JPEG, so EXIF
//! (GPS position, camera serial), ICC profiles and anything appended to the
//! upload are gone. The EXIF orientation is applied before that (phones
//! store portraits as rotated landscapes plus a tag); the portal's crop tool
//! normally sends upright pixels already, so this only matters for direct
//! API uploads.

use std::io::Cursor;
use std::sync::OnceLock;

use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits};
use rules::photo_spec::{PhotoSpec, PhotoSpecError};

use crate::error::AppResult;
use crate::workers::{self, Turn, Workers};

/// Most pixels an upload may have, read from its header before any pixel
/// is decoded: 50 megapixels, the full resolution of today's largest phone
/// sensors (50 MP, 8160×6144 before the portrait crop an ID photo needs).
/// The portal's own crop tool sends 358×441 (0.16 MP); a direct upload of a
/// camera photo is bounded by the 2 MiB body limit long before this.
pub const MAX_PIXELS: u64 = 50_000_000;
/// Largest width or height the decoders accept at all (a fence behind the
/// header check, for headers that claim absurd sizes).
pub const MAX_DIMENSION: u32 = 16_384;
/// Largest allocation the decoder may make: the pixel cap at 4 bytes a
/// pixel (8-bit RGBA), 200 MB. A 16-bit PNG at the cap is refused.
pub const MAX_ALLOC: u64 = MAX_PIXELS * 4;

/// Why an upload was refused.
#[derive(Debug, thiserror::Error)]
pub enum PhotoError {
    /// Zero bytes.
    #[error("empty upload")]
    Empty,
    /// Neither JPEG nor PNG by its first bytes.
    #[error("not a JPEG or PNG")]
    UnsupportedFormat,
    /// The header claims more pixels than allowed (the dimensions, when
    /// the header could be read).
    #[error("dimensions over the limit")]
    TooLargeDimensions(Option<(u32, u32)>),
    /// Truncated or otherwise undecodable.
    #[error("corrupt image: {0}")]
    Corrupt(String),
    /// Decoded, but outside the photo specification.
    #[error(transparent)]
    Spec(#[from] PhotoSpecError),
    /// The image is (nearly) uniform, not a photo of anyone
    /// (`PhotoSpec::is_blank`).
    #[error("too plain")]
    TooPlain,
    /// Encoding failed.
    #[error("encoding: {0}")]
    Encode(String),
}

/// The sniffed format of an upload: JPEG starts `FF D8 FF`, PNG with its
/// 8-byte signature. Nothing else (SVG, PDF, WebP, text) is accepted.
pub fn sniff(bytes: &[u8]) -> Option<ImageFormat> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageFormat::Jpeg)
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some(ImageFormat::Png)
    } else {
        None
    }
}

/// Whether a JPEG is complete: its segments lead to a scan (SOS) and an
/// end-of-image marker (`FF D9`) follows it. The decoder fills a truncated
/// scan with grey instead of failing, so this is checked first. Inside scan
/// data a literal `FF` is always stuffed as `FF 00`, so `FF D9` there can
/// only be the real end.
pub fn jpeg_complete(bytes: &[u8]) -> bool {
    let mut i = 2; // after SOI
    loop {
        // Fill bytes (FF FF ...) may precede a marker.
        while bytes.get(i) == Some(&0xFF) && bytes.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        let (Some(&0xFF), Some(&marker)) = (bytes.get(i), bytes.get(i + 1)) else {
            return false;
        };
        let Some(len) = bytes
            .get(i + 2..i + 4)
            .map(|l| usize::from(u16::from_be_bytes([l[0], l[1]])))
        else {
            return false;
        };
        if len < 2 {
            return false;
        }
        i += 2 + len;
        if marker == 0xDA {
            break;
        }
    }
    bytes
        .get(i..)
        .is_some_and(|scan| scan.windows(2).any(|w| w == [0xFF, 0xD9]))
}

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DIMENSION);
    limits.max_image_height = Some(MAX_DIMENSION);
    limits.max_alloc = Some(MAX_ALLOC);
    limits
}

fn decode_error(e: ImageError) -> PhotoError {
    match e {
        ImageError::Limits(_) => PhotoError::TooLargeDimensions(None),
        ImageError::Unsupported(_) => PhotoError::UnsupportedFormat,
        other => PhotoError::Corrupt(other.to_string()),
    }
}

/// Whether an orientation turns the image by a quarter (width and height
/// swap).
fn quarter_turn(orientation: Orientation) -> bool {
    matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

/// Refuses upright dimensions over the pixel cap.
pub fn check_pixels(width: u32, height: u32) -> Result<(), PhotoError> {
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(PhotoError::TooLargeDimensions(Some((width, height))));
    }
    Ok(())
}

/// Decodes an upload (upright). Its header alone decides first: the pixel
/// cap, then the specification's minimum size and proportions (after the
/// EXIF orientation), so an image that would be refused is never decoded;
/// the decoder's allocation limit is the second fence.
pub fn decode(bytes: &[u8], spec: &PhotoSpec) -> Result<DynamicImage, PhotoError> {
    decode_checked(bytes, |w, h| Ok(spec.check_dimensions(w, h)?))
}

/// Decodes an upload (upright) after the header checks: the pixel cap, then
/// `check` on the upright dimensions (the photo specification, or nothing
/// more for a scanned receipt).
pub fn decode_checked(
    bytes: &[u8],
    check: impl FnOnce(u32, u32) -> Result<(), PhotoError>,
) -> Result<DynamicImage, PhotoError> {
    if bytes.is_empty() {
        return Err(PhotoError::Empty);
    }
    let format = sniff(bytes).ok_or(PhotoError::UnsupportedFormat)?;
    if format == ImageFormat::Jpeg && !jpeg_complete(bytes) {
        return Err(PhotoError::Corrupt("no end of image after the scan".into()));
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits());
    // Reads the header only.
    let mut decoder = reader.into_decoder().map_err(decode_error)?;
    // A broken orientation tag is not worth refusing the photo for.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let (width, height) = match decoder.dimensions() {
        (w, h) if quarter_turn(orientation) => (h, w),
        dims => dims,
    };
    check_pixels(width, height)?;
    check(width, height)?;
    // `from_decoder` itself does not count the pixel buffer against
    // `max_alloc` (only `ImageReader::decode` does): count it here.
    limits()
        .reserve(decoder.total_bytes())
        .map_err(decode_error)?;
    let mut img = DynamicImage::from_decoder(decoder).map_err(decode_error)?;
    img.apply_orientation(orientation);
    Ok(img)
}

/// The pixels as RGB; transparent parts (PNG) become the white background
/// an ID photo has, not the black that dropping alpha would give.
pub fn flatten_on_white(img: &DynamicImage) -> image::RgbImage {
    if !img.color().has_alpha() {
        return img.to_rgb8();
    }
    let rgba = img.to_rgba8();
    image::RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let a = u32::from(a);
        let over = |c: u8| ((u32::from(c) * a + 255 * (255 - a) + 127) / 255) as u8;
        image::Rgb([over(r), over(g), over(b)])
    })
}

/// The stored photo: checked against the spec, cropped to its proportions
/// and scaled to its size, as a JPEG within its byte range.
pub fn process(bytes: &[u8], spec: &PhotoSpec) -> Result<Vec<u8>, PhotoError> {
    let mut img = decode(bytes, spec)?;
    spec.check_dimensions(img.width(), img.height())?;
    // A large source is first averaged down to about twice the output
    // (a box filter that allocates only its result), so the fine filter
    // below does not need a float copy of every source column (44 MB at
    // the pixel cap).
    let (twice_w, twice_h) = (2 * spec.output_width, 2 * spec.output_height);
    if img.width() > twice_w && img.height() > twice_h {
        img = img.thumbnail(twice_w, twice_h);
    }
    let sized = flatten_on_white(&img.resize_to_fill(
        spec.output_width,
        spec.output_height,
        image::imageops::FilterType::CatmullRom,
    ));
    if spec.is_blank(sized.pixels().map(|p| luma(p.0))) {
        return Err(PhotoError::TooPlain);
    }
    let encode = |quality: u8| -> Result<Vec<u8>, PhotoError> {
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
            .encode_image(&sized)
            .map_err(|e| PhotoError::Encode(e.to_string()))?;
        Ok(out)
    };
    let best = best_quality(spec.max_bytes as usize, encode)?
        // Pure noise at 358x441 still fits at quality 1; be explicit anyway.
        .ok_or_else(|| PhotoError::Encode("no quality fits the byte range".into()))?;
    Ok(pad_to(best, spec.min_bytes as usize))
}

/// ITU-R BT.601 luma of an sRGB pixel, 0–255.
fn luma([r, g, b]: [u8; 3]) -> u8 {
    ((299 * u32::from(r) + 587 * u32::from(g) + 114 * u32::from(b) + 500) / 1000) as u8
}

/// The file of the highest JPEG quality (1–100) whose size is at most
/// `max_bytes`, `None` when even quality 1 is larger. The best quality is
/// tried first (a clean photo is done in one encode), then a bisection
/// (at most 7 more).
fn best_quality(
    max_bytes: usize,
    mut encode: impl FnMut(u8) -> Result<Vec<u8>, PhotoError>,
) -> Result<Option<Vec<u8>>, PhotoError> {
    let first = encode(100)?;
    if first.len() <= max_bytes {
        return Ok(Some(first));
    }
    let (mut lo, mut hi, mut best) = (1u8, 99u8, None);
    while lo <= hi {
        let q = lo + (hi - lo) / 2;
        let out = encode(q)?;
        if out.len() <= max_bytes {
            best = Some(out);
            lo = q + 1;
        } else if q == 1 {
            break;
        } else {
            hi = q - 1;
        }
    }
    Ok(best)
}

/// A JPEG of at least `min_bytes`: a file under it (a clean photo, already
/// at the best quality that fits) gets a comment segment (`FF FE`, which
/// every decoder skips) of zeros right after the start-of-image marker.
/// The pixels are the same; the licence system's byte range is met.
pub fn pad_to(mut jpeg: Vec<u8>, min_bytes: usize) -> Vec<u8> {
    if jpeg.len() >= min_bytes || jpeg.len() < 2 {
        return jpeg;
    }
    // The segment's length field counts itself (2 bytes), not its marker.
    let missing = min_bytes - jpeg.len();
    let mut segments = Vec::with_capacity(missing + 4);
    let mut left = missing;
    while left > 0 {
        // Marker and length take 4 bytes; a segment holds at most 65533.
        let payload = left.saturating_sub(4).min(65_533);
        let len = (payload + 2) as u16;
        segments.extend_from_slice(&[0xFF, 0xFE]);
        segments.extend_from_slice(&len.to_be_bytes());
        segments.resize(segments.len() + payload, 0);
        left = left.saturating_sub(payload + 4);
    }
    jpeg.splice(2..2, segments);
    jpeg
}

/// Uploads waiting for a decode, per decode thread (one per core: a decode
/// at the pixel cap holds up to 150 MB (RGB) or 200 MB (RGBA) of pixels plus
/// the scaler's rows, and 16 parallel 8000×8000 PNGs took 4.25 GB before the
/// header check), before new ones are refused with 503: waiting costs only
/// the body (at most 2 MiB), and a decode at the cap takes about a second,
/// so the wait stays short.
pub const QUEUE_PER_DECODE: usize = 2;

/// Seconds a refused upload is told to wait (`Retry-After`).
pub const BUSY_RETRY_AFTER: u64 = 2;

/// The decode threads. Pixel buffers above glibc's mmap threshold go back
/// to the system when freed, so no thread keeps a decode's memory.
fn decoders() -> &'static Workers {
    static DECODERS: OnceLock<Workers> = OnceLock::new();
    DECODERS.get_or_init(|| {
        Workers::new(
            "photo",
            workers::per_core(),
            QUEUE_PER_DECODE,
            BUSY_RETRY_AFTER,
        )
    })
}

/// Waits for a decode turn; refuses at once (503 `server.busy`) when the
/// queue is full.
pub async fn turn() -> AppResult<Turn> {
    decoders().turn().await
}

/// Runs other image work (a receipt) on a decode thread in its turn.
pub async fn run_in_turn<T: Send + 'static>(
    turn: Turn,
    work: impl FnOnce() -> T + Send + 'static,
) -> AppResult<T> {
    decoders().run_in_turn(turn, work).await
}

/// Processes an upload on a decode thread in its turn (held until the
/// decode, and its memory, is done, even if the upload is dropped).
pub async fn process_in_turn(
    turn: Turn,
    bytes: impl AsRef<[u8]> + Send + 'static,
    spec: PhotoSpec,
) -> AppResult<Result<Vec<u8>, PhotoError>> {
    decoders()
        .run_in_turn(turn, move || process(bytes.as_ref(), &spec))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing() {
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(ImageFormat::Jpeg));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some(ImageFormat::Png));
        assert_eq!(sniff(b"%PDF-1.7"), None);
        assert_eq!(sniff(b"<svg xmlns="), None);
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn transparency_becomes_white() {
        let mut img = image::RgbaImage::from_pixel(2, 1, image::Rgba([10, 20, 30, 255]));
        img.put_pixel(1, 0, image::Rgba([0, 0, 0, 0]));
        let flat = flatten_on_white(&DynamicImage::ImageRgba8(img));
        assert_eq!(flat.get_pixel(0, 0).0, [10, 20, 30]);
        assert_eq!(flat.get_pixel(1, 0).0, [255, 255, 255]);
    }

    /// A clean portrait: a plain white background, a smooth face, dark
    /// hair: little for a JPEG to encode.
    fn clean_portrait(w: u32, h: u32) -> image::RgbImage {
        image::RgbImage::from_fn(w, h, |x, y| {
            let (dx, dy) = (
                (f64::from(x) - f64::from(w) / 2.0) / (f64::from(w) * 0.22),
                (f64::from(y) - f64::from(h) * 0.45) / (f64::from(h) * 0.25),
            );
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

    fn jpeg_of(img: &image::RgbImage, quality: u8) -> Vec<u8> {
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
            .encode_image(img)
            .unwrap();
        out
    }

    #[test]
    fn a_clean_portrait_is_kept_at_the_best_quality_and_padded_to_the_minimum() {
        let spec = rules::photo_spec::SPEC;
        let source = jpeg_of(&clean_portrait(900, 1200), 95);
        // The old rule refused it: under the minimum even at quality 100.
        let sized = image::imageops::resize(
            &clean_portrait(900, 1200),
            358,
            441,
            image::imageops::FilterType::CatmullRom,
        );
        assert!(jpeg_of(&sized, 100).len() < spec.min_bytes as usize);
        let stored = process(&source, &spec).expect("a clean portrait is accepted");
        assert!(
            (spec.min_bytes as usize..=spec.max_bytes as usize).contains(&stored.len()),
            "{}",
            stored.len()
        );
        assert!(jpeg_complete(&stored));
        let img = image::load_from_memory_with_format(&stored, ImageFormat::Jpeg).unwrap();
        assert_eq!((img.width(), img.height()), (358, 441));
        // The face is still there (the padding is not in the pixels).
        assert!(img.to_rgb8().get_pixel(179, 210).0[0] > 200);
        assert!(img.to_rgb8().get_pixel(179, 210).0[2] < 200);
    }

    #[test]
    fn a_blank_image_is_refused() {
        let mut seed = 1u32;
        let wall = image::RgbImage::from_fn(400, 500, |_, _| {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            let n = (seed >> 29) as u8; // 0..=7
            image::Rgb([200 + n, 200 + n, 196 + n])
        });
        assert!(matches!(
            process(&jpeg_of(&wall, 95), &rules::photo_spec::SPEC),
            Err(PhotoError::TooPlain)
        ));
    }

    #[test]
    fn padding_reaches_the_minimum_exactly_and_stays_decodable() {
        let small = jpeg_of(&clean_portrait(100, 120), 80);
        for min in [
            small.len(),
            small.len() + 1,
            small.len() + 4,
            small.len() + 5,
            20 * 1024,
            200_000,
        ] {
            let padded = pad_to(small.clone(), min);
            // A segment takes at least 4 bytes: 1 to 3 missing bytes
            // become 4.
            assert!(
                padded.len() >= min && padded.len() <= min.max(small.len() + 4),
                "min {min}: {}",
                padded.len()
            );
            assert!(jpeg_complete(&padded), "min {min}");
            let a = image::load_from_memory(&padded).unwrap().to_rgb8();
            let b = image::load_from_memory(&small).unwrap().to_rgb8();
            assert_eq!(a, b, "min {min}");
        }
    }

    #[test]
    fn jpeg_completeness() {
        let mut jpeg = std::io::Cursor::new(Vec::new());
        image::RgbImage::from_pixel(16, 16, image::Rgb([200, 10, 10]))
            .write_to(&mut jpeg, ImageFormat::Jpeg)
            .unwrap();
        let jpeg = jpeg.into_inner();
        assert!(jpeg_complete(&jpeg));
        let mut trailing = jpeg.clone();
        trailing.extend(b"appended by a camera");
        assert!(jpeg_complete(&trailing));
        for cut in [3, 10, jpeg.len() / 2, jpeg.len() - 1] {
            assert!(!jpeg_complete(&jpeg[..cut]), "cut at {cut}");
        }
        assert!(!jpeg_complete(&[0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01]));
    }
}
