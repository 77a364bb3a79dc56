//! Effects through one shared instance.
//!
//! [`effect`] is Leptos' `Effect::new` for effects that ignore their previous
//! value (all of the portal's): the closure is boxed first, so `Effect`'s
//! generic machinery is compiled once instead of once per effect. (Not
//! Leptos' `watch`, which runs only when a chosen source changes.)

use leptos::prelude::*;

/// Runs `f` now and again whenever a signal it read changes, until the
/// component that called it is gone.
pub fn effect(f: impl FnMut() + 'static) {
    effect_boxed(Box::new(f));
}

fn effect_boxed(mut f: Box<dyn FnMut()>) {
    Effect::new(move |_| f());
}
