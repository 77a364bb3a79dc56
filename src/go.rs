//! Moving to another address from a page's code, as one boxed closure per
//! page (the router's `use_navigate` is generic).
//!
//! Called from event handlers or after a request's answer in the request's
//! task, never from an effect: navigating from inside an effect disposed
//! the running effect's own signals (a panic in reactive_graph). The one
//! exception, [`keep_in_address`], changes only the query of the page's own
//! route, so the page and its effect live on.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::effect::effect;

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

/// Keeps a list page's place (its filters, page or view) in its address, so
/// that a refresh, the back button or a shared link comes back to it:
/// whenever `query` changes, the address becomes `path?query` (`path` alone
/// for an empty query), replacing the history entry.
pub fn keep_in_address(path: &'static str, query: impl Fn() -> String + 'static) {
    follow_query(path, Box::new(query));
}

/// [`keep_in_address`] once for every page.
fn follow_query(path: &'static str, query: Box<dyn Fn() -> String>) {
    let navigate = use_navigate();
    effect(move || {
        let query = query();
        let to = if query.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{query}")
        };
        navigate(
            &to,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    });
}
