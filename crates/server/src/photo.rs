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

use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits};
use rules::photo_spec::{PhotoSpec, PhotoSpecError};

/// Largest decoded width or height: far above any camera's output, far
/// below what would need a huge buffer.
pub const MAX_DIMENSION: u32 = 8000;
/// Largest allocation the decoder may make.
pub const MAX_ALLOC: u64 = 256 * 1024 * 1024;

/// Why an upload was refused.
#[derive(Debug, thiserror::Error)]
pub enum PhotoError {
    /// Zero bytes.
    #[error("empty upload")]
    Empty,
    /// Neither JPEG nor PNG by its first bytes.
    #[error("not a JPEG or PNG")]
    UnsupportedFormat,
    /// The header claims more pixels than allowed.
    #[error("dimensions over the limit")]
    TooLargeDimensions,
    /// Truncated or otherwise undecodable.
    #[error("corrupt image: {0}")]
    Corrupt(String),
    /// Decoded, but outside the photo specification.
    #[error(transparent)]
    Spec(#[from] PhotoSpecError),
    /// Even at the best quality the JPEG is below the minimum size: the
    /// image is (nearly) uniform, not a photo.
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
        ImageError::Limits(_) => PhotoError::TooLargeDimensions,
        ImageError::Unsupported(_) => PhotoError::UnsupportedFormat,
        other => PhotoError::Corrupt(other.to_string()),
    }
}

/// Decodes an upload (upright), refusing anything over the limits before
/// allocating its pixels.
pub fn decode(bytes: &[u8]) -> Result<DynamicImage, PhotoError> {
    if bytes.is_empty() {
        return Err(PhotoError::Empty);
    }
    let format = sniff(bytes).ok_or(PhotoError::UnsupportedFormat)?;
    if format == ImageFormat::Jpeg && !jpeg_complete(bytes) {
        return Err(PhotoError::Corrupt("no end of image after the scan".into()));
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits());
    let mut decoder = reader.into_decoder().map_err(decode_error)?;
    // A broken orientation tag is not worth refusing the photo for.
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
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
    let img = decode(bytes)?;
    spec.check_dimensions(img.width(), img.height())?;
    let sized = flatten_on_white(&img.resize_to_fill(
        spec.output_width,
        spec.output_height,
        image::imageops::FilterType::CatmullRom,
    ));
    let encode = |quality: u8| -> Result<Vec<u8>, PhotoError> {
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
            .encode_image(&sized)
            .map_err(|e| PhotoError::Encode(e.to_string()))?;
        Ok(out)
    };
    let (min, max) = (spec.min_bytes as usize, spec.max_bytes as usize);
    for quality in [92u8, 85, 78, 70, 62, 54, 46, 38, 30] {
        let out = encode(quality)?;
        if out.len() <= max {
            if out.len() >= min {
                return Ok(out);
            }
            // Below the minimum even at a high quality: try the best once.
            let best = encode(100)?;
            return if (min..=max).contains(&best.len()) {
                Ok(best)
            } else {
                Err(PhotoError::TooPlain)
            };
        }
    }
    // Pure noise at 358x441 still fits at quality 30; be explicit anyway.
    Err(PhotoError::Encode("no quality fits the byte range".into()))
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
