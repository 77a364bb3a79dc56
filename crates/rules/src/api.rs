//! Request and response bodies of `/api/v1`, shared by the SPA and the server
//! so that the two cannot drift apart.

pub mod administrator_change;
pub mod authority;
pub mod authority_deregistrations;
pub mod campaign;
pub mod error_code;
pub mod roster;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::{PracticeCategory, ReviewState, System, Title};
use crate::eligibility::{Checklist, PractitionerFacts, ReviewPolicy};
pub use error_code::ErrorCode;

/// `POST /api/v1/session`: sign in to one of the practitioner systems.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInRequest {
    /// The system chosen on the sign-in page (医师 / 护士).
    pub system: System,
    /// Username chosen at registration.
    pub username: String,
    /// Password (never logged).
    pub password: String,
}

/// `GET /api/v1/me`: the signed-in practitioner's profile and the facts the
/// checklist is computed from.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    /// Username.
    pub username: String,
    /// Full name.
    pub name: String,
    /// Resident ID number, masked (first 3 and last 4 characters kept).
    pub id_number_masked: String,
    /// Practice certificate number (执业证书编码).
    pub certificate_number: String,
    /// Current professional title, if any.
    pub title: Option<Title>,
    /// Practice category (physicians).
    pub category: Option<PracticeCategory>,
    /// Main practice institution's name.
    pub institution_name: String,
    /// Region code of the main institution (first 2 digits of the
    /// administrative division code), for the regional deadline.
    pub region: String,
    /// Masked phone number, if on file.
    pub phone_masked: Option<String>,
    /// Masked email address, if on file.
    pub email_masked: Option<String>,
    /// The facts that decide eligibility.
    pub facts: PractitionerFacts,
    /// The institution's photo-review policy.
    pub policy: ReviewPolicy,
    /// The title asked for in the latest title change (its state is
    /// `title_review`); `None` when no change was ever asked.
    #[serde(default)]
    pub pending_title: Option<Title>,
    /// Review state of the latest title change: pending, approved, or
    /// rejected with the institution's reason.
    #[serde(default)]
    pub title_review: Option<ReviewState>,
    /// Set when the registration names the institution differently from its
    /// practice licence: what the person must do first.
    #[serde(default)]
    pub registration_change: Option<crate::registration_change::RegistrationChange>,
    /// Whether `GET /api/v1/me/photo` has a photo to show: the current one,
    /// or after a rejection the approved one it was to replace (a rejected
    /// photo is deleted with the decision).
    #[serde(default)]
    pub has_photo: bool,
    /// The day (in China) the photo now waiting for review was uploaded;
    /// `None` unless a photo waits for review.
    #[serde(deserialize_with = "crate::iso_date::deserialize_optional", default)]
    pub photo_submitted_on: Option<NaiveDate>,
    /// Whether the account has its three security questions (recovery way
    /// 3); the home page asks those without them to set them.
    #[serde(default)]
    pub has_security_questions: bool,
    /// The campaign of the institution's region (deadlines, and what
    /// happens after them).
    pub campaign: crate::Campaign,
}

impl Me {
    /// The e-license checklist, computed by the same rule as the server's.
    pub fn checklist(&self, today: NaiveDate) -> Checklist {
        crate::eligibility::practitioner_checklist(&self.facts, today, self.policy)
    }
}

/// The error body of every non-2xx API answer.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// A typed API error: a stable code, a message in the request's language, and
/// per-field messages for forms.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// Stable machine-readable code, e.g. `auth.invalid_credentials`: one of
    /// [`ErrorCode`]'s (text on the wire, so that a newer server's code reads
    /// as unknown to an older portal instead of failing the whole answer).
    #[cfg_attr(feature = "openapi", schema(value_type = ErrorCode))]
    pub code: String,
    /// Message for the user.
    pub message: String,
    /// Messages per form field, keyed by the request field's name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, String>,
    /// The message in the other language, so a page shows it again in the
    /// language the user switches to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<Box<OtherLanguage>>,
}

impl ErrorDetail {
    /// The code, when it is one this build knows.
    pub fn error_code(&self) -> Option<ErrorCode> {
        ErrorCode::from_code(&self.code)
    }
}

/// An error's message in the language the request did not ask for.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtherLanguage {
    /// The language of `message`: `zh-CN` or `en`.
    pub lang: String,
    /// Message for the user, in `lang`.
    pub message: String,
    /// Messages per form field, in `lang`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, String>,
}

/// The 422 answer of `POST /api/v1/applications` when the practitioner is not
/// eligible: the error and the checklist computed by the server.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotEligibleBody {
    /// The error (`application.not_eligible`).
    pub error: ErrorDetail,
    /// Every criterion with its reason.
    pub checklist: Checklist,
}

/// `GET /api/v1/health`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    /// Always `ok` when the server answers.
    pub status: String,
}

/// `POST /api/v1/institution/session`: sign in as an institution's admin.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminSignInRequest {
    /// Admin username.
    pub username: String,
    /// Password (never logged).
    pub password: String,
}

/// `GET /api/v1/institution/me`: the signed-in institution admin.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminMe {
    /// Admin username.
    pub username: String,
    /// The administered institution's id.
    pub institution_id: i64,
    /// Its name.
    pub institution_name: String,
    /// The one-time password issued by the authority must be replaced
    /// before anything else.
    #[serde(default)]
    pub must_change_password: bool,
}

/// One security question and its answer (registration).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityAnswer {
    /// The question, as the person chose or wrote it.
    pub question: String,
    /// The answer (compared after normalisation: trimmed, lower case,
    /// full-width folded to half-width, inner spaces removed).
    pub answer: String,
}

/// `POST /api/v1/registration`: link an account to a registry record.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterRequest {
    /// The system (医师 / 护士).
    pub system: System,
    /// Resident ID number.
    pub id_number: String,
    /// Practice certificate number (执业证书编码).
    pub certificate_number: String,
    /// Chosen username.
    pub username: String,
    /// Chosen password (checked against the password policy).
    pub password: String,
    /// Mobile number; the activation code goes there.
    pub phone: String,
    /// Exactly three security questions with answers.
    pub security_questions: Vec<SecurityAnswer>,
}

/// Answer of every request that sends a code. The same whether or not an
/// account matched, so it never tells who is registered.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeSent {
    /// Where the code went (masked), as the requester typed it.
    pub to_masked: String,
    /// Seconds until another code may be requested.
    pub resend_after_secs: i64,
}

/// `POST /api/v1/activation/code`: (re)send the activation code.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendCodeRequest {
    /// Phone number (or email, where allowed).
    pub to: String,
}

/// `POST /api/v1/activation`: activate with the code.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyCodeRequest {
    /// Phone number (or email) the code was sent to.
    pub to: String,
    /// The 6-digit code.
    pub code: String,
}

/// `GET /api/dev/outbox?to=`: a message of the demo outbox.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxMessage {
    /// `sms` or `email`.
    pub channel: String,
    /// Recipient.
    pub to: String,
    /// Subject.
    pub subject: String,
    /// Text.
    pub body: String,
    /// Unix seconds (queued at).
    pub sent_at: i64,
    /// Delivery: `queued`, `sent` or `failed`.
    pub state: String,
}

/// An e-license application (`POST /api/v1/applications`,
/// `GET /api/v1/applications/current`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    /// Application id.
    pub id: i64,
    /// When it was submitted (Unix seconds).
    pub submitted_at: i64,
    /// `submitted` (the registry issues the e-license from there).
    pub state: String,
}

/// Proof that a recovery path was completed: allows one password reset
/// within 15 minutes.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoveryProof {
    /// Single-use token for `POST /api/v1/recovery/reset`.
    pub token: String,
    /// The account's username in full: the person may have forgotten it,
    /// and the proof shows control of the account as much as the reset does.
    pub username: String,
}

/// `POST /api/v1/recovery/personal`: recovery path 2 (personal details).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonalRecoveryRequest {
    /// The system.
    pub system: System,
    /// Full name.
    pub name: String,
    /// Resident ID number.
    pub id_number: String,
    /// Practice certificate number.
    pub certificate_number: String,
}

/// `POST /api/v1/recovery/questions`: the questions of an account.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionsRequest {
    /// Username.
    pub username: String,
}

/// The three security questions to answer.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Questions {
    /// Questions, in order.
    pub questions: Vec<String>,
}

/// `POST /api/v1/recovery/answers`: recovery path 3.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswersRequest {
    /// Username.
    pub username: String,
    /// Answers, in the order of the questions.
    pub answers: Vec<String>,
}

/// `GET /api/v1/recovery/proof`: the recovery this browser completed and
/// has not spent yet (its proof rides in an HttpOnly cookie, so the reset
/// step survives a refresh without the page ever holding the proof).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingRecovery {
    /// The account's username in full (as in [`RecoveryProof`]).
    pub username: String,
}

/// `POST /api/v1/recovery/reset`: set a new password with a proof.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResetPasswordRequest {
    /// The proof token; empty: the proof cookie the server set with the
    /// proof (`recovery_proof`, HttpOnly, Path=/api/v1/recovery).
    #[serde(default)]
    pub token: String,
    /// The new password.
    pub new_password: String,
}

/// One staff member in the institution's roster.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    /// Account id (for review and deletion).
    pub account_id: i64,
    /// Username.
    pub username: String,
    /// Full name.
    pub name: String,
    /// Physician or nurse.
    pub system: System,
    /// Practice status.
    pub status: crate::domain::PracticeStatus,
    /// Account activated.
    pub activated: bool,
    /// Photo review state, if a photo exists.
    pub photo_state: Option<crate::domain::ReviewStage>,
    /// Meets every e-license criterion today.
    pub eligible: bool,
    /// Has applied for the e-license.
    pub applied: bool,
    /// The ID number, masked (`110***********123X`).
    pub id_number_masked: String,
    /// The person's e-license checklist today, computed by the rules crate.
    pub checklist: crate::eligibility::Checklist,
    /// Set when the registration names the institution differently from its
    /// practice licence: the person must apply for a registration change.
    pub registration_change: Option<crate::registration_change::RegistrationChange>,
}

/// `GET /api/v1/institution/staff`: the roster and the application rate.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Roster {
    /// Staff matching the filters.
    pub staff: Vec<StaffMember>,
    /// How many of them applied.
    pub applied: usize,
    /// How many of them are eligible.
    pub eligible: usize,
    /// How many staff match the filters (all pages).
    #[serde(default)]
    pub total: usize,
    /// This page (1 is the first).
    #[serde(default)]
    pub page: u32,
    /// Rows per page.
    #[serde(default)]
    pub per_page: u32,
}

/// `GET /api/v1/institution/reviews`: one page of the review queue, oldest
/// first, with the counts of the whole queue.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewQueue {
    /// The items of this page.
    pub items: Vec<ReviewItem>,
    /// Items matching the filter (all pages).
    pub total: usize,
    /// Photos waiting (whole queue).
    pub photos: usize,
    /// Title changes waiting (whole queue).
    pub titles: usize,
    /// This page (1 is the first).
    pub page: u32,
    /// Items per page.
    pub per_page: u32,
}

/// `POST /api/v1/institution/reviews/photo`: one decision on many photos.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkReviewDecision {
    /// The accounts whose pending photo (or title change) is decided (at
    /// most 200).
    pub account_ids: Vec<i64>,
    /// Approve (true) or reject (false).
    pub approve: bool,
    /// A common reason to reject a photo (the practitioner reads its text).
    #[serde(default)]
    pub reason_code: Option<crate::photo_rejection::PhotoRejection>,
    /// A typed reason to reject, when no common one fits.
    #[serde(default)]
    pub reason: Option<String>,
}

/// The outcome of a [`BulkReviewDecision`].
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkReviewOutcome {
    /// Decided now, each audited on its own.
    pub decided: Vec<i64>,
    /// Not (or no longer) waiting in this institution: decided by someone
    /// else meanwhile, withdrawn, or not this institution's.
    pub skipped: Vec<i64>,
}

/// `GET /api/v1/institution/needs-help`: one page of a dashboard list.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffRefPage {
    /// The people of this page, by name.
    pub items: Vec<StaffRef>,
    /// People on the list (all pages).
    pub total: usize,
    /// This page (1 is the first).
    pub page: u32,
    /// People per page.
    pub per_page: u32,
}

/// `POST /api/v1/institution/reviews/photo/{account_id}`: decide a photo.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewDecision {
    /// Approve (true) or reject (false).
    pub approve: bool,
    /// The reason the practitioner sees (required to reject).
    #[serde(default)]
    pub reason: Option<String>,
}

/// A zombie-account candidate with the reasons the rules propose.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZombieCandidate {
    /// Registry id of the practitioner.
    pub practitioner_id: i64,
    /// Full name.
    pub name: String,
    /// Current status.
    pub status: crate::domain::PracticeStatus,
    /// Proposed reasons, strongest first.
    pub reasons: Vec<crate::zombie::ZombieReason>,
}

/// A registry record whose account the institution deleted: the person
/// registers and activates again.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeletedAccount {
    /// Registry id.
    pub practitioner_id: i64,
    /// Full name.
    pub name: String,
    /// Physician or nurse.
    pub system: crate::domain::System,
    /// The ID number, masked.
    pub id_number_masked: String,
    /// When the account was deleted (Unix seconds).
    pub deleted_at: i64,
}

/// `GET /api/v1/institution/deleted-accounts`: one page, latest first.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeletedAccountPage {
    /// The records of this page.
    pub items: Vec<DeletedAccount>,
    /// Records with a deleted account and no new one (all pages).
    pub total: usize,
    /// This page (1 is the first).
    pub page: u32,
    /// Records per page.
    pub per_page: u32,
}

/// `GET /api/v1/institution/zombies`: one page of the candidates, by name.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZombiePage {
    /// The candidates of this page.
    pub items: Vec<ZombieCandidate>,
    /// Candidates matching the filters (all pages).
    pub total: usize,
    /// This page (1 is the first).
    pub page: u32,
    /// Candidates per page.
    pub per_page: u32,
}

/// `PUT /api/v1/me/title`: ask the main institution to record a new title.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TitleChangeRequest {
    /// The new title; must belong to the practitioner's series.
    pub title: Title,
}

/// `POST /api/v1/me/contacts/code`: send a code to a new phone or email.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactCodeRequest {
    /// The new mobile number or email address.
    pub contact: String,
    /// The current password (re-authentication; never logged).
    pub current_password: String,
}

/// `PUT /api/v1/me/security-questions`: set or change the three security
/// questions (recovery way 3) after re-authentication.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityQuestionsRequest {
    /// The current password (re-authentication; never logged).
    pub current_password: String,
    /// Exactly three security questions with answers.
    pub security_questions: Vec<SecurityAnswer>,
}

/// `POST /api/v1/me/contacts`: confirm the new contact with its code.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactVerifyRequest {
    /// The new mobile number or email address (as sent to `/code`).
    pub contact: String,
    /// The 6-digit code sent to it.
    pub code: String,
}

/// What an institution reviews.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewKind {
    /// A new ID photo.
    Photo,
    /// A title change.
    Title,
}

crate::wire_codes!(ReviewKind {
    Photo => "photo",
    Title => "title",
});

/// One item of the institution's review queue
/// (`GET /api/v1/institution/reviews`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewItem {
    /// Photo or title.
    pub kind: ReviewKind,
    /// The practitioner's account (decide at
    /// `POST /api/v1/institution/reviews/{kind}/{account_id}`).
    pub account_id: i64,
    /// Username.
    pub username: String,
    /// Full name.
    pub name: String,
    /// Physician or nurse.
    pub system: System,
    /// Titles: the title on record now. `None` for photos.
    pub before: Option<Title>,
    /// Titles: the title asked for. `None` for photos.
    pub after: Option<Title>,
    /// Photos: where the admin fetches the photo. `None` for titles.
    pub photo_url: Option<String>,
    /// Photos: the approved photo this one replaces, for comparison; `None`
    /// for a first photo and for titles.
    pub previous_photo_url: Option<String>,
    /// When it was submitted (Unix seconds), where known.
    pub submitted_at: Option<i64>,
}

/// `GET /api/v1/license/public-key`: the key that signs e-licenses now
/// (the top-level fields, as before keys had ids to choose from) and every
/// key that may still verify one (`keys`: the current one and those it
/// replaced), so that a licence signed before a rotation still verifies:
/// the verifier takes the key the licence names.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LicensePublicKey {
    /// The key id named in every license it signed
    /// ([`crate::license::key_id`]).
    pub key_id: String,
    /// Always `Ed25519`.
    pub algorithm: String,
    /// The 32-byte public key, standard base64 (RFC 4648 §4, padded).
    pub public_key: String,
    /// Every key that may verify a licence, newest first (the current one
    /// included). Absent in answers of servers before key ids were listed.
    #[serde(default)]
    pub keys: Vec<VerificationKey>,
}

/// One key of [`LicensePublicKey::keys`].
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerificationKey {
    /// The key id licences name ([`crate::license::key_id`] of the key).
    pub key_id: String,
    /// Always `Ed25519`.
    pub algorithm: String,
    /// The 32-byte public key, standard base64 (RFC 4648 §4, padded).
    pub public_key: String,
}

/// `GET /api/v1/license/revocations`: the e-licenses that no longer hold
/// although their signature is genuine and their end date not reached, so
/// that a device can tell them offline (the verify app keeps the list).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LicenseRevocations {
    /// When the list was read (Unix seconds): what an offline check knows
    /// is as old as this.
    pub as_of: i64,
    /// Their national identifiers: revoked, or their holder's practice
    /// status is no longer normal.
    pub revoked: Vec<String>,
}

/// `GET /api/v1/license`: the signed-in practitioner's e-license.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedLicense {
    /// The signed fields.
    pub fields: crate::license::LicenseFields,
    /// The verification payload of the QR code
    /// ([`crate::license::SignedLicense::to_payload`]).
    pub payload: String,
    /// The Ed25519 signature, base64url without padding.
    pub signature: String,
    /// Current status.
    pub status: crate::license::LicenseStatus,
}

/// The holder's public details, answered by the status endpoint to whoever
/// presents the license's signature.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LicenseHolder {
    /// Full name.
    pub name: String,
    /// Physician (with level) or nurse.
    pub kind: crate::domain::PractitionerKind,
    /// Main practice institution.
    pub institution: String,
    /// ID number, masked.
    pub id_number_masked: String,
    /// Issue date.
    #[serde(deserialize_with = "crate::iso_date::deserialize")]
    pub issued_on: NaiveDate,
    /// Last valid day, where it applies.
    #[serde(deserialize_with = "crate::iso_date::deserialize_optional", default)]
    pub valid_until: Option<NaiveDate>,
}

/// `GET /api/v1/license/{id}/status?sig=`: public, no sign-in.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LicenseStatusBody {
    /// The identifier asked about.
    pub id: String,
    /// Valid, revoked, expired, or unknown.
    pub status: crate::license::LicenseStatus,
    /// The holder's public details; only when `sig` matched the license's
    /// signature (so identifiers, which are sequential, cannot be walked to
    /// collect names).
    #[serde(default)]
    pub holder: Option<LicenseHolder>,
}

/// `POST /api/v1/institution/deregistrations`: file or cancel the
/// registration of a zombie account among the institution's staff.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeregistrationRequest {
    /// Registry id of the practitioner (see `/institution/zombies`).
    pub practitioner_id: i64,
    /// The reason; must belong to the practitioner's system. Its outcome
    /// (备案 filed / 注销 cancelled) becomes the registry status once the
    /// region's health authority confirms the case.
    pub reason: crate::zombie::ZombieReason,
    /// The institution's note (evidence, dates), at most 500 characters.
    #[serde(default)]
    pub note: String,
}

/// A deregistration case.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deregistration {
    /// Case id.
    pub id: i64,
    /// Registry id of the practitioner.
    pub practitioner_id: i64,
    /// Full name.
    pub name: String,
    /// The reason chosen.
    pub reason: crate::zombie::ZombieReason,
    /// The reason's stable code, e.g. `zombie.physician.retired`.
    pub reason_code: String,
    /// The note.
    pub note: String,
    /// Status before the case.
    pub previous_status: Option<crate::domain::PracticeStatus>,
    /// Status the registry records (once confirmed).
    pub outcome: crate::domain::PracticeStatus,
    /// Username of the admin who opened it.
    pub actor: String,
    /// When (Unix seconds).
    pub created_at: i64,
    /// Where it stands: the registry status changes only once the
    /// authority confirms it.
    pub state: DeregistrationState,
    /// Why the authority returned it (when returned).
    pub return_reason: Option<String>,
    /// When the authority decided (Unix seconds).
    pub decided_at: Option<i64>,
}

/// Where a deregistration case stands. The institution files it; the
/// region's health authority, acting for the physicians' association or the
/// nursing society (市医师协会 / 市护理学会), confirms or returns it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeregistrationState {
    /// 待主管部门确认: the registry is unchanged.
    Pending,
    /// 已确认: the registry records the reason's outcome.
    Confirmed,
    /// 已退回: refused with a reason; the institution may file again.
    Returned,
}

crate::wire_codes!(DeregistrationState {
    Pending => "pending",
    Confirmed => "confirmed",
    Returned => "returned",
});

impl DeregistrationState {
    /// The state's name.
    pub fn label(self, lang: crate::Lang) -> &'static str {
        match self {
            DeregistrationState::Pending => lang.pick("待主管部门确认", "Awaiting the authority"),
            DeregistrationState::Confirmed => lang.pick("已确认", "Confirmed"),
            DeregistrationState::Returned => lang.pick("已退回", "Returned"),
        }
    }
}

/// `GET /api/v1/institution/licence`: the institution's own e-license.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstitutionLicence {
    /// Institution name.
    pub name: String,
    /// Unified social credit code.
    pub credit_code: String,
    /// Practice-licence number.
    pub licence_number: String,
    /// Last day the practice licence is valid.
    #[serde(deserialize_with = "crate::iso_date::deserialize")]
    pub licence_valid_until: NaiveDate,
    /// Institution status.
    pub status: crate::domain::PracticeStatus,
    /// The e-license checklist (computed by the server today).
    pub checklist: Checklist,
    /// The institution's application, once submitted.
    pub application: Option<Application>,
    /// Its newest signed e-license, once issued.
    #[serde(default)]
    pub licence: Option<IssuedInstitutionLicense>,
}

/// The institution's signed e-license, as `GET /api/v1/institution/licence`
/// answers it (the practitioner's [`IssuedLicense`], with the institution's
/// fields).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedInstitutionLicense {
    /// The signed fields.
    pub fields: crate::institution_license::InstitutionLicenseFields,
    /// The verification payload of the QR code
    /// ([`crate::license::Signed::to_payload`]).
    pub payload: String,
    /// The Ed25519 signature, base64url without padding.
    pub signature: String,
    /// Current status.
    pub status: crate::license::LicenseStatus,
}

/// How many staff a failed criterion blocks.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockedCount {
    /// The criterion.
    pub criterion: crate::eligibility::CriterionCode,
    /// Staff for whom it fails.
    pub count: usize,
}

/// Dashboard numbers of one practitioner system.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SystemCounts {
    /// Physicians or nurses.
    pub system: System,
    /// Registry records of the institution (with or without account).
    pub total: usize,
    /// With a portal account.
    pub registered: usize,
    /// Eligible today.
    pub eligible: usize,
    /// Applied for the e-license.
    pub applied: usize,
    /// Failing criteria, most frequent first.
    pub blocked: Vec<BlockedCount>,
}

/// Someone the institution should follow up with.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffRef {
    /// Registry id.
    pub practitioner_id: i64,
    /// Account id, when registered.
    pub account_id: Option<i64>,
    /// Full name.
    pub name: String,
    /// Physician or nurse.
    pub system: System,
}

/// `GET /api/v1/institution/dashboard`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    /// Counts per system (physicians, then nurses).
    pub systems: Vec<SystemCounts>,
    /// Applied / registry records, 0–1 (0 without staff).
    pub application_rate: f64,
    /// Registered staff without an ID photo (or with a rejected one).
    pub missing_photo: Vec<StaffRef>,
    /// Staff whose account is missing or not activated.
    pub not_activated: Vec<StaffRef>,
    /// How many registered staff miss a photo (`missing_photo` holds the
    /// first few; `GET /api/v1/institution/needs-help` pages the rest).
    #[serde(default)]
    pub missing_photo_total: usize,
    /// How many staff lack an activated account (`not_activated` holds the
    /// first few).
    #[serde(default)]
    pub not_activated_total: usize,
    /// Reminders of the last 90 days: people reminded, delivered, then
    /// applied (the same figures as `GET /api/v1/institution/reminders`).
    #[serde(default)]
    pub reminders: [u32; 3],
    /// The campaign of the institution's region.
    pub campaign: crate::Campaign,
}

/// `POST /api/v1/institution/reminders`: remind the staff who have not
/// applied, or only those blocked by `criterion`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderRequest {
    /// Only staff failing this criterion; absent: everyone who has not
    /// applied.
    #[serde(default)]
    pub criterion: Option<crate::eligibility::CriterionCode>,
    /// `POST /api/v1/authority/reminders` only: one institution of the
    /// authority's region; absent: every institution of the region.
    #[serde(default)]
    pub institution_id: Option<i64>,
}

/// The answer to a [`ReminderRequest`].
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderResult {
    /// Reminders queued now.
    pub sent: u32,
    /// People left out: already reminded today.
    pub already_today: u32,
    /// People left out: no phone or email on the account.
    pub without_contact: u32,
}

/// `GET /api/v1/institution/reminders`: reminders of the last 90 days.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderFigures {
    /// People reminded.
    pub sent: u32,
    /// People whose reminder was delivered.
    pub delivered: u32,
    /// People who applied after their reminder.
    pub applied: u32,
}
