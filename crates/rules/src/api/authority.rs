//! Bodies of the health authority's routes (`/api/v1/authority/…`) and of
//! the institution administrator's forced password change.

use serde::{Deserialize, Serialize};

/// `POST /api/v1/authority/session`: sign in to the authority's side.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthoritySignInRequest {
    /// Username.
    pub username: String,
    /// Password (never logged).
    pub password: String,
}

/// `GET /api/v1/authority/me`: the signed-in authority administrator.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorityMe {
    /// Username.
    pub username: String,
    /// Division code of the authority ('' for the national authority).
    pub division: String,
    /// The one-time password must be replaced before anything else.
    pub must_change_password: bool,
}

/// `POST /api/v1/authority/password` and `POST /api/v1/institution/password`:
/// replaces the password (the one-time password at the first sign-in).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangePasswordRequest {
    /// The password in use (the one-time password at first).
    pub current_password: String,
    /// The new password (the portal's password rules).
    pub new_password: String,
}

/// `POST /api/v1/authority/institutions`: registers an institution of the
/// authority's region (before its staff are imported).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewInstitutionRequest {
    /// Standard name.
    pub name: String,
    /// Unified social credit code.
    pub credit_code: String,
    /// Practice licence number.
    pub licence_number: String,
    /// End of the practice licence, `YYYY-MM-DD`.
    pub licence_valid_until: String,
    /// Division code (2, 4 or 6 digits) within the authority's.
    pub division: String,
}

/// State of an institution administrator account.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdminAccountState {
    /// Issued; the one-time password has not been replaced yet.
    Issued,
    /// In use.
    Active,
    /// Disabled by the authority.
    Disabled,
}

crate::wire_codes!(AdminAccountState {
    Issued => "issued",
    Active => "active",
    Disabled => "disabled",
});

/// An institution administrator account as the authority sees it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedAccount {
    /// Account id.
    pub account_id: i64,
    /// Username.
    pub username: String,
    /// State.
    pub state: AdminAccountState,
    /// Masked phone the one-time password goes to.
    pub phone_masked: Option<String>,
}

/// One institution of the authority's region.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorityInstitution {
    /// Institution id.
    pub id: i64,
    /// Standard name.
    pub name: String,
    /// Unified social credit code.
    pub credit_code: String,
    /// Division code.
    pub division: String,
    /// Its administrator accounts, newest first.
    pub admins: Vec<IssuedAccount>,
}

/// `POST /api/v1/authority/institutions/{id}/admins`: issues an
/// administrator account to the institution.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueAdminRequest {
    /// Username of the new account.
    pub username: String,
    /// The administrator's mobile number: the one-time password goes there.
    pub phone: String,
}

/// The answer to an issue or re-issue: the one-time password, shown once to
/// the authority (who hands it over, as the seed notice's 重新发放账户及密码
/// says) and sent to the administrator's phone.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedPassword {
    /// Account id.
    pub account_id: i64,
    /// Username.
    pub username: String,
    /// The one-time password (replaced at the first sign-in).
    pub initial_password: String,
    /// Masked phone it was sent to.
    pub sent_to: Option<String>,
}

/// `POST /api/v1/authority/accounts`: another administrator of the authority
/// (or of a division within it).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAuthorityAccountRequest {
    /// Username.
    pub username: String,
    /// Division code within the creator's ('' or `national`: the creator's own
    /// when it is national).
    pub division: String,
    /// Mobile number: the one-time password goes there.
    pub phone: String,
}

/// `GET /api/v1/authority/follow-up`: one institution of the region, counted
/// in the database. The list comes sorted by what most endangers the
/// deadline: no administrator account in use first, then the lowest
/// application rate, then the most staff not applied.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InstitutionFollowUp {
    /// Institution id.
    pub id: i64,
    /// Standard name.
    pub name: String,
    /// Division code.
    pub division: String,
    /// Its best administrator account's state (`None`: none issued).
    pub admin: Option<AdminAccountState>,
    /// Physicians in the registry.
    pub physicians: i64,
    /// Nurses in the registry.
    pub nurses: i64,
    /// Physicians who applied for their e-license.
    pub physicians_applied: i64,
    /// Nurses who applied.
    pub nurses_applied: i64,
    /// Applied / staff, 0–1 (0 without staff).
    pub application_rate: f64,
    /// Staff without an activated account.
    pub not_activated: i64,
    /// Activated accounts without an approved ID photo.
    pub lacking_photo: i64,
    /// Staff whose practice status is not normal (备案, 注销, 暂停).
    pub status_not_normal: i64,
    /// Staff registered under a non-standard institution name (变更注册 due).
    pub registration_changes: i64,
    /// Title changes waiting for the institution's review.
    pub titles_pending: i64,
    /// Zombie-account cases the institution filed that wait for the
    /// authority's confirmation.
    #[serde(default)]
    pub zombie_cases_open: i64,
}

/// `GET /api/v1/authority/follow-up/regions`: the divisions one level below
/// the authority's (provinces for the national authority), counted in the
/// database.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionFollowUp {
    /// Division code of the region.
    pub division: String,
    /// Institutions.
    pub institutions: i64,
    /// Institutions without an administrator account in use.
    pub without_admin: i64,
    /// Staff in the registry.
    pub staff: i64,
    /// Staff who applied.
    pub applied: i64,
    /// Applied / staff, 0–1.
    pub application_rate: f64,
}
