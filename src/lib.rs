//! The practitioner self-service portal: a Leptos client-rendered app.
//!
//! Pages live in `pages/`, reusable pieces in `components/`; `api` owns every
//! HTTP call and `i18n` every user-facing text.

pub mod api;
pub mod app;
pub mod components;
pub mod draft;
pub mod i18n;
pub mod pages;
pub mod photo;
pub mod storage;
pub mod today;
pub mod validate;
