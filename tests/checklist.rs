//! The checklist component rendered in a real browser (wasm-bindgen-test in
//! headless Chromium): each criterion shows its verdict, its reason and the
//! link to the step that fixes it.
#![cfg(target_arch = "wasm32")]

use chrono::NaiveDate;
use leptos::prelude::*;
use portal::components::checklist::ChecklistView;
use portal::i18n::Locale;
use rules::eligibility::{practitioner_checklist, PractitionerFacts, ReviewPolicy};
use rules::{AccountState, Lang, PhysicianLevel, PracticeStatus, PractitionerKind, ReviewState};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn filed_physician_without_photo() -> PractitionerFacts {
    PractitionerFacts {
        kind: PractitionerKind::Physician {
            level: PhysicianLevel::Practising,
        },
        has_valid_qualification: true,
        status: PracticeStatus::Filed,
        registration_valid_from: None,
        registration_valid_until: None,
        account: AccountState {
            registered: true,
            activated: true,
            phone_verified: true,
            email_verified: false,
            photo: None,
        },
    }
}

fn render(facts: &PractitionerFacts, lang: Lang) -> web_sys::HtmlElement {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let checklist = practitioner_checklist(facts, today, ReviewPolicy::default());
    let document = document();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    leptos::mount::mount_to(host.clone(), move || {
        provide_context(Locale(RwSignal::new(lang)));
        view! { <ChecklistView checklist=checklist.clone() /> }
    })
    .forget();
    host
}

fn elements(host: &web_sys::HtmlElement, tag: &str) -> Vec<web_sys::Element> {
    let list = host.get_elements_by_tag_name(tag);
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

fn headings(host: &web_sys::HtmlElement) -> Vec<String> {
    elements(host, "h3")
        .iter()
        .map(|h| h.text_content().unwrap_or_default())
        .collect()
}

fn links(host: &web_sys::HtmlElement) -> Vec<(String, String)> {
    elements(host, "a")
        .iter()
        .map(|a| {
            (
                a.text_content().unwrap_or_default(),
                a.get_attribute("href").unwrap_or_default(),
            )
        })
        .collect()
}

#[wasm_bindgen_test]
fn failed_criteria_show_reason_and_fix_link() {
    let host = render(&filed_physician_without_photo(), Lang::Zh);
    let text = host.text_content().unwrap();
    assert!(text.contains("以下条件尚未满足"), "summary missing: {text}");
    assert!(
        text.contains("您的执业状态为“备案”"),
        "status reason missing: {text}"
    );
    assert!(
        text.contains("尚未上传证件照"),
        "photo reason missing: {text}"
    );

    // Headings carry the verdict for screen readers, as "<criterion> (<verdict>)".
    assert_eq!(
        headings(&host),
        vec![
            "具有医师资格 (已满足)",
            "账户已激活 (已满足)",
            "执业状态正常 (未满足)",
            "已上传证件照 (未满足)",
        ]
    );
    assert_eq!(
        links(&host),
        vec![
            (
                "联系主要执业机构".to_string(),
                "/help#institution".to_string()
            ),
            ("上传证件照".to_string(), "/photo".to_string()),
        ]
    );
}

#[wasm_bindgen_test]
fn eligible_profile_says_so_in_english() {
    let mut facts = filed_physician_without_photo();
    facts.status = PracticeStatus::Normal;
    facts.account.photo = Some(ReviewState::Approved);
    let host = render(&facts, Lang::En);
    let text = host.text_content().unwrap();
    assert!(text.contains("You meet every criterion"), "{text}");
    assert!(
        headings(&host).iter().all(|h| h.ends_with("(Met)")),
        "{:?}",
        headings(&host)
    );
    assert!(links(&host).is_empty());
}
