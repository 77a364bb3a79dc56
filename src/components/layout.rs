//! The page frame: skip link, header with the language switch, main region.

use leptos::prelude::*;
use rules::Lang;

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
