//! The e-license checklist: every criterion with its verdict, the reason in
//! plain language, and a link to the step that fixes it.

use chrono::NaiveDate;
use leptos::prelude::*;
use rules::eligibility::{Checklist, Reason, Step};
use rules::i18n::Localized;

use crate::i18n::{self, tr, use_lang, Text};

/// Where each fix step lives in the portal, with the link's text.
pub fn fix_link(step: Step) -> (&'static str, Text) {
    match step {
        Step::Activate => ("/activate", i18n::FIX_ACTIVATE),
        Step::Profile => ("/profile", i18n::FIX_PROFILE),
        Step::Photo => ("/photo", i18n::FIX_PHOTO),
        Step::Institution => ("/help#institution", i18n::FIX_INSTITUTION),
        Step::InstitutionLicence => ("/help#institution", i18n::FIX_LICENCE),
    }
}

/// Shows a checklist computed by the rules crate.
#[component]
pub fn ChecklistView(
    checklist: Checklist,
    /// The day the photo waiting for review was uploaded, if one waits.
    #[prop(default = None)]
    photo_submitted_on: Option<NaiveDate>,
) -> impl IntoView {
    let lang = use_lang();
    let eligible = checklist.is_eligible();
    let items = checklist
        .criteria
        .into_iter()
        .map(|c| {
            let code = c.code;
            let passed = c.passed;
            let reason = c.reason.clone();
            // A photo waiting for review is neither missing nor refused:
            // replacing it is offered as a choice, not as the fix.
            let waiting = matches!(reason, Reason::PhotoPending);
            let fix = c.fix.map(fix_link).map(|(href, text)| {
                (href, if waiting { i18n::FIX_PHOTO_REPLACE } else { text })
            });
            let verdict_text = if passed {
                i18n::PASSED
            } else if waiting {
                i18n::PHOTO_PENDING
            } else {
                i18n::FAILED
            };
            let submitted = photo_submitted_on.filter(|_| waiting);
            view! {
                <li class="criterion" class:passed=passed class:failed=!passed && !waiting class:pending=waiting>
                    <span class="verdict" aria-hidden="true">
                        {if passed { "✓" } else if waiting { "…" } else { "✗" }}
                    </span>
                    <div class="criterion-body">
                        <h3>
                            {move || code.title(lang.get())}
                            <span class="visually-hidden">
                                {move || {
                                    format!(
                                        " ({})",
                                        verdict_text.get(lang.get()),
                                    )
                                }}
                            </span>
                        </h3>
                        <p>{move || reason.message(lang.get())}</p>
                        {submitted
                            .map(|day| {
                                view! {
                                    <p class="muted">
                                        {move || {
                                            let lang = lang.get();
                                            format!(
                                                "{} · {}{}",
                                                i18n::PHOTO_PENDING.get(lang),
                                                i18n::SUBMITTED_ON.get(lang),
                                                lang.date(day),
                                            )
                                        }}
                                    </p>
                                }
                            })}
                        {fix
                            .map(|(href, text)| {
                                view! {
                                    <a class="button secondary" href=href>
                                        {move || text.get(lang.get())}
                                    </a>
                                }
                            })}
                    </div>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="checklist-heading">
            <h2 id="checklist-heading">{tr(i18n::CHECKLIST)}</h2>
            <p class="summary" class:ok=eligible>
                {if eligible {
                    tr(i18n::CHECKLIST_ELIGIBLE)
                } else {
                    tr(i18n::CHECKLIST_NOT_ELIGIBLE)
                }}
            </p>
            <ul class="checklist">{items}</ul>
        </section>
    }
}
