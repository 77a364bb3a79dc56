//! Password recovery: the seed notice's four ways, in its order, each
//! explained; the first three end in a new password, the fourth in what to
//! ask the main institution and a new registration.

use leptos::prelude::*;
use rules::api::{
    AnswersRequest, PersonalRecoveryRequest, RecoveryProof, ResetPasswordRequest, VerifyCodeRequest,
};
use rules::{Lang, System};

use crate::api::{self, ApiError};
use crate::components::field::Field;
use crate::components::password_rules::PasswordRules;
use crate::components::resend::{CodeForm, ResendButton};
use crate::components::system_choice::SystemChoice;
use crate::components::wait::WaitTimer;
use crate::draft::Draft;
use crate::i18n::{self, tr, use_lang, Text};
use crate::submit::Submit;
use crate::validate;
use crate::watch::watch;

/// Where the wait for another recovery code is kept.
const RESEND_KEY: &str = "portal.resend.recovery";

#[derive(Debug, Clone, PartialEq)]
enum Stage {
    Choose,
    Code,
    Personal,
    Questions,
    Institution,
    NewPassword(RecoveryProof),
    Done(String),
}

/// The recovery wizard.
#[component]
pub fn Recover() -> impl IntoView {
    let stage = RwSignal::new(Stage::Choose);
    let draft = Draft::new("recover");
    view! {
        <section class="card narrow" aria-labelledby="recover-heading">
            <h1 id="recover-heading">{tr(i18n::RECOVER)}</h1>
            {move || match stage.get() {
                Stage::Choose => view! { <ChoosePath stage /> }.into_any(),
                Stage::Code => view! { <ByCode stage draft /> }.into_any(),
                Stage::Personal => view! { <ByPersonalInfo stage draft /> }.into_any(),
                Stage::Questions => view! { <ByQuestions stage draft /> }.into_any(),
                Stage::Institution => view! { <ByInstitution stage /> }.into_any(),
                Stage::NewPassword(proof) => view! { <NewPassword stage draft proof /> }.into_any(),
                Stage::Done(username) => view! { <Done username /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn ChoosePath(stage: RwSignal<Stage>) -> impl IntoView {
    let way = move |title: Text, when: Text, next: Stage| {
        view! {
            <li class="way">
                <button type="button" class="button secondary way-button" on:click=move |_| stage.set(next.clone())>
                    {tr(title)}
                </button>
                <p class="hint">{tr(when)}</p>
            </li>
        }
    };
    view! {
        <p>{tr(i18n::RECOVER_INTRO)}</p>
        <ol class="ways">
            {way(i18n::PATH_1_TITLE, i18n::PATH_1_WHEN, Stage::Code)}
            {way(i18n::PATH_2_TITLE, i18n::PATH_2_WHEN, Stage::Personal)}
            {way(i18n::PATH_3_TITLE, i18n::PATH_3_WHEN, Stage::Questions)}
            {way(i18n::PATH_4_TITLE, i18n::PATH_4_WHEN, Stage::Institution)}
        </ol>
    }
}

/// The link back to the list of ways.
#[component]
fn OtherWay(stage: RwSignal<Stage>) -> impl IntoView {
    view! {
        <button type="button" class="link-button" on:click=move |_| stage.set(Stage::Choose)>
            {tr(i18n::CHOOSE_OTHER_WAY)}
        </button>
    }
}

/// Shows an action's error in the form's alert region, and starts the wait
/// a throttled form's refusal asks for.
fn report_errors<T: Clone + Send + Sync + 'static>(
    action: Submit<(), Result<T, ApiError>>,
    error: RwSignal<Option<String>>,
    lang: Signal<Lang>,
    wait: Option<WaitTimer>,
) {
    watch(move || {
        if let Some(Err(err)) = action.value().get() {
            error.set(Some(err.message(lang.get_untracked())));
            if let Some(wait) = wait {
                wait.wait_after(&err);
            }
        }
    });
}

#[component]
fn ByCode(stage: RwSignal<Stage>, draft: Draft) -> impl IntoView {
    let lang = use_lang();
    let contact = draft.field("contact", "");
    let code = RwSignal::new(String::new());
    let form = CodeForm::new(contact, RESEND_KEY);
    let CodeForm {
        sent_to,
        submitted,
        error,
        timer,
        ..
    } = form;

    let send = Submit::new(move |_: &()| async move {
        api::send_recovery_code(&contact.get_untracked(), lang.get_untracked()).await
    });
    let verify = Submit::new(move |_: &()| async move {
        let req = VerifyCodeRequest {
            to: contact.get_untracked(),
            code: code.get_untracked().trim().into(),
        };
        api::verify_recovery_code(&req, lang.get_untracked()).await
    });
    report_errors(verify, error, lang, None);
    form.follow(send, lang);
    watch(move || {
        if let Some(Ok(proof)) = verify.value().get() {
            stage.set(Stage::NewPassword(proof));
        }
    });
    let show: Signal<bool> = submitted.into();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        let l = lang.get_untracked();
        if validate::phone_or_email(&contact.get_untracked(), l).is_some() {
            return;
        }
        if sent_to.get_untracked().is_none() {
            send.dispatch(());
        } else if validate::code(&code.get_untracked(), l).is_none() {
            verify.dispatch(());
        }
    };
    view! {
        <h2>{tr(i18n::PATH_1_TITLE)}</h2>
        <form on:submit=on_submit novalidate>
            <Field id="contact" label=i18n::PHONE_OR_EMAIL value=contact autocomplete="tel"
                validate=validate::phone_or_email show_errors=show />
            <Show when=move || sent_to.get().is_some()>
                <p class="hint" role="status">
                    {move || format!("{} {}", i18n::CODE_SENT_TO.get(lang.get()), sent_to.get().unwrap_or_default())}
                </p>
                <Field id="code" label=i18n::CODE value=code autocomplete="one-time-code" inputmode="numeric"
                    validate=validate::code show_errors=show />
            </Show>
            <div class="form-error" role="alert">{move || error.get()}</div>
            <div class="actions">
                <button type="submit" class="button primary" disabled=move || send.pending().get() || verify.pending().get()>
                    {move || if sent_to.get().is_none() { i18n::SEND_CODE } else { i18n::CONTINUE }.get(lang.get())}
                </button>
                <Show when=move || sent_to.get().is_some()>
                    <ResendButton timer pending=send.pending() on_click=move || { send.dispatch(()); } />
                </Show>
            </div>
        </form>
        <OtherWay stage />
    }
}

#[component]
fn ByPersonalInfo(stage: RwSignal<Stage>, draft: Draft) -> impl IntoView {
    let lang = use_lang();
    let system = RwSignal::new(System::Physician);
    let name = draft.field("name", "");
    let id_number = draft.field("id_number", "");
    let certificate = draft.field("certificate_number", "");
    let submitted = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let find = Submit::new(move |_: &()| async move {
        let req = PersonalRecoveryRequest {
            system: system.get_untracked(),
            name: name.get_untracked(),
            id_number: id_number.get_untracked(),
            certificate_number: certificate.get_untracked(),
        };
        api::recover_by_personal_info(&req, lang.get_untracked()).await
    });
    // Guessing personal data is throttled like sign-in.
    let wait = WaitTimer::new("portal.wait.recover-personal");
    report_errors(find, error, lang, Some(wait));
    // An account with a verified phone or email recovers with a code (way 1):
    // the server says so, and the form offers that way.
    let use_contact = RwSignal::new(false);
    watch(move || match find.value().get() {
        Some(Ok(proof)) => stage.set(Stage::NewPassword(proof)),
        Some(Err(err)) => {
            use_contact.set(err.code() == Some("recovery.use_contact"));
            // The details are of an account in the other system: select it
            // (the message says so), as sign-in does.
            if err.code() == Some(rules::api::error_code::WRONG_SYSTEM) {
                system.update(|s| *s = s.other());
            }
        }
        None => {}
    });
    let show: Signal<bool> = submitted.into();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        let l = lang.get_untracked();
        if validate::name(&name.get_untracked(), l).is_some()
            || validate::id_number(&id_number.get_untracked(), l).is_some()
            || validate::certificate(&certificate.get_untracked(), l).is_some()
        {
            error.set(Some(i18n::FORM_HAS_ERRORS.get(l).into()));
            return;
        }
        error.set(None);
        find.dispatch(());
    };
    view! {
        <h2>{tr(i18n::PATH_2_TITLE)}</h2>
        <form on:submit=on_submit novalidate>
            <SystemChoice system />
            <Field id="name" label=i18n::NAME value=name autocomplete="name" validate=validate::name show_errors=show />
            <Field id="id_number" label=i18n::ID_NUMBER value=id_number validate=validate::id_number show_errors=show />
            <Field id="certificate_number" label=i18n::CERTIFICATE_NUMBER value=certificate inputmode="numeric"
                validate=validate::certificate show_errors=show />
            <div class="form-error" role="alert">{move || error.get()}</div>
            <div class="actions">
                <button type="submit" class="button primary" disabled=move || find.pending().get() || wait.waiting()>
                    {move || wait.label(i18n::CONTINUE.get(lang.get()), lang.get())}
                </button>
                <Show when=move || use_contact.get()>
                    <button type="button" class="button secondary" on:click=move |_| stage.set(Stage::Code)>
                        {tr(i18n::USE_WAY_1)}
                    </button>
                </Show>
            </div>
        </form>
        <OtherWay stage />
    }
}

#[component]
fn ByQuestions(stage: RwSignal<Stage>, draft: Draft) -> impl IntoView {
    let lang = use_lang();
    let username = draft.field("username", "");
    let answers: [RwSignal<String>; 3] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let questions = RwSignal::new(None::<Vec<String>>);
    let submitted = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let load = Submit::new(move |_: &()| async move {
        api::security_questions(username.get_untracked().trim(), lang.get_untracked()).await
    });
    let check = Submit::new(move |_: &()| async move {
        let req = AnswersRequest {
            username: username.get_untracked().trim().into(),
            answers: answers.iter().map(|a| a.get_untracked()).collect(),
        };
        api::answer_security_questions(&req, lang.get_untracked()).await
    });
    // Wrong answers lock the questions of the account for a while.
    let wait = WaitTimer::new("portal.wait.recover-questions");
    report_errors(load, error, lang, None);
    report_errors(check, error, lang, Some(wait));
    watch(move || {
        if let Some(Ok(q)) = load.value().get() {
            error.set(None);
            // The answer fields are new: no error until their own submit.
            submitted.set(false);
            questions.set(Some(q.questions));
        }
    });
    watch(move || {
        if let Some(Ok(proof)) = check.value().get() {
            stage.set(Stage::NewPassword(proof));
        }
    });
    let show: Signal<bool> = submitted.into();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        let l = lang.get_untracked();
        if username.get_untracked().trim().is_empty() {
            return;
        }
        if questions.get_untracked().is_none() {
            load.dispatch(());
        } else if answers.iter().all(|a| !a.get_untracked().trim().is_empty()) {
            error.set(None);
            check.dispatch(());
        } else {
            error.set(Some(i18n::FORM_HAS_ERRORS.get(l).into()));
        }
    };
    view! {
        <h2>{tr(i18n::PATH_3_TITLE)}</h2>
        <form on:submit=on_submit novalidate>
            <Field id="username" label=i18n::USERNAME value=username autocomplete="username"
                validate=|v: &str, lang: Lang| validate::required(v, i18n::REQUIRED_USERNAME, lang) show_errors=show />
            {move || {
                questions
                    .get()
                    .map(|qs| {
                        qs.into_iter()
                            .take(3)
                            .enumerate()
                            .map(|(i, q)| {
                                let id = format!("answer-{}", i + 1);
                                view! {
                                    <Field id label=i18n::ANSWER_N label_text=q value=answers[i] show_errors=show
                                        validate=|v: &str, lang: Lang| validate::required(v, i18n::ANSWER_REQUIRED, lang) />
                                }
                            })
                            .collect_view()
                    })
            }}
            <div class="form-error" role="alert">{move || error.get()}</div>
            <button type="submit" class="button primary"
                disabled=move || load.pending().get() || check.pending().get() || wait.waiting()>
                {move || {
                    let text = if questions.get().is_none() { i18n::CONTINUE } else { i18n::ANSWER_QUESTIONS };
                    wait.label(text.get(lang.get()), lang.get())
                }}
            </button>
        </form>
        <OtherWay stage />
    }
}

#[component]
fn ByInstitution(stage: RwSignal<Stage>) -> impl IntoView {
    view! {
        <h2>{tr(i18n::PATH_4_TITLE)}</h2>
        <p>{tr(i18n::PATH_4_STEPS)}</p>
        <div class="actions">
            <a class="button primary" href="/register">{tr(i18n::REGISTER)}</a>
            <a class="button secondary" href="/help">{tr(i18n::HELP)}</a>
        </div>
        <OtherWay stage />
    }
}

#[component]
fn NewPassword(stage: RwSignal<Stage>, draft: Draft, proof: RecoveryProof) -> impl IntoView {
    let lang = use_lang();
    let password = RwSignal::new(String::new());
    let submitted = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let pass_err = RwSignal::new(None::<String>);
    let token = proof.token.clone();
    let username = proof.username.clone();
    let reset = Submit::new(move |_: &()| {
        let req = ResetPasswordRequest {
            token: token.clone(),
            new_password: password.get_untracked(),
        };
        async move { api::reset_password(&req, lang.get_untracked()).await }
    });
    // The server's reason goes on the field it concerns (it knows rules the
    // page cannot check, e.g. the ID number on file).
    watch(move || {
        if let Some(Err(err)) = reset.value().get() {
            let on_field = err.field("new_password");
            error.set(Some(if on_field.is_some() {
                i18n::FORM_HAS_ERRORS.get(lang.get_untracked()).into()
            } else {
                err.message(lang.get_untracked())
            }));
            pass_err.set(on_field);
        }
    });
    let found = username.clone();
    watch(move || {
        if let Some(Ok(())) = reset.value().get() {
            draft.clear();
            stage.set(Stage::Done(found.clone()));
        }
    });
    let show: Signal<bool> = submitted.into();
    let checked_name = username.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        let password_error = validate::new_password(
            &password.get_untracked(),
            &checked_name,
            None,
            lang.get_untracked(),
        );
        pass_err.set(password_error.clone());
        if password_error.is_some() {
            error.set(Some(i18n::FORM_HAS_ERRORS.get(lang.get_untracked()).into()));
            return;
        }
        error.set(None);
        reset.dispatch(());
    };
    let rules_name = username.clone();
    view! {
        <p role="status">{move || format!("{}{}", i18n::FOUND_USERNAME.get(lang.get()), username)}</p>
        <form on:submit=on_submit novalidate>
            <Field id="new-password" label=i18n::NEW_PASSWORD value=password kind="password"
                autocomplete="new-password" server_error=pass_err show_errors=show />
            <PasswordRules password username=Signal::stored(rules_name) />
            <div class="form-error" role="alert">{move || error.get()}</div>
            <button type="submit" class="button primary" disabled=move || reset.pending().get()>
                {tr(i18n::SET_PASSWORD)}
            </button>
        </form>
    }
}

#[component]
fn Done(username: String) -> impl IntoView {
    let lang = use_lang();
    view! {
        <p class="summary ok" role="status">{tr(i18n::PASSWORD_RESET_DONE)}</p>
        <p>{move || format!("{}{}", i18n::FOUND_USERNAME.get(lang.get()), username)}</p>
        <a class="button primary" href="/sign-in">{tr(i18n::GO_SIGN_IN)}</a>
    }
}
