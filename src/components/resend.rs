//! Forms that send a code and then ask for it: what the answers of "send
//! the code" do to the form, and the button that sends it again once the
//! server's minute is over (see [`WaitTimer`]).

use leptos::prelude::*;
use rules::api::{CodeSent, ErrorCode};
use rules::Lang;

use crate::api::{ApiError, Shown};
use crate::components::wait::WaitTimer;
use crate::effect::effect;
use crate::i18n::{self, use_lang, Text};
use crate::submit::Submit;

/// The signals of a form that sends a code, then asks for it.
#[derive(Debug, Clone, Copy)]
pub struct CodeForm {
    /// The phone or email typed.
    pub contact: RwSignal<String>,
    /// Where the code went (masked); `None` before the first send.
    pub sent_to: RwSignal<Option<String>>,
    /// Whether the form shows its fields' errors (reset when the code
    /// field opens, so it does not open marked wrong).
    pub submitted: RwSignal<bool>,
    /// The form's alert (shown in the language of the moment).
    pub error: RwSignal<Option<Shown>>,
    /// The wait before another code.
    pub timer: WaitTimer,
}

impl CodeForm {
    /// The form's state for the typed `contact`; the wait for another code
    /// is kept under `resend_key`.
    pub fn new(contact: RwSignal<String>, resend_key: &'static str) -> Self {
        Self {
            contact,
            sent_to: RwSignal::new(None),
            submitted: RwSignal::new(false),
            error: RwSignal::new(None),
            timer: WaitTimer::new(resend_key),
        }
    }

    /// Follows the answers of `send` ("send the code"): a code sent starts
    /// the wait and opens the code field; a refusal is shown, except one
    /// saying a code went to this contact a moment ago (before a refresh,
    /// say): the code field opens instead, for the code already sent.
    pub fn follow(self, send: Submit<(), Result<CodeSent, ApiError>>) {
        effect(move || {
            let Some(answer) = send.value().get() else {
                return;
            };
            let (shown, opens) = match answer {
                Ok(sent) => {
                    self.timer.wait(sent.resend_after_secs);
                    (None, Some(sent.to_masked))
                }
                Err(err) => {
                    self.timer.wait_after(&err);
                    let too_soon = err.is(ErrorCode::OtpResendTooSoon);
                    let first = self.sent_to.get_untracked().is_none();
                    let typed = self.contact.get_untracked().trim().to_string();
                    // The code step then says where the code went: the
                    // refusal beside it would contradict it (never both).
                    if too_soon && first {
                        (None, Some(typed))
                    } else {
                        (Some(Shown::Api(err)), None)
                    }
                }
            };
            self.error.set(shown);
            if let Some(to) = opens {
                self.submitted.set(false);
                self.sent_to.set(Some(to));
            }
        });
    }
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
