//! Every stable error code the API answers with (`error.code`), written
//! once: the server raises them, the portal matches them, and the OpenAPI
//! document lists them. The wire carries the code as text, so a portal
//! still cached from an older deployment reads a newer code as unknown
//! (and shows the message that comes with it) instead of failing.

/// A stable error code of the API.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum ErrorCode {
    /// Wrong username, password or system (also for unknown users).
    #[serde(rename = "auth.invalid_credentials")]
    AuthInvalidCredentials,
    /// No valid session.
    #[serde(rename = "auth.required")]
    AuthRequired,
    /// Signed in, but with another role or for someone else's resource.
    #[serde(rename = "auth.forbidden")]
    AuthForbidden,
    /// Too many failed sign-ins or password checks.
    #[serde(rename = "auth.throttled")]
    AuthThrottled,
    /// The current password given to confirm a change is wrong.
    #[serde(rename = "auth.wrong_password")]
    AuthWrongPassword,
    /// Sign-in with the right password of an account never activated: the portal leads to the activation page.
    #[serde(rename = "auth.not_activated")]
    AuthNotActivated,
    /// Sign-in with the right password in the other system: the portal selects the account's system (the message names it).
    #[serde(rename = "auth.wrong_system")]
    AuthWrongSystem,
    /// An account issued with a one-time password asks for anything but the password change: the portal opens the password change.
    #[serde(rename = "auth.password_change_required")]
    AuthPasswordChangeRequired,
    /// No such resource, or not visible to the caller.
    #[serde(rename = "not_found")]
    NotFound,
    /// Something failed inside the server (details only in its log).
    #[serde(rename = "internal")]
    Internal,
    /// The body or query is not of the expected shape.
    #[serde(rename = "request.malformed")]
    RequestMalformed,
    /// The body is larger than allowed.
    #[serde(rename = "request.too_large")]
    RequestTooLarge,
    /// A state-changing request from another site.
    #[serde(rename = "request.cross_site")]
    RequestCrossSite,
    /// A state-changing request with a body type a plain form can send.
    #[serde(rename = "request.content_type")]
    RequestContentType,
    /// Too much work of one kind at once; retry shortly.
    #[serde(rename = "server.busy")]
    ServerBusy,
    /// Fields refused; the messages are per field.
    #[serde(rename = "validation.failed")]
    ValidationFailed,
    /// The e-license application was refused; the checklist says why.
    #[serde(rename = "application.not_eligible")]
    ApplicationNotEligible,
    /// The institution already has an administrator change waiting.
    #[serde(rename = "administrator_change.pending")]
    AdministratorChangePending,
    /// The administrator change was decided already.
    #[serde(rename = "administrator_change.decided")]
    AdministratorChangeDecided,
    /// The phone or email is another account's.
    #[serde(rename = "contact.taken")]
    ContactTaken,
    /// The new contact is the one on file.
    #[serde(rename = "contact.unchanged")]
    ContactUnchanged,
    /// A deregistration case of this person is waiting already.
    #[serde(rename = "deregistration.pending")]
    DeregistrationPending,
    /// The person is deregistered already.
    #[serde(rename = "deregistration.already_done")]
    DeregistrationAlreadyDone,
    /// The reason is not one of the person's kind (physician or nurse).
    #[serde(rename = "deregistration.reason_kind")]
    DeregistrationReasonKind,
    /// The case was decided already.
    #[serde(rename = "deregistration.decided")]
    DeregistrationDecided,
    /// The person's status changed since the case was opened.
    #[serde(rename = "deregistration.status_changed")]
    DeregistrationStatusChanged,
    /// Another institution has this unified social credit code.
    #[serde(rename = "institution.credit_code_taken")]
    InstitutionCreditCodeTaken,
    /// No ID photo on file for the licence.
    #[serde(rename = "licence.photo_missing")]
    LicencePhotoMissing,
    /// The ID photo could not be read from the store.
    #[serde(rename = "licence.photo_unavailable")]
    LicencePhotoUnavailable,
    /// The year's licence serials are used up.
    #[serde(rename = "licence.serials_exhausted")]
    LicenceSerialsExhausted,
    /// Wrong or unknown code.
    #[serde(rename = "otp.invalid")]
    OtpInvalid,
    /// The code expired.
    #[serde(rename = "otp.expired")]
    OtpExpired,
    /// The code was tried too many times; ask for a new one.
    #[serde(rename = "otp.too_many_tries")]
    OtpTooManyTries,
    /// A code went to the contact less than a minute ago.
    #[serde(rename = "otp.resend_too_soon")]
    OtpResendTooSoon,
    /// The day's codes for the contact or address are used.
    #[serde(rename = "otp.daily_limit")]
    OtpDailyLimit,
    /// The upload is empty.
    #[serde(rename = "photo.empty")]
    PhotoEmpty,
    /// The photo cannot be decoded.
    #[serde(rename = "photo.corrupt")]
    PhotoCorrupt,
    /// Not a JPEG or PNG.
    #[serde(rename = "photo.unsupported_format")]
    PhotoUnsupportedFormat,
    /// The photo has more pixels than allowed.
    #[serde(rename = "photo.too_large_dimensions")]
    PhotoTooLargeDimensions,
    /// The photo is smaller than the specification's minimum.
    #[serde(rename = "photo.too_small")]
    PhotoTooSmall,
    /// The photo is no portrait (as wide as tall, or wider).
    #[serde(rename = "photo.aspect")]
    PhotoAspect,
    /// A (nearly) blank image.
    #[serde(rename = "photo.too_plain")]
    PhotoTooPlain,
    /// The account's photo uploads of the last hour are used.
    #[serde(rename = "photo.upload_limit")]
    PhotoUploadLimit,
    /// The receipt upload is empty.
    #[serde(rename = "receipt.empty")]
    ReceiptEmpty,
    /// The receipt is no PDF, JPEG or PNG.
    #[serde(rename = "receipt.unsupported_format")]
    ReceiptUnsupportedFormat,
    /// The PDF is cut off.
    #[serde(rename = "receipt.incomplete")]
    ReceiptIncomplete,
    /// The receipt image is too small to read the seal.
    #[serde(rename = "receipt.too_small")]
    ReceiptTooSmall,
    /// The receipt image has more pixels than allowed.
    #[serde(rename = "receipt.too_large_dimensions")]
    ReceiptTooLargeDimensions,
    /// The receipt cannot be decoded.
    #[serde(rename = "receipt.corrupt")]
    ReceiptCorrupt,
    /// The account has a verified contact: recover through it (way 1).
    #[serde(rename = "recovery.use_contact")]
    RecoveryUseContact,
    /// The personal information matches no account.
    #[serde(rename = "recovery.no_match")]
    RecoveryNoMatch,
    /// The recovery proof expired or was used.
    #[serde(rename = "recovery.proof_invalid")]
    RecoveryProofInvalid,
    /// Wrong security answers.
    #[serde(rename = "recovery.answers_wrong")]
    RecoveryAnswersWrong,
    /// Too many failed recoveries by personal information.
    #[serde(rename = "recovery.throttled")]
    RecoveryThrottled,
    /// Too many wrong security answers for the account.
    #[serde(rename = "recovery.locked")]
    RecoveryLocked,
    /// The username is another account's.
    #[serde(rename = "registration.username_taken")]
    RegistrationUsernameTaken,
    /// The title asked for is the one on record.
    #[serde(rename = "title.unchanged")]
    TitleUnchanged,
    /// The title is not of the person's series (physician or nurse).
    #[serde(rename = "title.wrong_series")]
    TitleWrongSeries,
    /// The photo store does not answer.
    #[serde(rename = "uploads.unavailable")]
    UploadsUnavailable,
}

crate::wire_codes!(ErrorCode {
    AuthInvalidCredentials => "auth.invalid_credentials",
    AuthRequired => "auth.required",
    AuthForbidden => "auth.forbidden",
    AuthThrottled => "auth.throttled",
    AuthWrongPassword => "auth.wrong_password",
    AuthNotActivated => "auth.not_activated",
    AuthWrongSystem => "auth.wrong_system",
    AuthPasswordChangeRequired => "auth.password_change_required",
    NotFound => "not_found",
    Internal => "internal",
    RequestMalformed => "request.malformed",
    RequestTooLarge => "request.too_large",
    RequestCrossSite => "request.cross_site",
    RequestContentType => "request.content_type",
    ServerBusy => "server.busy",
    ValidationFailed => "validation.failed",
    ApplicationNotEligible => "application.not_eligible",
    AdministratorChangePending => "administrator_change.pending",
    AdministratorChangeDecided => "administrator_change.decided",
    ContactTaken => "contact.taken",
    ContactUnchanged => "contact.unchanged",
    DeregistrationPending => "deregistration.pending",
    DeregistrationAlreadyDone => "deregistration.already_done",
    DeregistrationReasonKind => "deregistration.reason_kind",
    DeregistrationDecided => "deregistration.decided",
    DeregistrationStatusChanged => "deregistration.status_changed",
    InstitutionCreditCodeTaken => "institution.credit_code_taken",
    LicencePhotoMissing => "licence.photo_missing",
    LicencePhotoUnavailable => "licence.photo_unavailable",
    LicenceSerialsExhausted => "licence.serials_exhausted",
    OtpInvalid => "otp.invalid",
    OtpExpired => "otp.expired",
    OtpTooManyTries => "otp.too_many_tries",
    OtpResendTooSoon => "otp.resend_too_soon",
    OtpDailyLimit => "otp.daily_limit",
    PhotoEmpty => "photo.empty",
    PhotoCorrupt => "photo.corrupt",
    PhotoUnsupportedFormat => "photo.unsupported_format",
    PhotoTooLargeDimensions => "photo.too_large_dimensions",
    PhotoTooSmall => "photo.too_small",
    PhotoAspect => "photo.aspect",
    PhotoTooPlain => "photo.too_plain",
    PhotoUploadLimit => "photo.upload_limit",
    ReceiptEmpty => "receipt.empty",
    ReceiptUnsupportedFormat => "receipt.unsupported_format",
    ReceiptIncomplete => "receipt.incomplete",
    ReceiptTooSmall => "receipt.too_small",
    ReceiptTooLargeDimensions => "receipt.too_large_dimensions",
    ReceiptCorrupt => "receipt.corrupt",
    RecoveryUseContact => "recovery.use_contact",
    RecoveryNoMatch => "recovery.no_match",
    RecoveryProofInvalid => "recovery.proof_invalid",
    RecoveryAnswersWrong => "recovery.answers_wrong",
    RecoveryThrottled => "recovery.throttled",
    RecoveryLocked => "recovery.locked",
    RegistrationUsernameTaken => "registration.username_taken",
    TitleUnchanged => "title.unchanged",
    TitleWrongSeries => "title.wrong_series",
    UploadsUnavailable => "uploads.unavailable",
});
