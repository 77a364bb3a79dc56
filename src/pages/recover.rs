//! Password recovery: the seed notice's four ways, in its order, each
//! explained; the first three end in a new password, the fourth in what to
//! ask the main institution and a new registration.
//!
//! The address holds the way and the step (`/recover?way=code&step=code`),
//! so a refresh shows the same step and Back goes one step back. The proof
//! of a completed way never reaches the address or storage: the server keeps
//! it in an HttpOnly cookie of its recovery API, and the reset step asks the
//! server whom it is for (or falls back to the way's first step, saying so).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use rules::api::{
    AnswersRequest, PersonalRecoveryRequest, QuestionsRequest, ResetPasswordRequest,
    SendCodeRequest, VerifyCodeRequest,
};
use rules::form::recovery::{self, AnswersField, CodeField, PersonalField, ResetField};
use rules::form::FormField;
use rules::System;

use crate::api::{self, ApiError, Shown};
use crate::components::field::Field;
use crate::components::password_rules::PasswordRules;
use crate::components::resend::{CodeForm, ResendButton};
use crate::components::security_questions::answer_rule;
use crate::components::system_choice::SystemChoice;
use crate::components::wait::WaitTimer;
use crate::draft::Draft;
use crate::effect::effect;
use crate::go::Go;
use crate::i18n::{self, tr, use_lang, Text};
use crate::storage;
use crate::submit::Submit;
use crate::today::today;
use crate::validate::Form;

/// Where the wait for another recovery code is kept.
const RESEND_KEY: &str = "portal.resend.recovery";
/// Where this tab keeps the masked contact a code went to (not a proof), so
/// the code step survives a refresh.
const SENT_KEY: &str = "portal.recover.sent";

/// The recovery ways, as the address names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Way {
    Code,
    Personal,
    Questions,
    Institution,
}

impl Way {
    const ALL: [Way; 4] = [Way::Code, Way::Personal, Way::Questions, Way::Institution];

    fn key(self) -> &'static str {
        match self {
            Way::Code => "code",
            Way::Personal => "personal",
            Way::Questions => "questions",
            Way::Institution => "institution",
        }
    }
}

/// Where the wizard is, as read from the address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Choose,
    /// A way's first step.
    Start(Way),
    /// Way 1 after the code was sent.
    CodeSent,
    /// Way 3 after the questions were shown.
    Answers,
    /// The new password, after a way's proof.
    Reset(Way),
    Done,
}

fn stage_of(way: Option<&str>, step: Option<&str>) -> Stage {
    let way = way.and_then(|w| Way::ALL.into_iter().find(|x| x.key() == w));
    match (way, step) {
        (_, Some("done")) => Stage::Done,
        (Some(w), Some("reset")) if w != Way::Institution => Stage::Reset(w),
        (Some(Way::Code), Some("code")) => Stage::CodeSent,
        (Some(Way::Questions), Some("answers")) => Stage::Answers,
        (Some(w), _) => Stage::Start(w),
        (None, _) => Stage::Choose,
    }
}

/// The address of a way's step.
fn address(way: Way, step: Option<&str>) -> String {
    match step {
        Some(step) => format!("/recover?way={}&step={step}", way.key()),
        None => format!("/recover?way={}", way.key()),
    }
}

/// What the wizard shares between its steps: the username found (for the
/// done step) and a notice tied to the stage it was given for.
#[derive(Clone, Copy)]
struct Wizard {
    go: Go,
    draft: Draft,
    found: RwSignal<Option<String>>,
    notice: RwSignal<Option<(Stage, Text)>>,
}

/// The recovery wizard.
#[component]
pub fn Recover() -> impl IntoView {
    let query = use_query_map();
    let stage = Memo::new(move |_| query.with(|q| stage_of(q.get_str("way"), q.get_str("step"))));
    let wiz = Wizard {
        go: Go::new(true),
        draft: Draft::new("recover"),
        found: RwSignal::new(None),
        notice: RwSignal::new(None),
    };
    let notice = move || {
        wiz.notice
            .get()
            .filter(|(at, _)| *at == stage.get())
            .map(|(_, text)| view! { <p class="form-error" role="alert">{tr(text)}</p> })
    };
    view! {
        <section class="card narrow" aria-labelledby="recover-heading">
            <h1 id="recover-heading" tabindex="-1">{tr(i18n::RECOVER)}</h1>
            {notice}
            {move || match stage.get() {
                Stage::Choose => view! { <ChoosePath /> }.into_any(),
                Stage::Start(Way::Code) => view! { <ByCode wiz at_code=false /> }.into_any(),
                Stage::CodeSent => view! { <ByCode wiz at_code=true /> }.into_any(),
                Stage::Start(Way::Personal) => view! { <ByPersonalInfo wiz /> }.into_any(),
                Stage::Start(Way::Questions) => view! { <ByQuestions wiz at_answers=false /> }.into_any(),
                Stage::Answers => view! { <ByQuestions wiz at_answers=true /> }.into_any(),
                Stage::Start(Way::Institution) => view! { <ByInstitution /> }.into_any(),
                Stage::Reset(way) => view! { <NewPassword wiz way /> }.into_any(),
                Stage::Done => view! { <Done username=wiz.found.get_untracked() /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn ChoosePath() -> impl IntoView {
    let way = move |title: Text, when: Text, to: Way| {
        view! {
            <li class="way">
                <a class="button secondary way-button" href=address(to, None)>{tr(title)}</a>
                <p class="hint">{tr(when)}</p>
            </li>
        }
    };
    view! {
        <p>{tr(i18n::RECOVER_INTRO)}</p>
        <ol class="ways">
            {way(i18n::PATH_1_TITLE, i18n::PATH_1_WHEN, Way::Code)}
            {way(i18n::PATH_2_TITLE, i18n::PATH_2_WHEN, Way::Personal)}
            {way(i18n::PATH_3_TITLE, i18n::PATH_3_WHEN, Way::Questions)}
            {way(i18n::PATH_4_TITLE, i18n::PATH_4_WHEN, Way::Institution)}
        </ol>
    }
}

/// The link back to the list of ways.
#[component]
fn OtherWay() -> impl IntoView {
    view! { <a class="link-button" href="/recover">{tr(i18n::CHOOSE_OTHER_WAY)}</a> }
}

/// Shows an action's error in the form's alert region, and starts the wait
/// a throttled form's refusal asks for.
fn report_errors<T: Clone + Send + Sync + 'static>(
    action: Submit<(), Result<T, ApiError>>,
    error: RwSignal<Option<Shown>>,
    wait: Option<WaitTimer>,
) {
    effect(move || {
        if let Some(Err(err)) = action.value().get() {
            if let Some(wait) = wait {
                wait.wait_after(&err);
            }
            error.set(Some(Shown::Api(err)));
        }
    });
}

#[component]
fn ByCode(wiz: Wizard, at_code: bool) -> impl IntoView {
    let lang = use_lang();
    let contact = wiz.draft.field("contact", "");
    let code = RwSignal::new(String::new());
    let form = CodeForm::new(contact, RESEND_KEY);
    let CodeForm {
        sent_to,
        submitted,
        error,
        timer,
        ..
    } = form;
    // The code step after a refresh: where the code went, as this tab kept it.
    if at_code {
        sent_to.set(storage::tab_get(SENT_KEY));
    }

    let go = wiz.go;
    let send = Submit::new(move |_: &()| async move {
        let answer = api::send_recovery_code(&contact.get_untracked(), lang.get_untracked()).await;
        if let Ok(sent) = &answer {
            storage::tab_set(SENT_KEY, &sent.to_masked);
            if !at_code {
                go.to(&address(Way::Code, Some("code")));
            }
        }
        answer
    });
    let verify = Submit::new(move |_: &()| async move {
        let req = VerifyCodeRequest {
            to: contact.get_untracked(),
            code: code.get_untracked().trim().into(),
        };
        let answer = api::verify_recovery_code(&req, lang.get_untracked()).await;
        if answer.is_ok() {
            storage::tab_remove(SENT_KEY);
            go.to(&address(Way::Code, Some("reset")));
        }
        answer
    });
    report_errors(verify, error, None);
    form.follow(send);
    // The step's form: the contact, then the contact and its code.
    let checked = Form::new(move || match sent_to.get() {
        None => recovery::send_code(&SendCodeRequest { to: contact.get() }).map(drop),
        Some(_) => recovery::verify_code(&VerifyCodeRequest {
            to: contact.get(),
            code: code.get(),
        })
        .map(drop),
    });
    let rule = move |field: CodeField| checked.rule(field.name());
    let show: Signal<bool> = submitted.into();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        let input_id = |name: &str| {
            if name == "to" {
                "contact".into()
            } else {
                name.into()
            }
        };
        if !checked.submit_ok(input_id) {
            return;
        }
        if sent_to.get_untracked().is_none() {
            send.dispatch(());
        } else {
            verify.dispatch(());
        }
    };
    view! {
        <h2>{tr(i18n::PATH_1_TITLE)}</h2>
        <form on:submit=on_submit novalidate>
            <Field id="contact" label=i18n::PHONE_OR_EMAIL value=contact autocomplete="tel"
                rule=rule(CodeField::To) show_errors=show />
            <Show when=move || sent_to.get().is_some()>
                <p class="hint" role="status">
                    {move || format!("{} {}", i18n::CODE_SENT_TO.get(lang.get()), sent_to.get().unwrap_or_default())}
                </p>
                <Field id="code" label=i18n::CODE value=code autocomplete="one-time-code" inputmode="numeric"
                    rule=rule(CodeField::Code) show_errors=show />
            </Show>
            <div class="form-error" role="alert">{move || error.get().map(|e| e.get(lang.get()))}</div>
            <div class="actions">
                <button type="submit" class="button primary" disabled=move || send.pending().get() || verify.pending().get()>
                    {move || if sent_to.get().is_none() { i18n::SEND_CODE } else { i18n::CONTINUE }.get(lang.get())}
                </button>
                <Show when=move || sent_to.get().is_some()>
                    <ResendButton timer pending=send.pending() on_click=move || { send.dispatch(()); } />
                </Show>
            </div>
            // Said to everyone after a send (the server never tells whether
            // the contact is on file): no code means way 2.
            <Show when=move || sent_to.get().is_some()>
                <p class="hint">
                    {tr(i18n::NO_CODE_HINT)} " "
                    <a href=address(Way::Personal, None)>{tr(i18n::USE_WAY_2)}</a>
                </p>
            </Show>
        </form>
        <OtherWay />
    }
}

#[component]
fn ByPersonalInfo(wiz: Wizard) -> impl IntoView {
    let lang = use_lang();
    let draft = wiz.draft;
    let system = RwSignal::new(System::Physician);
    let name = draft.field("name", "");
    let id_number = draft.field("id_number", "");
    let certificate = draft.field("certificate_number", "");
    let submitted = RwSignal::new(false);
    let error = RwSignal::new(None::<Shown>);
    let go = wiz.go;
    let find = Submit::new(move |_: &()| async move {
        let req = PersonalRecoveryRequest {
            system: system.get_untracked(),
            name: name.get_untracked(),
            id_number: id_number.get_untracked(),
            certificate_number: certificate.get_untracked(),
        };
        let answer = api::recover_by_personal_info(&req, lang.get_untracked()).await;
        if answer.is_ok() {
            go.to(&address(Way::Personal, Some("reset")));
        }
        answer
    });
    // Guessing personal data is throttled like sign-in.
    let wait = WaitTimer::new("portal.wait.recover-personal");
    report_errors(find, error, Some(wait));
    // An account with a verified phone or email recovers with a code (way 1):
    // the server says so, and the form offers that way.
    let use_contact = RwSignal::new(false);
    effect(move || {
        if let Some(Err(err)) = find.value().get() {
            use_contact.set(err.is(rules::api::ErrorCode::RecoveryUseContact));
            // The details are of an account in the other system: select it
            // (the message says so), as sign-in does.
            if err.is(rules::api::ErrorCode::AuthWrongSystem) {
                system.update(|s| *s = s.other());
            }
        }
    });
    let checked = Form::new(move || {
        let req = PersonalRecoveryRequest {
            system: system.get(),
            name: name.get(),
            id_number: id_number.get(),
            certificate_number: certificate.get(),
        };
        recovery::personal(&req, today()).map(drop)
    });
    let rule = move |field: PersonalField| checked.rule(field.name());
    let show: Signal<bool> = submitted.into();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        if !checked.submit_ok(String::from) {
            error.set(Some(Shown::Text(i18n::FORM_HAS_ERRORS)));
            return;
        }
        error.set(None);
        find.dispatch(());
    };
    view! {
        <h2>{tr(i18n::PATH_2_TITLE)}</h2>
        <form on:submit=on_submit novalidate>
            <SystemChoice system />
            <Field id="name" label=i18n::NAME value=name autocomplete="name" rule=rule(PersonalField::Name)
                show_errors=show />
            <Field id="id_number" label=i18n::ID_NUMBER value=id_number rule=rule(PersonalField::IdNumber)
                show_errors=show />
            <Field id="certificate_number" label=i18n::CERTIFICATE_NUMBER value=certificate inputmode="numeric"
                rule=rule(PersonalField::CertificateNumber) show_errors=show />
            <div class="form-error" role="alert">{move || error.get().map(|e| e.get(lang.get()))}</div>
            <div class="actions">
                <button type="submit" class="button primary" disabled=move || find.pending().get() || wait.waiting()>
                    {move || wait.label(i18n::CONTINUE.get(lang.get()), lang.get())}
                </button>
                <Show when=move || use_contact.get()>
                    <a class="button secondary" href=address(Way::Code, None)>{tr(i18n::USE_WAY_1)}</a>
                </Show>
            </div>
        </form>
        <OtherWay />
    }
}

#[component]
fn ByQuestions(wiz: Wizard, at_answers: bool) -> impl IntoView {
    let lang = use_lang();
    let username = wiz.draft.field("username", "");
    let answers: [RwSignal<String>; 3] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let questions = RwSignal::new(None::<Vec<String>>);
    let submitted = RwSignal::new(false);
    let error = RwSignal::new(None::<Shown>);
    let go = wiz.go;
    let load = Submit::new(move |_: &()| async move {
        let answer =
            api::security_questions(username.get_untracked().trim(), lang.get_untracked()).await;
        if answer.is_ok() && !at_answers {
            go.to(&address(Way::Questions, Some("answers")));
        }
        answer
    });
    let check = Submit::new(move |_: &()| async move {
        let req = AnswersRequest {
            username: username.get_untracked().trim().into(),
            answers: answers.iter().map(|a| a.get_untracked()).collect(),
        };
        let answer = api::answer_security_questions(&req, lang.get_untracked()).await;
        if answer.is_ok() {
            go.to(&address(Way::Questions, Some("reset")));
        }
        answer
    });
    // The answers step after a refresh: the questions of the username kept
    // in the draft, asked again.
    if at_answers && !username.get_untracked().trim().is_empty() {
        load.dispatch(());
    }
    // Wrong answers lock the questions of the account for a while.
    let wait = WaitTimer::new("portal.wait.recover-questions");
    report_errors(load, error, None);
    report_errors(check, error, Some(wait));
    effect(move || {
        if let Some(Ok(q)) = load.value().get() {
            error.set(None);
            // The answer fields are new: no error until their own submit.
            submitted.set(false);
            questions.set(Some(q.questions));
        }
    });
    // The step's form: the username, then the username and the answers.
    let checked = Form::new(move || {
        let username = username.get();
        if questions.with(Option::is_none) {
            return recovery::questions(&QuestionsRequest { username }).map(drop);
        }
        let answers = answers.iter().map(|a| a.get()).collect();
        recovery::answers(&AnswersRequest { username, answers }).map(drop)
    });
    let show: Signal<bool> = submitted.into();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        let input_id = |name: &str| match name {
            "answers" => {
                let i = answers
                    .iter()
                    .position(|a| answer_rule(&a.get_untracked(), rules::Lang::Zh).is_some());
                format!("answer-{}", i.unwrap_or(0) + 1)
            }
            other => other.into(),
        };
        let loaded = questions.with_untracked(Option::is_some);
        if !checked.submit_ok(input_id) {
            if loaded {
                error.set(Some(Shown::Text(i18n::FORM_HAS_ERRORS)));
            }
            return;
        }
        if loaded {
            error.set(None);
            check.dispatch(());
        } else {
            load.dispatch(());
        }
    };
    view! {
        <h2>{tr(i18n::PATH_3_TITLE)}</h2>
        <form on:submit=on_submit novalidate>
            <Field id="username" label=i18n::USERNAME value=username autocomplete="username"
                rule=checked.rule(AnswersField::Username.name()) show_errors=show />
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
                                        validate=answer_rule />
                                }
                            })
                            .collect_view()
                    })
            }}
            <div class="form-error" role="alert">{move || error.get().map(|e| e.get(lang.get()))}</div>
            <button type="submit" class="button primary"
                disabled=move || load.pending().get() || check.pending().get() || wait.waiting()>
                {move || {
                    let text = if questions.get().is_none() { i18n::CONTINUE } else { i18n::ANSWER_QUESTIONS };
                    wait.label(text.get(lang.get()), lang.get())
                }}
            </button>
        </form>
        <OtherWay />
    }
}

#[component]
fn ByInstitution() -> impl IntoView {
    view! {
        <h2>{tr(i18n::PATH_4_TITLE)}</h2>
        <p>{tr(i18n::PATH_4_STEPS)}</p>
        <div class="actions">
            <a class="button primary" href="/register">{tr(i18n::REGISTER)}</a>
            <a class="button secondary" href="/help">{tr(i18n::HELP)}</a>
        </div>
        <OtherWay />
    }
}

/// The new password. Whom it is for comes from the server (the proof is
/// its HttpOnly cookie); without a live proof (expired, spent, another
/// browser) the wizard goes back to the way's first step and says why.
#[component]
fn NewPassword(wiz: Wizard, way: Way) -> impl IntoView {
    let lang = use_lang();
    let username = RwSignal::new(None::<String>);
    let go = wiz.go;
    leptos::task::spawn_local(async move {
        match api::pending_recovery(lang.get_untracked()).await {
            Ok(p) => {
                username.try_set(Some(p.username));
            }
            Err(_) => {
                wiz.notice
                    .try_set(Some((Stage::Start(way), i18n::RECOVERY_PROOF_GONE)));
                go.replace(&address(way, None));
            }
        }
    });
    move || match username.get() {
        Some(name) => view! { <ResetForm wiz username=name /> }.into_any(),
        None => view! { <p role="status" class="hint">{tr(i18n::LOADING)}</p> }.into_any(),
    }
}

#[component]
fn ResetForm(wiz: Wizard, username: String) -> impl IntoView {
    let lang = use_lang();
    let password = RwSignal::new(String::new());
    let submitted = RwSignal::new(false);
    let error = RwSignal::new(None::<Shown>);
    let pass_err = RwSignal::new(None::<Shown>);
    let go = wiz.go;
    let found = username.clone();
    let reset = Submit::new(move |_: &()| {
        // No token: the server reads the proof from its cookie.
        let req = ResetPasswordRequest {
            token: String::new(),
            new_password: password.get_untracked(),
        };
        let found = found.clone();
        async move {
            let answer = api::reset_password(&req, lang.get_untracked()).await;
            if answer.is_ok() {
                wiz.draft.clear();
                wiz.found.try_set(Some(found));
                go.to("/recover?step=done");
            }
            answer
        }
    });
    // The server's reason goes on the field it concerns (it knows rules the
    // page cannot check, e.g. the ID number on file).
    effect(move || {
        if let Some(Err(err)) = reset.value().get() {
            let on_field = err.field("new_password");
            pass_err.set(on_field.clone());
            error.set(Some(if on_field.is_some() {
                Shown::Text(i18n::FORM_HAS_ERRORS)
            } else {
                Shown::Api(err)
            }));
        }
    });
    let show: Signal<bool> = submitted.into();
    let checked_name = username.clone();
    // The ID number on file is the server's to check.
    let checked = Form::new(move || {
        let req = ResetPasswordRequest {
            token: String::new(),
            new_password: password.get(),
        };
        recovery::reset(&req, &checked_name, None).map(drop)
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        if !checked.submit_ok(|_| "new-password".into()) {
            error.set(Some(Shown::Text(i18n::FORM_HAS_ERRORS)));
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
                autocomplete="new-password" rule=checked.rule(ResetField::NewPassword.name())
                server_error=pass_err show_errors=show />
            <PasswordRules password username=Signal::stored(rules_name) />
            <div class="form-error" role="alert">{move || error.get().map(|e| e.get(lang.get()))}</div>
            <button type="submit" class="button primary" disabled=move || reset.pending().get()>
                {tr(i18n::SET_PASSWORD)}
            </button>
        </form>
    }
}

/// The end: the username when this visit found it (not after a refresh).
#[component]
fn Done(username: Option<String>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <p class="summary ok" role="status">{tr(i18n::PASSWORD_RESET_DONE)}</p>
        {username.map(|name| view! { <p>{move || format!("{}{}", i18n::FOUND_USERNAME.get(lang.get()), name)}</p> })}
        <a class="button primary" href="/sign-in">{tr(i18n::GO_SIGN_IN)}</a>
    }
}
