//! The administrator-change procedure: the institution's request with the
//! stamped receipt, and the authority's decision.

use gloo_net::http::Request;
use rules::api::administrator_change::{
    AdministratorChange, LatestAdministratorChange, NewAdministratorChange,
    PendingAdministratorChange, RejectAdministratorChange,
};
use rules::api::authority::IssuedPassword;
use rules::Lang;

use super::{expect_json, post_empty, post_json, with_lang, ApiError, BASE};

/// Files the request; the receipt file is the body, the fields the query.
pub async fn file(
    req: &NewAdministratorChange,
    receipt: &web_sys::File,
    lang: Lang,
) -> Result<AdministratorChange, ApiError> {
    let enc = |s: &str| String::from(js_sys::encode_uri_component(s.trim()));
    let mut url = format!(
        "{BASE}/institution/administrator-change?name={}&username={}&phone={}",
        enc(&req.name),
        enc(&req.username),
        enc(&req.phone)
    );
    if let Some(email) = req.email.as_deref().filter(|e| !e.trim().is_empty()) {
        url.push_str(&format!("&email={}", enc(email)));
    }
    // The server reads the kind from the bytes; the type only has to be one
    // no HTML form can send.
    let kind = receipt.type_();
    let kind = if kind.starts_with("image/") {
        kind
    } else {
        "application/pdf".to_owned()
    };
    let request = with_lang(Request::post(&url), lang)
        .header("Content-Type", &kind)
        .body(wasm_bindgen::JsValue::from(receipt.clone()))
        .map_err(|_| ApiError::Server)?;
    expect_json(request.send().await).await
}

/// The institution's newest request.
pub async fn latest(lang: Lang) -> Result<LatestAdministratorChange, ApiError> {
    expect_json(
        with_lang(
            Request::get(&format!("{BASE}/institution/administrator-change")),
            lang,
        )
        .send()
        .await,
    )
    .await
}

/// The region's pending requests.
pub async fn pending(lang: Lang) -> Result<Vec<PendingAdministratorChange>, ApiError> {
    expect_json(
        with_lang(
            Request::get(&format!("{BASE}/authority/administrator-changes")),
            lang,
        )
        .send()
        .await,
    )
    .await
}

/// Approves a request: the new administrator's account is issued.
pub async fn approve(id: i64, lang: Lang) -> Result<IssuedPassword, ApiError> {
    post_json(
        &format!("/authority/administrator-changes/{id}/approve"),
        &(),
        lang,
    )
    .await
}

/// Rejects a request with a reason.
pub async fn reject(id: i64, reason: String, lang: Lang) -> Result<(), ApiError> {
    post_empty(
        &format!("/authority/administrator-changes/{id}/reject"),
        &RejectAdministratorChange { reason },
        lang,
    )
    .await
}
