//! Every cookie the server sets, named and shaped in this one place.
//!
//! Over plain HTTP (the run command on loopback, the tests) the cookies are
//! as they always were. When users reach the portal over HTTPS
//! (`PORTAL_PUBLIC_URL=https://…`) every cookie is `Secure` and its name
//! carries the `__Host-` prefix: browsers then accept it only from a secure
//! origin, without a `Domain` (no sibling subdomain can plant or overwrite
//! it) and with `Path=/`, which the prefix requires, so the two cookies that
//! are otherwise scoped to their API (authority session, recovery proof)
//! are scoped by name only there. Requests are read under the name in force.

use axum::http::header::COOKIE;
use axum::http::{HeaderMap, HeaderValue};
use cookie::SameSite;

use crate::error::{AppError, AppResult};

/// The cookies of the portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cookie {
    /// Practitioners' and institution administrators' session.
    Session,
    /// The health authority's session.
    AuthoritySession,
    /// The latest password-recovery proof of this browser.
    RecoveryProof,
}

impl Cookie {
    /// (plain name, HTTPS name, `SameSite`, path over plain HTTP)
    fn shape(self) -> (&'static str, &'static str, SameSite, &'static str) {
        match self {
            Cookie::Session => (
                "portal_session",
                "__Host-portal_session",
                SameSite::Lax,
                "/",
            ),
            // Strict: the authority's actions are never reached from a link.
            Cookie::AuthoritySession => (
                "authority_session",
                "__Host-authority_session",
                SameSite::Strict,
                "/api/v1/authority",
            ),
            Cookie::RecoveryProof => (
                "recovery_proof",
                "__Host-recovery_proof",
                SameSite::Strict,
                "/api/v1/recovery",
            ),
        }
    }
}

/// The cookies as one deployment names them (`Config::cookies`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cookies {
    https: bool,
}

impl Cookies {
    /// Plain (`false`) or `Secure` with `__Host-` names (`true`).
    pub fn new(https: bool) -> Cookies {
        Cookies { https }
    }

    /// The cookie's name in force.
    pub fn name(self, cookie: Cookie) -> &'static str {
        let (plain, secure, _, _) = cookie.shape();
        if self.https {
            secure
        } else {
            plain
        }
    }

    /// The `Set-Cookie` value that stores `value` (HttpOnly: no script
    /// reads it), for `max_age` seconds or the browser's session.
    pub fn set(self, cookie: Cookie, value: &str, max_age: Option<i64>) -> AppResult<HeaderValue> {
        let (_, _, same_site, path) = cookie.shape();
        let mut built = cookie::Cookie::build((self.name(cookie), value))
            .http_only(true)
            .same_site(same_site)
            .path(if self.https { "/" } else { path });
        if let Some(secs) = max_age {
            built = built.max_age(cookie::time::Duration::seconds(secs));
        }
        let mut text = built.to_string();
        // `Secure` last, where the portal has always put it (the cookie
        // crate writes it before `Path`; browsers read either).
        if self.https {
            text.push_str("; Secure");
        }
        HeaderValue::from_str(&text).map_err(|e| AppError::Internal(format!("cookie: {e}")))
    }

    /// The `Set-Cookie` value that removes the cookie.
    pub fn clear(self, cookie: Cookie) -> HeaderValue {
        self.set(cookie, "", Some(0))
            .expect("an empty cookie is a valid header value")
    }

    /// The cookie's value in the request, if any and not empty.
    pub fn read(self, cookie: Cookie, headers: &HeaderMap) -> Option<String> {
        let name = self.name(cookie);
        headers
            .get_all(COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(cookie::Cookie::split_parse)
            .filter_map(Result::ok)
            .find(|c| c.name() == name)
            .map(|c| c.value().to_owned())
            .filter(|v| !v.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_keeps_the_old_cookies() {
        let c = Cookies::new(false);
        assert_eq!(
            c.set(Cookie::Session, "t", None).unwrap(),
            "portal_session=t; HttpOnly; SameSite=Lax; Path=/"
        );
        assert_eq!(
            c.clear(Cookie::AuthoritySession),
            "authority_session=; HttpOnly; SameSite=Strict; Path=/api/v1/authority; Max-Age=0"
        );
        assert_eq!(
            c.set(Cookie::RecoveryProof, "p", Some(900)).unwrap(),
            "recovery_proof=p; HttpOnly; SameSite=Strict; Path=/api/v1/recovery; Max-Age=900"
        );
    }

    #[test]
    fn https_cookies_are_host_prefixed_and_secure() {
        let c = Cookies::new(true);
        for cookie in [
            Cookie::Session,
            Cookie::AuthoritySession,
            Cookie::RecoveryProof,
        ] {
            let set = c.set(cookie, "t", None).unwrap();
            let set = set.to_str().unwrap();
            assert!(set.starts_with("__Host-"), "{set}");
            assert!(
                set.ends_with("; Secure") && set.contains("; Path=/;"),
                "{set}"
            );
            assert!(!set.contains("Domain"), "{set}");
            let clear = c.clear(cookie);
            assert!(clear.to_str().unwrap().starts_with("__Host-"));
        }
        let mut headers = HeaderMap::new();
        headers.insert(
            COOKIE,
            HeaderValue::from_static("portal_session=old; __Host-portal_session=new"),
        );
        assert_eq!(c.read(Cookie::Session, &headers).as_deref(), Some("new"));
        assert_eq!(
            Cookies::new(false)
                .read(Cookie::Session, &headers)
                .as_deref(),
            Some("old")
        );
    }

    #[test]
    fn reading_skips_other_and_empty_cookies() {
        let c = Cookies::new(false);
        let mut headers = HeaderMap::new();
        headers.append(
            COOKIE,
            HeaderValue::from_static("theme=dark;portal_session="),
        );
        headers.append(COOKIE, HeaderValue::from_static("x=1; recovery_proof= p1 "));
        assert_eq!(c.read(Cookie::Session, &headers), None);
        assert_eq!(
            c.read(Cookie::RecoveryProof, &headers).as_deref(),
            Some("p1")
        );
        assert_eq!(c.read(Cookie::AuthoritySession, &headers), None);
    }
}
