//! Campaigns (rules::campaign): every region's deadlines, public; each
//! health authority sets its own region's, within the enclosing one.

use axum::extract::State;
use chrono::NaiveDate;
use rules::api::campaign::{AuthorityCampaign, CampaignRequest};
use rules::campaign::{enclosing_in, Campaign};
use serde_json::json;

use crate::auth::authority::AuthorityAuth;
use crate::error::{AppError, AppResult, Text};
use crate::extract::Json;
use crate::{campaigns, store, AppState};
use rules::api::ErrorCode;

/// Every region's campaign: deadlines, and what happens after them
///
/// Every region's campaign (public: the sign-in page shows the national one,
/// and anyone may read the deadlines).
#[utoipa::path(
    get,
    path = "/api/v1/campaigns",
    tag = "meta",
    responses((status = 200, body = [rules::Campaign]))
)]
pub async fn list(State(state): State<AppState>) -> AppResult<axum::Json<Vec<Campaign>>> {
    Ok(axum::Json(state.campaigns.table(&state.db).await?.to_vec()))
}

async fn view(state: &AppState, division: &str) -> AppResult<AuthorityCampaign> {
    let table = state.campaigns.fresh(&state.db).await?;
    Ok(AuthorityCampaign {
        in_force: rules::campaign_in(&table, division).clone(),
        own: table.iter().any(|c| c.region_code == division),
        enclosing: enclosing_in(&table, division).cloned(),
    })
}

/// The campaign in force in the authority's region, and the enclosing one
#[utoipa::path(
    get,
    path = "/api/v1/authority/campaign",
    tag = "authority",
    responses((status = 200, body = rules::api::campaign::AuthorityCampaign)),
    security(("authority_session" = []))
)]
pub async fn own(
    State(state): State<AppState>,
    auth: AuthorityAuth,
) -> AppResult<axum::Json<AuthorityCampaign>> {
    Ok(axum::Json(view(&state, auth.division.code()).await?))
}

/// Reads one date field: `YYYY-MM-DD`, or none when empty and optional.
fn date(
    field: &'static str,
    text: &str,
    optional: bool,
    errors: &mut Vec<(&'static str, Text)>,
) -> Option<NaiveDate> {
    let text = text.trim();
    if text.is_empty() && optional {
        return None;
    }
    let parsed = rules::iso_date::parse(text);
    if parsed.is_none() {
        errors.push((
            field,
            Text::new(
                "请填写日期，格式为 年-月-日（如 2026-12-31）",
                "Enter a date as year-month-day (e.g. 2026-12-31)",
            ),
        ));
    }
    parsed
}

/// Set the region's campaign, within the enclosing one
///
/// Sets the region's campaign. Every date stays within the enclosing campaign,
/// and the regions inside keep theirs within this one (422 on the field
/// otherwise, nothing changed).
#[utoipa::path(
    put,
    path = "/api/v1/authority/campaign",
    tag = "authority",
    request_body = rules::api::campaign::CampaignRequest,
    responses((status = 200, body = rules::api::campaign::AuthorityCampaign)),
    security(("authority_session" = []))
)]
pub async fn set(
    State(state): State<AppState>,
    auth: AuthorityAuth,
    Json(req): Json<CampaignRequest>,
) -> AppResult<axum::Json<AuthorityCampaign>> {
    let division = auth.division.code();
    let mut errors = Vec::new();
    let accounts = date(
        "institution_accounts_by",
        &req.institution_accounts_by,
        true,
        &mut errors,
    );
    let licences = date("e_license_by", &req.e_license_by, false, &mut errors);
    let changes = date(
        "registration_changes_by",
        &req.registration_changes_by,
        true,
        &mut errors,
    );
    let national = division.is_empty();
    let campaign = licences.map(|e_license_by| Campaign {
        region_code: division.to_owned().into(),
        name_zh: if national {
            "全国".into()
        } else {
            req.name_zh.trim().to_owned().into()
        },
        name_en: if national {
            "Nationwide".into()
        } else {
            req.name_en.trim().to_owned().into()
        },
        institution_accounts_by: accounts,
        e_license_by,
        registration_changes_by: changes,
        after_deadline: req.after_deadline,
    });
    let mut tx = state.db.begin().await?;
    if let Some(campaign) = &campaign {
        // Read inside the write transaction: a region changed at the same
        // time is checked against what is stored when this one commits.
        let table = store::campaigns::all(&mut tx)
            .await?
            .into_iter()
            .map(campaigns::from_row)
            .collect::<AppResult<Vec<_>>>()?;
        if let Err(refused) = campaign.check_within(enclosing_in(&table, division), &table) {
            for (field, why) in refused {
                errors.push((field, Text::from_rule(&why)));
            }
        }
    }
    if !errors.is_empty() || campaign.is_none() {
        return Err(AppError::Invalid {
            code: ErrorCode::ValidationFailed,
            fields: errors.into_iter().map(|(f, t)| (f.to_owned(), t)).collect(),
        });
    }
    let campaign = campaign.expect("checked above");
    let now = state.clock.now();
    let row = campaigns::to_row(&campaign);
    store::campaigns::upsert(&mut tx, &row, Some(auth.account_id), now).await?;
    store::authority::audit(
        &mut tx,
        now,
        auth.account_id,
        "authority.campaign_set",
        &json!({
            "division": division,
            "institution_accounts_by": row.institution_accounts_by,
            "e_license_by": row.e_license_by,
            "registration_changes_by": row.registration_changes_by,
            "after_deadline": row.after_deadline,
        }),
    )
    .await?;
    tx.commit().await?;
    state.campaigns.forget();
    Ok(axum::Json(view(&state, division).await?))
}
