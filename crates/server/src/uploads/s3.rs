//! The S3-compatible backend of the uploads store (AWS S3, MinIO, Ceph RGW,
//! Aliyun OSS, Tencent COS), through the `object_store` crate, configured
//! by `PORTAL_S3_*`. Several servers share one bucket, so a photo uploaded
//! through one is served, reviewed and signed by any other.

use std::sync::Arc;
use std::time::Duration;

use object_store::aws::AmazonS3Builder;
use object_store::path::Path as ObjectPath;
use object_store::{ClientOptions, ObjectStore, RetryConfig};

/// `PORTAL_S3_*`: where the uploads live when they are not on local disk.
#[derive(Clone, PartialEq, Eq)]
pub struct S3Config {
    /// `PORTAL_S3_BUCKET` (its presence selects this backend).
    pub bucket: String,
    /// `PORTAL_S3_ENDPOINT` (`http(s)://host[:port]`); unset: AWS's endpoint
    /// of the region.
    pub endpoint: Option<String>,
    /// `PORTAL_S3_REGION` (default `us-east-1`, what MinIO and Ceph expect).
    pub region: String,
    /// `PORTAL_S3_ACCESS_KEY_ID`; with the secret below, or neither (then
    /// the usual AWS sources: web identity, container or instance role).
    pub access_key_id: Option<String>,
    /// `PORTAL_S3_SECRET_ACCESS_KEY` (never printed).
    pub secret_access_key: Option<String>,
    /// `PORTAL_S3_PATH_STYLE` (default true): `endpoint/bucket/key` as MinIO
    /// and Ceph need; false: `bucket.endpoint/key` (virtual-hosted).
    pub path_style: bool,
    /// `PORTAL_S3_PREFIX`: the folder of the bucket the uploads go to
    /// (plain segments separated by `/`), empty for the bucket's root.
    pub prefix: String,
}

impl std::fmt::Debug for S3Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Config")
            .field("bucket", &self.bucket)
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .field("access_key_id", &self.access_key_id)
            .field("path_style", &self.path_style)
            .field("prefix", &self.prefix)
            .finish_non_exhaustive()
    }
}

/// Every variable of this backend, so that one set without the bucket is
/// reported instead of silently leaving photos on local disk.
const VARS: [&str; 7] = [
    "PORTAL_S3_BUCKET",
    "PORTAL_S3_ENDPOINT",
    "PORTAL_S3_REGION",
    "PORTAL_S3_ACCESS_KEY_ID",
    "PORTAL_S3_SECRET_ACCESS_KEY",
    "PORTAL_S3_PATH_STYLE",
    "PORTAL_S3_PREFIX",
];

impl S3Config {
    /// Reads `PORTAL_S3_*`: `Ok(None)` without a bucket (local directory);
    /// an error names the variable and why.
    pub fn from_lookup(
        get: &impl Fn(&str) -> Option<String>,
    ) -> Result<Option<S3Config>, (&'static str, String)> {
        let value = |var: &str| {
            get(var)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let Some(bucket) = value("PORTAL_S3_BUCKET") else {
            return match VARS[1..].iter().find(|var| value(var).is_some()) {
                Some(var) => Err((var, "set without PORTAL_S3_BUCKET".into())),
                None => Ok(None),
            };
        };
        if !is_bucket_name(&bucket) {
            return Err((
                "PORTAL_S3_BUCKET",
                format!(
                    "{bucket:?} is not a bucket name (3 to 63 lowercase letters, digits, dots \
                     and hyphens, starting and ending with a letter or digit)"
                ),
            ));
        }
        let endpoint = match value("PORTAL_S3_ENDPOINT") {
            None => None,
            Some(text) => {
                let rest = text
                    .strip_prefix("https://")
                    .or_else(|| text.strip_prefix("http://"));
                match rest {
                    Some(host) if !host.is_empty() && !host.contains(char::is_whitespace) => {
                        Some(text.trim_end_matches('/').to_owned())
                    }
                    _ => {
                        return Err((
                            "PORTAL_S3_ENDPOINT",
                            format!("{text:?} is not an http:// or https:// address"),
                        ))
                    }
                }
            }
        };
        let access_key_id = value("PORTAL_S3_ACCESS_KEY_ID");
        let secret_access_key = value("PORTAL_S3_SECRET_ACCESS_KEY");
        match (&access_key_id, &secret_access_key) {
            (Some(_), None) => {
                return Err((
                    "PORTAL_S3_SECRET_ACCESS_KEY",
                    "required with PORTAL_S3_ACCESS_KEY_ID".into(),
                ))
            }
            (None, Some(_)) => {
                return Err((
                    "PORTAL_S3_ACCESS_KEY_ID",
                    "required with PORTAL_S3_SECRET_ACCESS_KEY".into(),
                ))
            }
            _ => {}
        }
        let path_style = match value("PORTAL_S3_PATH_STYLE").as_deref() {
            None | Some("1") | Some("true") => true,
            Some("0") | Some("false") => false,
            Some(other) => {
                return Err((
                    "PORTAL_S3_PATH_STYLE",
                    format!("{other:?} is neither 1 nor 0"),
                ))
            }
        };
        let prefix = value("PORTAL_S3_PREFIX")
            .unwrap_or_default()
            .trim_matches('/')
            .to_owned();
        if !prefix.is_empty() && !prefix.split('/').all(is_plain_segment) {
            return Err((
                "PORTAL_S3_PREFIX",
                format!(
                    "{prefix:?} is not plain folder names (letters, digits, '.', '-', '_') \
                     separated by '/'"
                ),
            ));
        }
        Ok(Some(S3Config {
            bucket,
            endpoint,
            region: value("PORTAL_S3_REGION").unwrap_or_else(|| "us-east-1".into()),
            access_key_id,
            secret_access_key,
            path_style,
            prefix,
        }))
    }

    /// The client of the bucket. Requests fail fast (a photo request must
    /// not hang for minutes on an unreachable store): 10 s per request, 3
    /// retries within 15 s.
    pub fn connect(&self) -> Result<Arc<dyn ObjectStore>, String> {
        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(&self.bucket)
            .with_region(&self.region)
            .with_virtual_hosted_style_request(!self.path_style)
            .with_client_options(
                ClientOptions::new()
                    .with_timeout(Duration::from_secs(10))
                    .with_connect_timeout(Duration::from_secs(3)),
            )
            .with_retry(RetryConfig {
                max_retries: 3,
                retry_timeout: Duration::from_secs(15),
                ..RetryConfig::default()
            });
        if let Some(endpoint) = &self.endpoint {
            // Plain http only when the operator wrote it (a loopback test
            // server, a store on a private network).
            builder = builder
                .with_endpoint(endpoint)
                .with_allow_http(endpoint.starts_with("http://"));
        }
        if let (Some(id), Some(secret)) = (&self.access_key_id, &self.secret_access_key) {
            builder = builder
                .with_access_key_id(id)
                .with_secret_access_key(secret);
        }
        Ok(Arc::new(builder.build().map_err(|e| e.to_string())?))
    }

    /// The object key of the upload `name` (a plain file name).
    pub fn key(&self, name: &str) -> ObjectPath {
        if self.prefix.is_empty() {
            ObjectPath::from(name)
        } else {
            ObjectPath::from(format!("{}/{name}", self.prefix))
        }
    }

    /// The folder listed for [`super::Store::names`].
    pub fn folder(&self) -> Option<ObjectPath> {
        (!self.prefix.is_empty()).then(|| ObjectPath::from(self.prefix.as_str()))
    }
}

/// S3's rules for a bucket name (the DNS-compatible ones every store accepts).
fn is_bucket_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    (3..=63).contains(&bytes.len())
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'.' || *b == b'-')
        && bytes[0].is_ascii_alphanumeric()
        && bytes[bytes.len() - 1].is_ascii_alphanumeric()
        && !name.contains("..")
}

fn is_plain_segment(segment: &str) -> bool {
    !segment.is_empty()
        && segment != "."
        && segment != ".."
        && segment
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(vars: &[(&str, &str)]) -> Result<Option<S3Config>, (&'static str, String)> {
        S3Config::from_lookup(&|k: &str| {
            vars.iter()
                .find(|(name, _)| *name == k)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn without_a_bucket_the_uploads_stay_local() {
        assert_eq!(read(&[]), Ok(None));
        assert_eq!(read(&[("PORTAL_S3_BUCKET", " ")]), Ok(None));
    }

    #[test]
    fn a_full_configuration_is_read_with_its_defaults() {
        let config = read(&[
            ("PORTAL_S3_BUCKET", "portal-photos"),
            ("PORTAL_S3_ENDPOINT", "http://127.0.0.1:9000/"),
            ("PORTAL_S3_ACCESS_KEY_ID", "id"),
            ("PORTAL_S3_SECRET_ACCESS_KEY", "secret"),
            ("PORTAL_S3_PREFIX", "/prod/uploads/"),
        ])
        .unwrap()
        .unwrap();
        assert_eq!(config.endpoint.as_deref(), Some("http://127.0.0.1:9000"));
        assert_eq!(config.region, "us-east-1");
        assert!(config.path_style);
        assert_eq!(config.prefix, "prod/uploads");
        assert_eq!(config.key("a.jpg").as_ref(), "prod/uploads/a.jpg");
        assert!(!format!("{config:?}").contains("secret"));
        config.connect().unwrap();
    }

    #[test]
    fn bad_combinations_name_their_variable() {
        let cases: [(&[(&str, &str)], &str); 8] = [
            (&[("PORTAL_S3_ENDPOINT", "http://x")], "PORTAL_S3_ENDPOINT"),
            (&[("PORTAL_S3_PREFIX", "p")], "PORTAL_S3_PREFIX"),
            (&[("PORTAL_S3_BUCKET", "Photos")], "PORTAL_S3_BUCKET"),
            (
                &[
                    ("PORTAL_S3_BUCKET", "b12"),
                    ("PORTAL_S3_ENDPOINT", "ftp://x"),
                ],
                "PORTAL_S3_ENDPOINT",
            ),
            (
                &[
                    ("PORTAL_S3_BUCKET", "b12"),
                    ("PORTAL_S3_ACCESS_KEY_ID", "id"),
                ],
                "PORTAL_S3_SECRET_ACCESS_KEY",
            ),
            (
                &[
                    ("PORTAL_S3_BUCKET", "b12"),
                    ("PORTAL_S3_SECRET_ACCESS_KEY", "s"),
                ],
                "PORTAL_S3_ACCESS_KEY_ID",
            ),
            (
                &[("PORTAL_S3_BUCKET", "b12"), ("PORTAL_S3_PATH_STYLE", "yes")],
                "PORTAL_S3_PATH_STYLE",
            ),
            (
                &[("PORTAL_S3_BUCKET", "b12"), ("PORTAL_S3_PREFIX", "a/../b")],
                "PORTAL_S3_PREFIX",
            ),
        ];
        for (vars, var) in cases {
            assert_eq!(read(vars).unwrap_err().0, var, "{vars:?}");
        }
    }
}
