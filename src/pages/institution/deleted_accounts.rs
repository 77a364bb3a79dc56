//! The roster's "deleted accounts" view: registry records whose account the
//! administrator deleted (recovery path 4) and that have no new account yet,
//! each with the date and what the person does next, so nobody vanishes
//! from the institution's sight between the deletion and the new account.

use leptos::prelude::*;

use crate::api;
use crate::components::load_error::LoadError;
use crate::components::loading::Loading;
use crate::i18n::{self, tr, use_lang};
use crate::pages::institution::staff::Pager;

/// The deleted accounts, paged (the roster's page signal).
#[component]
pub fn DeletedAccounts(page: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let list = LocalResource::new(move || {
        let page = page.get();
        async move { api::deleted_accounts(page, lang.get_untracked()).await }
    });
    view! {
        <Transition fallback=|| view! { <Loading /> }>
            {move || {
                list.get().map(|result| match result {
                    Ok(p) if p.total == 0 => view! { <p>{tr(i18n::NO_DELETED_ACCOUNTS)}</p> }.into_any(),
                    Ok(p) => {
                        let pages = p.total.div_ceil(p.per_page.max(1) as usize).max(1) as u32;
                        let total = p.total;
                        let rows = p
                            .items
                            .into_iter()
                            .map(|d| {
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
                            })
                            .collect_view();
                        view! {
                            <p class="muted">{move || format!("{}{}", i18n::DELETED_ACCOUNTS_TOTAL.get(lang.get()), total)}</p>
                            <ul class="staff-list">{rows}</ul>
                            <Pager page pages />
                        }
                        .into_any()
                    }
                    Err(error) => view! { <LoadError error retry=move |()| list.refetch() /> }.into_any(),
                })
            }}
        </Transition>
    }
}
