//! The health authority's calls, and the password change of accounts issued
//! with a one-time password (authority and institution administrators).

use gloo_net::http::Request;
use rules::api::authority::{
    AuthorityInstitution, AuthorityMe, AuthoritySignInRequest, ChangePasswordRequest,
    IssueAdminRequest, IssuedPassword, NewInstitutionRequest,
};
use rules::api::campaign::{AuthorityCampaign, CampaignRequest};
use rules::api::ReminderFigures;
use rules::Lang;

use super::{expect_empty, expect_json, post_empty, post_json, with_lang, ApiError, BASE};

/// Signs an authority administrator in.
pub async fn sign_in(req: &AuthoritySignInRequest, lang: Lang) -> Result<AuthorityMe, ApiError> {
    post_json("/authority/session", req, lang).await
}

/// The signed-in authority administrator.
pub async fn me(lang: Lang) -> Result<AuthorityMe, ApiError> {
    expect_json(
        with_lang(Request::get(&format!("{BASE}/authority/me")), lang)
            .send()
            .await,
    )
    .await
}

/// Ends the authority session.
pub async fn sign_out(lang: Lang) -> Result<(), ApiError> {
    let request = with_lang(Request::delete(&format!("{BASE}/authority/session")), lang);
    expect_empty(request.send().await).await
}

/// Replaces the password: the authority's (`authority`) or an institution
/// administrator's.
pub async fn change_password(
    authority: bool,
    req: &ChangePasswordRequest,
    lang: Lang,
) -> Result<(), ApiError> {
    let path = if authority {
        "/authority/password"
    } else {
        "/institution/password"
    };
    post_empty(path, req, lang).await
}

/// The region's institutions with their administrator accounts.
pub async fn institutions(lang: Lang) -> Result<Vec<AuthorityInstitution>, ApiError> {
    expect_json(
        with_lang(
            Request::get(&format!("{BASE}/authority/institutions")),
            lang,
        )
        .send()
        .await,
    )
    .await
}

/// Registers an institution of the region.
pub async fn create_institution(
    req: &NewInstitutionRequest,
    lang: Lang,
) -> Result<AuthorityInstitution, ApiError> {
    post_json("/authority/institutions", req, lang).await
}

/// Issues an administrator account to an institution.
pub async fn issue_admin(
    institution_id: i64,
    req: &IssueAdminRequest,
    lang: Lang,
) -> Result<IssuedPassword, ApiError> {
    post_json(
        &format!("/authority/institutions/{institution_id}/admins"),
        req,
        lang,
    )
    .await
}

/// A new one-time password for an administrator account.
pub async fn reissue_admin(account_id: i64, lang: Lang) -> Result<IssuedPassword, ApiError> {
    post_json(
        &format!("/authority/admins/{account_id}/reissue"),
        &(),
        lang,
    )
    .await
}

/// Disables an administrator account.
pub async fn disable_admin(account_id: i64, lang: Lang) -> Result<(), ApiError> {
    post_empty(
        &format!("/authority/admins/{account_id}/disable"),
        &(),
        lang,
    )
    .await
}

/// The regional follow-up, most endangered institutions first.
pub async fn follow_up(
    lang: Lang,
) -> Result<Vec<rules::api::authority::InstitutionFollowUp>, ApiError> {
    expect_json(
        with_lang(Request::get(&format!("{BASE}/authority/follow-up")), lang)
            .send()
            .await,
    )
    .await
}

/// The divisions one level below the authority's.
pub async fn follow_up_regions(
    lang: Lang,
) -> Result<Vec<rules::api::authority::RegionFollowUp>, ApiError> {
    expect_json(
        with_lang(
            Request::get(&format!("{BASE}/authority/follow-up/regions")),
            lang,
        )
        .send()
        .await,
    )
    .await
}

/// The campaign in force in the authority's region.
pub async fn campaign(lang: Lang) -> Result<AuthorityCampaign, ApiError> {
    let url = format!("{BASE}/authority/campaign");
    expect_json(with_lang(Request::get(&url), lang).send().await).await
}

/// Sets the region's campaign.
pub async fn set_campaign(
    req: &CampaignRequest,
    lang: Lang,
) -> Result<AuthorityCampaign, ApiError> {
    let request = with_lang(Request::put(&format!("{BASE}/authority/campaign")), lang)
        .json(req)
        .map_err(|_| ApiError::Server)?;
    expect_json(request.send().await).await
}

/// The region's reminders: people reminded, delivered, then applied.
pub async fn reminder_figures(lang: Lang) -> Result<ReminderFigures, ApiError> {
    let url = format!("{BASE}/authority/reminders");
    expect_json(with_lang(Request::get(&url), lang).send().await).await
}
