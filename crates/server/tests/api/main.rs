//! Integration tests of the API, against the real server over HTTP.

#[allow(dead_code)]
mod helpers;
mod registration;
mod session;
