//! The e-license campaign of a region, with its countdown while it is open
//! and what happens to whoever misses it.

use chrono::NaiveDate;
use leptos::prelude::*;
use rules::{Campaign, Lang};

use crate::api;
use crate::i18n::{self, use_lang};
use crate::today::today;

/// The banner of `campaign` (from `Me`, or the national one before sign-in).
///
/// The server paints the national banner into the HTML before the wasm
/// runs; this one takes its place with the same style and at most its
/// size, so the largest paint stays the early one.
#[component]
pub fn DeadlineBanner(campaign: Campaign) -> impl IntoView {
    let lang = use_lang();
    let today = today();
    let open = campaign.is_open(today);
    view! {
        <aside class="banner" class:closed=!open aria-label=move || i18n::DEADLINE.get(lang.get())>
            {move || {
                let lang = lang.get();
                format!(
                    "{} · {} {}",
                    campaign.name(lang),
                    countdown(&campaign, today, lang),
                    campaign.after_deadline.text(lang),
                )
            }}
        </aside>
    }
}

/// The national campaign's banner, for pages shown before sign-in; an
/// empty banner of the same place while the campaigns load.
#[component]
pub fn NationalBanner() -> impl IntoView {
    let lang = use_lang();
    let campaigns = LocalResource::new(move || api::campaigns(lang.get_untracked()));
    move || {
        match campaigns.get() {
        Some(Ok(table)) => {
            let campaign = rules::campaign_in(&table, "").clone();
            view! { <DeadlineBanner campaign /> }.into_any()
        }
        _ => view! { <aside class="banner" aria-label=move || i18n::DEADLINE.get(lang.get()) aria-busy="true"></aside> }
            .into_any(),
    }
    }
}

/// "Days left to claim your e-license: N days (date)", or that the period
/// ended on the date: the campaign's state on `today`, shared by the banner
/// and the institution dashboard.
pub fn countdown(campaign: &Campaign, today: NaiveDate, lang: Lang) -> String {
    let by = lang.date(campaign.e_license_by);
    if campaign.is_open(today) {
        format!(
            "{} {} {} ({by})",
            i18n::DEADLINE_LEFT.get(lang),
            campaign.days_left(today),
            i18n::DEADLINE_DAYS.get(lang),
        )
    } else {
        format!("{} {by}", i18n::DEADLINE_PASSED.get(lang))
    }
}
