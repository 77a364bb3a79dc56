//! The ID photo (证件照) of the e-license, as data both the browser (crop
//! tool) and the server (upload check) read, so they cannot disagree.
//!
//! The e-license prints a portrait photo of 358 × 441 pixels (the
//! proportions of the 2-inch ID photo, 35 mm × 45 mm minus the print margin),
//! JPEG, 20–100 KB. The source the person crops from must be at least 295 px
//! wide: smaller sources upscaled to 358 px look blurred on the licence.

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
    /// Largest relative difference between the source's width/height ratio
    /// and the output's that is still cropped silently (e.g. 0.05 = 5 %).
    pub aspect_tolerance: f64,
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
    aspect_tolerance: 0.05,
    max_upload_bytes: 2 * 1024 * 1024,
};

impl PhotoSpec {
    /// Smallest source height: the minimum width at the output's ratio,
    /// rounded up.
    pub fn min_source_height(&self) -> u32 {
        (self.min_source_width * self.output_height).div_ceil(self.output_width)
    }

    /// Checks a (cropped, upright) source's dimensions.
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
        let target = f64::from(self.output_width) / f64::from(self.output_height);
        let ratio = f64::from(width) / f64::from(height);
        if ((ratio - target) / target).abs() > self.aspect_tolerance {
            return Err(PhotoSpecError::Aspect { width, height });
        }
        Ok(())
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
    /// Not the portrait proportions of an ID photo.
    #[error("{width}x{height} is not in the proportions of an ID photo")]
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
                "照片为 {width}×{height} 像素，比例应为 {}:{}（竖版证件照），请裁剪后再上传。",
                SPEC.output_width, SPEC.output_height
            ),
            (PhotoSpecError::Aspect { width, height }, Lang::En) => format!(
                "The photo is {width}×{height} pixels; an ID photo is portrait, {}:{}. Crop it and upload again.",
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
        for (w, h) in [(358, 441), (295, 364), (716, 882), (300, 370), (3580, 4410)] {
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
            (300, 600, "photo.aspect"),
        ] {
            let e = check_dimensions(w, h).unwrap_err();
            assert_eq!(e.code(), code, "{w}x{h}");
            assert_ne!(e.message(Lang::Zh), e.message(Lang::En));
        }
    }
}
