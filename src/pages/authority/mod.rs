//! The health authority's pages (主管部门端, authority.html, `/authority…`).

pub mod administrator_changes;
pub mod campaign;
pub mod deregistrations;
pub mod follow_up;
pub mod home;
pub mod institutions;
pub mod sign_in;
