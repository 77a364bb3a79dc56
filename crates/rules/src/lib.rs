//! The domain of e-license claiming (电子证照申领), written once and used by both
//! the browser portal (compiled to wasm32) and the API server (native).
//!
//! The crate is pure: no I/O and no clock. Wherever a rule depends on the date,
//! `today` is a parameter, so the browser and the server give the same answer
//! for the same facts.
//!
//! Sources: the seed notice of the National Health Commission on electronic
//! registration and e-licenses for physicians, nurses and medical institutions
//! (referred to as "the seed notice" in the item docs), and the national
//! standards named on each parser.

#![deny(missing_docs)]

pub mod api;
pub mod domain;
pub mod eligibility;
pub mod email;
pub mod i18n;
pub mod id_number;
pub mod phone;
mod text;

pub use domain::*;
pub use eligibility::{Checklist, Criterion, CriterionCode, Step};
pub use i18n::Lang;
