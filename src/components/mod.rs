//! Reusable pieces of the portal's pages.

pub mod admin_sign_in;
pub mod change_password;
pub mod checklist;
pub mod confirm;
pub mod crop_frame;
pub mod deadline_banner;
pub mod details;
pub mod field;
pub mod first_screen;
pub mod layout;
pub mod load_error;
pub mod loading;
pub mod pager;
pub mod password_rules;
pub mod progress;
pub mod reminders;
pub mod resend;
pub mod security_questions;
pub mod session;
pub mod system_choice;
pub mod wait;
