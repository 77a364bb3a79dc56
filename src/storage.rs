//! Small helpers over `localStorage`; failures (private mode, quota) are
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
