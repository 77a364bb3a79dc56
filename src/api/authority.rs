//! The health authority's calls, and the password change of accounts issued
//! with a one-time password (authority and institution administrators).

use rules::api::authority::{
    AuthorityInstitution, AuthorityMe, AuthoritySignInRequest, ChangePasswordRequest,
    InstitutionFollowUp, IssueAdminRequest, IssuedPassword, NewInstitutionRequest, RegionFollowUp,
};
use rules::api::campaign::{AuthorityCampaign, CampaignRequest};
use rules::api::ReminderFigures;

use super::call::{endpoints, Json};

endpoints! {
    /// Signs an authority administrator in.
    fn sign_in(&AuthoritySignInRequest): POST "/authority/session" => Json<AuthorityMe>;

    /// The signed-in authority administrator.
    fn me() = GetAuthorityMe: GET "/authority/me" => Json<AuthorityMe>;

    /// Ends the authority session.
    fn sign_out() = AuthoritySignOut: DELETE "/authority/session" => ();

    /// Replaces the password: the authority's (`authority`) or an institution
    /// administrator's.
    fn change_password<'a>(authority: bool, req: &'a ChangePasswordRequest) = ChangePassword:
        POST if authority { "/authority/password" } else { "/institution/password" }
        => (), body req;

    /// The region's institutions with their administrator accounts.
    fn institutions() = Institutions:
        GET "/authority/institutions" => Json<Vec<AuthorityInstitution>>;

    /// Registers an institution of the region.
    fn create_institution(&NewInstitutionRequest):
        POST "/authority/institutions" => Json<AuthorityInstitution>;

    /// Issues an administrator account to an institution.
    fn issue_admin<'a>(institution_id: i64, req: &'a IssueAdminRequest) = IssueAdmin:
        POST format!("/authority/institutions/{institution_id}/admins")
        => Json<IssuedPassword>, body req;

    /// A new one-time password for an administrator account.
    fn reissue_admin(account_id: i64) = ReissueAdmin:
        POST format!("/authority/admins/{account_id}/reissue") => Json<IssuedPassword>;

    /// Disables an administrator account.
    fn disable_admin(account_id: i64) = DisableAdmin:
        POST format!("/authority/admins/{account_id}/disable") => ();

    /// The regional follow-up, most endangered institutions first.
    fn follow_up() = FollowUp: GET "/authority/follow-up" => Json<Vec<InstitutionFollowUp>>;

    /// The divisions one level below the authority's.
    fn follow_up_regions() = FollowUpRegions:
        GET "/authority/follow-up/regions" => Json<Vec<RegionFollowUp>>;

    /// The campaign in force in the authority's region.
    fn campaign() = GetCampaign: GET "/authority/campaign" => Json<AuthorityCampaign>;

    /// Sets the region's campaign.
    fn set_campaign(&CampaignRequest): PUT "/authority/campaign" => Json<AuthorityCampaign>;

    /// The region's reminders: people reminded, delivered, then applied.
    fn reminder_figures() = GetReminderFigures:
        GET "/authority/reminders" => Json<ReminderFigures>;
}
