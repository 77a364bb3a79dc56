//! The API client: every HTTP call of the portal goes through this module and
//! comes back as a typed result. Pages never build requests themselves.

use gloo_net::http::{Request, RequestBuilder, Response};
use rules::api::roster::RosterQuery;
use rules::api::ErrorCode;
use rules::api::{
    AdminMe, AdminSignInRequest, AnswersRequest, Application, BulkReviewDecision,
    BulkReviewOutcome, CodeSent, ContactCodeRequest, ContactVerifyRequest, DeletedAccountPage,
    ErrorBody, ErrorDetail, Me, NotEligibleBody, PendingRecovery, PersonalRecoveryRequest,
    Questions, QuestionsRequest, RecoveryProof, RegisterRequest, ResetPasswordRequest,
    ReviewDecision, ReviewKind, ReviewQueue, Roster, SecurityQuestionsRequest, SendCodeRequest,
    SignInRequest, StaffRefPage, TitleChangeRequest, VerifyCodeRequest, ZombiePage,
};
use rules::api::{Dashboard, Deregistration, DeregistrationRequest, InstitutionLicence};
use rules::api::{ReminderRequest, ReminderResult};
use rules::eligibility::Checklist;
use rules::Lang;
use serde::de::DeserializeOwned;
use thiserror::Error;

use crate::i18n;

const BASE: &str = "/api/v1";

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

fn with_lang(req: RequestBuilder, lang: Lang) -> RequestBuilder {
    req.header("Accept-Language", lang.tag())
        .header("Accept", "application/json")
}

/// Reads a JSON text as `T`: the browser's `JSON.parse` reads the text and
/// serde reads the parsed value, so no JSON parser ships in the wasm.
pub fn from_json<T: DeserializeOwned>(text: &str) -> Option<T> {
    let value = js_sys::JSON::parse(text).ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}

async fn read_error(resp: Response) -> ApiError {
    let status = resp.status();
    let retry_after_secs = resp
        .headers()
        .get("retry-after")
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    match resp.text().await {
        Ok(text) => error_of(status, &text, retry_after_secs),
        Err(_) => ApiError::Server,
    }
}

/// The typed error of an answer that is not a success, from its status, its
/// body and its `Retry-After` seconds.
fn error_of(status: u16, text: &str, retry_after_secs: u32) -> ApiError {
    if status == 422 {
        if let Some(body) = from_json::<NotEligibleBody>(text) {
            return ApiError::NotEligible(Box::new(body));
        }
    }
    match from_json::<ErrorBody>(text) {
        Some(body) if status == 401 => ApiError::Unauthorized(body.error),
        Some(body) if status == 429 => ApiError::Throttled {
            detail: body.error,
            retry_after_secs,
        },
        Some(body) if (400..500).contains(&status) => ApiError::Rejected(body.error),
        _ => ApiError::Server,
    }
}

async fn expect_json<T: DeserializeOwned>(
    resp: Result<Response, gloo_net::Error>,
) -> Result<T, ApiError> {
    let resp = resp.map_err(|_| ApiError::Network)?;
    if resp.ok() {
        let text = resp.text().await.map_err(|_| ApiError::Network)?;
        from_json(&text).ok_or(ApiError::Server)
    } else {
        Err(read_error(resp).await)
    }
}

async fn expect_empty(resp: Result<Response, gloo_net::Error>) -> Result<(), ApiError> {
    let resp = resp.map_err(|_| ApiError::Network)?;
    if resp.ok() {
        Ok(())
    } else {
        Err(read_error(resp).await)
    }
}

/// Signs in to a practitioner system; the server sets the session cookie.
pub async fn sign_in(req: &SignInRequest, lang: Lang) -> Result<Me, ApiError> {
    let builder = with_lang(Request::post(&format!("{BASE}/session")), lang);
    let request = builder.json(req).map_err(|_| ApiError::Server)?;
    expect_json(request.send().await).await
}

/// The signed-in practitioner's profile and eligibility facts.
pub async fn me(lang: Lang) -> Result<Me, ApiError> {
    expect_json(
        with_lang(Request::get(&format!("{BASE}/me")), lang)
            .send()
            .await,
    )
    .await
}

/// Ends the session.
pub async fn sign_out(lang: Lang) -> Result<(), ApiError> {
    expect_empty(
        with_lang(Request::delete(&format!("{BASE}/session")), lang)
            .send()
            .await,
    )
    .await
}

async fn post_json<B: serde::Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
    lang: Lang,
) -> Result<T, ApiError> {
    let request = with_lang(Request::post(&format!("{BASE}{path}")), lang)
        .json(body)
        .map_err(|_| ApiError::Server)?;
    expect_json(request.send().await).await
}

async fn post_empty<B: serde::Serialize>(path: &str, body: &B, lang: Lang) -> Result<(), ApiError> {
    let request = with_lang(Request::post(&format!("{BASE}{path}")), lang)
        .json(body)
        .map_err(|_| ApiError::Server)?;
    expect_empty(request.send().await).await
}

/// Registers an account linked to a registry record; the activation code
/// goes to the phone.
pub async fn register(req: &RegisterRequest, lang: Lang) -> Result<CodeSent, ApiError> {
    post_json("/registration", req, lang).await
}

/// Sends (again) the activation code to a phone.
pub async fn send_activation_code(to: &str, lang: Lang) -> Result<CodeSent, ApiError> {
    post_json("/activation/code", &SendCodeRequest { to: to.into() }, lang).await
}

/// Activates the account with the code sent to the phone.
pub async fn activate(req: &VerifyCodeRequest, lang: Lang) -> Result<(), ApiError> {
    post_empty("/activation", req, lang).await
}

/// Recovery path 1: sends a code to a verified phone or email.
pub async fn send_recovery_code(to: &str, lang: Lang) -> Result<CodeSent, ApiError> {
    post_json("/recovery/code", &SendCodeRequest { to: to.into() }, lang).await
}

/// Recovery path 1: checks the code.
pub async fn verify_recovery_code(
    req: &VerifyCodeRequest,
    lang: Lang,
) -> Result<RecoveryProof, ApiError> {
    post_json("/recovery/code/verify", req, lang).await
}

/// Recovery path 2: personal information.
pub async fn recover_by_personal_info(
    req: &PersonalRecoveryRequest,
    lang: Lang,
) -> Result<RecoveryProof, ApiError> {
    post_json("/recovery/personal", req, lang).await
}

/// Recovery path 3: the account's security questions.
pub async fn security_questions(username: &str, lang: Lang) -> Result<Questions, ApiError> {
    post_json(
        "/recovery/questions",
        &QuestionsRequest {
            username: username.into(),
        },
        lang,
    )
    .await
}

/// Recovery path 3: the answers.
pub async fn answer_security_questions(
    req: &AnswersRequest,
    lang: Lang,
) -> Result<RecoveryProof, ApiError> {
    post_json("/recovery/answers", req, lang).await
}

/// The recovery this browser completed and has not spent (its proof is an
/// HttpOnly cookie): whom the reset step is for after a refresh.
pub async fn pending_recovery(lang: Lang) -> Result<PendingRecovery, ApiError> {
    expect_json(
        with_lang(Request::get(&format!("{BASE}/recovery/proof")), lang)
            .send()
            .await,
    )
    .await
}

/// Sets a new password with the proof of a completed recovery path.
pub async fn reset_password(req: &ResetPasswordRequest, lang: Lang) -> Result<(), ApiError> {
    post_empty("/recovery/reset", req, lang).await
}

/// Applies for the e-license; the server checks eligibility again.
pub async fn apply(lang: Lang) -> Result<Application, ApiError> {
    let request = with_lang(Request::post(&format!("{BASE}/applications")), lang);
    expect_json(request.send().await).await
}

/// The current e-license application, if any (`None` when there is none).
pub async fn current_application(lang: Lang) -> Result<Option<Application>, ApiError> {
    let resp = with_lang(Request::get(&format!("{BASE}/applications/current")), lang)
        .send()
        .await;
    match expect_json(resp).await {
        Ok(app) => Ok(Some(app)),
        Err(ApiError::Rejected(d)) if d.code == ErrorCode::NotFound.code() => Ok(None),
        Err(e) => Err(e),
    }
}

/// Signs an institution administrator in.
pub async fn admin_sign_in(req: &AdminSignInRequest, lang: Lang) -> Result<AdminMe, ApiError> {
    post_json("/institution/session", req, lang).await
}

/// The signed-in administrator and their institution.
pub async fn admin_me(lang: Lang) -> Result<AdminMe, ApiError> {
    expect_json(
        with_lang(Request::get(&format!("{BASE}/institution/me")), lang)
            .send()
            .await,
    )
    .await
}

/// Ends the administrator's session.
pub async fn admin_sign_out(lang: Lang) -> Result<(), ApiError> {
    let request = with_lang(
        Request::delete(&format!("{BASE}/institution/session")),
        lang,
    );
    expect_empty(request.send().await).await
}

/// One page of the institution's staff, filtered and sorted, with the
/// application rate.
pub async fn staff(query: &RosterQuery, lang: Lang) -> Result<Roster, ApiError> {
    let url = with_query(&format!("{BASE}/institution/staff"), query);
    expect_json(with_lang(Request::get(&url), lang).send().await).await
}

/// One page of the registry records whose account was deleted.
pub async fn deleted_accounts(page: u32, lang: Lang) -> Result<DeletedAccountPage, ApiError> {
    let url = format!("{BASE}/institution/deleted-accounts?page={page}");
    expect_json(with_lang(Request::get(&url), lang).send().await).await
}

/// Deletes a staff member's account (recovery path 4).
pub async fn delete_staff_account(account_id: i64, lang: Lang) -> Result<(), ApiError> {
    let url = format!("{BASE}/institution/staff/{account_id}");
    expect_empty(with_lang(Request::delete(&url), lang).send().await).await
}

/// One page of the zombie-account candidates proposed by the rules
/// (`query`: system, reason, page).
pub async fn zombie_candidates(query: &str, lang: Lang) -> Result<ZombiePage, ApiError> {
    let url = format!(
        "{BASE}/institution/zombies{}{query}",
        if query.is_empty() { "" } else { "?" }
    );
    expect_json(with_lang(Request::get(&url), lang).send().await).await
}

/// Asks the main institution to record a new title; answers the updated
/// profile (the change is pending review).
pub async fn request_title_change(req: &TitleChangeRequest, lang: Lang) -> Result<Me, ApiError> {
    let request = with_lang(Request::put(&format!("{BASE}/me/title")), lang)
        .json(req)
        .map_err(|_| ApiError::Server)?;
    expect_json(request.send().await).await
}

/// Sets or changes the security questions (after re-authentication);
/// answers the updated profile.
pub async fn set_security_questions(
    req: &SecurityQuestionsRequest,
    lang: Lang,
) -> Result<Me, ApiError> {
    let request = with_lang(Request::put(&format!("{BASE}/me/security-questions")), lang)
        .json(req)
        .map_err(|_| ApiError::Server)?;
    expect_json(request.send().await).await
}

/// Sends a code to a new phone or email (after re-authentication).
pub async fn send_contact_code(req: &ContactCodeRequest, lang: Lang) -> Result<CodeSent, ApiError> {
    post_json("/me/contacts/code", req, lang).await
}

/// Confirms the new contact with its code.
pub async fn confirm_contact(req: &ContactVerifyRequest, lang: Lang) -> Result<(), ApiError> {
    post_empty("/me/contacts", req, lang).await
}

/// One page of the institution's review queue (photos and title changes),
/// `query` as `kind=photo&page=2`.
pub async fn reviews(query: &str, lang: Lang) -> Result<ReviewQueue, ApiError> {
    let url = format!(
        "{BASE}/institution/reviews{}{query}",
        if query.is_empty() { "" } else { "?" }
    );
    expect_json(with_lang(Request::get(&url), lang).send().await).await
}

/// Approves or rejects many photos at once.
pub async fn decide_photos(
    req: &BulkReviewDecision,
    lang: Lang,
) -> Result<BulkReviewOutcome, ApiError> {
    post_json("/institution/reviews/photo", req, lang).await
}

/// One decision on many pending title changes (a typed reason to reject).
pub async fn decide_titles(
    req: &BulkReviewDecision,
    lang: Lang,
) -> Result<BulkReviewOutcome, ApiError> {
    post_json("/institution/reviews/title", req, lang).await
}

/// Where the roster's CSV export is (the filters' query, every page).
pub fn roster_csv_url(query: &RosterQuery) -> String {
    with_query(&format!("{BASE}/institution/staff.csv"), query)
}

/// A path with the roster's query string, if it has one.
fn with_query(path: &str, query: &RosterQuery) -> String {
    match query.to_query_string() {
        q if q.is_empty() => path.to_owned(),
        q => format!("{path}?{q}"),
    }
}

/// Approves or rejects (with a reason) a photo or a title change.
pub async fn decide_review(
    kind: ReviewKind,
    account_id: i64,
    decision: &ReviewDecision,
    lang: Lang,
) -> Result<(), ApiError> {
    let kind = match kind {
        ReviewKind::Photo => "photo",
        ReviewKind::Title => "title",
    };
    post_empty(
        &format!("/institution/reviews/{kind}/{account_id}"),
        decision,
        lang,
    )
    .await
}

/// The signed-in practitioner's e-license (`None` before one is issued).
pub async fn license(lang: Lang) -> Result<Option<rules::api::IssuedLicense>, ApiError> {
    let resp = with_lang(Request::get(&format!("{BASE}/license")), lang)
        .send()
        .await;
    match expect_json(resp).await {
        Ok(license) => Ok(Some(license)),
        Err(ApiError::Rejected(d)) if d.code == ErrorCode::NotFound.code() => Ok(None),
        Err(e) => Err(e),
    }
}

/// The public key that verifies e-licenses (no sign-in).
pub async fn license_public_key(lang: Lang) -> Result<rules::api::LicensePublicKey, ApiError> {
    let url = format!("{BASE}/license/public-key");
    expect_json(with_lang(Request::get(&url), lang).send().await).await
}

/// The e-licenses revoked before their end (no sign-in); the service worker
/// answers from the device's copy offline.
pub async fn license_revocations(lang: Lang) -> Result<rules::api::LicenseRevocations, ApiError> {
    let url = format!("{BASE}/license/revocations");
    expect_json(with_lang(Request::get(&url), lang).send().await).await
}

/// The current status of the license `id` (no sign-in); `signature`
/// (base64url) proves the caller holds the license and returns the holder's
/// details too.
pub async fn license_status(
    id: &str,
    signature: &str,
    lang: Lang,
) -> Result<rules::api::LicenseStatusBody, ApiError> {
    let url = format!("{BASE}/license/{id}/status?sig={signature}");
    expect_json(with_lang(Request::get(&url), lang).send().await).await
}

/// The institution dashboard's figures.
pub async fn dashboard(lang: Lang) -> Result<Dashboard, ApiError> {
    let url = format!("{BASE}/institution/dashboard");
    expect_json(with_lang(Request::get(&url), lang).send().await).await
}

/// One page of a dashboard list (`list`: `missing_photo` | `not_activated`).
pub async fn needs_help(list: &str, page: u32, lang: Lang) -> Result<StaffRefPage, ApiError> {
    let url = format!("{BASE}/institution/needs-help?list={list}&page={page}");
    expect_json(with_lang(Request::get(&url), lang).send().await).await
}

/// Sends reminders to the staff who have not applied (or a criterion
/// blocks): the institution's own (`authority` false), or the authority's
/// region's.
pub async fn send_reminders(
    authority: bool,
    req: &ReminderRequest,
    lang: Lang,
) -> Result<ReminderResult, ApiError> {
    let path = if authority {
        "/authority/reminders"
    } else {
        "/institution/reminders"
    };
    post_json(path, req, lang).await
}

/// Every region's campaign (public).
pub async fn campaigns(lang: Lang) -> Result<Vec<rules::Campaign>, ApiError> {
    let url = format!("{BASE}/campaigns");
    expect_json(with_lang(Request::get(&url), lang).send().await).await
}

/// Opens a deregistration case (the registry records the reason's outcome).
pub async fn deregister(
    req: &DeregistrationRequest,
    lang: Lang,
) -> Result<Deregistration, ApiError> {
    post_json("/institution/deregistrations", req, lang).await
}

/// The deregistration cases filed so far.
pub async fn deregistrations(lang: Lang) -> Result<Vec<Deregistration>, ApiError> {
    let url = format!("{BASE}/institution/deregistrations");
    expect_json(with_lang(Request::get(&url), lang).send().await).await
}

/// The institution's own e-license: data, checklist, application.
pub async fn institution_licence(lang: Lang) -> Result<InstitutionLicence, ApiError> {
    let url = format!("{BASE}/institution/licence");
    expect_json(with_lang(Request::get(&url), lang).send().await).await
}

/// Applies for the institution's e-license.
pub async fn apply_institution_licence(lang: Lang) -> Result<Application, ApiError> {
    let request = with_lang(
        Request::post(&format!("{BASE}/institution/licence/application")),
        lang,
    );
    expect_json(request.send().await).await
}

/// The answer of a request sent with `XMLHttpRequest`, as a typed result
/// (the same rules as [`read_error`]; its `Retry-After` is not read: the
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
