//! Help: support contacts and the seed notice's advice on lost accounts.

use leptos::prelude::*;

use crate::i18n::{self, tr};

/// The technical-support hotline of the national registration system.
pub const HOTLINE: &str = "010-62197928";

/// The help page.
#[component]
pub fn Help() -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="help-heading">
            <h1 id="help-heading">{tr(i18n::HELP_HEADING)}</h1>
            <p>
                {tr(i18n::HELP_HOTLINE)}": "
                <a href=format!("tel:{HOTLINE}")>{HOTLINE}</a>
            </p>
            <p>{tr(i18n::HELP_WECHAT)}</p>
        </section>
        <section class="card" id="password" aria-labelledby="help-password">
            <h2 id="help-password">{tr(i18n::HELP_PASSWORD_HEADING)}</h2>
            <p>{tr(i18n::HELP_PASSWORD_INTRO)}</p>
            <ol>
                <li>{tr(i18n::HELP_PATH_1)}</li>
                <li>{tr(i18n::HELP_PATH_2)}</li>
                <li>{tr(i18n::HELP_PATH_3)}</li>
                <li>{tr(i18n::HELP_PATH_4)}</li>
            </ol>
        </section>
        <section class="card" id="activate" aria-labelledby="help-activate">
            <h2 id="help-activate">{tr(i18n::HELP_ACTIVATE_HEADING)}</h2>
            <p>{tr(i18n::HELP_ACTIVATE_TEXT)}</p>
        </section>
        <section class="card" id="photo" aria-labelledby="help-photo">
            <h2 id="help-photo">{tr(i18n::HELP_PHOTO_HEADING)}</h2>
            <p>{tr(i18n::HELP_PHOTO_TEXT)}</p>
        </section>
        <section class="card" id="institution" aria-labelledby="help-institution">
            <h2 id="help-institution">{tr(i18n::HELP_INSTITUTION_HEADING)}</h2>
            <p>{tr(i18n::HELP_INSTITUTION_TEXT)}</p>
        </section>
    }
}
