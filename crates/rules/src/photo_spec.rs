//! The ID photo (证件照) of the e-license, as data both the browser (crop
//! tool) and the server (upload check) read, so they cannot disagree.
//!
//! The e-license prints a portrait photo of 358 × 441 pixels (the
//! proportions of the 2-inch ID photo, 35 mm × 45 mm minus the print margin),
//! JPEG, 20–100 KB. The source the person crops from must be at least 295 px
//! wide: smaller sources upscaled to 358 px look blurred on the licence.
//!
//! What the server accepts (and DEMO.md promises): any portrait image (taller
//! than wide) of at least 295 × 364 pixels; it is centre-cropped to 358:441,
//! so its crop is at least 295 px wide. The portal's crop tool sends exactly
//! 358:441.
//!
//! The byte range: the stored JPEG is encoded at the highest quality whose
//! file is at most `max_bytes`. The minimum exists to stop over-compressed
//! photos; a clean photo (plain background, soft light) can stay under it
//! even at the best quality, which is as faithful as a JPEG gets, so such a
//! file is brought up to `min_bytes` with a JPEG comment segment (ignored by
//! every decoder) instead of being refused. Only a (nearly) uniform image,
//! one with no face on it, is refused: [`PhotoSpec::is_blank`].

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::i18n::{Lang, Localized};

/// The specification of the stored ID photo and of acceptable uploads.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PhotoSpec {
    /// Width of the stored photo, in pixels.
    pub output_width: u32,
    /// Height of the stored photo, in pixels.
    pub output_height: u32,
    /// Smallest stored file, in bytes.
    pub min_bytes: u32,
    /// Largest stored file, in bytes.
    pub max_bytes: u32,
    /// Narrowest source (after cropping), in pixels.
    pub min_source_width: u32,
    /// Smallest spread of luminance (standard deviation, 0–255) of a photo
    /// with something on it; under it the image is blank and refused.
    pub min_luma_spread: f64,
    /// Largest upload, in bytes.
    pub max_upload_bytes: u32,
}

/// Accepted upload media types (`Content-Type` of the upload).
pub const MEDIA_TYPES: [&str; 2] = ["image/jpeg", "image/png"];

/// The one photo specification of the portal.
pub const SPEC: PhotoSpec = PhotoSpec {
    output_width: 358,
    output_height: 441,
    min_bytes: 20 * 1024,
    max_bytes: 100 * 1024,
    min_source_width: 295,
    min_luma_spread: 6.0,
    max_upload_bytes: 2 * 1024 * 1024,
};

impl PhotoSpec {
    /// Smallest source height: the minimum width at the output's ratio,
    /// rounded up.
    pub fn min_source_height(&self) -> u32 {
        (self.min_source_width * self.output_height).div_ceil(self.output_width)
    }

    /// Checks an upright upload's dimensions: a portrait (taller than
    /// wide) of at least the minimum source size. Its centre crop at the
    /// output's proportions is then at least `min_source_width` wide.
    pub fn check_dimensions(&self, width: u32, height: u32) -> Result<(), PhotoSpecError> {
        let min_height = self.min_source_height();
        if width < self.min_source_width || height < min_height {
            return Err(PhotoSpecError::TooSmall {
                width,
                height,
                min_width: self.min_source_width,
                min_height,
            });
        }
        if width >= height {
            return Err(PhotoSpecError::Aspect { width, height });
        }
        Ok(())
    }

    /// Whether an image is (nearly) uniform: the standard deviation of its
    /// luminances (0–255, any order) is under `min_luma_spread`. A face on a
    /// plain background spreads far more (skin, hair, eyes against the
    /// background: 40 and up); a photo of a blank wall or a lens cap, with
    /// sensor noise, stays under 6. An empty image is blank.
    pub fn is_blank(&self, luma: impl IntoIterator<Item = u8>) -> bool {
        let (mut n, mut sum, mut squares) = (0u64, 0u64, 0u64);
        for l in luma {
            n += 1;
            sum += u64::from(l);
            squares += u64::from(l) * u64::from(l);
        }
        if n == 0 {
            return true;
        }
        let mean = sum as f64 / n as f64;
        let variance = (squares as f64 / n as f64 - mean * mean).max(0.0);
        variance.sqrt() < self.min_luma_spread
    }
}

/// [`PhotoSpec::check_dimensions`] of [`SPEC`].
pub fn check_dimensions(width: u32, height: u32) -> Result<(), PhotoSpecError> {
    SPEC.check_dimensions(width, height)
}

/// Why a photo's dimensions were refused.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum PhotoSpecError {
    /// Smaller than the minimum source.
    #[error("{width}x{height} is smaller than {min_width}x{min_height}")]
    TooSmall {
        /// Width given.
        width: u32,
        /// Height given.
        height: u32,
        /// Minimum width.
        min_width: u32,
        /// Minimum height.
        min_height: u32,
    },
    /// Not a portrait (as wide as tall, or wider).
    #[error("{width}x{height} is not a portrait")]
    Aspect {
        /// Width given.
        width: u32,
        /// Height given.
        height: u32,
    },
}

impl Localized for PhotoSpecError {
    fn code(&self) -> &'static str {
        match self {
            PhotoSpecError::TooSmall { .. } => "photo.too_small",
            PhotoSpecError::Aspect { .. } => "photo.aspect",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (
                PhotoSpecError::TooSmall {
                    width,
                    height,
                    min_width,
                    min_height,
                },
                Lang::Zh,
            ) => format!(
                "照片为 {width}×{height} 像素，至少需要 {min_width}×{min_height} 像素，请使用更清晰的照片。"
            ),
            (
                PhotoSpecError::TooSmall {
                    width,
                    height,
                    min_width,
                    min_height,
                },
                Lang::En,
            ) => format!(
                "The photo is {width}×{height} pixels; at least {min_width}×{min_height} are needed. Use a sharper photo."
            ),
            (PhotoSpecError::Aspect { width, height }, Lang::Zh) => format!(
                "照片为 {width}×{height} 像素，不是竖版。证件照应高大于宽（将按 {}:{} 居中裁剪），请旋转或裁剪后再上传。",
                SPEC.output_width, SPEC.output_height
            ),
            (PhotoSpecError::Aspect { width, height }, Lang::En) => format!(
                "The photo is {width}×{height} pixels, not portrait. An ID photo is taller than wide (it is centre-cropped to {}:{}); rotate or crop it and upload again.",
                SPEC.output_width, SPEC.output_height
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn accepted_dimensions() {
        assert_eq!(SPEC.min_source_height(), 364);
        // Any portrait at least 295×364: 3:4 and 2:3 photos are
        // centre-cropped, not refused.
        for (w, h) in [
            (358, 441),
            (295, 364),
            (716, 882),
            (300, 370),
            (3580, 4410),
            (900, 1200),
            (300, 600),
            (1200, 1600),
        ] {
            assert_eq!(check_dimensions(w, h), Ok(()), "{w}x{h}");
        }
    }

    #[test]
    fn refused_dimensions() {
        for (w, h, code) in [
            (294, 400, "photo.too_small"),
            (358, 363, "photo.too_small"),
            (0, 0, "photo.too_small"),
            (882, 716, "photo.aspect"),
            (400, 400, "photo.aspect"),
            (1200, 900, "photo.aspect"),
        ] {
            let e = check_dimensions(w, h).unwrap_err();
            assert_eq!(e.code(), code, "{w}x{h}");
            assert_ne!(e.message(Lang::Zh), e.message(Lang::En));
        }
    }

    #[test]
    fn blank_is_uniform_not_simple() {
        // A grey wall with sensor noise of ±4.
        assert!(SPEC.is_blank((0..10_000u32).map(|i| 200 + (i % 9) as u8 - 4)));
        assert!(SPEC.is_blank(std::iter::empty()));
        // A clean portrait: a plain white background (60 %), a face and
        // dark hair on it.
        let portrait = (0..10_000u32).map(|i| match i % 10 {
            0..=5 => 255,
            6..=8 => 200,
            _ => 30,
        });
        assert!(!SPEC.is_blank(portrait));
    }
}
