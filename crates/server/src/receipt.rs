//! The administrator-change receipt (电子化注册账户管理人员回执并加盖单位公章):
//! a PDF kept as uploaded, or a photo or scan that passes the photo upload's
//! checks (magic bytes, dimensions from the header before any pixel is
//! decoded, the pixel cap, a complete JPEG, the decode on the worker pool)
//! and is re-encoded to a fresh JPEG, so nothing but its pixels survives.

use image::DynamicImage;

use crate::photo::{self, PhotoError};

/// The kinds a receipt is stored as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReceiptKind {
    /// Kept as uploaded; served as an attachment only.
    Pdf,
    /// Re-encoded from a JPEG or PNG upload.
    Jpeg,
}

impl ReceiptKind {
    /// Media type it is served with.
    pub fn media_type(self) -> &'static str {
        match self {
            ReceiptKind::Pdf => "application/pdf",
            ReceiptKind::Jpeg => "image/jpeg",
        }
    }

    /// File name extension.
    pub fn extension(self) -> &'static str {
        match self {
            ReceiptKind::Pdf => "pdf",
            ReceiptKind::Jpeg => "jpg",
        }
    }
}

/// Why a receipt was refused.
#[derive(Debug, thiserror::Error)]
pub enum ReceiptError {
    /// Zero bytes.
    #[error("empty upload")]
    Empty,
    /// Neither PDF, JPEG nor PNG by its first bytes.
    #[error("not a PDF, JPEG or PNG")]
    UnsupportedFormat,
    /// A PDF without its end-of-file marker: truncated.
    #[error("incomplete PDF")]
    IncompletePdf,
    /// A scan too small to read a seal on.
    #[error("image too small")]
    TooSmall,
    /// The image checks of photos.
    #[error(transparent)]
    Image(#[from] PhotoError),
}

/// Shortest side of a readable scan, in pixels.
pub const MIN_SIDE: u32 = 300;
/// The stored image fits in this square: an A4 page at 300 dpi.
pub const MAX_STORED_SIDE: u32 = 3508;

/// What the first bytes say the upload is.
pub fn sniff(bytes: &[u8]) -> Result<ReceiptKind, ReceiptError> {
    if bytes.is_empty() {
        Err(ReceiptError::Empty)
    } else if bytes.starts_with(b"%PDF-") {
        Ok(ReceiptKind::Pdf)
    } else if photo::sniff(bytes).is_some() {
        Ok(ReceiptKind::Jpeg)
    } else {
        Err(ReceiptError::UnsupportedFormat)
    }
}

/// A PDF is complete when `%%EOF` is among its last bytes (writers may add
/// a line break or a little padding after it).
pub fn check_pdf(bytes: &[u8]) -> Result<(), ReceiptError> {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    if bytes.starts_with(b"%PDF-") && tail.windows(5).any(|w| w == b"%%EOF") {
        Ok(())
    } else {
        Err(ReceiptError::IncompletePdf)
    }
}

/// Decodes an image receipt with the photo upload's limits and re-encodes
/// it (at most A4 at 300 dpi) as a JPEG. Runs on a decode thread.
pub fn process_image(bytes: &[u8]) -> Result<Vec<u8>, ReceiptError> {
    let mut too_small = false;
    let decoded = photo::decode_checked(bytes, |w, h| {
        if w.min(h) < MIN_SIDE {
            too_small = true;
            // Any refusal stops the decode; the flag says which.
            return Err(PhotoError::Corrupt("too small".into()));
        }
        Ok(())
    });
    let img: DynamicImage = match decoded {
        Err(_) if too_small => return Err(ReceiptError::TooSmall),
        other => other?,
    };
    let img = if img.width().max(img.height()) > MAX_STORED_SIDE {
        img.thumbnail(MAX_STORED_SIDE, MAX_STORED_SIDE)
    } else {
        img
    };
    let rgb = photo::flatten_on_white(&img);
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&rgb)
        .map_err(|e| PhotoError::Encode(e.to_string()))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_magic_bytes() {
        assert_eq!(sniff(b"%PDF-1.7\n").unwrap(), ReceiptKind::Pdf);
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]).unwrap(), ReceiptKind::Jpeg);
        assert!(matches!(
            sniff(b"<html>%PDF-"),
            Err(ReceiptError::UnsupportedFormat)
        ));
        assert!(matches!(sniff(b""), Err(ReceiptError::Empty)));
    }

    #[test]
    fn truncated_pdf_refused() {
        assert!(check_pdf(b"%PDF-1.4\n1 0 obj\n%%EOF\n").is_ok());
        assert!(check_pdf(b"%PDF-1.4\n1 0 obj\n").is_err());
    }

    #[test]
    fn image_reencoded_and_small_scans_refused() {
        let mut png = std::io::Cursor::new(Vec::new());
        image::RgbImage::from_fn(400, 500, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 9])
        })
        .write_to(&mut png, image::ImageFormat::Png)
        .unwrap();
        let out = process_image(png.get_ref()).unwrap();
        assert!(out.starts_with(&[0xFF, 0xD8, 0xFF]));
        let mut tiny = std::io::Cursor::new(Vec::new());
        image::RgbImage::new(40, 40)
            .write_to(&mut tiny, image::ImageFormat::Png)
            .unwrap();
        assert!(matches!(
            process_image(tiny.get_ref()),
            Err(ReceiptError::TooSmall)
        ));
    }
}
