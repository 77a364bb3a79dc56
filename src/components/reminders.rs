//! Reminders (提醒): remind the staff who have not applied, or only those
//! blocked by one criterion; each person gets the deadline and the one
//! thing to do, at most once a day. Institutions remind their staff, health
//! authorities the staff of their region.

use leptos::prelude::*;
use rules::api::{ReminderRequest, ReminderResult};
use rules::CriterionCode;

use crate::api;
use crate::i18n::{self, tr, use_lang};
use crate::submit::Submit;

/// Who can be reminded: everyone who has not applied, or those one
/// criterion blocks (the criteria a person can act on, or ask about).
const CHOICES: [(Option<CriterionCode>, i18n::Text); 4] = [
    (None, i18n::REMIND_NOT_APPLIED),
    (Some(CriterionCode::Photo), i18n::REMIND_PHOTO),
    (Some(CriterionCode::Activated), i18n::REMIND_ACTIVATION),
    (
        Some(CriterionCode::RegistrationValid),
        i18n::REMIND_REGISTRATION,
    ),
];

/// The reminder buttons and what the last sending did: an institution's
/// staff, or (`authority`) the staff of the authority's region.
#[component]
pub fn SendReminders(authority: bool) -> impl IntoView {
    let lang = use_lang();
    let send = Submit::new(move |req: &ReminderRequest| {
        let req = req.clone();
        async move { api::send_reminders(authority, &req, lang.get_untracked()).await }
    });
    // One button per choice: a single click, no extra form state.
    let buttons = CHOICES
        .iter()
        .map(|&(criterion, text)| {
            view! {
                <button type="button" class="button secondary" disabled=move || send.pending().get()
                    on:click=move |_| send.dispatch(ReminderRequest { criterion, institution_id: None })>
                    {tr(text)}
                </button>
            }
        })
        .collect_view();
    let result = move || {
        send.value().get().map(|r| {
            let l = lang.get();
            match r {
                Ok(ReminderResult {
                    sent,
                    already_today,
                    without_contact,
                }) => format!(
                    "{}{sent}{}{already_today}{}{without_contact}",
                    i18n::REMINDERS_SENT.get(l),
                    i18n::REMINDERS_ALREADY_TODAY.get(l),
                    i18n::REMINDERS_WITHOUT_CONTACT.get(l),
                ),
                Err(e) => e.message(l),
            }
        })
    };
    view! {
        <section class="card" aria-labelledby="reminders-heading">
            // A page of its own for an institution, a section of the
            // authority's start page.
            {if authority {
                view! { <h2 id="reminders-heading">{tr(i18n::REMINDERS)}</h2> }.into_any()
            } else {
                view! { <h1 id="reminders-heading">{tr(i18n::REMINDERS)}</h1> }.into_any()
            }}
            <p class="muted">{tr(if authority { i18n::REMINDERS_INTRO_REGION } else { i18n::REMINDERS_INTRO })}</p>
            <div class="actions">{buttons}</div>
            <p role="status">{result}</p>
        </section>
        // Loaded again after each sending.

    }
}
