//! Bodies of the campaign routes: the public list, and the authority's own
//! campaign.

use serde::{Deserialize, Serialize};

use crate::campaign::{AfterDeadline, Campaign};

/// `PUT /api/v1/authority/campaign`: the authority sets its region's
/// campaign. Dates are `YYYY-MM-DD` strings, read by the server so that a
/// bad one is refused on its field; an empty optional date is none.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignRequest {
    /// Region name in Chinese (the national campaign keeps 全国).
    #[serde(default)]
    pub name_zh: String,
    /// Region name in English.
    #[serde(default)]
    pub name_en: String,
    /// Last day for institution accounts; empty: none.
    #[serde(default)]
    pub institution_accounts_by: String,
    /// Last day to claim the e-license.
    pub e_license_by: String,
    /// Last day for registration changes; empty: none.
    #[serde(default)]
    pub registration_changes_by: String,
    /// What happens after the e-license deadline.
    pub after_deadline: AfterDeadline,
}

/// `GET` and `PUT /api/v1/authority/campaign`: the campaign in force in the
/// authority's region, its own if set, and the enclosing one it must stay
/// within.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorityCampaign {
    /// The campaign the region's institutions and staff follow.
    pub in_force: Campaign,
    /// The region has set its own (else it follows `in_force`, an
    /// enclosing region's).
    pub own: bool,
    /// The enclosing campaign (none for the national authority).
    pub enclosing: Option<Campaign>,
}
