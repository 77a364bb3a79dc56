//! Authentication: password hashing, sessions and attempt throttling.

pub mod authority;
pub mod password;
pub mod password_change;
pub mod session;
pub mod throttle;

pub use session::{AdminAuth, Auth, PractitionerAuth};
