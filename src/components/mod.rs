//! Reusable pieces of the portal's pages.

pub mod checklist;
pub mod layout;
pub mod session;
