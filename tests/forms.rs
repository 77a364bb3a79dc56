//! Form components in a real browser (wasm-bindgen-test in headless
//! Chromium): live validation with the rules crate, the password policy
//! checklist, and the progress logic of the guided path.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use portal::components::field::Field;
use portal::components::password_rules::PasswordRules;
use portal::components::progress::{current_step, PathStep};
use portal::i18n;
use portal::today::today;
use portal::validate;
use rules::api::RegisterRequest;
use rules::eligibility::{practitioner_checklist, PractitionerFacts, ReviewPolicy};
use rules::form::registration;
use rules::form::FormField;
use rules::{AccountState, Lang, PracticeStatus, PractitionerKind, ReviewState, System};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod support;
use support::mount;

wasm_bindgen_test_configure!(run_in_browser);

fn input(host: &web_sys::HtmlElement) -> web_sys::HtmlInputElement {
    host.get_elements_by_tag_name("input")
        .item(0)
        .unwrap()
        .unchecked_into()
}

/// Types like a user: sets the value, fires `input`, then leaves the field.
fn type_into(field: &web_sys::HtmlInputElement, text: &str) {
    field.set_value(text);
    field
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    field
        .dispatch_event(&web_sys::Event::new("blur").unwrap())
        .unwrap();
}

async fn tick() {
    // Effects and memos settle on the next microtask.
    let promise = js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL);
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn error_text(host: &web_sys::HtmlElement) -> String {
    host.get_elements_by_tag_name("p")
        .item(0)
        .and_then(|p| p.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn id_field_shows_the_rules_message_and_accepts_full_width_digits() {
    let value = RwSignal::new(String::new());
    let host = mount(Lang::Zh, move || {
        // The registration form's whole validation, as the page runs it: the
        // field shows what it says of `id_number` (the other fields are
        // empty and refused, but have no field here).
        let form = validate::Form::new(move || {
            let request = RegisterRequest {
                system: System::Physician,
                id_number: value.get(),
                certificate_number: String::new(),
                username: String::new(),
                password: String::new(),
                phone: String::new(),
                security_questions: Vec::new(),
            };
            registration::validate(&request, today())
        });
        let rule = form.rule(registration::Field::IdNumber.name());
        view! { <Field id="id_number" label=i18n::ID_NUMBER value rule /> }
    });
    let field = input(&host);
    assert_eq!(
        field.get_attribute("aria-invalid"),
        None,
        "no error before typing"
    );

    type_into(&field, "110105198503124031");
    tick().await;
    assert_eq!(field.get_attribute("aria-invalid").as_deref(), Some("true"));
    let message = error_text(&host);
    assert!(
        message.contains("校验"),
        "checksum message expected, got {message:?}"
    );
    assert_eq!(
        field.get_attribute("aria-describedby").as_deref(),
        Some("id_number-error"),
        "the error is tied to the input for screen readers"
    );

    // The same valid number typed with full-width digits and a lowercase x.
    type_into(&field, "１１０１０５１９８５０３１２４０３x");
    tick().await;
    assert_eq!(
        field.get_attribute("aria-invalid"),
        None,
        "{}",
        error_text(&host)
    );
    assert_eq!(error_text(&host), "");
}

#[wasm_bindgen_test]
async fn password_rules_follow_the_candidate_live() {
    let password = RwSignal::new(String::new());
    let username = RwSignal::new("zhangwei".to_string());
    let host = mount(Lang::En, move || {
        view! { <PasswordRules password username=username /> }
    });
    let items = || {
        let list = host.get_elements_by_tag_name("li");
        (0..list.length())
            .map(|i| list.item(i).unwrap().text_content().unwrap_or_default())
            .collect::<Vec<_>>()
    };
    password.set("zhangwei1".into());
    tick().await;
    let now = items();
    assert!(now[0].ends_with("(Met)"), "length: {now:?}");
    assert!(now[1].ends_with("(Not met)"), "classes: {now:?}");
    assert!(
        now[3].ends_with("(Not met)"),
        "contains the username: {now:?}"
    );

    password.set("Kx#9mq!Lw2".into());
    tick().await;
    assert!(
        items().iter().all(|i| i.ends_with("(Met)")),
        "{:?}",
        items()
    );
}

#[wasm_bindgen_test]
fn the_guided_path_points_at_the_first_unfinished_step() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let mut facts = PractitionerFacts {
        kind: PractitionerKind::Nurse,
        has_valid_qualification: false,
        status: PracticeStatus::Normal,
        registration_valid_from: today.checked_sub_days(chrono::Days::new(100)),
        registration_valid_until: today.checked_add_days(chrono::Days::new(100)),
        account: AccountState {
            registered: true,
            activated: true,
            phone_verified: true,
            email_verified: false,
            photo: None,
        },
    };
    let step = |facts: &PractitionerFacts, applied| {
        current_step(
            &practitioner_checklist(facts, today, ReviewPolicy::default()),
            applied,
        )
    };
    assert_eq!(step(&facts, false), Some(PathStep::Photo));
    facts.account.photo = Some(ReviewState::Approved);
    assert_eq!(step(&facts, false), Some(PathStep::Apply));
    assert_eq!(step(&facts, true), None);
    facts.status = PracticeStatus::Filed;
    assert_eq!(step(&facts, false), Some(PathStep::Profile));
}
