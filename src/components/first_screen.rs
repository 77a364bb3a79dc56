//! Long lists on a slow phone: the rows a screen shows are built and painted
//! first, the others at the frame after. Building fifty roster rows at once
//! held the first one back until all were laid out.

use leptos::prelude::*;

/// Rows built at once: more than a 360×640 screen shows.
pub const FIRST_ROWS: usize = 8;

/// True from the frame after the next one: the next frame (the first rows)
/// is painted before anything waiting on this flag is built.
pub fn after_next_paint() -> Signal<bool> {
    let (painted, set_painted) = signal(false);
    request_animation_frame(move || request_animation_frame(move || set_painted.set(true)));
    painted.into()
}

/// `items` as rows: the first [`FIRST_ROWS`] now, the others once the first
/// are painted (in the same order, in the same list).
pub fn first_screen_first<T, V>(
    mut items: Vec<T>,
    row: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Send + Sync + 'static,
    V: IntoView + 'static,
{
    let later = items.split_off(items.len().min(FIRST_ROWS));
    let first = items.into_iter().map(row.clone()).collect_view();
    // Taken once: the flag only ever turns from false to true.
    let later = StoredValue::new(Some(later));
    let painted = after_next_paint();
    let rest = move || {
        painted.get().then(|| {
            later
                .try_update_value(Option::take)
                .flatten()
                .unwrap_or_default()
                .into_iter()
                .map(row.clone())
                .collect_view()
        })
    };
    view! { {first} {rest} }
}
