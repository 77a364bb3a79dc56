//! Reminders: an institution administrator reminds the staff who have not
//! applied for the e-license (or only those blocked by one criterion), with
//! the deadline and the one thing each person must do; at most one reminder
//! per person per day; figures of how many were sent, delivered and then
//! applied. The health authority sends the same reminders to the staff of
//! its region's institutions, signed with its name.

use std::collections::HashSet;

use axum::extract::State;
use rules::api::{ReminderFigures, ReminderRequest, ReminderResult};
use rules::{CriterionCode, Step};

use crate::auth::authority::AuthorityAuth;
use crate::auth::AdminAuth;
use crate::error::{AppError, AppResult};
use crate::extract::Json;
use crate::notify::{self, bilingual, Template};
use crate::store::reminders::{self, NewReminder};
use crate::{audit, practitioner_row, store, AppState};

/// The one thing to do, in both languages, for the first failed criterion
/// (or the application itself when none fails).
fn action(failed: Option<(CriterionCode, Option<Step>)>) -> (&'static str, &'static str) {
    match failed {
        None => ("提交电子证照申请", "submit your e-license application"),
        Some((_, Some(Step::Activate))) | Some((CriterionCode::Activated, _)) => {
            ("激活账户", "activate your account")
        }
        Some((_, Some(Step::Photo))) | Some((CriterionCode::Photo, _)) => {
            ("上传证件照", "upload your ID photo")
        }
        Some((_, Some(Step::Profile))) => ("核对个人执业信息", "check your practice details"),
        Some(_) => (
            "联系本机构核对执业状态或注册信息",
            "contact your institution about your practice status or registration",
        ),
    }
}

/// Who sends a reminder: the person's institution, or the health
/// authority of its region.
#[derive(Clone, Copy)]
enum Sender<'a> {
    Institution {
        account_id: i64,
    },
    Authority {
        account_id: i64,
        name: (&'a str, &'a str),
    },
}

/// Reminds one institution's staff who have not applied (or whom
/// `criterion` blocks), adding to `result`; one transaction.
async fn remind_institution(
    state: &AppState,
    institution_id: i64,
    criterion: Option<CriterionCode>,
    sender: Sender<'_>,
    result: &mut ReminderResult,
) -> AppResult<()> {
    let now = state.clock.now();
    let today = state.clock.today();
    let day = today.format("%Y-%m-%d").to_string();
    let campaigns = state.campaigns.table(&state.db).await?;
    let mut tx = state.db.begin().await?;
    let rows = practitioner_row::load_institution(&mut tx, institution_id).await?;
    let applied: HashSet<i64> = store::roster::applied(&mut tx, institution_id)
        .await?
        .into_iter()
        .collect();
    for row in rows
        .iter()
        .filter(|r| !applied.contains(&r.practitioner_id))
    {
        let checklist = rules::practitioner_checklist(&row.facts()?, today, row.policy());
        let failed = match criterion {
            // Only the people this criterion blocks, told to fix it.
            Some(code) => match checklist.failures().find(|c| c.code == code) {
                Some(c) => Some((c.code, c.fix)),
                None => continue,
            },
            None => checklist.failures().next().map(|c| (c.code, c.fix)),
        };
        // A verified contact first; an unactivated account still has the
        // phone it registered with.
        let contact = [
            row.phone.as_ref().filter(|_| row.phone_verified),
            row.email.as_ref().filter(|_| row.email_verified),
            row.phone.as_ref(),
        ]
        .into_iter()
        .flatten()
        .next();
        let Some(to) = contact else {
            result.without_contact += 1;
            continue;
        };
        let (sent_by, by_authority) = match sender {
            Sender::Institution { account_id } => (account_id, false),
            Sender::Authority { account_id, .. } => (account_id, true),
        };
        let Some(id) = reminders::insert(
            &mut tx,
            &NewReminder {
                institution_id,
                account_id: row.account_id,
                practitioner_id: row.practitioner_id,
                day: &day,
                criterion: criterion.map_or("not_applied", |c| c.code()),
                sent_by,
                by_authority,
                now,
            },
        )
        .await?
        else {
            result.already_today += 1;
            continue;
        };
        let deadline = rules::campaign_in(&campaigns, &row.region).e_license_by;
        let (zh, en) = action(failed);
        let (from_zh, from_en) = match sender {
            Sender::Institution { .. } => {
                (row.institution_name.clone(), row.institution_name.clone())
            }
            Sender::Authority { name, .. } => (name.0.to_owned(), name.1.to_owned()),
        };
        let msg = notify::message(
            to,
            "电子证照申领提醒 / E-license reminder",
            bilingual(
                &format!("【电子证照】{from_zh}提醒您：请在 {deadline} 前申领电子证照。您需要：{zh}。请登录电子证照自助服务平台办理。"),
                &format!("{from_en} reminds you to claim your e-license by {deadline}. What you need to do: {en}. Sign in to the e-license portal to do it."),
            ),
            Template::Reminder,
            vec![from_zh, deadline.to_string(), zh.to_owned()],
        );
        let outbox_id = notify::enqueue(&mut tx, &msg, now).await?;
        reminders::set_message(&mut tx, id, outbox_id).await?;
        result.sent += 1;
    }
    tx.commit().await?;
    Ok(())
}

fn empty() -> ReminderResult {
    ReminderResult {
        sent: 0,
        already_today: 0,
        without_contact: 0,
    }
}

/// Remind the staff who have not applied (or are blocked by a criterion)
#[utoipa::path(
    post,
    path = "/api/v1/institution/reminders",
    tag = "institution",
    request_body = rules::api::ReminderRequest,
    responses((status = 200, body = rules::api::ReminderResult), (status = 404)),
    security(("session" = []))
)]
pub async fn send(
    State(state): State<AppState>,
    auth: AdminAuth,
    Json(req): Json<ReminderRequest>,
) -> AppResult<axum::Json<ReminderResult>> {
    if req
        .institution_id
        .is_some_and(|id| id != auth.institution_id)
    {
        return Err(AppError::NotFound);
    }
    let mut result = empty();
    let sender = Sender::Institution {
        account_id: auth.account_id,
    };
    remind_institution(
        &state,
        auth.institution_id,
        req.criterion,
        sender,
        &mut result,
    )
    .await?;
    audit::record(
        &mut state.db.acquire().await?,
        state.clock.now(),
        Some(auth.account_id),
        "institution.reminders_sent",
        Some(serde_json::json!({
            "institution_id": auth.institution_id,
            "criterion": req.criterion.map(|c| c.code()),
            "sent": result.sent,
            "already_today": result.already_today,
            "without_contact": result.without_contact,
        })),
    )
    .await?;
    notify::wake();
    Ok(axum::Json(result))
}

/// The sender's name in reminders from the authority of `division`.
fn authority_name(division: &str, campaigns: &[rules::Campaign]) -> (String, String) {
    match campaigns.iter().find(|c| c.region_code == division) {
        _ if division.is_empty() => (
            "国家卫生健康委".to_owned(),
            "The National Health Commission".to_owned(),
        ),
        Some(c) => (
            format!("{}卫生健康主管部门", c.name_zh),
            format!("The {} health authority", c.name_en),
        ),
        None => (
            format!("卫生健康主管部门（{division}）"),
            format!("The health authority of {division}"),
        ),
    }
}

/// Remind the staff of the region's institutions (or one of them) who have not applied
///
/// The authority reminds the staff of one institution of its region, or of all
/// of them (one transaction per institution: a region's reminders never hold
/// one long write).
#[utoipa::path(
    post,
    path = "/api/v1/authority/reminders",
    tag = "authority",
    request_body = rules::api::ReminderRequest,
    responses((status = 200, body = rules::api::ReminderResult), (status = 404)),
    security(("authority_session" = []))
)]
pub async fn send_as_authority(
    State(state): State<AppState>,
    auth: AuthorityAuth,
    Json(req): Json<ReminderRequest>,
) -> AppResult<axum::Json<ReminderResult>> {
    let division = auth.division.code();
    let institutions = match req.institution_id {
        Some(id) => {
            vec![
                store::authority::institution_in(&mut state.db.acquire().await?, division, id)
                    .await?
                    .ok_or(AppError::NotFound)?,
            ]
        }
        None => reminders::institutions_in(&mut state.db.acquire().await?, division).await?,
    };
    let campaigns = state.campaigns.table(&state.db).await?;
    let (zh, en) = authority_name(division, &campaigns);
    let sender = Sender::Authority {
        account_id: auth.account_id,
        name: (&zh, &en),
    };
    let mut result = empty();
    for id in &institutions {
        remind_institution(&state, *id, req.criterion, sender, &mut result).await?;
        // Deliveries start while the next institution is read.
        notify::wake();
    }
    store::authority::audit(
        &mut state.db.acquire().await?,
        state.clock.now(),
        auth.account_id,
        "authority.reminders_sent",
        &serde_json::json!({
            "division": division,
            "institution_id": req.institution_id,
            "institutions": institutions.len(),
            "criterion": req.criterion.map(|c| c.code()),
            "sent": result.sent,
            "already_today": result.already_today,
            "without_contact": result.without_contact,
        }),
    )
    .await?;
    Ok(axum::Json(result))
}

/// The region's reminders: sent, delivered, then applied (90 days)
///
/// The region's reminders of the last 90 days, whoever sent them.
#[utoipa::path(
    get,
    path = "/api/v1/authority/reminders",
    tag = "authority",
    responses((status = 200, body = rules::api::ReminderFigures)),
    security(("authority_session" = []))
)]
pub async fn authority_figures(
    State(state): State<AppState>,
    auth: AuthorityAuth,
) -> AppResult<axum::Json<ReminderFigures>> {
    let since = state.clock.now() - crate::retention::OUTBOX_DAYS * 24 * 3600;
    let (sent, delivered, applied) =
        reminders::region_figures(&mut state.db.acquire().await?, auth.division.code(), since)
            .await?;
    let n = |v: i64| u32::try_from(v).unwrap_or(u32::MAX);
    Ok(axum::Json(ReminderFigures {
        sent: n(sent),
        delivered: n(delivered),
        applied: n(applied),
    }))
}

/// The institution's reminders of the last 90 days: people reminded,
/// delivered, then applied (also on the dashboard).
pub async fn counts(state: &AppState, institution_id: i64) -> AppResult<[u32; 3]> {
    let since = state.clock.now() - crate::retention::OUTBOX_DAYS * 24 * 3600;
    let (sent, delivered, applied) =
        reminders::figures(&mut state.db.acquire().await?, institution_id, since).await?;
    let n = |v: i64| u32::try_from(v).unwrap_or(u32::MAX);
    Ok([n(sent), n(delivered), n(applied)])
}

/// Reminders sent, delivered, then applied (90 days)
#[utoipa::path(
    get,
    path = "/api/v1/institution/reminders",
    tag = "institution",
    responses((status = 200, body = rules::api::ReminderFigures)),
    security(("session" = []))
)]
pub async fn figures(
    State(state): State<AppState>,
    auth: AdminAuth,
) -> AppResult<axum::Json<ReminderFigures>> {
    let [sent, delivered, applied] = counts(&state, auth.institution_id).await?;
    Ok(axum::Json(ReminderFigures {
        sent,
        delivered,
        applied,
    }))
}
