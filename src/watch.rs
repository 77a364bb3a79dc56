//! Effects through one shared instance.
//!
//! [`watch`] is Leptos' `Effect::new` for effects that ignore their previous
//! value (all of the portal's): the closure is boxed first, so `Effect`'s
//! generic machinery is compiled once instead of once per effect.

use leptos::prelude::*;

/// Runs `f` now and again whenever a signal it read changes, until the
/// component that called it is gone.
pub fn watch(f: impl FnMut() + 'static) {
    watch_boxed(Box::new(f));
}

fn watch_boxed(mut f: Box<dyn FnMut()>) {
    Effect::new(move |_| f());
}
