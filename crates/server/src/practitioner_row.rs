//! One practitioner account as stored (`PractitionerRow`), read into the
//! rules crate's facts, checklist inputs and the `/me` answer.

use rules::api::Me;
use rules::eligibility::{PractitionerFacts, ReviewPolicy};
use rules::{AccountState, PracticeStatus, PractitionerKind, ReviewState, Title};

use crate::error::{AppError, AppResult};
use crate::store::{self, AsConn};
use crate::stored::{parse_date, parse_enum};

/// Everything about one practitioner account, as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PractitionerRow {
    /// Account id.
    pub account_id: i64,
    /// Username.
    pub username: String,
    /// Account activated.
    pub activated: bool,
    /// Phone.
    pub phone: Option<String>,
    /// Phone verified.
    pub phone_verified: bool,
    /// Email.
    pub email: Option<String>,
    /// Email verified.
    pub email_verified: bool,
    /// Photo review state.
    pub photo_state: Option<String>,
    /// Rejection reason.
    pub photo_reason: Option<String>,
    /// When the photo was uploaded.
    pub photo_uploaded_at: Option<i64>,
    /// Stored photo file name (inside the uploads directory).
    pub photo_file: Option<String>,
    /// The approved photo a pending one replaces, until the review.
    pub photo_previous_file: Option<String>,
    /// Registry id.
    pub practitioner_id: i64,
    /// `physician` | `nurse`.
    pub kind: String,
    /// Physician level.
    pub level: Option<String>,
    /// Name.
    pub name: String,
    /// ID number.
    pub id_number: String,
    /// Certificate number.
    pub certificate_number: String,
    /// Qualification.
    pub has_valid_qualification: bool,
    /// Practice status.
    pub status: String,
    /// Registration start.
    pub registration_valid_from: Option<String>,
    /// Registration end.
    pub registration_valid_until: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Category.
    pub category: Option<String>,
    /// Institution.
    pub institution_id: i64,
    /// Institution name.
    pub institution_name: String,
    /// The institution name on the practice registration, where it differs.
    pub registered_institution_name: Option<String>,
    /// Region.
    pub region: String,
    /// Institution reviews photos.
    pub photo_review_required: bool,
    /// The account has its security questions.
    pub has_security_questions: bool,
}

/// Loads the profile of a practitioner account.
pub async fn load(c: &mut impl AsConn, account_id: i64) -> AppResult<PractitionerRow> {
    store::practitioners::profile(c, account_id)
        .await?
        .ok_or(AppError::NotFound)
}

/// The latest title change of a practitioner: the title asked for and its
/// review state.
pub async fn latest_title_change(
    c: &mut impl AsConn,
    practitioner_id: i64,
) -> AppResult<Option<(Title, ReviewState)>> {
    let row = store::practitioners::latest_title_change(c, practitioner_id).await?;
    row.map(|(title, state, reason)| title_change(&title, &state, reason))
        .transpose()
}

/// A stored title change: the title asked for and its review.
pub fn title_change(
    title: &str,
    state: &str,
    reason: Option<String>,
) -> AppResult<(Title, ReviewState)> {
    Ok((parse_enum(title)?, ReviewState::from_stored(state, reason)))
}

/// The `GET /api/v1/me` view of an account, with its latest title change.
pub async fn load_me(state: &crate::AppState, account_id: i64) -> AppResult<Me> {
    let campaigns = state.campaigns.table(&state.db).await?;
    let c = &mut state.db.acquire().await?;
    let row = load(c, account_id).await?;
    let mut me = row.me(&campaigns)?;
    if let Some((title, review)) = latest_title_change(c, row.practitioner_id).await? {
        me.pending_title = Some(title);
        me.title_review = Some(review);
    }
    Ok(me)
}

/// Loads the profiles of an institution's staff (accounts only).
pub async fn load_institution(
    c: &mut impl AsConn,
    institution_id: i64,
) -> AppResult<Vec<PractitionerRow>> {
    Ok(store::practitioners::institution_profiles(c, institution_id).await?)
}

impl PractitionerRow {
    /// The practitioner's kind.
    pub fn kind(&self) -> AppResult<PractitionerKind> {
        Ok(match self.kind.as_str() {
            "nurse" => PractitionerKind::Nurse,
            _ => PractitionerKind::Physician {
                level: parse_enum(self.level.as_deref().unwrap_or("practising"))?,
            },
        })
    }

    /// Photo review state.
    pub fn photo(&self) -> Option<ReviewState> {
        let state = self.photo_state.as_deref()?;
        Some(ReviewState::from_stored(state, self.photo_reason.clone()))
    }

    /// The facts the eligibility rules need.
    pub fn facts(&self) -> AppResult<PractitionerFacts> {
        Ok(PractitionerFacts {
            kind: self.kind()?,
            has_valid_qualification: self.has_valid_qualification,
            status: parse_enum::<PracticeStatus>(&self.status)?,
            registration_valid_from: self
                .registration_valid_from
                .as_deref()
                .map(parse_date)
                .transpose()?,
            registration_valid_until: self
                .registration_valid_until
                .as_deref()
                .map(parse_date)
                .transpose()?,
            account: AccountState {
                registered: true,
                activated: self.activated,
                phone_verified: self.phone_verified,
                email_verified: self.email_verified,
                photo: self.photo(),
            },
        })
    }

    /// The institution's review policy.
    pub fn policy(&self) -> ReviewPolicy {
        ReviewPolicy {
            photo_review_required: self.photo_review_required,
        }
    }

    /// The API view, with the campaign of the institution's region from
    /// `campaigns`.
    pub fn me(&self, campaigns: &[rules::Campaign]) -> AppResult<Me> {
        Ok(Me {
            username: self.username.clone(),
            name: self.name.clone(),
            id_number_masked: rules::masking::id_number(&self.id_number),
            certificate_number: self.certificate_number.clone(),
            title: self.title.as_deref().map(parse_enum).transpose()?,
            category: self.category.as_deref().map(parse_enum).transpose()?,
            institution_name: self.institution_name.clone(),
            region: self.region.clone(),
            phone_masked: self.phone.as_deref().map(rules::masking::phone),
            email_masked: self.email.as_deref().map(rules::masking::email),
            facts: self.facts()?,
            policy: self.policy(),
            pending_title: None,
            title_review: None,
            registration_change: self.registration_change(),
            has_photo: self.photo_file.is_some(),
            has_security_questions: self.has_security_questions,
            campaign: rules::campaign_in(campaigns, &self.region).clone(),
            photo_submitted_on: match self.photo() {
                Some(ReviewState::Pending) => self.photo_uploaded_at.map(rules::china_time::date),
                _ => None,
            },
        })
    }

    /// The registration change the person must apply for, if any.
    pub fn registration_change(&self) -> Option<rules::RegistrationChange> {
        rules::registration_change(
            self.registered_institution_name.as_deref(),
            &self.institution_name,
        )
    }
}
