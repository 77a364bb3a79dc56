//! The administrators' lists that the server answers page by page (roster,
//! deleted accounts, zombie candidates, "needs help", the review queue): how
//! many match, one page of rows, and the pager below them.

use leptos::prelude::*;
use leptos_router::params::ParamsMap;

use crate::i18n::{self, tr, use_lang, Text};

/// How many pages `total` items make at `per_page` a page: at least one, so
/// an empty list still says "page 1 / 1".
pub fn page_count(total: usize, per_page: u32) -> u32 {
    total.div_ceil(per_page.max(1) as usize).max(1) as u32
}

/// The page the address names (`page=`), kept there by the list's page so
/// that a refresh stays on it; the first when it names none (or nonsense).
pub fn page_in(address: &ParamsMap) -> RwSignal<u32> {
    let page = address.get("page").and_then(|p| p.parse().ok());
    RwSignal::new(page.unwrap_or(1).max(1))
}

/// Previous and next page, and where the list is.
#[component]
pub fn Pager(page: RwSignal<u32>, pages: u32) -> impl IntoView {
    let lang = use_lang();
    let go = move |to: u32| {
        page.set(to);
        // The new page starts at the top of the list.
        if let Some(w) = web_sys::window() {
            w.scroll_to_with_x_and_y(0.0, 0.0);
        }
    };
    view! {
        <nav class="pager actions" aria-label=move || i18n::PAGES.get(lang.get())>
            <button type="button" class="button secondary" disabled=move || { page.get() <= 1 }
                on:click=move |_| go(page.get_untracked().saturating_sub(1).max(1))>
                {tr(i18n::PREVIOUS_PAGE)}
            </button>
            <span aria-live="polite">
                {move || format!("{} {} / {}", i18n::PAGE.get(lang.get()), page.get(), pages)}
            </span>
            <button type="button" class="button secondary" disabled=move || { page.get() >= pages }
                on:click=move |_| go(page.get_untracked() + 1)>
                {tr(i18n::NEXT_PAGE)}
            </button>
        </nav>
    }
}

/// One page of a list: how many match (`count`, then the number), the rows
/// (`children`, the list's items) and the pager. With `empty`, a list where
/// nothing matches says that text instead.
#[component]
pub fn PagedList(
    /// The page shown (the pager moves it).
    page: RwSignal<u32>,
    /// How many items match, on every page.
    total: usize,
    /// Items per page, as the server answered.
    per_page: u32,
    /// Said before the number of matches.
    count: Text,
    /// Said instead of the list when nothing matches.
    #[prop(optional)]
    empty: Option<Text>,
    /// The list's class.
    #[prop(default = "staff-list")]
    class: &'static str,
    children: Children,
) -> impl IntoView {
    if let (0, Some(empty)) = (total, empty) {
        return view! { <p>{tr(empty)}</p> }.into_any();
    }
    let lang = use_lang();
    view! {
        <p class="muted">{move || format!("{}{}", count.get(lang.get()), total)}</p>
        <ul class=class>{children()}</ul>
        <Pager page pages=page_count(total, per_page) />
    }
    .into_any()
}
