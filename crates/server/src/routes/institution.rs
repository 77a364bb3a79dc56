//! Institution admin endpoints. Every query is scoped to the admin's own
//! institution (`AdminAuth::institution_id`); another institution's records
//! answer 404, exactly like records that do not exist.

use axum::extract::State;
use axum::http::StatusCode;
use rules::api::{ReviewDecision, ReviewItem, ReviewKind, Roster, StaffMember, ZombieCandidate};
use rules::{PracticeStatus, RegistryFacts};
use serde::Deserialize;

use crate::auth::{session, AdminAuth};
use crate::error::{AppError, AppResult, Text};
use crate::extract::{Json, Path, Query};
use crate::notify::{self, bilingual, Template};
use crate::profile::{self, parse_date, parse_enum};
use crate::{audit, store, AppState};

/// Roster filters.
#[derive(Debug, Default, Deserialize)]
pub struct RosterQuery {
    /// `physician` | `nurse`.
    system: Option<rules::System>,
    /// A practice status.
    status: Option<PracticeStatus>,
    /// `true`: only those who have not applied.
    not_applied: Option<bool>,
    /// Only those failing this criterion today.
    unmet: Option<rules::CriterionCode>,
    /// Only those needing a registration change.
    registration_change: Option<bool>,
    /// Part of the name or of the username (case-insensitive).
    q: Option<String>,
}

/// Longest search text accepted; longer cannot match a name or username.
const MAX_SEARCH_CHARS: usize = 64;

/// `GET /api/v1/institution/staff`
pub async fn staff(
    State(state): State<AppState>,
    auth: AdminAuth,
    Query(q): Query<RosterQuery>,
) -> AppResult<axum::Json<Roster>> {
    let search =
        q.q.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_lowercase);
    if search
        .as_ref()
        .is_some_and(|t| t.chars().count() > MAX_SEARCH_CHARS)
    {
        return Err(AppError::field(
            "q",
            Text::new(
                "搜索内容过长：请输入姓名或用户名的一部分。",
                "The search text is too long: type part of a name or username.",
            ),
        ));
    }
    let today = state.clock.today();
    let mut c = state.db.acquire().await?;
    let applied: std::collections::HashSet<i64> =
        store::roster::applied(&mut c, auth.institution_id)
            .await?
            .into_iter()
            .collect();
    let mut staff = Vec::new();
    for row in profile::load_institution(&mut c, auth.institution_id).await? {
        let facts = row.facts()?;
        let checklist = rules::practitioner_checklist(&facts, today, row.policy());
        let member = StaffMember {
            account_id: row.account_id,
            username: row.username.clone(),
            name: row.name.clone(),
            system: facts.kind.system(),
            status: facts.status,
            activated: row.activated,
            photo_state: row.photo_state.clone(),
            eligible: checklist.is_eligible(),
            applied: applied.contains(&row.practitioner_id),
            id_number_masked: profile::mask_id(&row.id_number),
            registration_change: row.registration_change(),
            checklist,
        };
        let keep = q.system.is_none_or(|s| s == member.system)
            && q.status.is_none_or(|s| s == member.status)
            && (q.not_applied != Some(true) || !member.applied)
            && q.unmet
                .is_none_or(|code| member.checklist.failures().any(|c| c.code == code))
            && (q.registration_change != Some(true) || member.registration_change.is_some())
            && search.as_ref().is_none_or(|t| {
                member.name.to_lowercase().contains(t.as_str())
                    || member.username.to_lowercase().contains(t.as_str())
            });
        if keep {
            staff.push(member);
        }
    }
    let applied = staff.iter().filter(|m| m.applied).count();
    let eligible = staff.iter().filter(|m| m.eligible).count();
    Ok(axum::Json(Roster {
        staff,
        applied,
        eligible,
    }))
}

/// `GET /api/v1/institution/reviews`: photos and title changes waiting
/// for the institution's decision, oldest first.
pub async fn reviews(
    State(state): State<AppState>,
    auth: AdminAuth,
) -> AppResult<axum::Json<Vec<ReviewItem>>> {
    let mut c = state.db.acquire().await?;
    let mut items = Vec::new();
    for row in profile::load_institution(&mut c, auth.institution_id).await? {
        if row.photo_state.as_deref() == Some("pending") {
            items.push(ReviewItem {
                kind: ReviewKind::Photo,
                account_id: row.account_id,
                username: row.username.clone(),
                name: row.name.clone(),
                system: row.kind()?.system(),
                before: None,
                after: None,
                photo_url: Some(format!(
                    "/api/v1/institution/staff/{}/photo",
                    row.account_id
                )),
                previous_photo_url: row.photo_previous_file.as_ref().map(|_| {
                    format!(
                        "/api/v1/institution/staff/{}/photo/previous",
                        row.account_id
                    )
                }),
                submitted_at: row.photo_uploaded_at,
            });
        }
    }
    for t in store::roster::pending_titles(&mut c, auth.institution_id).await? {
        items.push(ReviewItem {
            kind: ReviewKind::Title,
            account_id: t.account_id,
            username: t.username,
            name: t.name,
            system: if t.kind == "nurse" {
                rules::System::Nurse
            } else {
                rules::System::Physician
            },
            before: t.before.as_deref().map(parse_enum).transpose()?,
            after: Some(parse_enum(&t.after)?),
            photo_url: None,
            previous_photo_url: None,
            submitted_at: Some(t.created_at),
        });
    }
    items.sort_by_key(|i| i.submitted_at.unwrap_or(0));
    Ok(axum::Json(items))
}

/// The trimmed reason of a decision; required to reject.
pub fn rejection_reason(req: &ReviewDecision) -> AppResult<Option<String>> {
    let reason = req
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    if !req.approve && reason.is_none() {
        return Err(AppError::field(
            "reason",
            Text::new("请填写不通过的原因", "Give the reason for the rejection"),
        ));
    }
    if reason.is_some_and(|r| r.chars().count() > 500) {
        return Err(AppError::field(
            "reason",
            Text::new(
                "原因不能超过 500 字",
                "The reason has at most 500 characters",
            ),
        ));
    }
    Ok(if req.approve {
        None
    } else {
        reason.map(str::to_owned)
    })
}

/// `POST /api/v1/institution/reviews/photo/{account_id}`
pub async fn decide_photo(
    State(state): State<AppState>,
    auth: AdminAuth,
    Path(account_id): Path<i64>,
    Json(req): Json<ReviewDecision>,
) -> AppResult<StatusCode> {
    let reason = rejection_reason(&req)?;
    let now = state.clock.now();
    // The replaced photo was kept for this comparison only.
    let mut tx = state.db.begin().await?;
    let Some(pending) =
        store::reviews::lock_pending_photo(&mut tx, account_id, auth.institution_id).await?
    else {
        return Err(AppError::NotFound);
    };
    // Approved: the new photo replaces the old one. Rejected: the rejected
    // photo is deleted now (nobody may see it again, its owner included)
    // and the approved one it was to replace stays the account's photo.
    let unused = match reason.as_deref() {
        None => {
            store::reviews::approve_photo(&mut tx, account_id).await?;
            pending.photo_previous_file
        }
        Some(reason) => {
            store::reviews::reject_photo(&mut tx, account_id, reason).await?;
            pending.photo_file
        }
    };
    tx.commit().await?;
    if let Some(unused) = unused {
        crate::routes::photo::remove_stored(&state, &unused).await;
    }
    audit::record(
        &mut state.db.acquire().await?,
        now,
        Some(auth.account_id),
        "review.photo",
        Some(serde_json::json!({"account_id": account_id, "approved": req.approve})),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/institution/zombies`: registrations the rules propose to
/// file or cancel.
pub async fn zombies(
    State(state): State<AppState>,
    auth: AdminAuth,
) -> AppResult<axum::Json<Vec<ZombieCandidate>>> {
    let rows =
        store::roster::registry_facts(&mut state.db.acquire().await?, auth.institution_id).await?;
    let today = state.clock.today();
    let mut out = Vec::new();
    for r in rows {
        let kind = match r.kind.as_str() {
            "nurse" => rules::PractitionerKind::Nurse,
            _ => rules::PractitionerKind::Physician {
                level: parse_enum(r.level.as_deref().unwrap_or("practising"))?,
            },
        };
        let status: PracticeStatus = parse_enum(&r.status)?;
        let facts = RegistryFacts {
            status_since: r.status_since.as_deref().map(parse_date).transpose()?,
            registration_valid_until: r
                .registration_valid_until
                .as_deref()
                .map(parse_date)
                .transpose()?,
            renewal_pending: r.renewal_pending,
            retired: r.retired,
            rehired: r.rehired,
            deceased: r.deceased,
            declared_missing: r.declared_missing,
            criminally_punished: r.criminally_punished,
            no_civil_capacity: r.no_civil_capacity,
            last_contact_ok: r.last_contact_ok,
            ..RegistryFacts::new(kind, status)
        };
        let reasons = rules::propose_candidates(&facts, today);
        if !reasons.is_empty() {
            out.push(ZombieCandidate {
                practitioner_id: r.id,
                name: r.name,
                status,
                reasons,
            });
        }
    }
    Ok(axum::Json(out))
}

/// `DELETE /api/v1/institution/staff/{account_id}`: recovery path 4. The
/// account goes (sessions, codes, answers with it); the registry record and
/// any application stay, and the person registers and activates again.
pub async fn delete_staff(
    State(state): State<AppState>,
    auth: AdminAuth,
    Path(account_id): Path<i64>,
) -> AppResult<StatusCode> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    // Where the notice goes (a verified contact, else the mobile number the
    // institution reported to the registry), and the photo files that go
    // with the account.
    let Some(gone) = store::staff::delete_account(&mut tx, account_id, auth.institution_id).await?
    else {
        return Err(AppError::NotFound);
    };
    audit::record(
        &mut tx,
        now,
        Some(auth.account_id),
        "account.deleted_by_institution",
        Some(serde_json::json!({"account_id": account_id})),
    )
    .await?;
    // The notice is queued with the deletion; it stands even when the
    // notice cannot be delivered.
    if let Some(to) = &gone.contact {
        let institution = &gone.institution;
        notify::enqueue(
            &mut tx,
            &notify::message(
                to,
                "账户已删除 / Your account was deleted",
                bilingual(
                    &format!("【电子证照】您的账户已由主要执业机构{institution}删除。请使用身份证号和执业证书编码重新注册并激活。如非本人申请，请联系该机构。"),
                    &format!("Your account was deleted by your main institution, {institution}. Register again with your ID number and practice certificate number, then activate. If you did not ask for this, contact the institution."),
                ),
                Template::AccountDeleted,
                vec![institution.clone()],
            ),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    notify::wake();
    // Sessions cascade with the account; this is belt and braces.
    session::revoke_all(&mut state.db.acquire().await?, account_id).await?;
    for file in [gone.photo_file, gone.photo_previous_file]
        .into_iter()
        .flatten()
    {
        crate::routes::photo::remove_stored(&state, &file).await;
    }
    Ok(StatusCode::NO_CONTENT)
}
