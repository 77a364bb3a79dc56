//! Drafts: unsaved form input survives a refresh or a failed request. Each
//! form keeps its non-secret fields in `localStorage` under one key and
//! clears them when the server accepted the form. Passwords and codes are
//! never stored.

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::effect::effect;
use crate::storage;

/// The persisted fields of one form.
#[derive(Clone, Copy)]
pub struct Draft {
    key: &'static str,
    fields: StoredValue<Vec<(&'static str, RwSignal<String>)>>,
}

impl Draft {
    /// A draft stored under `portal.draft.<form>`.
    pub fn new(form: &'static str) -> Draft {
        Draft {
            key: form,
            fields: StoredValue::new(Vec::new()),
        }
    }

    fn storage_key(self) -> String {
        format!("portal.draft.{}", self.key)
    }

    fn load(self) -> BTreeMap<String, String> {
        storage::get(&self.storage_key())
            .and_then(|json| crate::api::from_json(&json))
            .unwrap_or_default()
    }

    fn save(self) {
        // A step of a wizard may be gone (its signals disposed) while the
        // draft lives on: its fields keep their stored values.
        let mut map = self.load();
        self.fields.with_value(|f| {
            for (name, s) in f {
                if let Some(v) = s.try_get_untracked() {
                    map.insert((*name).to_owned(), v);
                }
            }
        });
        if map.values().all(|v| v.is_empty()) {
            storage::remove(&self.storage_key());
        } else if let Ok(json) = serde_json::to_string(&map) {
            storage::set(&self.storage_key(), &json);
        }
    }

    /// A field restored from the draft (or `initial`), saved on every change.
    pub fn field(self, name: &'static str, initial: &str) -> RwSignal<String> {
        let value = self
            .load()
            .remove(name)
            .unwrap_or_else(|| initial.to_string());
        let signal = RwSignal::new(value);
        // The same step shown again (Back, Forward) replaces its old field.
        self.fields.update_value(|f| {
            f.retain(|(n, _)| *n != name);
            f.push((name, signal));
        });
        effect(move || {
            signal.track();
            self.save();
        });
        signal
    }

    /// Forgets the draft (after the server accepted the form).
    pub fn clear(self) {
        storage::remove(&self.storage_key());
    }
}
