//! The institution side (机构端): administrators of a medical institution
//! follow their staff's applications, review, and clean up.

pub mod administrator_change;
pub mod dashboard;
pub mod deleted_accounts;
pub mod licence;
pub mod nav;
pub mod needs_help;
pub mod reminders;
pub mod reviews;
pub mod sign_in;
pub mod staff;
pub mod zombies;
