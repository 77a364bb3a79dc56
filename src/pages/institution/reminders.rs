//! Reminders (提醒): the administrator reminds the staff who have not
//! applied, or only those blocked by one criterion; each person gets the
//! deadline and the one thing to do, at most once a day. The figures (sent,
//! delivered, then applied) are a card of the dashboard.

use leptos::prelude::*;
use rules::api::{AdminMe, ReminderRequest, ReminderResult};
use rules::CriterionCode;

use crate::api;
use crate::components::session::AdminSignedIn;
use crate::i18n::{self, tr, use_lang};
use crate::pages::institution::nav::InstitutionNav;
use crate::submit::Submit;

/// The reminders page.
#[component]
pub fn Reminders() -> impl IntoView {
    view! { <AdminSignedIn render=|me: AdminMe| view! { <InstitutionNav me /> <Send /> }.into_any() /> }
}

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

#[component]
fn Send() -> impl IntoView {
    let lang = use_lang();
    let send = Submit::new(move |req: &ReminderRequest| {
        let req = req.clone();
        async move { api::send_reminders(&req, lang.get_untracked()).await }
    });
    // One button per choice: a single click, no extra form state.
    let buttons = CHOICES
        .iter()
        .map(|&(criterion, text)| {
            view! {
                <button type="button" class="button secondary" disabled=move || send.pending().get()
                    on:click=move |_| send.dispatch(ReminderRequest { criterion })>
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
            <h1 id="reminders-heading">{tr(i18n::REMINDERS)}</h1>
            <p class="muted">{tr(i18n::REMINDERS_INTRO)}</p>
            <div class="actions">{buttons}</div>
            <p role="status">{result}</p>
        </section>
        // Loaded again after each sending.

    }
}

/// The reminders' figures (people reminded, delivered, then applied), a
/// card of the dashboard.
#[component]
pub fn ReminderCounts(counts: [u32; 3]) -> impl IntoView {
    let figures = [
        i18n::REMINDED,
        i18n::REMINDER_DELIVERED,
        i18n::REMINDED_THEN_APPLIED,
    ]
    .into_iter()
    .zip(counts)
    .map(|(label, value)| {
        view! {
            <div class="figure">
                <dt>{tr(label)}</dt>
                <dd>{value}</dd>
            </div>
        }
    })
    .collect_view();
    view! {
        <section class="card" aria-labelledby="reminder-figures-heading">
            <h2 id="reminder-figures-heading">{tr(i18n::REMINDER_FIGURES)}</h2>
            <dl class="figures">{figures}</dl>
        </section>
    }
}
