//! Bodies of the administrator-change procedure (issue 21): the institution
//! asks its health authority to replace its administrator person with the
//! receipt stamped with the unit's seal; the authority approves or rejects.

use serde::{Deserialize, Serialize};

/// Largest receipt upload: a scanned page as PDF or photo.
pub const RECEIPT_MAX_BYTES: usize = 5 * 1024 * 1024;

/// Where a request stands.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeStatus {
    /// Waiting for the authority.
    Pending,
    /// Approved: the new administrator's account is issued.
    Approved,
    /// Rejected, with a reason.
    Rejected,
}

crate::wire_codes!(ChangeStatus {
    Pending => "pending",
    Approved => "approved",
    Rejected => "rejected",
});

/// The query of `POST /api/v1/institution/administrator-change`, whose body
/// is the receipt itself (`application/pdf`, `image/jpeg` or `image/png`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAdministratorChange {
    /// The new administrator's name.
    pub name: String,
    /// The username the new administrator's account gets.
    pub username: String,
    /// The new administrator's mobile number (the one-time password goes there).
    pub phone: String,
    /// Optionally an email address that also receives it.
    #[serde(default)]
    pub email: Option<String>,
}

/// A request as the institution sees it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdministratorChange {
    /// Request id.
    pub id: i64,
    /// Where it stands.
    pub status: ChangeStatus,
    /// The new administrator's name.
    pub new_name: String,
    /// The username of the new account.
    pub new_username: String,
    /// The new administrator's phone, masked.
    pub phone_masked: String,
    /// Filed at (Unix seconds).
    pub requested_at: i64,
    /// Decided at (Unix seconds).
    pub decided_at: Option<i64>,
    /// The authority's reason of a rejection.
    pub reason: Option<String>,
}

/// `GET /api/v1/institution/administrator-change`: the latest request, if any.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LatestAdministratorChange {
    /// The newest request of the institution.
    pub latest: Option<AdministratorChange>,
}

/// A pending request as the authority sees it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingAdministratorChange {
    /// Request id.
    pub id: i64,
    /// The institution.
    pub institution_id: i64,
    /// Its standard name.
    pub institution_name: String,
    /// Its division code.
    pub division: String,
    /// The administrator who filed it (to be replaced).
    pub requested_by: String,
    /// The new administrator's name.
    pub new_name: String,
    /// The username of the new account.
    pub new_username: String,
    /// The new administrator's phone, masked.
    pub phone_masked: String,
    /// The new administrator's email, masked.
    pub email_masked: Option<String>,
    /// The receipt's media type.
    pub receipt_type: String,
    /// The receipt's size in bytes.
    pub receipt_bytes: i64,
    /// Filed at (Unix seconds).
    pub requested_at: i64,
}

/// `POST /api/v1/authority/administrator-changes/{id}/reject`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectAdministratorChange {
    /// Why (shown to the institution), 2 to 200 characters.
    pub reason: String,
}
