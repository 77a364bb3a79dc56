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
//!
//! Parsers ([`ResidentId`], [`MobileNumber`], [`Email`], [`QualificationNumber`],
//! [`PracticeCertificateNumber`], [`CreditCode`], [`PersonName`], [`Password`])
//! accept what users type (surrounding spaces, full-width characters of
//! Chinese input methods) and return typed errors implementing
//! [`Localized`]: a stable code and a message in zh-CN and English.

#![deny(missing_docs)]

pub mod api;
pub mod campaign;
pub mod certificate;
pub mod china_time;
pub mod common_passwords;
pub mod contact;
pub mod credit_code;
pub mod division;
pub mod domain;
pub mod eligibility;
pub mod email;
pub mod form;
pub mod i18n;
pub mod id_number;
pub mod institution_license;
pub mod iso_date;
pub mod license;
pub mod license_id;
pub mod masking;
pub mod name;
pub mod nurse_registration;
pub mod one_time_code;
pub mod password;
pub mod phone;
pub mod photo_rejection;
pub mod photo_spec;
pub mod registration_change;
pub mod security_answer;
#[cfg(test)]
mod test_dates;
mod text;
pub mod username;
pub mod wire;
pub mod zombie;

pub use campaign::{campaign_in, AfterDeadline, Campaign, CampaignError};
pub use certificate::{
    PracticeCertificateError, PracticeCertificateNumber, QualificationError, QualificationNumber,
};
pub use contact::{Contact, ContactError};
pub use credit_code::{CreditCode, CreditCodeError};
pub use division::{Division, DivisionError};
pub use domain::*;
pub use eligibility::{
    institution_checklist, practitioner_checklist, Checklist, Criterion, CriterionCode,
    PractitionerFacts, Reason, ReviewPolicy, Step,
};
pub use email::{Email, EmailError};
pub use i18n::{Lang, Localized};
pub use id_number::{Gender, IdNumberError, LegacyResidentId, ResidentId};
pub use institution_license::{AnyLicense, InstitutionLicenseFields};
pub use license::{LicenseFields, LicenseStatus, SignedLicense, Verdict};
pub use license_id::{LicenseId, LicenseIdError};
pub use name::{NameError, PersonName};
pub use nurse_registration::RegistrationPhase;
pub use one_time_code::{CodeError, OneTimeCode};
pub use password::{Password, PasswordError, PasswordReport};
pub use phone::{MobileNumber, PhoneError};
pub use registration_change::{registration_change, RegistrationChange};
pub use security_answer::{
    normalize_answer, AnswerError, SecurityQuestions, SecurityQuestionsError,
};
pub use username::{Username, UsernameError};
pub use zombie::{
    propose, propose_candidates, two_years_cutoff, NurseZombieReason, PhysicianZombieReason,
    RegistryFacts, ZombieReason,
};

#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
