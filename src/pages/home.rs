//! Home: where the practitioner stands, what to do next, the checklist
//! computed in the browser, and the application.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use rules::api::{Application, Me};
use rules::nurse_registration;

use crate::api::{self, ApiError};
use crate::components::checklist::ChecklistView;
use crate::components::deadline_banner::DeadlineBanner;
use crate::components::progress::{current_step, PathStep, Progress};
use crate::components::session::SignedIn;
use crate::effect::effect;
use crate::i18n::{self, tr, use_lang};
use crate::submit::Submit;
use crate::today::today;

/// The home page.
#[component]
pub fn Home() -> impl IntoView {
    view! { <SignedIn render=|me: Me| view! { <Dashboard me /> }.into_any() /> }
}

#[component]
fn Dashboard(me: Me) -> impl IntoView {
    let lang = use_lang();
    let navigate = use_navigate();
    let checklist = me.checklist(today());
    let eligible = checklist.is_eligible();

    let application = LocalResource::new(move || api::current_application(lang.get_untracked()));
    let sign_out =
        Submit::new(move |_: &()| async move { api::sign_out(lang.get_untracked()).await });
    let nav = navigate.clone();
    effect(move || {
        if sign_out.value().get().is_some() {
            nav("/sign-in", Default::default());
        }
    });

    let name = me.name.clone();
    let campaign = me.campaign.clone();
    let registration_until = match me.facts.kind {
        rules::PractitionerKind::Nurse => me.facts.registration_valid_until,
        _ => None,
    };
    let checklist_for_path = checklist.clone();
    view! {
        <DeadlineBanner campaign />
        <section class="card" aria-labelledby="home-heading">
            <h1 id="home-heading">{move || format!("{}{}", i18n::HOME_GREETING.get(lang.get()), name)}</h1>
            <p class="muted">{me.institution_name.clone()}</p>
            {registration_until.map(|until| view! { <RegistrationCountdown until /> })}
            {me
                .registration_change
                .clone()
                .map(|change| {
                    view! {
                        <div class="notice" role="note">
                            <strong>{tr(i18n::REGISTRATION_CHANGE_NEEDED)}</strong>
                            <p>{move || change.instructions(lang.get())}</p>
                        </div>
                    }
                })}
            <div class="actions">
                <a class="button secondary" href="/profile">{tr(i18n::PROFILE)}</a>
                <button
                    type="button"
                    class="button secondary"
                    disabled=move || sign_out.pending().get()
                    on:click=move |_| {
                        sign_out.dispatch(());
                    }
                >
                    {tr(i18n::SIGN_OUT)}
                </button>
            </div>
        </section>
        <Transition fallback=|| view! { <p role="status" class="loading">{tr(i18n::LOADING)}</p> }>
            {move || {
                let checklist = checklist_for_path.clone();
                application
                    .get()
                    .map(|result| {
                        let applied = matches!(result, Ok(Some(_)));
                        let step = current_step(&checklist, applied);
                        let next = match step {
                            None => i18n::NEXT_DONE,
                            Some(PathStep::Apply) => i18n::NEXT_APPLY,
                            Some(_) => i18n::NEXT_FIX,
                        };
                        view! {
                            <Progress current=step />
                            <p class="next-step" role="status">{tr(next)}</p>
                        }
                    })
            }}
        </Transition>
        <ChecklistView checklist photo_submitted_on=me.photo_submitted_on />
        <ApplySection eligible application />
        {(!me.has_security_questions)
            .then(|| {
                view! {
                    <section class="card" aria-labelledby="questions-prompt">
                        <h2 id="questions-prompt">{tr(i18n::SECURITY_QUESTIONS)}</h2>
                        <p>{tr(i18n::QUESTIONS_MISSING)}</p>
                        <a class="button secondary" href="/profile#security-questions">{tr(i18n::SET_QUESTIONS)}</a>
                    </section>
                }
            })}
    }
}

/// The application: the apply button (enabled only when every criterion
/// passes), or the link to the e-license once applied.
#[component]
fn ApplySection(
    eligible: bool,
    application: LocalResource<Result<Option<Application>, ApiError>>,
) -> impl IntoView {
    let lang = use_lang();
    let navigate = use_navigate();
    let apply = Submit::new(move |_: &()| async move { api::apply(lang.get_untracked()).await });
    effect(move || {
        if let Some(Ok(_)) = apply.value().get() {
            navigate("/license", Default::default());
        }
    });
    let applied = move || matches!(application.get(), Some(Ok(Some(_))));
    view! {
        <section class="card" aria-labelledby="apply-heading">
            <h2 id="apply-heading">{tr(i18n::STEP_APPLY)}</h2>
            <Show
                when=applied
                fallback=move || {
                    view! {
                        <button
                            type="button"
                            class="button primary"
                            disabled=move || !eligible || apply.pending().get()
                            aria-describedby=(!eligible).then_some("apply-hint")
                            on:click=move |_| {
                                apply.dispatch(());
                            }
                        >
                            {move || {
                                if apply.pending().get() { i18n::APPLYING } else { i18n::APPLY }.get(lang.get())
                            }}
                        </button>
                        {(!eligible)
                            .then(|| view! { <p class="hint" id="apply-hint">{tr(i18n::APPLY_DISABLED_HINT)}</p> })}
                    }
                }
            >
                <p>{tr(i18n::NEXT_DONE)}</p>
                <a class="button primary" href="/license">{tr(i18n::VIEW_LICENSE)}</a>
            </Show>
            {move || {
                apply
                    .value()
                    .get()
                    .and_then(|r| r.err())
                    .map(|err| {
                        let server_checklist = err.checklist().cloned();
                        view! {
                            <div class="form-error" role="alert">{err.message(lang.get())}</div>
                            {server_checklist
                                .map(|checklist| {
                                    view! {
                                        <h3>{tr(i18n::SERVER_CHECKLIST)}</h3>
                                        <ChecklistView checklist />
                                    }
                                })}
                        }
                    })
            }}
        </section>
    }
}

/// A nurse's registration expiry, with the renewal hint inside the 30-day
/// window.
#[component]
fn RegistrationCountdown(until: chrono::NaiveDate) -> impl IntoView {
    let lang = use_lang();
    let today = today();
    let days = nurse_registration::days_left(until, today);
    let renewal = nurse_registration::renewal_window_open(until, today);
    view! {
        <p>
            {move || {
                let lang = lang.get();
                if days >= 0 {
                    format!(
                        "{} {} ({days} {})",
                        i18n::REGISTRATION_EXPIRES.get(lang),
                        lang.date(until),
                        i18n::DEADLINE_DAYS.get(lang),
                    )
                } else {
                    format!("{} {}", i18n::REGISTRATION_EXPIRED_ON.get(lang), lang.date(until))
                }
            }}
        </p>
        {renewal.then(|| view! { <p class="warning" role="note">{tr(i18n::RENEWAL_HINT)}</p> })}
    }
}
