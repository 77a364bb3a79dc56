//! A dashboard list in full, page by page: who has no activated account
//! (registry records without any account included, which the roster of
//! accounts cannot show) or no ID photo. The dashboard shows the first names;
//! this page the rest, from `GET /api/v1/institution/needs-help`.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use rules::api::StaffRefPage;

use crate::api;
use crate::components::load_error::Loaded;
use crate::components::pager::{page_in, PagedList};
use crate::go::keep_in_address;
use crate::i18n::{self, tr, use_lang};
use crate::pages::institution::nav::AdminPage;

/// The list page.
#[component]
pub fn NeedsHelp() -> impl IntoView {
    view! { <AdminPage><List /></AdminPage> }
}

#[component]
fn List() -> impl IntoView {
    let lang = use_lang();
    // The list and the page live in the address: a refresh keeps the place.
    let address = use_query_map().get_untracked();
    let list: &'static str = match address.get("list").as_deref() {
        Some("missing_photo") => "missing_photo",
        _ => "not_activated",
    };
    let title = if list == "missing_photo" {
        i18n::LACKS_PHOTO
    } else {
        i18n::LACKS_ACTIVATION
    };
    let page = page_in(&address);
    keep_in_address("/institution/needs-help", move || match page.get() {
        1 => format!("list={list}"),
        n => format!("list={list}&page={n}"),
    });
    let people = LocalResource::new(move || {
        let page = page.get();
        async move { api::needs_help(list, page, lang.get_untracked()).await }
    });
    let render = move |p: StaffRefPage| {
        let rows = p
            .items
            .into_iter()
            .map(|s| {
                let system = s.system;
                let unregistered = s.account_id.is_none();
                view! {
                    <li>
                        {s.name} " · " {move || system.label(lang.get())}
                        {unregistered.then(|| view! { " · " {tr(i18n::NO_ACCOUNT_YET)} })}
                    </li>
                }
            })
            .collect_view();
        view! {
            <PagedList page total=p.total per_page=p.per_page count=i18n::STAFF_MATCHING class="plain-list">
                {rows}
            </PagedList>
        }
        .into_any()
    };
    view! {
        <section class="card" aria-labelledby="needs-help-heading">
            <h1 id="needs-help-heading">{tr(title)}</h1>
            <Loaded data=people render />
        </section>
    }
}
