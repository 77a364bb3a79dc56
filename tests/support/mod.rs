//! What the portal's browser tests share: a component mounted on its own.

use leptos::prelude::*;
use portal::i18n::Locale;
use rules::Lang;
use wasm_bindgen::JsCast;

/// Mounts `view` in a new element of the page, in `lang`, and returns the
/// element.
pub fn mount<F, V>(lang: Lang, view: F) -> web_sys::HtmlElement
where
    F: FnOnce() -> V + 'static,
    V: IntoView + 'static,
{
    let document = document();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    leptos::mount::mount_to(host.clone(), move || {
        provide_context(Locale(RwSignal::new(lang)));
        view()
    })
    .forget();
    host
}
