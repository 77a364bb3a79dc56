//! One module per page of the portal.

pub mod help;
pub mod home;
pub mod profile;
pub mod sign_in;
