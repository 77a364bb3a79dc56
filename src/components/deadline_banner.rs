//! The e-license deadline of a region, with its countdown while it is open.

use leptos::prelude::*;

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
    let deadline = rules::deadline_for(&region).clone();
    let today = today();
    let left = deadline.days_left(today);
    let open = deadline.is_open(today);
    let by = deadline.e_license_by;
    view! {
        <aside class="banner" class:closed=!open aria-label=move || i18n::DEADLINE.get(lang.get())>
            {move || {
                let lang = lang.get();
                let region = deadline.name(lang).to_string();
                if open {
                    format!(
                        "{region} · {} {left} {} ({})",
                        i18n::DEADLINE_LEFT.get(lang),
                        i18n::DEADLINE_DAYS.get(lang),
                        lang.date(by),
                    )
                } else {
                    format!("{region} · {} {}", i18n::DEADLINE_PASSED.get(lang), lang.date(by))
                }
            }}
        </aside>
    }
}
