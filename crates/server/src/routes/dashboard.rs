//! The institution's dashboard: who can claim the e-license, who applied,
//! what blocks the others, and whom to chase for a photo or activation.

use std::collections::{HashMap, HashSet};

use axum::extract::State;
use rules::api::{BlockedCount, Dashboard, StaffRef, SystemCounts};
use rules::eligibility::{PractitionerFacts, ReviewPolicy};
use rules::{AccountState, CriterionCode, PractitionerKind, ReviewState, System};

use crate::auth::AdminAuth;
use crate::error::AppResult;
use crate::profile::{self, parse_date, parse_enum};
use crate::{store, AppState};

struct Person {
    practitioner_id: i64,
    account_id: Option<i64>,
    name: String,
    facts: PractitionerFacts,
}

/// `GET /api/v1/institution/dashboard`
pub async fn dashboard(
    State(state): State<AppState>,
    auth: AdminAuth,
) -> AppResult<axum::Json<Dashboard>> {
    let today = state.clock.today();
    let mut people = Vec::new();
    let mut policy = None;
    let mut c = state.db.acquire().await?;
    for row in profile::load_institution(&mut c, auth.institution_id).await? {
        policy = Some(row.policy());
        people.push(Person {
            practitioner_id: row.practitioner_id,
            account_id: Some(row.account_id),
            name: row.name.clone(),
            facts: row.facts()?,
        });
    }
    let policy = match policy {
        Some(p) => p,
        None => ReviewPolicy {
            photo_review_required: store::institutions::photo_review_required(
                &mut c,
                auth.institution_id,
            )
            .await?,
        },
    };
    for r in store::roster::unregistered(&mut c, auth.institution_id).await? {
        let kind = if r.kind == "nurse" {
            PractitionerKind::Nurse
        } else {
            PractitionerKind::Physician {
                level: parse_enum(r.level.as_deref().unwrap_or("practising"))?,
            }
        };
        people.push(Person {
            practitioner_id: r.id,
            account_id: None,
            name: r.name,
            facts: PractitionerFacts {
                kind,
                has_valid_qualification: r.has_valid_qualification,
                status: parse_enum(&r.status)?,
                registration_valid_from: r
                    .registration_valid_from
                    .as_deref()
                    .map(parse_date)
                    .transpose()?,
                registration_valid_until: r
                    .registration_valid_until
                    .as_deref()
                    .map(parse_date)
                    .transpose()?,
                account: AccountState {
                    registered: false,
                    activated: false,
                    phone_verified: false,
                    email_verified: false,
                    photo: None,
                },
            },
        });
    }
    let applied: HashSet<i64> = store::roster::applied(&mut c, auth.institution_id)
        .await?
        .into_iter()
        .collect();
    drop(c);

    let mut systems = Vec::new();
    let mut missing_photo = Vec::new();
    let mut not_activated = Vec::new();
    for system in [System::Physician, System::Nurse] {
        let mut counts = SystemCounts {
            system,
            total: 0,
            registered: 0,
            eligible: 0,
            applied: 0,
            blocked: Vec::new(),
        };
        let mut blocked: HashMap<CriterionCode, usize> = HashMap::new();
        for p in people.iter().filter(|p| p.facts.kind.system() == system) {
            counts.total += 1;
            counts.registered += usize::from(p.account_id.is_some());
            counts.applied += usize::from(applied.contains(&p.practitioner_id));
            let checklist = rules::practitioner_checklist(&p.facts, today, policy);
            counts.eligible += usize::from(checklist.is_eligible());
            for c in checklist.failures() {
                *blocked.entry(c.code).or_default() += 1;
            }
            let who = StaffRef {
                practitioner_id: p.practitioner_id,
                account_id: p.account_id,
                name: p.name.clone(),
                system,
            };
            if !p.facts.account.activated {
                not_activated.push(who.clone());
            }
            let photo_missing = matches!(
                p.facts.account.photo,
                None | Some(ReviewState::Rejected { .. })
            );
            if p.account_id.is_some() && photo_missing {
                missing_photo.push(who);
            }
        }
        let mut blocked: Vec<BlockedCount> = blocked
            .into_iter()
            .map(|(criterion, count)| BlockedCount { criterion, count })
            .collect();
        blocked.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| format!("{:?}", a.criterion).cmp(&format!("{:?}", b.criterion)))
        });
        counts.blocked = blocked;
        systems.push(counts);
    }
    let total = people.len();
    let applied_count = people
        .iter()
        .filter(|p| applied.contains(&p.practitioner_id))
        .count();
    Ok(axum::Json(Dashboard {
        systems,
        application_rate: if total == 0 {
            0.0
        } else {
            applied_count as f64 / total as f64
        },
        missing_photo,
        not_activated,
        reminders: crate::routes::reminders::counts(&state, auth.institution_id).await?,
    }))
}
