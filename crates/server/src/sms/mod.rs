//! Text messages through Tencent Cloud SMS (API 3.0 `SendSms`, version
//! 2021-01-11), signed with [`tc3`]. Configured by environment variables:
//!
//! | variable | meaning |
//! |---|---|
//! | `PORTAL_SMS_PROVIDER` | `tencent` (unset: no SMS gateway) |
//! | `PORTAL_SMS_SECRET_ID`, `PORTAL_SMS_SECRET_KEY` | the API key pair |
//! | `PORTAL_SMS_SDK_APP_ID` | the SMS application (`SmsSdkAppId`) |
//! | `PORTAL_SMS_SIGN_NAME` | the approved signature (签名), e.g. `电子证照` |
//! | `PORTAL_SMS_TEMPLATES` | approved template ids per message kind: `code=123456,contact_changed=…` |
//! | `PORTAL_SMS_REGION` | default `ap-guangzhou` |
//! | `PORTAL_SMS_ENDPOINT` | default `https://sms.tencentcloudapi.com` |
//!
//! Providers in China send only approved templates: each message names its
//! kind ([`crate::notify::Template`]) and its parameters; a kind without a
//! configured template id fails (permanently, with that reason) instead of
//! sending free text. Neither the number nor the parameters are logged.

pub mod tc3;

use std::collections::BTreeMap;

use serde_json::json;

use crate::notify::{Channel, Failure, Message, Notifier, SendFuture};

/// Tencent Cloud SMS settings.
#[derive(Clone)]
pub struct SmsConfig {
    /// `SecretId`.
    pub secret_id: String,
    /// `SecretKey` (never printed).
    pub secret_key: String,
    /// `SmsSdkAppId`.
    pub sdk_app_id: String,
    /// `SignName`.
    pub sign_name: String,
    /// Template id per template name.
    pub templates: BTreeMap<String, String>,
    /// `X-TC-Region`.
    pub region: String,
    /// Base URL of the API.
    pub endpoint: String,
}

impl std::fmt::Debug for SmsConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmsConfig")
            .field("secret_id", &self.secret_id)
            .field("sdk_app_id", &self.sdk_app_id)
            .field("sign_name", &self.sign_name)
            .field("templates", &self.templates)
            .field("region", &self.region)
            .field("endpoint", &self.endpoint)
            .finish_non_exhaustive()
    }
}

impl SmsConfig {
    /// Reads `PORTAL_SMS_*`; `Ok(None)` without a provider; an error names
    /// the variable and why.
    pub fn from_lookup(
        get: &impl Fn(&str) -> Option<String>,
    ) -> Result<Option<SmsConfig>, (&'static str, String)> {
        let value = |var: &str| {
            get(var)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        match value("PORTAL_SMS_PROVIDER").as_deref() {
            None => return Ok(None),
            Some("tencent") => {}
            Some(other) => {
                return Err((
                    "PORTAL_SMS_PROVIDER",
                    format!("{other:?}: only \"tencent\" is supported"),
                ))
            }
        }
        let required = |var: &'static str| {
            value(var).ok_or((var, "required with PORTAL_SMS_PROVIDER".to_owned()))
        };
        let mut templates = BTreeMap::new();
        for pair in required("PORTAL_SMS_TEMPLATES")?.split(',') {
            let Some((name, id)) = pair.split_once('=') else {
                return Err((
                    "PORTAL_SMS_TEMPLATES",
                    format!("{pair:?} is not name=template_id"),
                ));
            };
            templates.insert(name.trim().to_owned(), id.trim().to_owned());
        }
        let endpoint = value("PORTAL_SMS_ENDPOINT")
            .unwrap_or_else(|| "https://sms.tencentcloudapi.com".into());
        host_of(&endpoint).ok_or((
            "PORTAL_SMS_ENDPOINT",
            "expected http(s)://host[:port]".to_owned(),
        ))?;
        Ok(Some(SmsConfig {
            secret_id: required("PORTAL_SMS_SECRET_ID")?,
            secret_key: required("PORTAL_SMS_SECRET_KEY")?,
            sdk_app_id: required("PORTAL_SMS_SDK_APP_ID")?,
            sign_name: required("PORTAL_SMS_SIGN_NAME")?,
            templates,
            region: value("PORTAL_SMS_REGION").unwrap_or_else(|| "ap-guangzhou".into()),
            endpoint,
        }))
    }
}

/// `host[:port]` of an `http(s)://host[:port][/]` URL: the `Host` header
/// the signature covers.
fn host_of(endpoint: &str) -> Option<String> {
    let rest = endpoint
        .strip_prefix("https://")
        .or_else(|| endpoint.strip_prefix("http://"))?;
    let host = rest.strip_suffix('/').unwrap_or(rest);
    (!host.is_empty() && !host.contains(['/', '@', '?', '#'])).then(|| host.to_owned())
}

/// The Tencent Cloud SMS notifier.
pub struct Tencent {
    config: SmsConfig,
    host: String,
    client: reqwest::Client,
    clock: std::sync::Arc<crate::Clock>,
}

impl Tencent {
    /// A notifier with `config`, signing with `clock`'s time.
    pub fn new(config: SmsConfig, clock: std::sync::Arc<crate::Clock>) -> Tencent {
        let host = host_of(&config.endpoint).unwrap_or_default();
        let client = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .unwrap_or_default();
        Tencent {
            config,
            host,
            client,
            clock,
        }
    }

    async fn send_sms(&self, msg: Message) -> Result<(), Failure> {
        let template_id = self.config.templates.get(&msg.template).ok_or_else(|| {
            Failure::Permanent(format!("no SMS template configured for {:?}", msg.template))
        })?;
        // Mainland numbers are stored as 11 digits; the API wants E.164.
        let phone = if msg.to.starts_with('+') {
            msg.to.clone()
        } else {
            format!("+86{}", msg.to)
        };
        let payload = json!({
            "PhoneNumberSet": [phone],
            "SmsSdkAppId": self.config.sdk_app_id,
            "SignName": self.config.sign_name,
            "TemplateId": template_id,
            "TemplateParamSet": msg.params,
            "SessionContext": msg.key,
        })
        .to_string();
        const CONTENT_TYPE: &str = "application/json; charset=utf-8";
        let timestamp = self.clock.now();
        let signed = tc3::sign(
            &self.config.secret_id,
            &self.config.secret_key,
            &tc3::Request {
                service: "sms",
                host: &self.host,
                content_type: CONTENT_TYPE,
                payload: payload.as_bytes(),
                timestamp,
            },
        );
        let resp = self
            .client
            .post(&self.config.endpoint)
            .header("Host", &self.host)
            .header("Content-Type", CONTENT_TYPE)
            .header("Authorization", signed.authorization)
            .header("X-TC-Action", "SendSms")
            .header("X-TC-Version", "2021-01-11")
            .header("X-TC-Region", &self.config.region)
            .header("X-TC-Timestamp", timestamp.to_string())
            .body(payload)
            .send()
            .await
            .map_err(|e| Failure::Transient(format!("sms: {}", without_url(&e))))?;
        let status = resp.status();
        let body: serde_json::Value = resp
            .json()
            .await
            .map_err(|e| Failure::Transient(format!("sms: HTTP {status}: {}", without_url(&e))))?;
        outcome(&body["Response"])
    }
}

/// The error without the request URL (reqwest's display includes it).
fn without_url(e: &reqwest::Error) -> String {
    let mut text = e.to_string();
    if let Some(url) = e.url() {
        text = text.replace(url.as_str(), "<endpoint>");
    }
    text
}

/// The outcome of a `SendSms` answer: an API error (`Response.Error`) or the
/// status of our one number (`Response.SendStatusSet[0].Code`, `Ok` when
/// accepted). Throttling and internal errors are worth retrying; the rest
/// (signature, template, number, balance) are not.
pub fn outcome(response: &serde_json::Value) -> Result<(), Failure> {
    let (code, message) = match response.get("Error") {
        Some(e) => (e["Code"].as_str(), e["Message"].as_str()),
        None => {
            let status = &response["SendStatusSet"][0];
            (status["Code"].as_str(), status["Message"].as_str())
        }
    };
    match code {
        Some("Ok") => Ok(()),
        Some(code) => {
            let reason = format!("sms: {code}: {}", message.unwrap_or(""));
            let transient = ["LimitExceeded", "RequestLimitExceeded", "InternalError"]
                .iter()
                .any(|p| code.starts_with(p));
            Err(if transient {
                Failure::Transient(reason)
            } else {
                Failure::Permanent(reason)
            })
        }
        None => Err(Failure::Transient("sms: unexpected answer".into())),
    }
}

impl Notifier for Tencent {
    fn send(&self, msg: Message) -> SendFuture<'_> {
        Box::pin(async move {
            if msg.channel != Channel::Sms {
                return Err(Failure::Permanent("not a text message".into()));
            }
            self.send_sms(msg).await?;
            tracing::info!("sms accepted by the provider");
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers() {
        let ok =
            json!({"SendStatusSet": [{"Code": "Ok", "Message": "send success"}], "RequestId": "x"});
        assert_eq!(outcome(&ok), Ok(()));
        let throttled = json!({"SendStatusSet": [{"Code": "LimitExceeded.PhoneNumberDailyLimit", "Message": "limit"}]});
        assert!(matches!(outcome(&throttled), Err(Failure::Transient(_))));
        let auth = json!({"Error": {"Code": "AuthFailure.SignatureFailure", "Message": "bad"}});
        assert!(matches!(outcome(&auth), Err(Failure::Permanent(_))));
    }

    #[test]
    fn configuration() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert!(SmsConfig::from_lookup(&env(&[])).unwrap().is_none());
        let err = SmsConfig::from_lookup(&env(&[("PORTAL_SMS_PROVIDER", "aliyun")])).unwrap_err();
        assert_eq!(err.0, "PORTAL_SMS_PROVIDER");
        let err = SmsConfig::from_lookup(&env(&[
            ("PORTAL_SMS_PROVIDER", "tencent"),
            ("PORTAL_SMS_TEMPLATES", "code=1"),
        ]))
        .unwrap_err();
        assert_eq!(err.0, "PORTAL_SMS_SECRET_ID");
        let ok = SmsConfig::from_lookup(&env(&[
            ("PORTAL_SMS_PROVIDER", "tencent"),
            ("PORTAL_SMS_TEMPLATES", "code=1, contact_changed = 2"),
            ("PORTAL_SMS_SECRET_ID", "id"),
            ("PORTAL_SMS_SECRET_KEY", "s3cr3t"),
            ("PORTAL_SMS_SDK_APP_ID", "1400000000"),
            ("PORTAL_SMS_SIGN_NAME", "电子证照"),
        ]))
        .unwrap()
        .unwrap();
        assert_eq!(ok.templates["contact_changed"], "2");
        assert_eq!(host_of(&ok.endpoint).unwrap(), "sms.tencentcloudapi.com");
        assert!(!format!("{ok:?}").contains("s3cr3t"));
        assert_eq!(host_of("http://127.0.0.1:8080/").unwrap(), "127.0.0.1:8080");
    }
}
