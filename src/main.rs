use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn main() {
    console_error_panic_hook::set_once();
    // index.html paints a skeleton before the wasm loads; replace it.
    let root = document()
        .get_element_by_id("app")
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    match root {
        Some(root) => {
            root.set_inner_html("");
            leptos::mount::mount_to(root, portal::app::App).forget();
        }
        None => leptos::mount::mount_to_body(portal::app::App),
    }
}
