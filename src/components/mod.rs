//! Reusable pieces of the portal's pages.

pub mod checklist;
pub mod field;
pub mod layout;
pub mod password_rules;
pub mod progress;
pub mod session;
pub mod system_choice;
