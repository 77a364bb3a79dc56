//! Run-time configuration, read once from the environment at start-up.

use std::net::SocketAddr;
use std::path::PathBuf;

/// Everything the server needs to know about its surroundings.
#[derive(Debug, Clone)]
pub struct Config {
    /// Listening address (`PORTAL_ADDR`).
    pub addr: SocketAddr,
    /// The database (`PORTAL_DB`): an SQLite file path (or `sqlite:` URL),
    /// or a `postgres://` URL.
    pub db: crate::store::DbUrl,
    /// Migrate the database at start (`PORTAL_MIGRATE`, default on); off,
    /// the server only checks that the schema is current (a deployment
    /// where one job runs `server migrate`).
    pub migrate: bool,
    /// Directory of the built SPA (`PORTAL_DIST`).
    pub dist: PathBuf,
    /// Demo mode (`PORTAL_DEMO=1`): seeds demo data into an empty database
    /// and enables the `/api/dev` routes (outbox).
    pub demo: bool,
    /// Where uploaded ID photos and receipts are stored (`PORTAL_UPLOADS`),
    /// unless `s3` is set.
    pub uploads: PathBuf,
    /// The S3-compatible bucket of the uploads (`PORTAL_S3_*`), shared by
    /// every server; `None`: the local directory `uploads`.
    pub s3: Option<crate::uploads::s3::S3Config>,
    /// SMTP relay for notifications (`PORTAL_SMTP_URL`, e.g.
    /// `smtp://localhost:2525`); without it messages go to the dev outbox only.
    pub smtp_url: Option<String>,
    /// Sender address of notification emails (`PORTAL_SMTP_FROM`).
    pub smtp_from: String,
    /// Domain of the emails' `Message-ID` (`PORTAL_MAIL_DOMAIN`; default
    /// the domain of `PORTAL_SMTP_FROM`).
    pub mail_domain: Option<String>,
    /// Delivery workers of this server (`PORTAL_OUTBOX_WORKERS`, default 2;
    /// 0: this server only queues, others deliver).
    pub outbox_workers: usize,
    /// Wait after a failed delivery, doubling after each
    /// (`PORTAL_OUTBOX_RETRY_SECS`, default 30).
    pub outbox_retry_secs: i64,
    /// Tencent Cloud SMS (`PORTAL_SMS_*`); without it SMS go to the demo
    /// outbox (demo mode) or fail as undeliverable.
    pub sms: Option<crate::sms::SmsConfig>,
    /// Seed of the Ed25519 key that signs e-licenses (`PORTAL_SIGNING_KEY`,
    /// standard base64 of 32 bytes). Unset: demo mode generates one and keeps
    /// it in the database; otherwise no e-license is issued.
    pub signing_key: Option<crate::license::SigningSeed>,
    /// Demo mode only (`PORTAL_DEMO_STAFF=N`): seeding also generates a
    /// hospital of N staff (`server generate-institution`), administrator
    /// `admin_big`, for the browser tests and the bench.
    pub demo_staff: Option<u32>,
    /// Reverse proxies whose `X-Forwarded-For` names the client
    /// (`PORTAL_TRUSTED_PROXIES`: comma-separated addresses or CIDR ranges);
    /// empty: the client is the connection's peer.
    pub trusted_proxies: crate::proxies::TrustedProxies,
    /// The address users reach the portal at (`PORTAL_PUBLIC_URL`, e.g.
    /// `https://portal.example.cn`); `https://` makes every cookie
    /// `Secure` with a `__Host-` name and sends HSTS.
    pub public_url: Option<String>,
}

/// A configuration value that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("invalid {var}: {reason}")]
pub struct ConfigError {
    var: &'static str,
    reason: String,
}

impl Config {
    /// Reads the configuration from the process environment.
    pub fn from_env() -> Result<Config, ConfigError> {
        Config::from_lookup(|k| std::env::var(k).ok())
    }

    /// Reads the configuration through `get`, so tests need not touch the
    /// process environment.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let addr_text = get("PORTAL_ADDR").unwrap_or_else(|| "127.0.0.1:8080".into());
        let addr = addr_text.parse().map_err(|e| ConfigError {
            var: "PORTAL_ADDR",
            reason: format!("{addr_text:?}: {e}"),
        })?;
        let demo = flag(&get, "PORTAL_DEMO", false)?;
        let migrate = flag(&get, "PORTAL_MIGRATE", true)?;
        let db_text = get("PORTAL_DB").unwrap_or_else(|| "data/portal.db".into());
        let db = crate::store::DbUrl::parse(&db_text).map_err(|reason| ConfigError {
            var: "PORTAL_DB",
            reason,
        })?;
        let signing_key = match get("PORTAL_SIGNING_KEY").filter(|s| !s.trim().is_empty()) {
            None => None,
            Some(text) => {
                use base64::Engine;
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(text.trim())
                    .unwrap_or_default();
                Some(crate::license::SigningSeed(bytes.try_into().map_err(
                    |_| ConfigError {
                        var: "PORTAL_SIGNING_KEY",
                        reason: "not the standard base64 of 32 bytes".into(),
                    },
                )?))
            }
        };
        let demo_staff = match get("PORTAL_DEMO_STAFF").as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => Some(
                text.parse::<u32>()
                    .ok()
                    .filter(|n| (1..=100_000).contains(n))
                    .ok_or_else(|| ConfigError {
                        var: "PORTAL_DEMO_STAFF",
                        reason: format!("{text:?} is not a number of staff from 1 to 100000"),
                    })?,
            ),
        };
        let trusted_proxies = crate::proxies::TrustedProxies::parse(
            &get("PORTAL_TRUSTED_PROXIES").unwrap_or_default(),
        )
        .map_err(|reason| ConfigError {
            var: "PORTAL_TRUSTED_PROXIES",
            reason,
        })?;
        let public_url = match get("PORTAL_PUBLIC_URL").as_deref().map(str::trim) {
            None | Some("") => None,
            Some(url) if url.starts_with("https://") || url.starts_with("http://") => {
                Some(url.trim_end_matches('/').to_owned())
            }
            Some(other) => {
                return Err(ConfigError {
                    var: "PORTAL_PUBLIC_URL",
                    reason: format!("{other:?} does not start with https:// or http://"),
                })
            }
        };
        Ok(Config {
            trusted_proxies,
            public_url,
            demo_staff,
            addr,
            signing_key,
            db,
            migrate,
            dist: get("PORTAL_DIST").unwrap_or_else(|| "dist".into()).into(),
            demo,
            uploads: get("PORTAL_UPLOADS")
                .unwrap_or_else(|| "data/uploads".into())
                .into(),
            smtp_url: get("PORTAL_SMTP_URL").filter(|s| !s.trim().is_empty()),
            smtp_from: get("PORTAL_SMTP_FROM").unwrap_or_else(|| "portal@localhost".into()),
            mail_domain: get("PORTAL_MAIL_DOMAIN").filter(|s| !s.trim().is_empty()),
            outbox_workers: number(&get, "PORTAL_OUTBOX_WORKERS", 2, 0..=64)? as usize,
            outbox_retry_secs: number(&get, "PORTAL_OUTBOX_RETRY_SECS", 30, 0..=3600)?,
            sms: crate::sms::SmsConfig::from_lookup(&get)
                .map_err(|(var, reason)| ConfigError { var, reason })?,
            s3: crate::uploads::s3::S3Config::from_lookup(&get)
                .map_err(|(var, reason)| ConfigError { var, reason })?,
        })
    }
}

impl Config {
    /// Whether users reach the portal over HTTPS (`PORTAL_PUBLIC_URL`):
    /// cookies are then `Secure` and HSTS is sent.
    pub fn https(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|url| url.starts_with("https://"))
    }

    /// The cookies as this deployment names them.
    pub fn cookies(&self) -> crate::cookies::Cookies {
        crate::cookies::Cookies::new(self.https())
    }
}

/// A whole number in `range` (empty or unset: `default`).
fn number(
    get: &impl Fn(&str) -> Option<String>,
    var: &'static str,
    default: i64,
    range: std::ops::RangeInclusive<i64>,
) -> Result<i64, ConfigError> {
    match get(var).as_deref().map(str::trim) {
        None | Some("") => Ok(default),
        Some(text) => text
            .parse::<i64>()
            .ok()
            .filter(|n| range.contains(n))
            .ok_or_else(|| ConfigError {
                var,
                reason: format!(
                    "{text:?} is not a whole number from {} to {}",
                    range.start(),
                    range.end()
                ),
            }),
    }
}

/// A yes/no variable: `1`/`true` or `0`/`false` (empty or unset: `default`).
fn flag(
    get: &impl Fn(&str) -> Option<String>,
    var: &'static str,
    default: bool,
) -> Result<bool, ConfigError> {
    match get(var).as_deref().map(str::trim) {
        None | Some("") => Ok(default),
        Some("0") | Some("false") => Ok(false),
        Some("1") | Some("true") => Ok(true),
        Some(other) => Err(ConfigError {
            var,
            reason: format!("{other:?} is neither 1 nor 0"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(move |k| vars.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone()))
    }

    #[test]
    fn trusted_proxies_are_read_and_bad_entries_named() {
        let config = with(&[("PORTAL_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8")]).unwrap();
        assert!(config.trusted_proxies.trusts("10.9.8.7".parse().unwrap()));
        assert!(!config
            .trusted_proxies
            .trusts("192.168.0.1".parse().unwrap()));
        assert!(!with(&[])
            .unwrap()
            .trusted_proxies
            .trusts("127.0.0.1".parse().unwrap()));
        let e = with(&[("PORTAL_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/99")])
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("PORTAL_TRUSTED_PROXIES") && e.contains("10.0.0.0/99"),
            "{e}"
        );
    }

    #[test]
    fn https_public_url_secures_cookies() {
        assert!(!with(&[]).unwrap().https());
        assert!(!with(&[("PORTAL_PUBLIC_URL", "http://127.0.0.1:8080")])
            .unwrap()
            .https());
        let config = with(&[("PORTAL_PUBLIC_URL", "https://portal.example.cn/")]).unwrap();
        assert!(config.https());
        assert_eq!(
            config.public_url.as_deref(),
            Some("https://portal.example.cn")
        );
        let e = with(&[("PORTAL_PUBLIC_URL", "portal.example.cn")])
            .unwrap_err()
            .to_string();
        assert!(e.contains("PORTAL_PUBLIC_URL"), "{e}");
    }
}
