//! Bodies of the authority's confirmation of deregistration cases
//! (`/api/v1/authority/deregistrations…`): the institution files a case, the
//! region's health authority (for the association) confirms or returns it.

use serde::{Deserialize, Serialize};

use super::DeregistrationState;
use crate::domain::PracticeStatus;

/// Longest return reason, in characters.
pub const MAX_RETURN_REASON_CHARS: usize = 500;

/// A case as the authority sees it: what it needs to decide, no more (no
/// identity number, no contact).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorityDeregistration {
    /// Case id.
    pub id: i64,
    /// The institution that filed it.
    pub institution: String,
    /// Its division code.
    pub division: String,
    /// Full name of the practitioner.
    pub name: String,
    /// The reason chosen by the institution, by its stable code (e.g.
    /// `zombie.physician.retired`; `ZombieReason::from_code` reads it): a
    /// plain string keeps the tagged enum's deserializer out of the
    /// authority's wasm.
    pub reason_code: String,
    /// The institution's note.
    pub note: String,
    /// Registry status when the case was filed.
    pub previous_status: Option<PracticeStatus>,
    /// Status the registry records on confirmation.
    pub outcome: PracticeStatus,
    /// When it was filed (Unix seconds).
    pub created_at: i64,
    /// Where it stands.
    pub state: DeregistrationState,
    /// Why it was returned (when returned).
    pub return_reason: Option<String>,
}

/// `POST /api/v1/authority/deregistrations/{id}/return`: refuse a case.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnDeregistrationRequest {
    /// Why (shown to the institution), 1 to 500 characters.
    pub reason: String,
}
