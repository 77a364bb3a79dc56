//! Institution admin endpoints. Every query is scoped to the admin's own
//! institution (`AdminAuth::institution_id`); another institution's records
//! answer 404, exactly like records that do not exist.

use axum::extract::State;
use axum::http::StatusCode;
use rules::api::{
    BulkReviewDecision, BulkReviewOutcome, ReviewDecision, ReviewItem, ReviewKind, ReviewQueue,
    Roster, StaffMember, ZombieCandidate,
};
use rules::{PracticeStatus, RegistryFacts};
use serde::Deserialize;

use crate::auth::{session, AdminAuth};
use crate::error::{AppError, AppResult, Text};
use crate::extract::{Json, Path, Query};
use crate::notify::{self, bilingual, Template};
use crate::practitioner_row;
use crate::stored::{parse_date, parse_enum};
use crate::{audit, store, AppState};

pub use rules::api::roster::RosterQuery;
use rules::api::roster::MAX_SEARCH_CHARS;
use rules::api::roster::{Paging, QueryError};

/// A list's query refused: the message on the parameter at fault.
fn query_error(e: QueryError) -> AppError {
    AppError::field_rule(e.field(), &e)
}

/// The page and its size asked for, checked.
pub fn paging(page: Option<u32>, per_page: Option<u32>) -> AppResult<Paging> {
    Paging::check(page, per_page).map_err(query_error)
}

/// The roster's query as the store filters on it, checked; with its sort
/// and page.
pub(crate) fn roster_filter(
    q: &RosterQuery,
) -> AppResult<(
    store::roster_page::RosterFilter,
    rules::api::roster::RosterSort,
    Paging,
)> {
    let paging = q.check().map_err(query_error)?;
    let filter = store::roster_page::RosterFilter {
        kind: q.system.map(|s| s.code().to_owned()),
        status: q.status.map(|s| s.code().to_owned()),
        not_applied: q.not_applied,
        unmet: q.unmet.map(|c| c.code().to_owned()),
        registration_change: q.registration_change,
        search: q.search(),
    };
    Ok((filter, q.sort.unwrap_or_default(), paging))
}

/// The roster's view of one person, with the checklist the rules compute.
fn member(
    row: &practitioner_row::PractitionerRow,
    applied: bool,
    today: chrono::NaiveDate,
) -> AppResult<StaffMember> {
    let facts = row.facts()?;
    let checklist = rules::practitioner_checklist(&facts, today, row.policy());
    Ok(StaffMember {
        account_id: row.account_id,
        username: row.username.clone(),
        name: row.name.clone(),
        system: facts.kind.system(),
        status: facts.status,
        activated: row.activated,
        photo_state: row
            .photo_state
            .as_deref()
            .map(|state| state.parse())
            .transpose()
            .map_err(|e| AppError::Internal(format!("stored photo state: {e}")))?,
        eligible: checklist.is_eligible(),
        applied,
        id_number_masked: rules::masking::id_number(&row.id_number),
        registration_change: row.registration_change(),
        checklist,
    })
}

/// Roster with application rate
///
/// One page of the roster, filtered and sorted in the database, with the totals
/// of every page; the checklists are computed for this page's rows only.
#[utoipa::path(
    get,
    path = "/api/v1/institution/staff",
    tag = "institution",
    params(crate::openapi::RosterFilterParams, crate::openapi::PageParams),
    responses((status = 200, body = rules::api::Roster), (status = 400), (status = 422)),
    security(("session" = []))
)]
pub async fn staff(
    State(state): State<AppState>,
    auth: AdminAuth,
    Query(q): Query<RosterQuery>,
) -> AppResult<axum::Json<Roster>> {
    let (filter, sort, Paging { page, per_page }) = roster_filter(&q)?;
    let today = state.clock.today();
    let today_text = store::date_text(today);
    let mut c = state.db.acquire().await?;
    // The totals scan the whole filtered roster; every page of it shares
    // them, kept while the institution's data is unchanged (kept.rs).
    let version = store::institution_versions::current(&mut c, auth.institution_id).await?;
    let key = (auth.institution_id, today_text.clone(), filter.clone());
    let totals = match state.views.roster_totals.get(&key, version) {
        Some(totals) => totals,
        None => {
            let totals =
                store::roster_page::totals(&mut c, auth.institution_id, &today_text, &filter)
                    .await?;
            state.views.roster_totals.put(key, version, totals);
            totals
        }
    };
    let rows = store::roster_page::page(
        &mut c,
        auth.institution_id,
        &today_text,
        &filter,
        sort,
        i64::from(per_page),
        Paging { page, per_page }.offset(),
    )
    .await?;
    drop(c);
    let staff = rows
        .iter()
        .map(|(row, applied)| member(row, *applied, today))
        .collect::<AppResult<Vec<_>>>()?;
    Ok(axum::Json(Roster {
        staff,
        applied: usize::try_from(totals.applied).unwrap_or(0),
        eligible: usize::try_from(totals.eligible).unwrap_or(0),
        total: usize::try_from(totals.total).unwrap_or(0),
        page,
        per_page,
    }))
}

/// Review queue filter and page.
#[derive(Debug, Default, Deserialize)]
pub struct QueueQuery {
    /// `photo` | `title`: one kind only.
    kind: Option<ReviewKind>,
    /// Page, 1 first.
    page: Option<u32>,
    /// Items per page (default [`PER_PAGE`](rules::api::roster::PER_PAGE)).
    per_page: Option<u32>,
}

/// One page of the photos and title changes to review, oldest first
///
/// One page of the photos and title changes waiting for the institution's
/// decision, oldest first, with the counts of the whole queue.
#[utoipa::path(
    get,
    path = "/api/v1/institution/reviews",
    tag = "institution",
    params(("kind" = Option<String>, Query), crate::openapi::PageParams),
    responses((status = 200, body = rules::api::ReviewQueue), (status = 400), (status = 422)),
    security(("session" = []))
)]
pub async fn reviews(
    State(state): State<AppState>,
    auth: AdminAuth,
    Query(q): Query<QueueQuery>,
) -> AppResult<axum::Json<ReviewQueue>> {
    let Paging { page, per_page } = paging(q.page, q.per_page)?;
    let kind = q.kind.map(|k| crate::stored::enum_text(&k));
    let limit = i64::from(per_page);
    let offset = Paging { page, per_page }.offset();
    let mut c = state.db.acquire().await?;
    // Counting and sorting the queue reads every pending item: a page is
    // kept while the institution's data is unchanged (kept.rs).
    let version = store::institution_versions::current(&mut c, auth.institution_id).await?;
    let key = (auth.institution_id, kind.clone(), limit, offset);
    let (photos, titles, rows) = match state.views.review_pages.get(&key, version) {
        Some(kept) => kept,
        None => {
            let (photos, titles) = store::review_queue::counts(&mut c, auth.institution_id).await?;
            let rows = std::sync::Arc::new(
                store::review_queue::page(
                    &mut c,
                    auth.institution_id,
                    kind.as_deref(),
                    limit,
                    offset,
                )
                .await?,
            );
            let kept = (photos, titles, rows);
            state.views.review_pages.put(key, version, kept.clone());
            kept
        }
    };
    drop(c);
    let mut items = Vec::with_capacity(rows.len());
    for r in rows.iter().cloned() {
        let photo = r.item == "photo";
        items.push(ReviewItem {
            kind: if photo {
                ReviewKind::Photo
            } else {
                ReviewKind::Title
            },
            account_id: r.account_id,
            username: r.username,
            name: r.name,
            system: if r.kind == "nurse" {
                rules::System::Nurse
            } else {
                rules::System::Physician
            },
            before: r.title_before.as_deref().map(parse_enum).transpose()?,
            after: r.title_after.as_deref().map(parse_enum).transpose()?,
            photo_url: photo.then(|| format!("/api/v1/institution/staff/{}/photo", r.account_id)),
            previous_photo_url: (photo && r.has_previous)
                .then(|| format!("/api/v1/institution/staff/{}/photo/previous", r.account_id)),
            submitted_at: r.submitted_at,
        });
    }
    let count = |n: i64| usize::try_from(n).unwrap_or(0);
    let total = match q.kind {
        Some(ReviewKind::Photo) => count(photos),
        Some(ReviewKind::Title) => count(titles),
        None => count(photos) + count(titles),
    };
    Ok(axum::Json(ReviewQueue {
        items,
        total,
        photos: count(photos),
        titles: count(titles),
        page,
        per_page,
    }))
}

/// Most photos one bulk decision takes.
pub const MAX_BULK: usize = 200;

/// Approve or reject many photos at once (each decision audited)
///
/// One decision on many pending photos, in one transaction; each decision is
/// audited on its own. Photos no longer waiting in this institution are skipped
/// and listed.
#[utoipa::path(
    post,
    path = "/api/v1/institution/reviews/photo",
    tag = "institution",
    request_body = rules::api::BulkReviewDecision,
    responses((status = 200, body = rules::api::BulkReviewOutcome)),
    security(("session" = []))
)]
pub async fn decide_photos(
    State(state): State<AppState>,
    auth: AdminAuth,
    Json(req): Json<BulkReviewDecision>,
) -> AppResult<axum::Json<BulkReviewOutcome>> {
    let mut ids = req.account_ids.clone();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() || ids.len() > MAX_BULK {
        return Err(AppError::field(
            "account_ids",
            Text::new("请选择 1 到 200 张照片", "Select between 1 and 200 photos"),
        ));
    }
    let reason = match (req.approve, req.reason_code) {
        (true, _) => None,
        (false, Some(code)) => Some(code.stored_text()),
        (false, None) => rejection_reason(&ReviewDecision {
            approve: false,
            reason: req.reason.clone(),
        })?,
    };
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let mut decided = Vec::new();
    let mut skipped = Vec::new();
    let mut unused_files = Vec::new();
    for &account_id in &ids {
        let Some(pending) =
            store::reviews::lock_pending_photo(&mut tx, account_id, auth.institution_id).await?
        else {
            skipped.push(account_id);
            continue;
        };
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
        unused_files.extend(unused);
        audit::record(
            &mut tx,
            now,
            Some(auth.account_id),
            "review.photo",
            Some(serde_json::json!({
                "account_id": account_id,
                "approved": req.approve,
                "bulk": true,
                "reason_code": req.reason_code.map(|c| c.code()),
            })),
        )
        .await?;
        decided.push(account_id);
    }
    tx.commit().await?;
    for file in unused_files {
        crate::routes::photo::remove_stored(&state, &file).await;
    }
    Ok(axum::Json(BulkReviewOutcome { decided, skipped }))
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

/// Approve or reject a photo
#[utoipa::path(
    post,
    path = "/api/v1/institution/reviews/photo/{account_id}",
    tag = "institution",
    request_body = rules::api::ReviewDecision,
    params(("account_id" = i64, Path)),
    responses((status = 204), (status = 404)),
    security(("session" = []))
)]
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

/// Zombie candidates' filters and page.
#[derive(Debug, Default, Deserialize)]
pub struct ZombieQuery {
    /// `physician` | `nurse`.
    system: Option<rules::System>,
    /// Only those for whom this reason holds (a `rules::ZombieReason` code).
    reason: Option<String>,
    /// Part of the name (case-insensitive).
    q: Option<String>,
    /// Page, 1 first.
    page: Option<u32>,
    /// Candidates per page (default [`PER_PAGE`](rules::api::roster::PER_PAGE), at most [`MAX_PER_PAGE`](rules::api::roster::MAX_PER_PAGE)).
    per_page: Option<u32>,
}

/// One page of the zombie-account candidates, by name
///
/// One page of the registrations the rules propose to file or cancel (but those
/// with a case waiting for the authority: the case list shows them), filtered,
/// counted and paged in the database; the reasons computed by the rules for
/// this page's rows only.
#[utoipa::path(
    get,
    path = "/api/v1/institution/zombies",
    tag = "institution",
    params(
        ("system" = Option<String>, Query),
        ("reason" = Option<String>, Query),
        ("q" = Option<String>, Query),
        crate::openapi::PageParams
    ),
    responses((status = 200, body = rules::api::ZombiePage), (status = 400), (status = 422)),
    security(("session" = []))
)]
pub async fn zombies(
    State(state): State<AppState>,
    auth: AdminAuth,
    Query(q): Query<ZombieQuery>,
) -> AppResult<axum::Json<rules::api::ZombiePage>> {
    let Paging { page, per_page } = paging(q.page, q.per_page)?;
    let reason = match q.reason.as_deref().filter(|r| !r.is_empty()) {
        None => None,
        Some(code) => Some(rules::ZombieReason::from_code(code).ok_or_else(|| {
            AppError::field(
                "reason",
                Text::new("没有这种清理原因", "There is no such cleanup reason"),
            )
        })?),
    };
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
                "搜索内容过长：请输入姓名的一部分。",
                "The search text is too long: type part of a name.",
            ),
        ));
    }
    let filter = store::zombie_page::ZombieFilter {
        kind: q.system.map(|s| crate::stored::enum_text(&s)),
        reason: reason.map(|r| rules::Localized::code(&r).to_owned()),
        name_pattern: search.as_deref().map(store::roster_page::contains_pattern),
    };
    let today = state.clock.today();
    let today_text = store::date_text(today);
    let cutoff = store::date_text(rules::two_years_cutoff(today));
    let mut c = state.db.acquire().await?;
    let total =
        store::zombie_page::count(&mut c, auth.institution_id, &today_text, &cutoff, &filter)
            .await?;
    let rows = store::zombie_page::page(
        &mut c,
        auth.institution_id,
        &today_text,
        &cutoff,
        &filter,
        i64::from(per_page),
        Paging { page, per_page }.offset(),
    )
    .await?;
    drop(c);
    let items = rows
        .into_iter()
        .map(|r| candidate(r, today))
        .collect::<AppResult<Vec<_>>>()?;
    Ok(axum::Json(rules::api::ZombiePage {
        items,
        total: usize::try_from(total).unwrap_or(0),
        page,
        per_page,
    }))
}

/// A registry row as a candidate, with the reasons the rules propose.
pub fn candidate(
    r: store::roster::RegistryRow,
    today: chrono::NaiveDate,
) -> AppResult<ZombieCandidate> {
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
    Ok(ZombieCandidate {
        practitioner_id: r.id,
        name: r.name,
        status,
        reasons: rules::propose_candidates(&facts, today),
    })
}

/// Delete a staff account (recovery path 4)
///
/// Recovery path 4. The account goes (sessions, codes, answers with it); the
/// registry record and any application stay, and the person registers and
/// activates again.
#[utoipa::path(
    delete,
    path = "/api/v1/institution/staff/{account_id}",
    tag = "institution",
    params(("account_id" = i64, Path)),
    responses((status = 204), (status = 400), (status = 404)),
    security(("session" = []))
)]
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
    let Some(gone) =
        store::staff::delete_account(&mut tx, account_id, auth.institution_id, now).await?
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

/// Registry records whose account the institution deleted, not registered again
///
/// The registry records whose account the institution deleted (recovery path 4)
/// and that have no new account yet, latest first: the roster shows them as
/// "account deleted" with what the person does next, instead of losing them.
#[utoipa::path(
    get,
    path = "/api/v1/institution/deleted-accounts",
    tag = "institution",
    params(crate::openapi::PageParams),
    responses(
        (status = 200, body = rules::api::DeletedAccountPage),
        (status = 400),
        (status = 422)
    ),
    security(("session" = []))
)]
pub async fn deleted_accounts(
    State(state): State<AppState>,
    auth: AdminAuth,
    Query(q): Query<PageQuery>,
) -> AppResult<axum::Json<rules::api::DeletedAccountPage>> {
    let Paging { page, per_page } = paging(q.page, q.per_page)?;
    let mut c = state.db.acquire().await?;
    let total = store::staff::deleted_total(&mut c, auth.institution_id).await?;
    let rows = store::staff::deleted_page(
        &mut c,
        auth.institution_id,
        i64::from(per_page),
        Paging { page, per_page }.offset(),
    )
    .await?;
    drop(c);
    let items = rows
        .into_iter()
        .map(|r| rules::api::DeletedAccount {
            practitioner_id: r.practitioner_id,
            name: r.name,
            system: if r.kind == "nurse" {
                rules::System::Nurse
            } else {
                rules::System::Physician
            },
            id_number_masked: rules::masking::id_number(&r.id_number),
            deleted_at: r.deleted_at,
        })
        .collect();
    Ok(axum::Json(rules::api::DeletedAccountPage {
        items,
        total: usize::try_from(total).unwrap_or(0),
        page,
        per_page,
    }))
}

/// A page and its size.
#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    /// Page, 1 first.
    page: Option<u32>,
    /// Rows per page (default [`PER_PAGE`](rules::api::roster::PER_PAGE)).
    per_page: Option<u32>,
}
