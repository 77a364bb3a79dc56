//! One module per page of the portal.

pub mod authority;
pub mod help;
pub mod home;
pub mod institution;
pub mod license;
pub mod photo;
pub mod profile;
pub mod recover;
pub mod register;
pub mod sign_in;
pub mod verify;
