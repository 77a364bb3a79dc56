//! The e-license deadline of a region, with its countdown while it is open.

use chrono::NaiveDate;
use leptos::prelude::*;
use rules::{Deadline, Lang};

use crate::i18n::{self, use_lang};
use crate::today::today;

/// The deadline that applies to `region` (a division code; `""` is the
/// national one, shown before anyone signs in).
///
/// index.html paints the national banner before the wasm runs; this one
/// takes its place with the same style and at most its size, so the
/// largest paint stays the early one.
#[component]
pub fn DeadlineBanner(#[prop(into)] region: String) -> impl IntoView {
    let lang = use_lang();
    let deadline = rules::deadline_for(&region);
    let today = today();
    view! {
        <aside class="banner" class:closed=!deadline.is_open(today) aria-label=move || i18n::DEADLINE.get(lang.get())>
            {move || {
                let lang = lang.get();
                format!("{} · {}", deadline.name(lang), countdown(deadline, today, lang))
            }}
        </aside>
    }
}

/// "Days left to claim your e-license: N days (date)", or that the period
/// ended on the date: the deadline's state on `today`, shared by the banner
/// and the institution dashboard.
pub fn countdown(deadline: &Deadline, today: NaiveDate, lang: Lang) -> String {
    let by = lang.date(deadline.e_license_by);
    if deadline.is_open(today) {
        format!(
            "{} {} {} ({by})",
            i18n::DEADLINE_LEFT.get(lang),
            deadline.days_left(today),
            i18n::DEADLINE_DAYS.get(lang),
        )
    } else {
        format!("{} {by}", i18n::DEADLINE_PASSED.get(lang))
    }
}
