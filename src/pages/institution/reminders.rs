//! Reminders (提醒): the administrator reminds the staff who have not
//! applied, or only those blocked by one criterion; each person gets the
//! deadline and the one thing to do, at most once a day. The figures (sent,
//! delivered, then applied) are a card of the dashboard.

use leptos::prelude::*;

use crate::components::reminders::SendReminders;
use crate::i18n::{self, tr};
use crate::pages::institution::nav::AdminPage;

/// The reminders page.
#[component]
pub fn Reminders() -> impl IntoView {
    view! { <AdminPage><SendReminders authority=false /></AdminPage> }
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
