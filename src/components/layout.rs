//! The page frame: skip link, header with the language switch, main region.

use leptos::prelude::*;
use rules::Lang;

use crate::i18n::{self, tr, use_lang, Locale};

/// Frames every page.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let locale = expect_context::<Locale>();
    let lang = use_lang();
    let other = move || match lang.get() {
        Lang::Zh => Lang::En,
        Lang::En => Lang::Zh,
    };
    view! {
        <a class="skip-link" href="#main">{tr(i18n::SKIP_TO_MAIN)}</a>
        <header class="site-header">
            <a class="brand" href="/">{tr(i18n::APP_NAME)}</a>
            <nav class="header-nav">
                <a href="/help">{tr(i18n::HELP)}</a>
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
