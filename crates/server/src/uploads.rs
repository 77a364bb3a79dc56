//! The uploaded files (ID photos, stamped receipts), kept in the uploads
//! directory. Names are ours — a prefix, 128 random bits in hex and an
//! extension — never the client's; a file is durable (written, synced,
//! renamed into place) before the database points to it; and nothing here
//! follows a name that is not a plain file name, whatever the database says.
//! One place for files is also the seam for an object store.

use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

/// Whether `name` is a plain file name of ours (no separator, no leading dot).
fn is_plain(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
}

/// A new random name: `<prefix><128 random bits in hex>.<extension>`.
pub fn new_name(prefix: &str, extension: &str) -> String {
    format!("{prefix}{:032x}.{extension}", rand::random::<u128>())
}

/// Stores `bytes` under a new random name (`<prefix><hex>.<extension>`) and
/// returns the name once the file is durable.
pub async fn put(
    dir: &Path,
    prefix: &str,
    extension: &str,
    bytes: Vec<u8>,
) -> std::io::Result<String> {
    let name = new_name(prefix, extension);
    let dir = dir.to_owned();
    let file_name = name.clone();
    tokio::task::spawn_blocking(move || -> std::io::Result<()> {
        std::fs::create_dir_all(&dir)?;
        let tmp = dir.join(format!("{file_name}.tmp"));
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(&bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, dir.join(&file_name))
    })
    .await
    .map_err(std::io::Error::other)??;
    Ok(name)
}

/// The stored file's bytes; `None` when there is no such file (or the name is
/// not one of ours).
pub async fn get(dir: &Path, name: &str) -> std::io::Result<Option<Vec<u8>>> {
    let Some(path) = path_of(dir, name) else {
        return Ok(None);
    };
    match tokio::fs::read(path).await {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// [`get`] for blocking code (the licence signer, already off the runtime).
pub fn get_blocking(dir: &Path, name: &str) -> std::io::Result<Option<Vec<u8>>> {
    let Some(path) = path_of(dir, name) else {
        return Ok(None);
    };
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Removes a file the database no longer points to. A failure is logged, not
/// returned: the decision that made it unused stands.
pub async fn remove(dir: &Path, name: &str) {
    let Some(path) = path_of(dir, name) else {
        return;
    };
    if let Err(e) = tokio::fs::remove_file(path).await {
        if e.kind() != ErrorKind::NotFound {
            tracing::warn!(file = name, error = %e, "could not remove an unused upload");
        }
    }
}

fn path_of(dir: &Path, name: &str) -> Option<PathBuf> {
    if is_plain(name) {
        Some(dir.join(name))
    } else {
        tracing::error!(file = name, "stored upload name is not a plain file name");
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_file_put_is_read_back_and_removed() {
        let dir = std::env::temp_dir().join(format!("uploads-test-{:x}", rand::random::<u64>()));
        let name = put(&dir, "receipt-", "pdf", b"%PDF-1.4".to_vec())
            .await
            .unwrap();
        assert!(name.starts_with("receipt-") && name.ends_with(".pdf") && name.len() == 8 + 32 + 4);
        assert_eq!(
            get(&dir, &name).await.unwrap().as_deref(),
            Some(&b"%PDF-1.4"[..])
        );
        assert_eq!(
            get_blocking(&dir, &name).unwrap().as_deref(),
            Some(&b"%PDF-1.4"[..])
        );
        remove(&dir, &name).await;
        assert_eq!(get(&dir, &name).await.unwrap(), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[tokio::test]
    async fn names_that_are_not_plain_are_never_followed() {
        let dir = std::env::temp_dir();
        for name in ["", "../etc/passwd", ".hidden", "a/b.jpg", "a\\b.jpg"] {
            assert_eq!(get(&dir, name).await.unwrap(), None, "{name}");
            assert_eq!(get_blocking(&dir, name).unwrap(), None, "{name}");
        }
    }
}
