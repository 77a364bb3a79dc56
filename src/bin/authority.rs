//! The health authority's side (authority.html, every path under /authority).

fn main() {
    portal::app::start(portal::app::AuthorityApp);
}
