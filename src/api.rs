//! The API client: every HTTP call of the portal goes through this module and
//! comes back as a typed result. Pages never build requests themselves.
//!
//! Each endpoint is declared once, with the function pages call it by
//! (`endpoints!`, see [`mod@call`]): its method, its path with its parameters,
//! its body and its answer.

use rules::api::roster::RosterQuery;
use rules::api::ErrorCode;
use rules::api::{
    AdminMe, AdminSignInRequest, AnswersRequest, Application, BulkReviewDecision,
    BulkReviewOutcome, CodeSent, ContactCodeRequest, ContactVerifyRequest, DeletedAccountPage,
    ErrorDetail, IssuedLicense, LicensePublicKey, LicenseRevocations, LicenseStatusBody, Me,
    NotEligibleBody, PendingRecovery, PersonalRecoveryRequest, Questions, QuestionsRequest,
    RecoveryProof, RegisterRequest, ResetPasswordRequest, ReviewDecision, ReviewKind, ReviewQueue,
    Roster, SecurityQuestionsRequest, SendCodeRequest, SignInRequest, StaffRefPage,
    TitleChangeRequest, VerifyCodeRequest, ZombiePage,
};
use rules::api::{Dashboard, Deregistration, DeregistrationRequest, InstitutionLicence};
use rules::api::{ReminderRequest, ReminderResult};
use rules::eligibility::Checklist;
use rules::{Campaign, Lang};
use serde::de::DeserializeOwned;
use thiserror::Error;

use crate::i18n;

pub mod call;

pub use call::{call, Reply};
use call::{endpoints, error_of, Json, OrNone, BASE};

/// What can go wrong with an API call, in terms a page can act on.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ApiError {
    /// The server could not be reached (offline, DNS, connection reset).
    #[error("network error")]
    Network,
    /// No valid session: the user must sign in (again).
    #[error("sign-in required")]
    Unauthorized(ErrorDetail),
    /// The server refused the request with a typed error.
    #[error("{}", .0.message)]
    Rejected(ErrorDetail),
    /// The server asks the user to wait (a code was just sent, too many
    /// tries): its message, and the seconds of its `Retry-After`.
    #[error("{}", .detail.message)]
    Throttled {
        /// The server's error.
        detail: ErrorDetail,
        /// Seconds until the server accepts the request again (0 if unsaid).
        retry_after_secs: u32,
    },
    /// The server refused an application: its own checklist says why.
    #[error("{}", .0.error.message)]
    NotEligible(Box<NotEligibleBody>),
    /// The server failed or answered something unreadable.
    #[error("server error")]
    Server,
}

impl ApiError {
    /// A message for the user, in their language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ApiError::Network => i18n::NETWORK_ERROR.get(lang).into(),
            ApiError::Unauthorized(d)
            | ApiError::Rejected(d)
            | ApiError::Throttled { detail: d, .. } => in_lang(d, lang),
            ApiError::NotEligible(body) => in_lang(&body.error, lang),
            ApiError::Server => i18n::SERVER_ERROR.get(lang).into(),
        }
    }

    /// Whether the server answered with this stable error code. (Compared
    /// as text: parsing every code into the enum would ship the whole code
    /// table to the browser.)
    pub fn is(&self, code: ErrorCode) -> bool {
        match self {
            ApiError::Unauthorized(d)
            | ApiError::Rejected(d)
            | ApiError::Throttled { detail: d, .. } => d.code == code.code(),
            ApiError::NotEligible(body) => body.error.code == code.code(),
            _ => false,
        }
    }

    /// The server's message for one form field, if it sent one (with the
    /// other language's, so a switch re-renders it).
    pub fn field(&self, name: &str) -> Option<Shown> {
        match self {
            ApiError::Rejected(d) => {
                let message = d.fields.get(name)?.clone();
                let other = d.other.as_ref().and_then(|o| {
                    let text = o.fields.get(name)?.clone();
                    Some((Lang::from_tag(&o.lang), text))
                });
                Some(Shown::Field { message, other })
            }
            _ => None,
        }
    }

    /// How long the server asked to wait, in seconds, when it did.
    pub fn retry_after_secs(&self) -> Option<u32> {
        match self {
            ApiError::Throttled {
                retry_after_secs, ..
            } => Some(*retry_after_secs),
            _ => None,
        }
    }

    /// The server's checklist, when it refused an application.
    pub fn checklist(&self) -> Option<&Checklist> {
        match self {
            ApiError::NotEligible(body) => Some(&body.checklist),
            _ => None,
        }
    }
}

/// The server's message in `lang`: the one it was asked for, or the other
/// it sends along (the user switched language since).
fn in_lang(d: &ErrorDetail, lang: Lang) -> String {
    match &d.other {
        Some(other) if other.lang == lang.tag() => other.message.clone(),
        _ => d.message.clone(),
    }
}

/// What a form's alert shows: a page's own text or a server's refusal,
/// both shown in the language of the moment (a switch re-renders them).
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    /// A text of the page.
    Text(i18n::Text),
    /// The server's refusal.
    Api(ApiError),
    /// The server's message for one field, and the same in the other
    /// language when it sent it.
    Field {
        /// In the language of the request.
        message: String,
        /// The other language's, and which language it is.
        other: Option<(Lang, String)>,
    },
    /// A message the page computed, in each language.
    Both {
        /// 中文.
        zh: String,
        /// English.
        en: String,
    },
}

impl Shown {
    /// The message in `lang`.
    pub fn get(&self, lang: Lang) -> String {
        match self {
            Shown::Text(t) => t.get(lang).into(),
            Shown::Api(e) => e.message(lang),
            Shown::Field { message, other } => match other {
                Some((l, text)) if *l == lang => text.clone(),
                _ => message.clone(),
            },
            Shown::Both { zh, en } => match lang {
                Lang::Zh => zh.clone(),
                Lang::En => en.clone(),
            },
        }
    }

    /// A message computed by the page in each language.
    pub fn both(f: impl Fn(Lang) -> Option<String>) -> Option<Shown> {
        Some(Shown::Both {
            zh: f(Lang::Zh)?,
            en: f(Lang::En)?,
        })
    }
}

/// Reads a JSON text as `T`: the browser's `JSON.parse` reads the text and
/// serde reads the parsed value, so no JSON parser ships in the wasm.
pub fn from_json<T: DeserializeOwned>(text: &str) -> Option<T> {
    let value = js_sys::JSON::parse(text).ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}

/// A path with a query string, if it has one.
fn with_query(path: &str, query: &str) -> String {
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    }
}

endpoints! {
    /// Signs in to a practitioner system; the server sets the session cookie.
    fn sign_in(&SignInRequest): POST "/session" => Json<Me>;

    /// The signed-in practitioner's profile and eligibility facts.
    fn me() = GetMe: GET "/me" => Json<Me>;

    /// Ends the session.
    fn sign_out() = SignOut: DELETE "/session" => ();

    /// Registers an account linked to a registry record; the activation code
    /// goes to the phone.
    fn register(&RegisterRequest): POST "/registration" => Json<CodeSent>;

    /// Sends (again) the activation code to a phone.
    fn send_activation_code<'a>(to: &'a str) = SendActivationCode:
        POST "/activation/code" => Json<CodeSent>, body &SendCodeRequest { to: to.into() };

    /// Activates the account with the code sent to the phone.
    fn activate<'a>(req: &'a VerifyCodeRequest) = Activate:
        POST "/activation" => (), body req;

    /// Recovery path 1: sends a code to a verified phone or email.
    fn send_recovery_code<'a>(to: &'a str) = SendRecoveryCode:
        POST "/recovery/code" => Json<CodeSent>, body &SendCodeRequest { to: to.into() };

    /// Recovery path 1: checks the code.
    fn verify_recovery_code<'a>(req: &'a VerifyCodeRequest) = VerifyRecoveryCode:
        POST "/recovery/code/verify" => Json<RecoveryProof>, body req;

    /// Recovery path 2: personal information.
    fn recover_by_personal_info(&PersonalRecoveryRequest):
        POST "/recovery/personal" => Json<RecoveryProof>;

    /// Recovery path 3: the account's security questions.
    fn security_questions<'a>(username: &'a str) = SecurityQuestions:
        POST "/recovery/questions" => Json<Questions>,
        body &QuestionsRequest { username: username.into() };

    /// Recovery path 3: the answers.
    fn answer_security_questions(&AnswersRequest): POST "/recovery/answers" => Json<RecoveryProof>;

    /// The recovery this browser completed and has not spent (its proof is an
    /// HttpOnly cookie): whom the reset step is for after a refresh.
    fn pending_recovery() = GetPendingRecovery: GET "/recovery/proof" => Json<PendingRecovery>;

    /// Sets a new password with the proof of a completed recovery path.
    fn reset_password(&ResetPasswordRequest): POST "/recovery/reset" => ();

    /// Applies for the e-license; the server checks eligibility again.
    fn apply() = Apply: POST "/applications" => Json<Application>;

    /// The current e-license application, if any (`None` when there is none).
    fn current_application() = CurrentApplication:
        GET "/applications/current" => OrNone<Application>;

    /// Signs an institution administrator in.
    fn admin_sign_in(&AdminSignInRequest): POST "/institution/session" => Json<AdminMe>;

    /// The signed-in administrator and their institution.
    fn admin_me() = GetAdminMe: GET "/institution/me" => Json<AdminMe>;

    /// Ends the administrator's session.
    fn admin_sign_out() = AdminSignOut: DELETE "/institution/session" => ();

    /// One page of the institution's staff, filtered and sorted, with the
    /// application rate.
    fn staff<'a>(query: &'a RosterQuery) = Staff:
        GET with_query("/institution/staff", &query.to_query_string()) => Json<Roster>;

    /// One page of the registry records whose account was deleted.
    fn deleted_accounts(page: u32) = DeletedAccounts:
        GET format!("/institution/deleted-accounts?page={page}") => Json<DeletedAccountPage>;

    /// Deletes a staff member's account (recovery path 4).
    fn delete_staff_account(account_id: i64) = DeleteStaffAccount:
        DELETE format!("/institution/staff/{account_id}") => ();

    /// One page of the zombie-account candidates proposed by the rules
    /// (`query`: system, reason, page).
    fn zombie_candidates<'a>(query: &'a str) = ZombieCandidates:
        GET with_query("/institution/zombies", query) => Json<ZombiePage>;

    /// Asks the main institution to record a new title; answers the updated
    /// profile (the change is pending review).
    fn request_title_change(&TitleChangeRequest): PUT "/me/title" => Json<Me>;

    /// Sets or changes the security questions (after re-authentication);
    /// answers the updated profile.
    fn set_security_questions(&SecurityQuestionsRequest): PUT "/me/security-questions" => Json<Me>;

    /// Sends a code to a new phone or email (after re-authentication).
    fn send_contact_code(&ContactCodeRequest): POST "/me/contacts/code" => Json<CodeSent>;

    /// Confirms the new contact with its code.
    fn confirm_contact(&ContactVerifyRequest): POST "/me/contacts" => ();

    /// One page of the institution's review queue (photos and title changes),
    /// `query` as `kind=photo&page=2`.
    fn reviews<'a>(query: &'a str) = Reviews:
        GET with_query("/institution/reviews", query) => Json<ReviewQueue>;

    /// Approves or rejects many photos at once.
    fn decide_photos<'a>(req: &'a BulkReviewDecision) = DecidePhotos:
        POST "/institution/reviews/photo" => Json<BulkReviewOutcome>, body req;

    /// One decision on many pending title changes (a typed reason to reject).
    fn decide_titles<'a>(req: &'a BulkReviewDecision) = DecideTitles:
        POST "/institution/reviews/title" => Json<BulkReviewOutcome>, body req;
}

/// Where the roster's CSV export is (the filters' query, every page).
pub fn roster_csv_url(query: &RosterQuery) -> String {
    with_query(
        &format!("{BASE}/institution/staff.csv"),
        &query.to_query_string(),
    )
}

endpoints! {
    /// Approves or rejects (with a reason) a photo or a title change.
    fn decide_review<'a>(kind: ReviewKind, account_id: i64, decision: &'a ReviewDecision) =
        DecideReview:
        POST format!("/institution/reviews/{}/{account_id}", kind.code()) => (), body decision;

    /// The signed-in practitioner's e-license (`None` before one is issued).
    fn license() = GetLicense: GET "/license" => OrNone<IssuedLicense>;

    /// The public key that verifies e-licenses (no sign-in).
    fn license_public_key() = GetLicensePublicKey:
        GET "/license/public-key" => Json<LicensePublicKey>;

    /// The e-licenses revoked before their end (no sign-in); the service worker
    /// answers from the device's copy offline.
    fn license_revocations() = GetLicenseRevocations:
        GET "/license/revocations" => Json<LicenseRevocations>;

    /// The current status of the license `id` (no sign-in); `signature`
    /// (base64url) proves the caller holds the license and returns the holder's
    /// details too.
    fn license_status<'a>(id: &'a str, signature: &'a str) = LicenseStatus:
        GET format!("/license/{id}/status?sig={signature}") => Json<LicenseStatusBody>;

    /// The institution dashboard's figures.
    fn dashboard() = GetDashboard: GET "/institution/dashboard" => Json<Dashboard>;

    /// One page of a dashboard list (`list`: `missing_photo` | `not_activated`).
    fn needs_help<'a>(list: &'a str, page: u32) = NeedsHelp:
        GET format!("/institution/needs-help?list={list}&page={page}") => Json<StaffRefPage>;

    /// Sends reminders to the staff who have not applied (or a criterion
    /// blocks): the institution's own (`authority` false), or the authority's
    /// region's.
    fn send_reminders<'a>(authority: bool, req: &'a ReminderRequest) = SendReminders:
        POST if authority { "/authority/reminders" } else { "/institution/reminders" }
        => Json<ReminderResult>, body req;

    /// Every region's campaign (public).
    fn campaigns() = GetCampaigns: GET "/campaigns" => Json<Vec<Campaign>>;

    /// Opens a deregistration case (the registry records the reason's outcome).
    fn deregister(&DeregistrationRequest):
        POST "/institution/deregistrations" => Json<Deregistration>;

    /// The deregistration cases filed so far.
    fn deregistrations() = GetDeregistrations:
        GET "/institution/deregistrations" => Json<Vec<Deregistration>>;

    /// The institution's own e-license: data, checklist, application.
    fn institution_licence() = GetInstitutionLicence:
        GET "/institution/licence" => Json<InstitutionLicence>;

    /// Applies for the institution's e-license.
    fn apply_institution_licence() = ApplyInstitutionLicence:
        POST "/institution/licence/application" => Json<Application>;
}

/// The answer of a request sent with `XMLHttpRequest`, as a typed result
/// (the same rules as [`call()`]'s; its `Retry-After` is not read: the
/// upload is never throttled).
fn xhr_result<T: DeserializeOwned>(status: u16, text: &str) -> Result<T, ApiError> {
    if status == 0 {
        return Err(ApiError::Network);
    }
    if (200..300).contains(&status) {
        return from_json(text).ok_or(ApiError::Server);
    }
    Err(error_of(status, text, 0))
}

/// Uploads the ID photo (`PUT /api/v1/me/photo`, the JPEG as the body) and
/// answers the updated profile (the photo waits for review). Sent with
/// `XMLHttpRequest` because fetch reports no upload progress:
/// `on_progress` gets the fraction sent, 0 to 1.
pub async fn upload_photo(
    jpeg: &web_sys::Blob,
    lang: Lang,
    on_progress: impl Fn(f64) + 'static,
) -> Result<Me, ApiError> {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{ProgressEvent, XmlHttpRequest};

    let xhr = XmlHttpRequest::new().map_err(|_| ApiError::Network)?;
    xhr.open("PUT", &format!("{BASE}/me/photo"))
        .map_err(|_| ApiError::Network)?;
    for (name, value) in [
        ("Content-Type", "image/jpeg"),
        ("Accept", "application/json"),
        ("Accept-Language", lang.tag()),
    ] {
        xhr.set_request_header(name, value)
            .map_err(|_| ApiError::Network)?;
    }
    let progress = Closure::<dyn Fn(ProgressEvent)>::new(move |e: ProgressEvent| {
        if e.length_computable() && e.total() > 0.0 {
            on_progress(e.loaded() / e.total());
        }
    });
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    }
    // Settles on load (any HTTP status), error, abort or timeout.
    let done = js_sys::Promise::new(&mut |resolve, _reject| {
        xhr.set_onloadend(Some(&resolve));
    });
    xhr.send_with_opt_blob(Some(jpeg))
        .map_err(|_| ApiError::Network)?;
    let _ = wasm_bindgen_futures::JsFuture::from(done).await;
    drop(progress);
    let text = xhr.response_text().ok().flatten().unwrap_or_default();
    xhr_result(xhr.status().unwrap_or(0), &text)
}

pub mod administrator_change;
pub mod authority;
pub mod authority_deregistrations;
