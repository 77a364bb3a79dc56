//! Registration (linking an account to the registry record) and activation
//! with the code sent to the phone.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use rules::api::{RegisterRequest, SendCodeRequest, VerifyCodeRequest};
use rules::form::recovery::CodeField;
use rules::form::registration::{self, Field as F};
use rules::form::FormField;
use rules::System;

use crate::api::{self, Shown};
use crate::components::field::Field;
use crate::components::password_rules::PasswordRules;
use crate::components::resend::ResendButton;
use crate::components::security_questions::{QuestionsForm, SecurityQuestionsFields};
use crate::components::system_choice::SystemChoice;
use crate::components::wait::WaitTimer;
use crate::draft::Draft;
use crate::effect::effect;
use crate::i18n::{self, tr, use_lang};
use crate::storage;
use crate::submit::Submit;
use crate::today::today;
use crate::validate::Form;

/// Where the activation page finds the phone the code went to.
const ACTIVATION_PHONE: &str = "portal.activation.phone";
/// Where the wait for another activation code is kept (registration sends
/// the first code).
const RESEND_KEY: &str = "portal.resend.activation";

/// The registration page.
#[component]
pub fn Register() -> impl IntoView {
    let lang = use_lang();
    let navigate = use_navigate();
    let draft = Draft::new("register");
    let system_text = draft.field("system", "physician");
    let system = RwSignal::new(if system_text.get_untracked() == "nurse" {
        System::Nurse
    } else {
        System::Physician
    });
    effect(move || system_text.set(system.get().code().into()));
    let id_number = draft.field("id_number", "");
    let certificate = draft.field("certificate_number", "");
    let username = draft.field("username", "");
    let phone = draft.field("phone", "");
    let password = RwSignal::new(String::new());
    let qa = QuestionsForm::new(std::array::from_fn(|i| {
        draft.field(["q1", "q2", "q3"][i], &i.to_string())
    }));

    // The request as it stands (read tracked: the form is validated again
    // whenever a value changes).
    let request = move || RegisterRequest {
        system: system.get(),
        id_number: id_number.get(),
        certificate_number: certificate.get(),
        username: username.get().trim().into(),
        password: password.get(),
        phone: phone.get(),
        security_questions: qa.answers(lang.get()),
    };
    let form = Form::new(move || registration::validate(&request(), today()));
    let rule = move |field: F| form.rule(field.name());

    let submitted = RwSignal::new(false);
    let error = RwSignal::new(None::<Shown>);
    let field_errors: [RwSignal<Option<Shown>>; 5] = std::array::from_fn(|_| RwSignal::new(None));
    let [id_err, cert_err, user_err, pass_err, phone_err] = field_errors;
    let q_err = qa.error;

    let resend_timer = WaitTimer::new(RESEND_KEY);
    let register = Submit::new(move |req: &RegisterRequest| {
        let req = req.clone();
        async move { api::register(&req, lang.get_untracked()).await }
    });
    effect(move || match register.value().get() {
        Some(Ok(sent)) => {
            storage::set(ACTIVATION_PHONE, phone.get_untracked().trim());
            // The activation page counts down to the next code from here.
            resend_timer.wait(sent.resend_after_secs);
            draft.clear();
            navigate("/activate", Default::default());
        }
        Some(Err(err)) => {
            for (name, signal) in [
                ("id_number", id_err),
                ("certificate_number", cert_err),
                ("username", user_err),
                ("password", pass_err),
                ("phone", phone_err),
                ("security_questions", q_err),
            ] {
                signal.set(err.field(name));
            }
            error.set(Some(Shown::Api(err)));
        }
        None => {}
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        qa.show_group_error(form, F::SecurityQuestions.name());
        let input_id = |name: &'static str| match name {
            "username" => "new-username".into(),
            "password" => "new-password".into(),
            "security_questions" => qa.first_invalid_id(),
            other => other.into(),
        };
        if !form.submit_ok(input_id) {
            error.set(Some(Shown::Text(i18n::FORM_HAS_ERRORS)));
            return;
        }
        error.set(None);
        register.dispatch(untrack(request));
    };

    let show: Signal<bool> = submitted.into();
    view! {
        <section class="card narrow" aria-labelledby="register-heading">
            <h1 id="register-heading">{tr(i18n::REGISTER)}</h1>
            <p class="hint">{tr(i18n::REGISTER_INTRO)}</p>
            <form on:submit=on_submit novalidate>
                <SystemChoice system />
                <Field id="id_number" label=i18n::ID_NUMBER value=id_number rule=rule(F::IdNumber)
                    server_error=id_err show_errors=show inputmode="text" />
                <Field id="certificate_number" label=i18n::CERTIFICATE_NUMBER value=certificate
                    rule=rule(F::CertificateNumber) server_error=cert_err show_errors=show inputmode="numeric" />
                <Field id="new-username" label=i18n::USERNAME value=username autocomplete="username"
                    rule=rule(F::Username) server_error=user_err show_errors=show />
                <Field id="new-password" label=i18n::PASSWORD value=password kind="password"
                    autocomplete="new-password" rule=rule(F::Password) server_error=pass_err show_errors=show />
                <PasswordRules password username=username id_number=id_number />
                <Field id="phone" label=i18n::PHONE value=phone kind="tel" autocomplete="tel"
                    inputmode="tel" rule=rule(F::Phone) server_error=phone_err show_errors=show />
                <SecurityQuestionsFields form=qa show_errors=show />
                <div class="form-error" role="alert">{move || error.get().map(|e| e.get(lang.get()))}</div>
                <button type="submit" class="button primary" disabled=move || register.pending().get()>
                    {move || if register.pending().get() { i18n::SUBMITTING } else { i18n::SUBMIT_REGISTER }.get(lang.get())}
                </button>
            </form>
        </section>
    }
}

/// The activation page.
#[component]
pub fn Activate() -> impl IntoView {
    let lang = use_lang();
    // Sent here by a sign-in refused for want of activation: no code has been
    // sent yet, so the page says what to do first.
    let from_sign_in = use_query_map().get_untracked().get("from").as_deref() == Some("sign-in");
    let phone = RwSignal::new(storage::get(ACTIVATION_PHONE).unwrap_or_default());
    let code = RwSignal::new(String::new());
    let submitted = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let info = RwSignal::new(None::<String>);

    let activate = Submit::new(move |req: &VerifyCodeRequest| {
        let req = req.clone();
        async move { api::activate(&req, lang.get_untracked()).await }
    });
    let resend = Submit::new(move |to: &String| {
        let to = to.clone();
        async move { api::send_activation_code(&to, lang.get_untracked()).await }
    });
    effect(move || {
        if let Some(Err(err)) = activate.value().get() {
            error.set(Some(err.message(lang.get_untracked())));
        }
        if let Some(Ok(())) = activate.value().get() {
            storage::remove(ACTIVATION_PHONE);
        }
    });
    let form = Form::new(move || {
        registration::activate(&VerifyCodeRequest {
            to: phone.get(),
            code: code.get(),
        })
    });
    let rule = move |field: CodeField| form.rule(field.name());
    let timer = WaitTimer::new(RESEND_KEY);
    effect(move || match resend.value().get() {
        Some(Ok(sent)) => {
            error.set(None);
            timer.wait(sent.resend_after_secs);
            info.set(Some(format!(
                "{} {}",
                i18n::CODE_SENT_TO.get(lang.get_untracked()),
                sent.to_masked
            )));
        }
        Some(Err(err)) => {
            error.set(Some(err.message(lang.get_untracked())));
            timer.wait_after(&err);
        }
        None => {}
    });
    let done = move || matches!(activate.value().get(), Some(Ok(())));

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        if !form.submit_ok(|name| {
            if name == "to" {
                "phone".into()
            } else {
                name.into()
            }
        }) {
            error.set(Some(i18n::FORM_HAS_ERRORS.get(lang.get_untracked()).into()));
            return;
        }
        error.set(None);
        activate.dispatch(VerifyCodeRequest {
            to: phone.get_untracked(),
            code: code.get_untracked().trim().into(),
        });
    };
    let show: Signal<bool> = submitted.into();
    view! {
        <section class="card narrow" aria-labelledby="activate-heading">
            <h1 id="activate-heading">{tr(i18n::ACTIVATE)}</h1>
            <Show
                when=done
                fallback=move || {
                    view! {
                        <p class="hint">
                            {tr(if from_sign_in { i18n::ACTIVATE_FIRST } else { i18n::ACTIVATE_INTRO })}
                        </p>
                        <form on:submit=on_submit novalidate>
                            <Field id="phone" label=i18n::PHONE value=phone kind="tel" autocomplete="tel"
                                inputmode="tel" rule=rule(CodeField::To) show_errors=show />
                            <Field id="code" label=i18n::CODE value=code autocomplete="one-time-code"
                                inputmode="numeric" rule=rule(CodeField::Code) show_errors=show />
                            <p class="hint" role="status">{move || info.get()}</p>
                            <div class="form-error" role="alert">{move || error.get()}</div>
                            <div class="actions">
                                <button type="submit" class="button primary" disabled=move || activate.pending().get()>
                                    {tr(i18n::ACTIVATE)}
                                </button>
                                <ResendButton
                                    timer
                                    label=if from_sign_in { i18n::SEND_CODE } else { i18n::RESEND_CODE }
                                    pending=resend.pending()
                                    on_click=move || {
                                        let req = SendCodeRequest { to: phone.get_untracked() };
                                        match registration::send_code(&req) {
                                            Err(e) => error.set(e.message(CodeField::To, lang.get_untracked())),
                                            Ok(_) => {
                                                resend.dispatch(req.to);
                                            }
                                        }
                                    }
                                />
                            </div>
                        </form>
                    }
                }
            >
                <p class="summary ok" role="status">{tr(i18n::ACTIVATED)}</p>
                <a class="button primary" href="/sign-in">{tr(i18n::GO_SIGN_IN)}</a>
            </Show>
        </section>
    }
}
