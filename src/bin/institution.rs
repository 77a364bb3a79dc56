//! The institution side (institution.html, every path under /institution).

fn main() {
    portal::app::start(portal::app::InstitutionApp);
}
