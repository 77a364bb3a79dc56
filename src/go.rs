//! Moving to another address from a page's code, as one boxed closure per
//! page (the router's `use_navigate` is generic).
//!
//! Called from event handlers or after a request's answer in the request's
//! task, never from an effect: navigating from inside an effect disposed
//! the running effect's own signals (a panic in reactive_graph).

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// Moves to a path, replacing the history entry or not.
type Navigate = Box<dyn Fn(&str, bool)>;

/// Navigation for one page.
#[derive(Clone, Copy)]
pub struct Go(StoredValue<Navigate, LocalStorage>);

impl Go {
    /// `scroll`: whether the window goes to the top after each move (not
    /// for a step inside a card further down the page).
    pub fn new(scroll: bool) -> Go {
        let navigate = use_navigate();
        let f: Navigate = Box::new(move |path, replace| {
            navigate(
                path,
                NavigateOptions {
                    replace,
                    scroll,
                    ..Default::default()
                },
            )
        });
        Go(StoredValue::new_local(f))
    }

    /// A new history entry: Back returns here.
    pub fn to(self, path: &str) {
        self.0.try_with_value(|f| f(path, false));
    }

    /// Replaces the current history entry.
    pub fn replace(self, path: &str) {
        self.0.try_with_value(|f| f(path, true));
    }
}
