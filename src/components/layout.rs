//! The page frame: skip link, header with the language switch, main region.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use rules::Lang;
use wasm_bindgen::JsCast;

use crate::i18n::{self, tr, use_lang, Locale};

/// Which of the portal's three apps a page belongs to (see `app.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// Physicians and nurses: index.html.
    Practitioner,
    /// Institution administrators: institution.html.
    Institution,
    /// The public e-license check: verify.html.
    Verify,
    /// Health authorities: authority.html.
    Authority,
}

impl Section {
    /// Where the brand link leads: the section's own start page (the
    /// practitioner portal's for the public check).
    fn home(self) -> &'static str {
        match self {
            Section::Institution => "/institution",
            Section::Authority => "/authority",
            Section::Practitioner | Section::Verify => "/",
        }
    }

    /// `rel="external"` on a link into the practitioner portal from another
    /// app: the browser loads that app instead of this app's router showing
    /// "not found".
    fn to_practitioner(self) -> Option<&'static str> {
        (self != Section::Practitioner).then_some("external")
    }
}

/// Frames every page.
#[component]
pub fn Layout(section: Section, children: Children) -> impl IntoView {
    let locale = expect_context::<Locale>();
    let lang = use_lang();
    let other = move || match lang.get() {
        Lang::Zh => Lang::En,
        Lang::En => Lang::Zh,
    };
    focus_heading_on_navigation();
    view! {
        <a class="skip-link" href="#main">{tr(i18n::SKIP_TO_MAIN)}</a>
        <header class="site-header">
            <a
                class="brand"
                href=section.home()
                rel=match section {
                    Section::Institution | Section::Authority => None,
                    _ => section.to_practitioner(),
                }
            >
                {tr(i18n::APP_NAME)}
            </a>
            <nav class="header-nav">
                <a href="/help" rel=section.to_practitioner()>{tr(i18n::HELP)}</a>
                <button
                    type="button"
                    class="lang-switch"
                    lang=move || other().tag()
                    aria-label=tr(i18n::LANGUAGE_SWITCH_LABEL)
                    on:click=move |_| locale.set(other())
                >
                    {tr(i18n::LANGUAGE_SWITCH)}
                </button>
            </nav>
        </header>
        <main id="main" tabindex="-1">{children()}</main>
    }
}

/// After a move to another page (not on the first load, not for a step in
/// the address's query), focus goes to the new page's main heading, so a
/// screen reader announces the page and Tab starts from it instead of from
/// `<body>`. The router may swap the page a moment after the address
/// changed, and pages that load their data show the heading later: the
/// heading is focused again until the one focused stays.
fn focus_heading_on_navigation() {
    let path = use_location().pathname;
    let first = StoredValue::new(true);
    crate::effect::effect(move || {
        // Read, not only tracked: a memo computes (and follows the address)
        // only when read.
        path.with(|_| ());
        if first.get_value() {
            first.set_value(false);
            return;
        }
        set_timeout(|| try_focus(0, None), std::time::Duration::ZERO);
    });
}

fn try_focus(attempt: u32, focused: Option<web_sys::Element>) {
    let doc = document();
    if let Some(el) = &focused {
        let active = doc.active_element();
        let stayed = el.is_connected() && active.as_ref() == Some(el);
        // Focus on something else than the page itself: the person (a
        // click, a key) or the page's own code moved it on purpose, and it
        // stays there. Only a focus lost with a replaced heading (back on
        // <body>) is given to the new heading.
        let moved = active
            .as_ref()
            .is_some_and(|a| Some(a) != el_as_body(&doc).as_ref() && Some(a) != Some(el));
        if stayed || moved || attempt >= 20 {
            return;
        }
    }
    let main_el = doc.get_element_by_id("main");
    let heading = main_el
        .as_ref()
        .and_then(|m| m.query_selector("h1").ok().flatten());
    let target = match heading {
        Some(h) => {
            if !h.has_attribute("tabindex") {
                let _ = h.set_attribute("tabindex", "-1");
            }
            Some(h)
        }
        // No heading after a second: the main region.
        None if attempt >= 20 => main_el,
        None => None,
    };
    if let Some(el) = target
        .clone()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
    if attempt < 20 {
        set_timeout(
            move || try_focus(attempt + 1, target),
            std::time::Duration::from_millis(50),
        );
    }
}

/// The document's `<body>` as an element (where focus rests when nothing
/// holds it).
fn el_as_body(doc: &web_sys::Document) -> Option<web_sys::Element> {
    doc.body().map(Into::into)
}
