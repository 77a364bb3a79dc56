//! The password policy as a live checklist under a new-password field,
//! computed by the rules crate while the user types.

use leptos::prelude::*;
use rules::Password;

use crate::i18n::{self, tr, use_lang, Text};

/// Shows each requirement of the policy as met or not.
#[component]
pub fn PasswordRules(
    /// The candidate password.
    password: RwSignal<String>,
    /// The username it must not contain.
    #[prop(into)]
    username: Signal<String>,
    /// The ID number it must not contain, if known.
    #[prop(into, optional)]
    id_number: Option<Signal<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let report = Memo::new(move |_| {
        let id = id_number.map(|s| s.get());
        Password::report(
            &password.get(),
            &username.get(),
            id.as_deref().filter(|s| !s.is_empty()),
        )
    });
    let item = move |text: Text, ok: fn(&rules::PasswordReport) -> bool| {
        // Nothing typed meets nothing, not even "not a common password".
        let met = move || !password.with(String::is_empty) && ok(&report.get());
        view! {
            <li class:met=met>
                <span aria-hidden="true">{move || if met() { "✓ " } else { "○ " }}</span>
                {tr(text)}
                <span class="visually-hidden">
                    {move || format!(" ({})", if met() { i18n::PASSED } else { i18n::FAILED }.get(lang.get()))}
                </span>
            </li>
        }
    };
    view! {
        <div class="password-rules">
            <p class="hint" id="password-rules-title">{tr(i18n::PASSWORD_RULES)}</p>
            <ul aria-labelledby="password-rules-title">
                {item(i18n::PW_LENGTH, |r| r.length_ok)}
                {item(i18n::PW_CLASSES, |r| r.classes_ok)}
                {item(i18n::PW_COMMON, |r| r.not_common)}
                {item(i18n::PW_USERNAME, |r| r.no_username)}
                {id_number.map(|_| item(i18n::PW_ID, |r| r.no_id_number))}
            </ul>
        </div>
    }
}
