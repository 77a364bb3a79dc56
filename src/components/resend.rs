//! Waiting before another code may be sent: the server accepts one code a
//! minute per contact, and says so in every answer that sends one
//! (`resend_after_secs`) and in its refusal (`Retry-After`). The button
//! counts the wait down instead of letting the user run into the refusal.

use leptos::prelude::*;
use rules::Lang;
use std::time::Duration;

use rules::api::CodeSent;

use crate::api::ApiError;
use crate::i18n::{self, use_lang, Text};
use crate::storage;

/// The error code of a refusal because a code was sent a moment ago.
const RESEND_TOO_SOON: &str = "otp.resend_too_soon";

/// When the next code may be requested. Kept in `localStorage` under its
/// key, so the wait survives a refresh or the step from registration to
/// activation.
#[derive(Debug, Clone, Copy)]
pub struct ResendTimer {
    key: &'static str,
    /// `Date.now()` milliseconds from which a code may be sent again.
    ready_at: RwSignal<f64>,
    /// The clock the countdown reads; ticks once a second while waiting.
    now: RwSignal<f64>,
}

impl ResendTimer {
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

    /// Starts a wait of `secs` seconds from now (the server's
    /// `resend_after_secs`; at most a day is believed).
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

    /// Whole seconds left to wait, 0 when a code may be sent (reactive).
    pub fn seconds_left(self) -> u32 {
        seconds_between(self.now.get(), self.ready_at.get())
    }

    /// Reads the answer of "send the code" for a form that then asks for the
    /// code (`sent_to`: where it went, `None` before the first send) and
    /// returns the message to show, none on success. A refusal because a
    /// code went to `contact` a moment ago (before a refresh, say) still
    /// opens the code field: the user can type the code already sent. A
    /// code field that opens starts without errors (`submitted` reset).
    pub fn on_send(
        self,
        answer: Result<CodeSent, ApiError>,
        contact: &str,
        sent_to: RwSignal<Option<String>>,
        submitted: RwSignal<bool>,
        lang: Lang,
    ) -> Option<String> {
        let (shown, opens) = match answer {
            Ok(sent) => {
                self.wait(sent.resend_after_secs);
                (None, Some(sent.to_masked))
            }
            Err(err) => {
                self.wait_after(&err);
                let too_soon = err.code() == Some(RESEND_TOO_SOON);
                let first = sent_to.get_untracked().is_none();
                let opens = (too_soon && first).then(|| contact.trim().to_string());
                (Some(err.message(lang)), opens)
            }
        };
        if let Some(to) = opens {
            submitted.set(false);
            sent_to.set(Some(to));
        }
        shown
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

/// Whole seconds from `now` to `ready_at` (milliseconds), rounded up, so the
/// button never reads 0 while the server would still refuse.
fn seconds_between(now: f64, ready_at: f64) -> u32 {
    let left = ((ready_at - now) / 1000.0).ceil();
    if left > 0.0 {
        left as u32
    } else {
        0
    }
}

/// The "send the code again" button: disabled while a request runs or the
/// wait lasts, then labelled `label`.
#[component]
pub fn ResendButton<F>(
    timer: ResendTimer,
    #[prop(into)] pending: Signal<bool>,
    on_click: F,
    #[prop(default = i18n::RESEND_CODE)] label: Text,
) -> impl IntoView
where
    F: Fn() + 'static,
{
    let lang = use_lang();
    view! {
        <button
            type="button"
            class="button secondary"
            disabled=move || pending.get() || timer.waiting()
            on:click=move |_| on_click()
        >
            {move || wait_label(timer.seconds_left(), label, lang.get())}
        </button>
    }
}

fn wait_label(secs: u32, label: Text, lang: Lang) -> String {
    if secs > 0 {
        i18n::resend_in(secs, lang)
    } else {
        label.get(lang).into()
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
    fn labels_the_wait_then_the_action() {
        assert_eq!(
            wait_label(58, i18n::RESEND_CODE, Lang::Zh),
            "58 秒后可重新发送"
        );
        assert_eq!(
            wait_label(1, i18n::RESEND_CODE, Lang::En),
            "Send again in 1 s"
        );
        assert_eq!(wait_label(0, i18n::RESEND_CODE, Lang::Zh), "重新发送验证码");
    }
}
