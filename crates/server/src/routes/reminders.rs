//! Reminders: an institution administrator reminds the staff who have not
//! applied for the e-license (or only those blocked by one criterion), with
//! the deadline and the one thing each person must do; at most one reminder
//! per person per day; figures of how many were sent, delivered and then
//! applied.

use std::collections::HashSet;

use axum::extract::State;
use rules::api::{ReminderFigures, ReminderRequest, ReminderResult};
use rules::{CriterionCode, Step};

use crate::auth::AdminAuth;
use crate::error::AppResult;
use crate::extract::Json;
use crate::notify::{self, bilingual, Template};
use crate::store::reminders::{self, NewReminder};
use crate::{audit, profile, store, AppState};

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

/// `POST /api/v1/institution/reminders`
pub async fn send(
    State(state): State<AppState>,
    auth: AdminAuth,
    Json(req): Json<ReminderRequest>,
) -> AppResult<axum::Json<ReminderResult>> {
    let now = state.clock.now();
    let today = state.clock.today();
    let day = today.format("%Y-%m-%d").to_string();
    let mut tx = state.db.begin().await?;
    let rows = profile::load_institution(&mut tx, auth.institution_id).await?;
    let applied: HashSet<i64> = store::roster::applied(&mut tx, auth.institution_id)
        .await?
        .into_iter()
        .collect();
    let mut result = ReminderResult {
        sent: 0,
        already_today: 0,
        without_contact: 0,
    };
    for row in rows
        .iter()
        .filter(|r| !applied.contains(&r.practitioner_id))
    {
        let checklist = rules::practitioner_checklist(&row.facts()?, today, row.policy());
        let failed = match req.criterion {
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
        let criterion = req.criterion.map_or("not_applied", |c| c.code());
        let Some(id) = reminders::insert(
            &mut tx,
            &NewReminder {
                institution_id: auth.institution_id,
                account_id: row.account_id,
                practitioner_id: row.practitioner_id,
                day: &day,
                criterion,
                sent_by: auth.account_id,
                now,
            },
        )
        .await?
        else {
            result.already_today += 1;
            continue;
        };
        let deadline = rules::deadline_for(&row.region).e_license_by;
        let (zh, en) = action(failed);
        let institution = &row.institution_name;
        let msg = notify::message(
            to,
            "电子证照申领提醒 / E-license reminder",
            bilingual(
                &format!("【电子证照】{institution}提醒您：请在 {deadline} 前申领电子证照。您需要：{zh}。请登录电子证照自助服务平台办理。"),
                &format!("{institution} reminds you to claim your e-license by {deadline}. What you need to do: {en}. Sign in to the e-license portal to do it."),
            ),
            Template::Reminder,
            vec![institution.clone(), deadline.to_string(), zh.to_owned()],
        );
        let outbox_id = notify::enqueue(&mut tx, &msg, now).await?;
        reminders::set_message(&mut tx, id, outbox_id).await?;
        result.sent += 1;
    }
    audit::record(
        &mut tx,
        now,
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
    tx.commit().await?;
    notify::wake();
    Ok(axum::Json(result))
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

/// `GET /api/v1/institution/reminders`
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
