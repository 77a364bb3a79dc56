//! The choice between the physician and the nurse system (医师 / 护士).

use leptos::prelude::*;
use rules::System;

use crate::i18n::{self, tr, use_lang};

/// Two radio buttons in a fieldset.
#[component]
pub fn SystemChoice(
    /// The chosen system.
    system: RwSignal<System>,
) -> impl IntoView {
    let lang = use_lang();
    let option = move |value: System| {
        view! {
            <label class="choice">
                <input
                    type="radio"
                    name="system"
                    prop:checked=move || system.get() == value
                    on:change=move |_| system.set(value)
                />
                <span>{move || value.label(lang.get())}</span>
            </label>
        }
    };
    view! {
        <fieldset class="choices">
            <legend>{tr(i18n::SYSTEM)}</legend>
            {option(System::Physician)}
            {option(System::Nurse)}
        </fieldset>
    }
}
