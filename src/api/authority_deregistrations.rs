//! The authority's confirmation of deregistration cases.

use rules::api::authority_deregistrations::{AuthorityDeregistration, ReturnDeregistrationRequest};

use super::call::{endpoints, Json};

endpoints! {
    /// The region's cases waiting for a decision, oldest first.
    fn pending() = PendingDeregistrations:
        GET "/authority/deregistrations" => Json<Vec<AuthorityDeregistration>>;

    /// Confirms a case: the registry records its outcome. The answer's case
    /// is not read: the page reloads its list (one deserializer less in the
    /// wasm).
    fn confirm(id: i64) = ConfirmDeregistration:
        POST format!("/authority/deregistrations/{id}/confirm") => ();

    /// Returns a case to its institution with a reason.
    fn return_case<'a>(id: i64, req: &'a ReturnDeregistrationRequest) = ReturnDeregistration:
        POST format!("/authority/deregistrations/{id}/return") => (), body req;
}
