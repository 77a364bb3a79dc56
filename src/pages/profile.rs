//! Profile: the registry details the e-license is issued from, the title
//! (changes go to the main institution's review), and the contacts (changed
//! after re-authentication and a code sent to the new contact).

use leptos::prelude::*;
use rules::api::{
    ContactCodeRequest, ContactVerifyRequest, Me, SecurityQuestionsRequest, TitleChangeRequest,
};
use rules::form::{contact_change, security_questions, title, FormField};
use rules::{Lang, ReviewState, Title};

use crate::api::{self, Shown};
use crate::components::details::{detail, detail_in};
use crate::components::field::Field;
use crate::components::resend::{CodeForm, ResendButton};
use crate::components::security_questions::{QuestionsForm, SecurityQuestionsFields};
use crate::components::session::SignedIn;
use crate::effect::effect;
use crate::go::Go;
use crate::i18n::{self, tr, use_lang};
use crate::storage;
use crate::submit::Submit;
use crate::validate::{self, Form};
use leptos_router::hooks::use_query_map;

/// The profile page.
#[component]
pub fn Profile() -> impl IntoView {
    view! { <SignedIn render=|me: Me| view! { <ProfileDetails me=RwSignal::new(me) /> }.into_any() /> }
}

#[component]
fn ProfileDetails(me: RwSignal<Me>) -> impl IntoView {
    let snapshot = me.get_untracked();
    let kind = snapshot.facts.kind;
    view! {
        <section class="card" aria-labelledby="profile-heading">
            <h1 id="profile-heading">{tr(i18n::PROFILE)}</h1>
            <dl class="details">
                {detail(i18n::NAME, snapshot.name.clone())}
                {detail(i18n::ID_NUMBER, snapshot.id_number_masked.clone())}
                {detail(i18n::CERTIFICATE_NUMBER, snapshot.certificate_number.clone())}
                {detail(i18n::INSTITUTION, snapshot.institution_name.clone())}
                {detail_in(i18n::KIND, move |lang| kind.label(lang).into())}
                {detail_in(i18n::TITLE, move |lang| {
                    me.with(|m| m.title).map_or(i18n::NONE.get(lang), |t| t.label(lang)).into()
                })}
                {detail_in(i18n::PHONE, move |lang| {
                    me.with(|m| contact(m.phone_masked.as_deref(), m.facts.account.phone_verified, lang))
                })}
                {detail_in(i18n::EMAIL, move |lang| {
                    me.with(|m| contact(m.email_masked.as_deref(), m.facts.account.email_verified, lang))
                })}
            </dl>
            <p class="hint">{tr(i18n::PROFILE_FROM_REGISTRY)}</p>
            <a href="/">{tr(i18n::BACK_HOME)}</a>
        </section>
        <TitleChange me />
        <ContactChange me />
        <QuestionsChange me />
    }
}

/// A phone or email as the profile shows it: masked, and whether it is
/// verified (only a verified contact can receive a recovery code).
fn contact(masked: Option<&str>, verified: bool, lang: Lang) -> String {
    match masked {
        None => i18n::NOT_ON_FILE.get(lang).into(),
        Some(masked) => {
            let state = if verified {
                i18n::CONTACT_VERIFIED
            } else {
                i18n::CONTACT_NOT_VERIFIED
            };
            format!("{masked} · {}", state.get(lang))
        }
    }
}

/// The title change: the state of the latest request, and the form.
#[component]
fn TitleChange(me: RwSignal<Me>) -> impl IntoView {
    let lang = use_lang();
    let system = me.with_untracked(|m| m.facts.kind.system());
    let series = Title::series(system);
    let chosen = RwSignal::new(me.with_untracked(|m| m.title).unwrap_or(series[0]));
    let error = RwSignal::new(None::<String>);
    let title_err = RwSignal::new(None::<Shown>);
    let submit = Submit::new(move |title: &Title| {
        let req = TitleChangeRequest { title: *title };
        async move { api::request_title_change(&req, lang.get_untracked()).await }
    });
    effect(move || match submit.value().get() {
        Some(Ok(updated)) => {
            error.set(None);
            title_err.set(None);
            me.set(updated);
        }
        Some(Err(err)) => {
            let on_field = err.field("title");
            error.set(
                on_field
                    .is_none()
                    .then(|| err.message(lang.get_untracked())),
            );
            title_err.set(on_field);
        }
        None => {}
    });
    let review = move || {
        me.with(|m| (m.pending_title, m.title_review.clone()))
            .1
            .map(|state| {
                let asked = me
                    .with(|m| m.pending_title)
                    .map(|t| t.label(lang.get()))
                    .unwrap_or_default();
                let lang = lang.get();
                match state {
                    ReviewState::Pending => format!("{}{asked}", i18n::TITLE_PENDING.get(lang)),
                    ReviewState::Approved => format!("{}{asked}", i18n::TITLE_APPROVED.get(lang)),
                    ReviewState::Rejected { reason } => {
                        format!(
                            "{}{asked}. {}{reason}",
                            i18n::TITLE_REJECTED.get(lang),
                            i18n::REASON.get(lang)
                        )
                    }
                }
            })
    };
    let options = series
        .iter()
        .map(|t| {
            let t = *t;
            let value = format!("{t:?}");
            view! {
                <option value=value selected=move || chosen.get() == t>
                    {move || t.label(lang.get())}
                </option>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="title-heading">
            <h2 id="title-heading">{tr(i18n::TITLE_CHANGE)}</h2>
            <p class="hint">{tr(i18n::TITLE_CHANGE_HINT)}</p>
            <p role="status" class="review-state">{review}</p>
            <form on:submit=move |ev| {
                ev.prevent_default();
                let req = TitleChangeRequest { title: chosen.get_untracked() };
                match title::validate(&req, system, me.with_untracked(|m| m.title)) {
                    Ok(title) => {
                        submit.dispatch(title);
                    }
                    Err(e) => {
                        title_err.set(Shown::both(|l| e.message(title::Field::Title, l)));
                        validate::focus("new-title");
                    }
                }
            }>
                <div class="form-field">
                    <label for="new-title">{tr(i18n::NEW_TITLE)}</label>
                    <select
                        id="new-title"
                        aria-invalid=move || title_err.get().is_some().then_some("true")
                        aria-describedby=move || title_err.get().is_some().then_some("new-title-error")
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            if let Some(t) = series.iter().find(|t| format!("{t:?}") == value) {
                                chosen.set(*t);
                                title_err.set(None);
                            }
                        }
                    >
                        {options}
                    </select>
                    <p class="field-error" id="new-title-error" aria-live="polite">
                        {move || title_err.get().map(|e| e.get(lang.get()))}
                    </p>
                </div>
                <div class="form-error" role="alert">{move || error.get()}</div>
                <button type="submit" class="button primary" disabled=move || submit.pending().get()>
                    {tr(i18n::SUBMIT_FOR_REVIEW)}
                </button>
            </form>
        </section>
    }
}

/// Where the wait for another contact code is kept.
const RESEND_KEY: &str = "portal.resend.contact";
/// Where this tab keeps the contact being changed and where its code went.
const CONTACT_KEY: &str = "portal.contact.new";
const SENT_KEY: &str = "portal.contact.sent";

/// The contact change: re-authenticate, receive a code at the new contact,
/// confirm it.
#[component]
fn ContactChange(me: RwSignal<Me>) -> impl IntoView {
    let lang = use_lang();
    // The code step is in the address (`/profile?contact=code`): a refresh
    // keeps it and Back leaves it. The contact typed and where the code went
    // are this tab's own input, kept for the refresh; the password is not.
    let query = use_query_map();
    let at_code = Memo::new(move |_| query.with(|q| q.get_str("contact") == Some("code")));
    let go = Go::new(false);
    let contact = RwSignal::new(storage::tab_get(CONTACT_KEY).unwrap_or_default());
    let form = CodeForm::new(contact, RESEND_KEY);
    let CodeForm {
        sent_to,
        submitted,
        error,
        timer,
        ..
    } = form;
    if at_code.get_untracked() {
        sent_to.set(storage::tab_get(SENT_KEY));
    }
    // The code step: the address says so and a code went out.
    let code_step = move || at_code.get() && sent_to.get().is_some();
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let done = RwSignal::new(false);
    let [contact_err, pass_err, code_err] = std::array::from_fn(|_| RwSignal::new(None::<Shown>));
    let send = Submit::new(move |_: &()| async move {
        let typed = contact.get_untracked().trim().to_string();
        let req = ContactCodeRequest {
            contact: typed.clone(),
            current_password: password.get_untracked(),
        };
        let answer = api::send_contact_code(&req, lang.get_untracked()).await;
        // A code sent now, or a moment ago to this contact: the code step.
        let sent = match &answer {
            Ok(sent) => Some(sent.to_masked.clone()),
            Err(err) if err.is(rules::api::ErrorCode::OtpResendTooSoon) => Some(typed.clone()),
            Err(_) => None,
        };
        if let Some(masked) = sent {
            storage::tab_set(CONTACT_KEY, &typed);
            storage::tab_set(SENT_KEY, &masked);
            if !at_code.get_untracked() {
                go.to("/profile?contact=code");
            }
        }
        answer
    });
    let confirm = Submit::new(move |_: &()| async move {
        let req = ContactVerifyRequest {
            contact: contact.get_untracked().trim().into(),
            code: code.get_untracked().trim().into(),
        };
        let answer = api::confirm_contact(&req, lang.get_untracked()).await;
        if answer.is_ok() {
            storage::tab_remove(CONTACT_KEY);
            storage::tab_remove(SENT_KEY);
            go.replace("/profile");
        }
        answer
    });
    // The password stays in memory until the change is done: sending the
    // code again asks for it too.
    form.follow(send);
    // The server's field errors go on their fields (the summary stays).
    effect(move || {
        if let Some(Err(err)) = send.value().get() {
            contact_err.set(err.field("contact"));
            pass_err.set(err.field("current_password"));
        }
    });
    effect(move || {
        if let Some(Err(err)) = confirm.value().get() {
            code_err.set(err.field("code"));
        }
    });
    effect(move || match confirm.value().get() {
        Some(Ok(())) => {
            error.set(None);
            password.set(String::new());
            done.set(true);
            // The details above then show the new contact, verified.
            let lang = lang.get_untracked();
            leptos::task::spawn_local(async move {
                if let Ok(updated) = api::me(lang).await {
                    me.try_set(updated);
                }
            });
        }
        Some(Err(err)) => error.set(Some(Shown::Api(err))),
        None => {}
    });
    // Another code needs the password again; after a refresh it is gone,
    // so the first step asks for it (the contact stays).
    let resend = move || {
        if password.get_untracked().is_empty() {
            go.to("/profile");
        } else {
            send.dispatch(());
        }
    };
    // The step's form: the contact and the password, then the contact and
    // its code.
    let checked = Form::new(move || {
        let contact = contact.get();
        if code_step() {
            let code = code.get();
            contact_change::verify(&ContactVerifyRequest { contact, code }).map(drop)
        } else {
            let current_password = password.get();
            contact_change::send_code(&ContactCodeRequest {
                contact,
                current_password,
            })
            .map(drop)
        }
    });
    let rule = move |field: contact_change::Field| checked.rule(field.name());
    let show: Signal<bool> = submitted.into();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        let input_id = |name: &str| match name {
            "contact" => "new-contact".into(),
            "current_password" => "current-password".into(),
            _ => "contact-code".into(),
        };
        if !checked.submit_ok(input_id) {
            return;
        }
        if !at_code.get_untracked() || sent_to.get_untracked().is_none() {
            sent_to.set(None);
            send.dispatch(());
        } else {
            confirm.dispatch(());
        }
    };
    view! {
        <section class="card" aria-labelledby="contact-heading">
            <h2 id="contact-heading">{tr(i18n::CONTACT_CHANGE)}</h2>
            <Show
                when=move || done.get()
                fallback=move || {
                    view! {
                        <p class="hint">{tr(i18n::CONTACT_CHANGE_HINT)}</p>
                        <form on:submit=on_submit novalidate>
                            <Field id="new-contact" label=i18n::NEW_CONTACT value=contact autocomplete="email"
                                rule=rule(contact_change::Field::Contact) server_error=contact_err show_errors=show />
                            <Show when=move || !code_step()>
                                <Field id="current-password" label=i18n::CURRENT_PASSWORD value=password kind="password"
                                    autocomplete="current-password" rule=rule(contact_change::Field::CurrentPassword)
                                    server_error=pass_err show_errors=show />
                            </Show>
                            <Show when=code_step>
                                <p class="hint" role="status">
                                    {move || format!("{} {}", i18n::CODE_SENT_TO.get(lang.get()), sent_to.get().unwrap_or_default())}
                                </p>
                                <Field id="contact-code" label=i18n::CODE value=code autocomplete="one-time-code"
                                    inputmode="numeric" rule=rule(contact_change::Field::Code) server_error=code_err
                                    show_errors=show />
                            </Show>
                            <div class="form-error" role="alert">{move || error.get().map(|e| e.get(lang.get()))}</div>
                            <div class="actions">
                                <button type="submit" class="button primary"
                                    disabled=move || send.pending().get() || confirm.pending().get()>
                                    {move || if code_step() { i18n::CONFIRM_CONTACT } else { i18n::SEND_CODE }.get(lang.get())}
                                </button>
                                <Show when=code_step>
                                    <ResendButton timer pending=send.pending() on_click=resend />
                                </Show>
                            </div>
                        </form>
                    }
                }
            >
                <p class="summary ok" role="status">{tr(i18n::CONTACT_CHANGED)}</p>
            </Show>
        </section>
    }
}

/// The security questions (recovery way 3): set them when the account has
/// none, change them otherwise; the current password first.
#[component]
fn QuestionsChange(me: RwSignal<Me>) -> impl IntoView {
    let lang = use_lang();
    let qa = QuestionsForm::fresh();
    let password = RwSignal::new(String::new());
    let pass_err = RwSignal::new(None::<Shown>);
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(false);
    let submitted = RwSignal::new(false);
    let submit = Submit::new(move |req: &SecurityQuestionsRequest| {
        let req = req.clone();
        async move { api::set_security_questions(&req, lang.get_untracked()).await }
    });
    effect(move || match submit.value().get() {
        Some(Ok(updated)) => {
            error.set(None);
            password.set(String::new());
            qa.answers.iter().for_each(|a| a.set(String::new()));
            submitted.set(false);
            done.set(true);
            me.set(updated);
        }
        Some(Err(err)) => {
            pass_err.set(err.field("current_password"));
            qa.error.set(err.field("security_questions"));
            error.set(Some(err.message(lang.get_untracked())));
        }
        None => {}
    });
    let request = move || SecurityQuestionsRequest {
        current_password: password.get(),
        security_questions: qa.answers(lang.get()),
    };
    let checked = Form::new(move || security_questions::validate(&request()));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        done.set(false);
        qa.show_group_error(checked, security_questions::Field::SecurityQuestions.name());
        let input_id = |name: &str| match name {
            "current_password" => "questions-password".into(),
            _ => qa.first_invalid_id(),
        };
        if !checked.submit_ok(input_id) {
            error.set(Some(i18n::FORM_HAS_ERRORS.get(lang.get_untracked()).into()));
            return;
        }
        error.set(None);
        submit.dispatch(untrack(request));
    };
    let has = move || me.with(|m| m.has_security_questions);
    view! {
        <section class="card" id="security-questions" aria-labelledby="questions-heading">
            <h2 id="questions-heading">{tr(i18n::SECURITY_QUESTIONS)}</h2>
            <p class="hint" role="status">
                {move || if has() { i18n::QUESTIONS_SET } else { i18n::QUESTIONS_MISSING }.get(lang.get())}
            </p>
            <form on:submit=on_submit novalidate>
                <Field id="questions-password" label=i18n::CURRENT_PASSWORD value=password kind="password"
                    autocomplete="current-password" server_error=pass_err show_errors=submitted
                    rule=checked.rule(security_questions::Field::CurrentPassword.name()) />
                <SecurityQuestionsFields form=qa show_errors=submitted.into() />
                <div class="form-error" role="alert">{move || error.get()}</div>
                <button type="submit" class="button primary" disabled=move || submit.pending().get()>
                    {tr(i18n::SAVE_QUESTIONS)}
                </button>
                <p class="summary ok" role="status">{move || done.get().then(|| i18n::QUESTIONS_SAVED.get(lang.get()))}</p>
            </form>
        </section>
    }
}
