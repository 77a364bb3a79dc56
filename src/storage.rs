//! Small helpers over `localStorage` (and `sessionStorage`, for what only
//! this tab's refresh should keep); failures (private mode, quota) are
//! ignored because storage only ever holds conveniences.

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Reads a value.
pub fn get(key: &str) -> Option<String> {
    local()?.get_item(key).ok()?
}

/// Writes a value.
pub fn set(key: &str, value: &str) {
    if let Some(s) = local() {
        let _ = s.set_item(key, value);
    }
}

/// Removes a value.
pub fn remove(key: &str) {
    if let Some(s) = local() {
        let _ = s.remove_item(key);
    }
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// Reads a value of this tab's `sessionStorage`.
pub fn tab_get(key: &str) -> Option<String> {
    session()?.get_item(key).ok()?
}

/// Writes a value into this tab's `sessionStorage`.
pub fn tab_set(key: &str, value: &str) {
    if let Some(s) = session() {
        let _ = s.set_item(key, value);
    }
}

/// Removes a value of this tab's `sessionStorage`.
pub fn tab_remove(key: &str) {
    if let Some(s) = session() {
        let _ = s.remove_item(key);
    }
}
