//! What a form's submit (or a button) sends to the server, and its answer.
//!
//! [`Submit`] plays the part of Leptos' `Action` (dispatch an input, read
//! `pending()` and `value()`) with only what the portal needs: local futures
//! and one request at a time. `Action` builds its whole machinery (versions,
//! owners, thread-safe wrappers) anew for every closure; `Submit` keeps one
//! boxed closure per use, which made the practitioner app 8 KiB and the
//! institution app 4 KiB smaller (brotli, the apps' size budget).

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;

type Run<I, O> = Box<dyn Fn(&I) -> Pin<Box<dyn Future<Output = O>>>>;

/// A request a page sends on the user's demand, e.g. "sign in".
pub struct Submit<I: 'static, O: 'static> {
    run: StoredValue<Run<I, O>, LocalStorage>,
    pending: RwSignal<bool>,
    value: RwSignal<Option<O>, LocalStorage>,
}

impl<I, O> Clone for Submit<I, O> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I, O> Copy for Submit<I, O> {}

impl<I: 'static, O: 'static> Submit<I, O> {
    /// `request` turns the input into the request's future. Owned by the
    /// current component: leaving the page drops it and any late answer.
    pub fn new<F, Fut>(request: F) -> Self
    where
        F: Fn(&I) -> Fut + 'static,
        Fut: Future<Output = O> + 'static,
    {
        let run: Run<I, O> = Box::new(move |input| Box::pin(request(input)));
        Self {
            run: StoredValue::new_local(run),
            pending: RwSignal::new(false),
            value: RwSignal::new_local(None),
        }
    }

    /// Sends the request, unless one is still running (a double click or a
    /// second Enter sends nothing twice).
    pub fn dispatch(&self, input: I) {
        if self.pending.try_get_untracked() != Some(false) {
            return;
        }
        let Some(request) = self.run.try_with_value(|run| run(&input)) else {
            return;
        };
        self.pending.set(true);
        let this = *self;
        wasm_bindgen_futures::spawn_local(async move {
            let answer = request.await;
            if this.pending.is_disposed() {
                return;
            }
            this.pending.set(false);
            this.value.set(Some(answer));
        });
    }

    /// Whether the request is running (reactive).
    pub fn pending(&self) -> Signal<bool> {
        self.pending.into()
    }

    /// The latest answer, `None` before the first (reactive).
    pub fn value(&self) -> RwSignal<Option<O>, LocalStorage> {
        self.value
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen_futures::JsFuture;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// Lets the browser run queued tasks (the spawned request) first.
    async fn next_task() {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let _ = web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        });
        let _ = JsFuture::from(promise).await;
    }

    #[test]
    async fn one_request_at_a_time_then_its_answer() {
        let sent = Rc::new(Cell::new(0));
        let counter = sent.clone();
        let submit = Submit::new(move |n: &u32| {
            counter.set(counter.get() + 1);
            let n = *n;
            async move {
                next_task().await;
                n * 2
            }
        });
        assert_eq!(submit.value().get_untracked(), None);

        submit.dispatch(1);
        assert!(submit.pending().get_untracked());
        submit.dispatch(2);
        assert_eq!(
            sent.get(),
            1,
            "a second dispatch while one runs sends nothing"
        );

        next_task().await;
        next_task().await;
        assert!(!submit.pending().get_untracked());
        assert_eq!(submit.value().get_untracked(), Some(2));

        submit.dispatch(5);
        next_task().await;
        next_task().await;
        assert_eq!(submit.value().get_untracked(), Some(10));
        assert_eq!(sent.get(), 2);
    }
}
