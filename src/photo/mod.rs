//! The ID photo pipeline of the browser: decode any phone photo (EXIF
//! orientation applied by the browser), crop it at the spec's proportions,
//! flatten it onto white, scale it to 358×441 and encode the JPEG at the
//! highest quality under the spec's largest size, with the browser's own
//! codec (no JPEG code in the wasm).
//!
//! `geometry`, `quality` and `background` are pure and tested natively;
//! `canvas` drives the browser.

pub mod background;
pub mod canvas;
pub mod geometry;
pub mod quality;
