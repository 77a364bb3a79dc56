//! The administrator-change procedure: the institution's request with the
//! stamped receipt, and the authority's decision.

use std::borrow::Cow;

use rules::api::administrator_change::{
    AdministratorChange, LatestAdministratorChange, NewAdministratorChange,
    PendingAdministratorChange, RejectAdministratorChange,
};
use rules::api::authority::IssuedPassword;
use rules::Lang;

use super::call::{call, endpoints, Body, Endpoint, Json, Method, Reply};
use super::ApiError;

/// Files the request: the receipt file is the body, the fields the query.
pub struct FileAdministratorChange<'a> {
    /// The new administrator.
    pub req: &'a NewAdministratorChange,
    /// The stamped receipt, a PDF or an image.
    pub receipt: &'a web_sys::File,
}

impl Endpoint for FileAdministratorChange<'_> {
    const METHOD: Method = Method::POST;
    type Answer = Json<AdministratorChange>;

    fn path(&self) -> Cow<'static, str> {
        let enc = |s: &str| String::from(js_sys::encode_uri_component(s.trim()));
        let req = self.req;
        let mut path = format!(
            "/institution/administrator-change?name={}&username={}&phone={}",
            enc(&req.name),
            enc(&req.username),
            enc(&req.phone)
        );
        if let Some(email) = req.email.as_deref().filter(|e| !e.trim().is_empty()) {
            path.push_str(&format!("&email={}", enc(email)));
        }
        path.into()
    }

    fn body(&self) -> Result<Body, ApiError> {
        // The server reads the kind from the bytes; the type only has to be
        // one no HTML form can send.
        let kind = self.receipt.type_();
        let kind = if kind.starts_with("image/") {
            kind
        } else {
            "application/pdf".to_owned()
        };
        Ok(Body::Blob {
            value: self.receipt.into(),
            kind,
        })
    }
}

/// Files the request; the receipt file is the body, the fields the query.
pub fn file(
    req: &NewAdministratorChange,
    receipt: &web_sys::File,
    lang: Lang,
) -> Reply<AdministratorChange> {
    call(&FileAdministratorChange { req, receipt }, lang)
}

endpoints! {
    /// The institution's newest request.
    fn latest() = LatestChange:
        GET "/institution/administrator-change" => Json<LatestAdministratorChange>;

    /// The region's pending requests.
    fn pending() = PendingChanges:
        GET "/authority/administrator-changes" => Json<Vec<PendingAdministratorChange>>;

    /// Approves a request: the new administrator's account is issued.
    fn approve(id: i64) = ApproveChange:
        POST format!("/authority/administrator-changes/{id}/approve") => Json<IssuedPassword>;

    /// Rejects a request with a reason.
    struct RejectChange<'a> { id: i64, req: &'a RejectAdministratorChange }:
        POST format!("/authority/administrator-changes/{id}/reject") => (), body req;
}

/// Rejects a request with a reason.
pub fn reject(id: i64, reason: String, lang: Lang) -> Reply<()> {
    call(
        &RejectChange {
            id,
            req: &RejectAdministratorChange { reason },
        },
        lang,
    )
}
