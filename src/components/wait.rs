//! Waiting until the server accepts a request again. The server says how
//! long: `resend_after_secs` when it sends a code, `Retry-After` when it
//! refuses (a code sent a moment ago, too many sign-in attempts). Pages count
//! that wait down on the button instead of letting the user run into the
//! refusal again.

use leptos::prelude::*;
use std::time::Duration;

use crate::api::ApiError;
use crate::i18n;
use crate::storage;
use rules::Lang;

/// When the request may be sent again. Kept in `localStorage` under its key,
/// so the wait survives a refresh (or the step from registration to
/// activation).
#[derive(Debug, Clone, Copy)]
pub struct WaitTimer {
    key: &'static str,
    /// `Date.now()` milliseconds from which the request may be sent again.
    ready_at: RwSignal<f64>,
    /// The clock the countdown reads; ticks once a second while waiting.
    now: RwSignal<f64>,
}

impl WaitTimer {
    /// The timer saved under `key`, already counting if a wait is running.
    pub fn new(key: &'static str) -> Self {
        let now = js_sys::Date::now();
        // Whole milliseconds, stored as an integer: parsing a float would
        // bring a float parser into the wasm for nothing.
        let ready_at = storage::get(key)
            .and_then(|v| v.parse::<u64>().ok())
            .map(|at| at as f64)
            .filter(|at| *at > now)
            .unwrap_or(0.0);
        let timer = Self {
            key,
            ready_at: RwSignal::new(ready_at),
            now: RwSignal::new(now),
        };
        timer.tick();
        timer
    }

    /// Starts a wait of `secs` seconds from now (at most a day is believed).
    pub fn wait(self, secs: i64) {
        let secs = secs.clamp(0, 24 * 3600) as f64;
        let at = js_sys::Date::now() + secs * 1000.0;
        self.ready_at.set(at);
        storage::set(self.key, &(at as u64).to_string());
        self.tick();
    }

    /// Starts the wait a refusal asked for, if it asked for one.
    pub fn wait_after(self, error: &ApiError) {
        if let Some(secs) = error.retry_after_secs().filter(|s| *s > 0) {
            self.wait(i64::from(secs));
        }
    }

    /// Whole seconds left to wait, 0 when the request may be sent (reactive).
    pub fn seconds_left(self) -> u32 {
        seconds_between(self.now.get(), self.ready_at.get())
    }

    /// A submit button's label: `text`, or the seconds left while the
    /// server refuses ("28 秒后可再试"; reactive).
    pub fn label(self, text: &'static str, lang: Lang) -> String {
        match self.seconds_left() {
            0 => text.into(),
            secs => i18n::retry_in(secs, lang),
        }
    }

    /// Whether the wait still runs (reactive).
    pub fn waiting(self) -> bool {
        self.seconds_left() > 0
    }

    /// Advances the clock, and again in a second while the wait runs. Stops
    /// when the page is gone (its signals disposed).
    fn tick(self) {
        let Some(ready_at) = self.ready_at.try_get_untracked() else {
            return;
        };
        let now = js_sys::Date::now();
        self.now.set(now);
        if now < ready_at {
            set_timeout(move || self.tick(), Duration::from_secs(1));
        } else {
            storage::remove(self.key);
        }
    }
}

/// Whole seconds from `now` to `ready_at` (milliseconds), rounded up, so a
/// button never opens while the server would still refuse.
fn seconds_between(now: f64, ready_at: f64) -> u32 {
    let left = ((ready_at - now) / 1000.0).ceil();
    if left > 0.0 {
        left as u32
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn rounds_up_so_the_button_never_opens_early() {
        assert_eq!(seconds_between(0.0, 60_000.0), 60);
        assert_eq!(seconds_between(1.0, 60_000.0), 60);
        assert_eq!(seconds_between(59_001.0, 60_000.0), 1);
        assert_eq!(seconds_between(60_000.0, 60_000.0), 0);
        assert_eq!(seconds_between(90_000.0, 60_000.0), 0);
    }

    #[test]
    fn counts_a_refusals_wait_and_keeps_it_for_a_reload() {
        const KEY: &str = "test.wait.label";
        crate::storage::remove(KEY);
        let timer = WaitTimer::new(KEY);
        assert!(!timer.waiting());
        assert_eq!(timer.label("登录", Lang::Zh), "登录");

        timer.wait(30);
        assert_eq!(timer.label("登录", Lang::Zh), "30 秒后可再试");
        assert_eq!(timer.label("Sign in", Lang::En), "Try again in 30 s");
        // A page loaded meanwhile picks the wait up from storage.
        assert!(WaitTimer::new(KEY).waiting());
        crate::storage::remove(KEY);
    }
}
