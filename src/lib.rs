//! The practitioner self-service portal: a Leptos client-rendered app.
//!
//! Pages live in `pages/`, reusable pieces in `components/`; `api` owns every
//! HTTP call and `i18n` every user-facing text.

pub mod api;
pub mod app;
pub mod components;
pub mod draft;
pub mod effect;
pub mod go;
pub mod i18n;
pub mod pages;
pub mod photo;
pub mod storage;
pub mod submit;
pub mod today;
pub mod validate;

// The unit tests of the modules above run in headless Chromium, like tests/.
#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
