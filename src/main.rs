//! The practitioner portal (index.html).

fn main() {
    portal::app::start(portal::app::PractitionerApp);
}
