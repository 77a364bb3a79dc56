//! The pages' shared machinery in a real browser (wasm-bindgen-test in
//! headless Chromium): a page's data with its load error and retry
//! (`Loaded`), a paged list with its count, empty text and pager
//! (`PagedList`), and a destructive action's confirm step (`ConfirmStep`).
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use portal::api::ApiError;
use portal::components::confirm::ConfirmStep;
use portal::components::load_error::Loaded;
use portal::components::pager::{page_count, PagedList};
use portal::i18n;
use rules::Lang;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

mod support;
use support::mount;

wasm_bindgen_test_configure!(run_in_browser);

/// Lets the browser run what is queued (a resource's request, its answer,
/// the effects it wakes).
async fn settle() {
    for _ in 0..3 {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let _ = web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        });
        JsFuture::from(promise).await.unwrap();
    }
}

fn find(host: &web_sys::HtmlElement, selector: &str) -> Option<web_sys::HtmlElement> {
    host.query_selector(selector)
        .unwrap()
        .map(|e| e.unchecked_into())
}

/// How many `tag` elements the host holds.
fn count(host: &web_sys::HtmlElement, tag: &str) -> u32 {
    host.get_elements_by_tag_name(tag).length()
}

/// The button whose text is `text`.
fn button(host: &web_sys::HtmlElement, text: &str) -> web_sys::HtmlElement {
    let buttons = host.get_elements_by_tag_name("button");
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .map(|b| b.unchecked_into::<web_sys::HtmlElement>())
        .find(|b| b.text_content().as_deref() == Some(text))
        .unwrap_or_else(|| panic!("no button {text:?} in {}", host.inner_html()))
}

#[wasm_bindgen_test]
async fn loaded_shows_the_failure_with_a_retry_then_the_data() {
    let attempts = Rc::new(Cell::new(0));
    let counter = attempts.clone();
    let host = mount(Lang::Zh, move || {
        // The first request fails as when the network is down; the retry
        // answers.
        let data = LocalResource::new(move || {
            counter.set(counter.get() + 1);
            let first = counter.get() == 1;
            async move {
                if first {
                    Err(ApiError::Network)
                } else {
                    Ok(vec!["张三", "李四"])
                }
            }
        });
        let render = |names: Vec<&'static str>| {
            let items = names
                .into_iter()
                .map(|n| view! { <li>{n}</li> })
                .collect_view();
            view! { <ul>{items}</ul> }.into_any()
        };
        view! { <Loaded data render /> }
    });
    settle().await;
    let alert = find(&host, "[role=alert]").expect("the failure is announced");
    assert_eq!(
        alert
            .query_selector("p")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        i18n::NETWORK_ERROR.zh
    );
    assert_eq!(count(&host, "li"), 0);

    button(&host, i18n::RETRY.zh).click();
    settle().await;
    assert_eq!(attempts.get(), 2, "the retry asks again");
    assert!(
        find(&host, "[role=alert]").is_none(),
        "{}",
        host.inner_html()
    );
    assert_eq!(count(&host, "li"), 2);
    assert_eq!(find(&host, "li").unwrap().text_content().unwrap(), "张三");
}

#[wasm_bindgen_test]
fn pages_of_a_list() {
    assert_eq!(page_count(0, 20), 1, "an empty list is one page");
    assert_eq!(page_count(20, 20), 1);
    assert_eq!(page_count(41, 20), 3);
    assert_eq!(page_count(3, 0), 3, "a per-page of 0 counts as 1");
}

#[wasm_bindgen_test]
async fn a_paged_list_says_how_many_match_and_moves_page_by_page() {
    let page = RwSignal::new(1u32);
    let host = mount(Lang::Zh, move || {
        view! {
            <PagedList page total=41 per_page=20 count=i18n::STAFF_MATCHING empty=i18n::NO_STAFF>
                <li>"张三"</li>
            </PagedList>
        }
    });
    settle().await;
    let text = host.text_content().unwrap();
    assert!(text.contains("符合条件的人员：41"), "{text}");
    assert_eq!(find(&host, "ul").unwrap().class_name(), "staff-list");
    assert_eq!(count(&host, "li"), 1);
    let pager = find(&host, "nav").unwrap();
    assert_eq!(pager.get_attribute("aria-label").as_deref(), Some("分页"));
    assert!(pager.text_content().unwrap().contains("页码 1 / 3"));
    assert!(button(&host, i18n::PREVIOUS_PAGE.zh).has_attribute("disabled"));

    button(&host, i18n::NEXT_PAGE.zh).click();
    settle().await;
    assert_eq!(page.get_untracked(), 2);
    assert!(pager.text_content().unwrap().contains("页码 2 / 3"));
    assert!(!button(&host, i18n::PREVIOUS_PAGE.zh).has_attribute("disabled"));
}

#[wasm_bindgen_test]
async fn an_empty_list_says_so_instead_of_a_count_and_pager() {
    let host = mount(Lang::Zh, move || {
        view! {
            <PagedList page=RwSignal::new(1) total=0 per_page=20 count=i18n::STAFF_MATCHING
                empty=i18n::NO_STAFF>
                <li>"张三"</li>
            </PagedList>
        }
    });
    settle().await;
    assert_eq!(host.text_content().unwrap(), i18n::NO_STAFF.zh);
    assert!(find(&host, "nav").is_none());
    assert!(find(&host, "ul").is_none());
    assert!(find(&host, "li").is_none());
}

#[wasm_bindgen_test]
async fn the_confirm_step_sends_only_from_its_second_button() {
    let sent = RwSignal::new(0);
    let host = mount(Lang::Zh, move || {
        let confirming = RwSignal::new(false);
        view! {
            <ConfirmStep open=i18n::DELETE_ACCOUNT confirm=i18n::CONFIRM_DELETE_BUTTON confirming
                question=|| "删除张三的账户？".to_string() pending=Signal::from(false)
                on_confirm=move |()| sent.update(|n| *n += 1) />
        }
    });
    settle().await;
    assert!(find(&host, "[role=group]").is_none());
    button(&host, i18n::DELETE_ACCOUNT.zh).click();
    settle().await;
    let group = find(&host, "[role=group]").expect("the step opens");
    assert_eq!(
        group.get_attribute("aria-label").as_deref(),
        Some(i18n::DELETE_ACCOUNT.zh)
    );
    assert!(group.text_content().unwrap().contains("删除张三的账户？"));
    assert_eq!(sent.get_untracked(), 0, "opening sends nothing");

    button(&host, i18n::CANCEL.zh).click();
    settle().await;
    assert!(find(&host, "[role=group]").is_none(), "cancel closes it");
    assert_eq!(sent.get_untracked(), 0);

    button(&host, i18n::DELETE_ACCOUNT.zh).click();
    settle().await;
    button(&host, i18n::CONFIRM_DELETE_BUTTON.zh).click();
    assert_eq!(sent.get_untracked(), 1);
}
