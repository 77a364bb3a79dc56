//! Sending a code again: the server accepts one code a minute per contact,
//! so the button counts that minute down (see [`WaitTimer`]).

use leptos::prelude::*;
use rules::api::CodeSent;
use rules::Lang;

use crate::api::ApiError;
use crate::components::wait::WaitTimer;
use crate::i18n::{self, use_lang, Text};

/// The error code of a refusal because a code was sent a moment ago.
const RESEND_TOO_SOON: &str = "otp.resend_too_soon";

/// Reads the answer of "send the code" for a form that then asks for the
/// code (`sent_to`: where it went, `None` before the first send) and returns
/// the message to show, none on success. A refusal because a code went to
/// `contact` a moment ago (before a refresh, say) still opens the code field:
/// the user can type the code already sent. A code field that opens starts
/// without errors (`submitted` reset).
pub fn code_sent(
    timer: WaitTimer,
    answer: Result<CodeSent, ApiError>,
    contact: &str,
    sent_to: RwSignal<Option<String>>,
    submitted: RwSignal<bool>,
    lang: Lang,
) -> Option<String> {
    let (shown, opens) = match answer {
        Ok(sent) => {
            timer.wait(sent.resend_after_secs);
            (None, Some(sent.to_masked))
        }
        Err(err) => {
            timer.wait_after(&err);
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

/// The "send the code again" button: disabled while a request runs or the
/// wait lasts (showing the seconds left), then labelled `label`.
#[component]
pub fn ResendButton<F>(
    timer: WaitTimer,
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
