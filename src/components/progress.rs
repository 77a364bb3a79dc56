//! The guided path as a visible progress indicator: sign in → profile → ID
//! photo → checklist → apply → e-license.

use leptos::prelude::*;
use rules::eligibility::{Checklist, CriterionCode};

use crate::i18n::{self, use_lang, Text};

/// The six steps of the path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathStep {
    /// Signed in (or recovered / registered / activated).
    SignIn,
    /// Profile checked.
    Profile,
    /// ID photo on file.
    Photo,
    /// Every criterion met.
    Checklist,
    /// Application submitted.
    Apply,
    /// E-license received.
    License,
}

impl PathStep {
    const ALL: [PathStep; 6] = [
        PathStep::SignIn,
        PathStep::Profile,
        PathStep::Photo,
        PathStep::Checklist,
        PathStep::Apply,
        PathStep::License,
    ];

    fn label(self) -> Text {
        match self {
            PathStep::SignIn => i18n::STEP_SIGN_IN,
            PathStep::Profile => i18n::STEP_PROFILE,
            PathStep::Photo => i18n::STEP_PHOTO,
            PathStep::Checklist => i18n::STEP_CHECKLIST,
            PathStep::Apply => i18n::STEP_APPLY,
            PathStep::License => i18n::STEP_LICENSE,
        }
    }
}

/// Where the practitioner stands: the first step not done yet (`None` when
/// every step is done). A signed-in user has done step 1; the profile step
/// is done when the registry data the checklist reads from is complete
/// (qualification, activation and status criteria); the photo step when the
/// photo criterion passes.
pub fn current_step(checklist: &Checklist, applied: bool) -> Option<PathStep> {
    let passed = |code| {
        checklist
            .criteria
            .iter()
            .filter(|c| c.code == code)
            .all(|c| c.passed)
    };
    let profile_ok = passed(CriterionCode::Qualification)
        && passed(CriterionCode::Activated)
        && passed(CriterionCode::StatusNormal)
        && passed(CriterionCode::RegistrationValid);
    if !profile_ok {
        Some(PathStep::Profile)
    } else if !passed(CriterionCode::Photo) {
        Some(PathStep::Photo)
    } else if !checklist.is_eligible() {
        Some(PathStep::Checklist)
    } else if !applied {
        Some(PathStep::Apply)
    } else {
        None
    }
}

/// The progress indicator.
#[component]
pub fn Progress(
    /// The first step not done, `None` when all are done.
    current: Option<PathStep>,
) -> impl IntoView {
    let lang = use_lang();
    let position = |s: PathStep| PathStep::ALL.iter().position(|x| *x == s).unwrap_or(0);
    let current_index = current.map(position).unwrap_or(PathStep::ALL.len());
    let steps = PathStep::ALL
        .into_iter()
        .enumerate()
        .map(|(i, step)| {
            let state = match i.cmp(&current_index) {
                std::cmp::Ordering::Less => i18n::STEP_DONE,
                std::cmp::Ordering::Equal => i18n::STEP_CURRENT,
                std::cmp::Ordering::Greater => i18n::STEP_TODO,
            };
            let is_current = i == current_index;
            view! {
                <li
                    class="step"
                    class:done=i < current_index
                    class:current=is_current
                    aria-current=is_current.then_some("step")
                >
                    <span class="step-number" aria-hidden="true">
                        {if i < current_index { "✓".to_string() } else { (i + 1).to_string() }}
                    </span>
                    {if step == PathStep::Photo {
                        // The photo step is where the photo is uploaded.
                        view! {
                            <a class="step-label step-link" href="/photo">
                                {move || step.label().get(lang.get())}
                            </a>
                        }
                            .into_any()
                    } else {
                        view! { <span class="step-label">{move || step.label().get(lang.get())}</span> }.into_any()
                    }}
                    <span class="visually-hidden">{move || format!(" ({})", state.get(lang.get()))}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="progress" aria-label=move || i18n::PROGRESS.get(lang.get())>
            <ol>{steps}</ol>
        </nav>
    }
}
