//! The uploaded files (ID photos, stamped receipts), kept in the uploads
//! directory (default) or in an S3-compatible bucket ([`s3`],
//! `PORTAL_S3_BUCKET`), so that several servers can share them. Every read,
//! write and delete of an upload goes through [`Store`].
//!
//! Names are ours — a prefix, 128 random bits in hex and an extension —
//! never the client's; a file is durable (written, synced and renamed into
//! place; or acknowledged by the object store) before the database points to
//! it; and nothing here follows a name that is not a plain file name,
//! whatever the database says.

pub mod s3;

use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use object_store::{ObjectStore, PutPayload};

/// Largest object read back into memory. The stored photos and receipts are
/// re-encoded images of a few hundred kilobytes (their uploads are limited
/// to a few megabytes), so anything bigger is not one of ours.
pub const MAX_STORED_BYTES: u64 = 16 * 1024 * 1024;

/// Where the uploads live.
#[derive(Clone)]
pub struct Store(Backend);

#[derive(Clone)]
enum Backend {
    /// A directory of this machine (`PORTAL_UPLOADS`).
    Local(PathBuf),
    /// A bucket (`PORTAL_S3_*`).
    Object {
        store: Arc<dyn ObjectStore>,
        config: s3::S3Config,
    },
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            Backend::Local(dir) => f.debug_tuple("Local").field(dir).finish(),
            Backend::Object { config, .. } => f.debug_tuple("S3").field(config).finish(),
        }
    }
}

impl Store {
    /// The configured store: the bucket when `PORTAL_S3_BUCKET` is set, else
    /// the uploads directory (created here).
    pub fn open(config: &crate::Config) -> std::io::Result<Store> {
        match &config.s3 {
            Some(s3) => Store::s3(s3),
            None => Store::local(&config.uploads),
        }
    }

    /// The directory `dir` (created here).
    pub fn local(dir: &Path) -> std::io::Result<Store> {
        std::fs::create_dir_all(dir)?;
        Ok(Store(Backend::Local(dir.to_owned())))
    }

    /// The bucket of `config`. Nothing is asked of the server yet: a wrong
    /// endpoint or credentials show in the first request's error.
    pub fn s3(config: &s3::S3Config) -> std::io::Result<Store> {
        let store = config.connect().map_err(|e| {
            std::io::Error::new(ErrorKind::InvalidInput, format!("PORTAL_S3_*: {e}"))
        })?;
        Ok(Store(Backend::Object {
            store,
            config: config.clone(),
        }))
    }

    /// Stores `bytes` under a new random name (`<prefix><hex>.<extension>`)
    /// and returns the name once the file is durable.
    pub async fn put(
        &self,
        prefix: &str,
        extension: &str,
        bytes: Vec<u8>,
    ) -> std::io::Result<String> {
        let name = new_name(prefix, extension);
        match &self.0 {
            Backend::Local(dir) => {
                let dir = dir.clone();
                let file_name = name.clone();
                tokio::task::spawn_blocking(move || -> std::io::Result<()> {
                    let tmp = dir.join(format!("{file_name}.tmp"));
                    let mut f = std::fs::File::create(&tmp)?;
                    f.write_all(&bytes)?;
                    f.sync_all()?;
                    std::fs::rename(&tmp, dir.join(&file_name))
                })
                .await
                .map_err(std::io::Error::other)??;
            }
            // A PUT is atomic and durable once acknowledged: no temporary
            // name to rename.
            Backend::Object { store, config } => {
                store
                    .put(&config.key(&name), PutPayload::from(bytes))
                    .await
                    .map_err(std::io::Error::from)?;
            }
        }
        Ok(name)
    }

    /// Stores many generated files (the hospital generator): locally without
    /// the per-file fsync of [`Store::put`] — a generator can simply be run
    /// again.
    pub async fn put_generated(
        &self,
        prefix: &str,
        extension: &str,
        bytes: &[u8],
    ) -> std::io::Result<String> {
        match &self.0 {
            Backend::Local(dir) => {
                let name = new_name(prefix, extension);
                tokio::fs::write(dir.join(&name), bytes).await?;
                Ok(name)
            }
            Backend::Object { .. } => self.put(prefix, extension, bytes.to_vec()).await,
        }
    }

    /// The stored file's bytes; `None` when there is no such file (or the
    /// name is not one of ours, or it is too big to be ours).
    pub async fn get(&self, name: &str) -> std::io::Result<Option<Vec<u8>>> {
        if !checked(name) {
            return Ok(None);
        }
        match &self.0 {
            Backend::Local(dir) => {
                let path = dir.join(name);
                match tokio::fs::metadata(&path).await {
                    Ok(meta) if meta.len() > MAX_STORED_BYTES => return Ok(too_big(name)),
                    Ok(_) => {}
                    Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
                    Err(e) => return Err(e),
                }
                match tokio::fs::read(path).await {
                    Ok(bytes) => Ok(Some(bytes)),
                    Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
                    Err(e) => Err(e),
                }
            }
            Backend::Object { store, config } => {
                let result = match store.get(&config.key(name)).await {
                    Ok(result) => result,
                    Err(object_store::Error::NotFound { .. }) => return Ok(None),
                    Err(e) => return Err(e.into()),
                };
                // The size is known from the response's headers, before the
                // body is read.
                if result.meta.size > MAX_STORED_BYTES {
                    return Ok(too_big(name));
                }
                Ok(Some(
                    result.bytes().await.map_err(std::io::Error::from)?.to_vec(),
                ))
            }
        }
    }

    /// Removes a file the database no longer points to. A failure is logged,
    /// not returned: the decision that made it unused stands.
    pub async fn remove(&self, name: &str) {
        if !checked(name) {
            return;
        }
        let result = match &self.0 {
            Backend::Local(dir) => match tokio::fs::remove_file(dir.join(name)).await {
                Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
                other => other,
            },
            // S3 answers a DELETE of a missing key with success.
            Backend::Object { store, config } => match store.delete(&config.key(name)).await {
                Err(object_store::Error::NotFound { .. }) => Ok(()),
                other => other.map_err(std::io::Error::from),
            },
        };
        if let Err(e) = result {
            tracing::warn!(file = name, error = %e, "could not remove an unused upload");
        }
    }

    /// The names of the stored files, sorted (tests, operators' checks).
    pub async fn names(&self) -> std::io::Result<Vec<String>> {
        let mut names = match &self.0 {
            Backend::Local(dir) => {
                let mut names = Vec::new();
                let mut entries = tokio::fs::read_dir(dir).await?;
                while let Some(entry) = entries.next_entry().await? {
                    names.extend(entry.file_name().to_str().map(str::to_owned));
                }
                names
            }
            Backend::Object { store, config } => store
                .list_with_delimiter(config.folder().as_ref())
                .await
                .map_err(std::io::Error::from)?
                .objects
                .into_iter()
                .filter_map(|o| o.location.filename().map(str::to_owned))
                .collect(),
        };
        names.sort();
        Ok(names)
    }
}

/// The refusal of a request whose file the store could not read or write
/// (a bucket that does not answer, a full disk): 503 with what to do, in
/// the request's language, rather than a bare internal error.
pub fn unavailable(e: std::io::Error) -> crate::error::AppError {
    tracing::error!(error = %e, "uploads store unavailable");
    crate::error::AppError::rejected(
        axum::http::StatusCode::SERVICE_UNAVAILABLE,
        rules::api::ErrorCode::UploadsUnavailable,
        "照片和文件的存储暂时无法访问，请稍后再试。",
        "The storage of photos and files cannot be reached right now. Try again later.",
    )
}

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

fn checked(name: &str) -> bool {
    let plain = is_plain(name);
    if !plain {
        tracing::error!(file = name, "stored upload name is not a plain file name");
    }
    plain
}

fn too_big<T>(name: &str) -> Option<T> {
    tracing::error!(
        file = name,
        "stored upload is larger than any of ours: not read"
    );
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_file_put_is_read_back_and_removed() {
        let dir = std::env::temp_dir().join(format!("uploads-test-{:x}", rand::random::<u64>()));
        let store = Store::local(&dir).unwrap();
        let name = store
            .put("receipt-", "pdf", b"%PDF-1.4".to_vec())
            .await
            .unwrap();
        assert!(name.starts_with("receipt-") && name.ends_with(".pdf") && name.len() == 8 + 32 + 4);
        assert_eq!(
            store.get(&name).await.unwrap().as_deref(),
            Some(&b"%PDF-1.4"[..])
        );
        assert_eq!(store.names().await.unwrap(), vec![name.clone()]);
        store.remove(&name).await;
        assert_eq!(store.get(&name).await.unwrap(), None);
        // Removing twice is not an error.
        store.remove(&name).await;
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[tokio::test]
    async fn names_that_are_not_plain_are_never_followed() {
        let store = Store::local(&std::env::temp_dir()).unwrap();
        for name in ["", "../etc/passwd", ".hidden", "a/b.jpg", "a\\b.jpg"] {
            assert_eq!(store.get(name).await.unwrap(), None, "{name}");
        }
    }

    #[tokio::test]
    async fn a_file_bigger_than_any_of_ours_is_not_read() {
        let dir = std::env::temp_dir().join(format!("uploads-test-{:x}", rand::random::<u64>()));
        let store = Store::local(&dir).unwrap();
        let file = std::fs::File::create(dir.join("big.jpg")).unwrap();
        file.set_len(MAX_STORED_BYTES + 1).unwrap();
        assert_eq!(store.get("big.jpg").await.unwrap(), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
