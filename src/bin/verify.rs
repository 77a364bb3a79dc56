//! The public e-license check (verify.html, /verify).

fn main() {
    portal::app::start(portal::app::VerifyApp);
}
