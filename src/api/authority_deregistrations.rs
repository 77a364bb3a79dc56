//! The authority's confirmation of deregistration cases.

use gloo_net::http::Request;
use rules::api::authority_deregistrations::{AuthorityDeregistration, ReturnDeregistrationRequest};
use rules::Lang;

use super::{expect_json, post_empty, with_lang, ApiError, BASE};

/// The region's cases waiting for a decision, oldest first.
pub async fn pending(lang: Lang) -> Result<Vec<AuthorityDeregistration>, ApiError> {
    expect_json(
        with_lang(
            Request::get(&format!("{BASE}/authority/deregistrations")),
            lang,
        )
        .send()
        .await,
    )
    .await
}

/// Confirms a case: the registry records its outcome. The answer's case
/// is not read: the page reloads its list (one deserializer less in the
/// wasm).
pub async fn confirm(id: i64, lang: Lang) -> Result<(), ApiError> {
    post_empty(
        &format!("/authority/deregistrations/{id}/confirm"),
        &(),
        lang,
    )
    .await
}

/// Returns a case to its institution with a reason.
pub async fn return_case(
    id: i64,
    req: &ReturnDeregistrationRequest,
    lang: Lang,
) -> Result<(), ApiError> {
    post_empty(
        &format!("/authority/deregistrations/{id}/return"),
        req,
        lang,
    )
    .await
}
