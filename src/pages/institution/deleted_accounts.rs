//! The roster's "deleted accounts" view: registry records whose account the
//! administrator deleted (recovery path 4) and that have no new account yet,
//! each with the date and what the person does next, so nobody vanishes
//! from the institution's sight between the deletion and the new account.

use leptos::prelude::*;
use rules::api::{DeletedAccount, DeletedAccountPage};

use crate::api;
use crate::components::load_error::Loaded;
use crate::components::pager::PagedList;
use crate::i18n::{self, tr, use_lang};

/// The deleted accounts, paged (the roster's page signal).
#[component]
pub fn DeletedAccounts(page: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let list = LocalResource::new(move || {
        let page = page.get();
        async move { api::deleted_accounts(page, lang.get_untracked()).await }
    });
    let render = move |p: DeletedAccountPage| {
        view! {
            <PagedList page total=p.total per_page=p.per_page count=i18n::DELETED_ACCOUNTS_TOTAL
                empty=i18n::NO_DELETED_ACCOUNTS>
                {p.items.into_iter().map(deleted_row).collect_view()}
            </PagedList>
        }
        .into_any()
    };
    view! { <Loaded data=list render /> }
}

/// One deleted account: who, since when, and what the person does next.
fn deleted_row(d: DeletedAccount) -> impl IntoView {
    let lang = use_lang();
    let system = d.system;
    let on = rules::china_time::date_time(d.deleted_at).map(|t| t.date());
    view! {
        <li class="staff-row">
            <h3>{d.name}</h3>
            <p class="muted">
                {move || system.label(lang.get())} " · "
                {tr(i18n::ID_NUMBER)} {tr(i18n::COLON)}
                <span class="mono">{d.id_number_masked}</span>
            </p>
            <p>
                <strong>{move || {
                    let lang = lang.get();
                    let date = on.map(|d| lang.date(d)).unwrap_or_default();
                    let (open, close) = if lang == rules::Lang::Zh { ("（", "）") } else { (" (", ")") };
                    format!("{}{open}{date}{close}", i18n::ACCOUNT_DELETED_ON.get(lang))
                }}</strong>
            </p>
            <p>{tr(i18n::NEXT_STEP_REREGISTER)}</p>
        </li>
    }
}
