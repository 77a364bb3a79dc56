//! The API's error type. Every failure leaves the server in the same JSON
//! shape (`rules::api::ErrorBody`) with a stable code; internal failures are
//! logged and answered with a bare `internal` code, never with their details.

use std::collections::BTreeMap;

use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rules::api::{ErrorBody, ErrorCode, ErrorDetail, NotEligibleBody, OtherLanguage};
use rules::form::{FieldErrors, FormField};
use rules::i18n::Localized;
use rules::{Checklist, Lang};

/// A message in both languages; the language is chosen when the response
/// leaves (see [`localize`]), so handlers need not carry it around.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    zh: String,
    en: String,
}

impl Text {
    /// A message from its two texts.
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// A message of the rules crate.
    pub fn from_rule(rule: &impl Localized) -> Text {
        Text {
            zh: rule.message(Lang::Zh),
            en: rule.message(Lang::En),
        }
    }

    fn pick(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

/// Everything that can go wrong in a request.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Wrong username, password or system; also for unknown users.
    #[error("invalid credentials")]
    InvalidCredentials,
    /// No valid session.
    #[error("authentication required")]
    AuthRequired,
    /// Signed in, but the resource belongs to someone else or needs another role.
    #[error("forbidden")]
    Forbidden,
    /// No such resource (or not visible to the caller).
    #[error("not found")]
    NotFound,
    /// The body is not valid JSON of the expected shape.
    #[error("malformed request: {0}")]
    Malformed(String),
    /// Form validation failed; messages per field.
    #[error("invalid fields")]
    Invalid {
        /// Stable code, e.g. `validation.failed`.
        code: ErrorCode,
        /// Messages per request field.
        fields: BTreeMap<String, Text>,
    },
    /// A business rule refused the request (stable code, message).
    #[error("rejected: {code:?}")]
    Rejected {
        /// HTTP status to answer with.
        status: StatusCode,
        /// Stable code.
        code: ErrorCode,
        /// Message.
        text: Text,
    },
    /// A business rule refused one part of the request (422): the message
    /// is the answer's and the field's, so a form shows it where it belongs
    /// (an uploaded photo too large to decode).
    #[error("refused {field}: {code:?}")]
    FieldRejected {
        /// Stable code.
        code: ErrorCode,
        /// The request field refused.
        field: &'static str,
        /// Message, for the whole answer and for the field.
        text: Text,
    },
    /// The request collides with data that exists (409): the message names
    /// the field too, so a form shows it where it belongs (a taken username).
    #[error("conflict: {code:?}")]
    Conflict {
        /// Stable code.
        code: ErrorCode,
        /// The request field in conflict.
        field: &'static str,
        /// Message, for the whole answer and for the field.
        text: Text,
    },
    /// The user must wait before trying again.
    #[error("throttled for {retry_after}s")]
    Throttled {
        /// Seconds until the next attempt is accepted (`Retry-After`).
        retry_after: u64,
        /// Why: decides the stable code and the message.
        cause: Throttle,
    },
    /// The e-license application was refused; the checklist says why.
    #[error("not eligible")]
    NotEligible(Box<Checklist>),
    /// The body is larger than allowed.
    #[error("payload too large")]
    PayloadTooLarge,
    /// Too much work of one kind at once (password hashes, photo decodes):
    /// refused before it takes the server's memory, to be retried shortly.
    #[error("busy, retry after {retry_after}s")]
    Busy {
        /// Seconds to wait (`Retry-After`).
        retry_after: u64,
    },
    /// Something failed inside the server.
    #[error("internal: {0}")]
    Internal(String),
}

/// Why the server makes the user wait: each cause has its stable code and a
/// message that names it (a code asked for twice is not "too many attempts").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Throttle {
    /// Failed sign-ins or password checks (`auth.throttled`).
    Attempts,
    /// Failed recoveries by personal information (`recovery.throttled`).
    RecoveryAttempts,
    /// Wrong security answers for the account (`recovery.locked`).
    QuestionsLocked,
    /// A code went to the contact less than a minute ago (`otp.resend_too_soon`).
    CodeTooSoon,
    /// The day's codes for the contact or address are used (`otp.daily_limit`).
    CodeDailyLimit,
    /// The account's photo uploads of the last hour are used
    /// (`photo.upload_limit`).
    PhotoUploads,
}

impl Throttle {
    /// The stable code clients match on.
    pub fn code(self) -> ErrorCode {
        match self {
            Throttle::Attempts => ErrorCode::AuthThrottled,
            Throttle::RecoveryAttempts => ErrorCode::RecoveryThrottled,
            Throttle::QuestionsLocked => ErrorCode::RecoveryLocked,
            Throttle::CodeTooSoon => ErrorCode::OtpResendTooSoon,
            Throttle::CodeDailyLimit => ErrorCode::OtpDailyLimit,
            Throttle::PhotoUploads => ErrorCode::PhotoUploadLimit,
        }
    }

    fn text(self) -> Text {
        match self {
            Throttle::Attempts | Throttle::RecoveryAttempts | Throttle::QuestionsLocked => {
                Text::new(
                    "尝试次数过多，请稍后再试",
                    "Too many attempts, please try again later",
                )
            }
            Throttle::CodeTooSoon => Text::new(
                "验证码刚刚发送过，请稍候再重新获取",
                "A code was sent a moment ago. Wait a little before asking for another",
            ),
            Throttle::CodeDailyLimit => Text::new(
                "获取验证码的次数已达今日上限，请稍后再试",
                "You have asked for as many codes as allowed today. Please try again later",
            ),
            Throttle::PhotoUploads => Text::new(
                "一小时内上传照片的次数已达上限，请稍后再试",
                "You have uploaded as many photos as allowed in an hour. Please try again later",
            ),
        }
    }
}

/// A form's refused fields (`rules::form`): the 422 with a message per
/// request field, in both languages, and the code of the first error.
impl<F: FormField> From<FieldErrors<F>> for AppError {
    fn from(errors: FieldErrors<F>) -> AppError {
        AppError::Invalid {
            code: errors.error_code(),
            fields: errors
                .refused()
                .iter()
                .map(|(name, e)| (name.to_owned(), Text::from_rule(e)))
                .collect(),
        }
    }
}

impl AppError {
    /// A validation failure of one field.
    pub fn field(field: &str, text: Text) -> AppError {
        AppError::Invalid {
            code: ErrorCode::ValidationFailed,
            fields: BTreeMap::from([(field.to_owned(), text)]),
        }
    }

    /// A validation failure of one field, with the rules crate's message.
    pub fn field_rule(field: &str, rule: &impl Localized) -> AppError {
        AppError::field(field, Text::from_rule(rule))
    }

    /// A refused request with a stable code and a message made at run time.
    pub fn rejected_text(
        status: StatusCode,
        code: ErrorCode,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> AppError {
        AppError::Rejected {
            status,
            code,
            text: Text::new(zh, en),
        }
    }

    /// A business rule's refusal with a fixed message.
    pub fn rejected(status: StatusCode, code: ErrorCode, zh: &str, en: &str) -> AppError {
        AppError::Rejected {
            status,
            code,
            text: Text::new(zh, en),
        }
    }

    fn public(&self) -> PublicError {
        let (status, code, text) = match self {
            AppError::InvalidCredentials => (
                StatusCode::UNAUTHORIZED,
                ErrorCode::AuthInvalidCredentials,
                Text::new("用户名或密码错误", "Wrong username or password"),
            ),
            AppError::AuthRequired => (
                StatusCode::UNAUTHORIZED,
                ErrorCode::AuthRequired,
                Text::new("请先登录", "Please sign in"),
            ),
            AppError::Forbidden => (
                StatusCode::FORBIDDEN,
                ErrorCode::AuthForbidden,
                Text::new("无权访问", "You are not allowed to do this"),
            ),
            AppError::NotFound => (
                StatusCode::NOT_FOUND,
                ErrorCode::NotFound,
                Text::new("未找到", "Not found"),
            ),
            AppError::Malformed(_) => (
                StatusCode::BAD_REQUEST,
                ErrorCode::RequestMalformed,
                Text::new("请求格式不正确", "The request is malformed"),
            ),
            AppError::Invalid { code, .. } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                *code,
                Text::new("请检查填写的内容", "Please check the highlighted fields"),
            ),
            AppError::Rejected { status, code, text } => (*status, *code, text.clone()),
            AppError::FieldRejected { code, text, .. } => {
                (StatusCode::UNPROCESSABLE_ENTITY, *code, text.clone())
            }
            AppError::Conflict { code, text, .. } => (StatusCode::CONFLICT, *code, text.clone()),
            AppError::Throttled { cause, .. } => {
                (StatusCode::TOO_MANY_REQUESTS, cause.code(), cause.text())
            }
            AppError::NotEligible(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorCode::ApplicationNotEligible,
                Text::new(
                    "暂不符合电子证照申领条件",
                    "You do not meet the e-license criteria yet",
                ),
            ),
            AppError::PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::RequestTooLarge,
                Text::new("上传内容过大", "The upload is too large"),
            ),
            AppError::Busy { .. } => (
                StatusCode::SERVICE_UNAVAILABLE,
                ErrorCode::ServerBusy,
                Text::new(
                    "当前访问人数较多，请稍候几秒再试",
                    "Many people are using the service right now. Please try again in a few seconds",
                ),
            ),
            AppError::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                ErrorCode::Internal,
                Text::new(
                    "服务暂时不可用，请稍后再试",
                    "Service unavailable, please try again later",
                ),
            ),
        };
        PublicError {
            status,
            code,
            text,
            fields: match self {
                AppError::Invalid { fields, .. } => fields.clone(),
                AppError::Conflict { field, text, .. }
                | AppError::FieldRejected { field, text, .. } => {
                    BTreeMap::from([((*field).to_owned(), text.clone())])
                }
                _ => BTreeMap::new(),
            },
            checklist: match self {
                AppError::NotEligible(c) => Some((**c).clone()),
                _ => None,
            },
            retry_after: match self {
                AppError::Throttled { retry_after, .. } | AppError::Busy { retry_after } => {
                    Some(*retry_after)
                }
                _ => None,
            },
        }
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        AppError::Internal(format!("database: {e}"))
    }
}

impl From<std::io::Error> for AppError {
    fn from(e: std::io::Error) -> Self {
        AppError::Internal(format!("io: {e}"))
    }
}

impl From<tokio::task::JoinError> for AppError {
    fn from(e: tokio::task::JoinError) -> Self {
        AppError::Internal(format!("blocking task: {e}"))
    }
}

/// The language-independent rendering of an error, kept in the response's
/// extensions so [`localize`] can re-render it in the request's language.
#[derive(Debug, Clone)]
struct PublicError {
    status: StatusCode,
    code: ErrorCode,
    text: Text,
    fields: BTreeMap<String, Text>,
    checklist: Option<Checklist>,
    retry_after: Option<u64>,
}

impl PublicError {
    fn render(&self, lang: Lang) -> Response {
        let error = ErrorDetail {
            code: self.code.code().to_owned(),
            message: self.text.pick(lang).to_owned(),
            fields: self
                .fields
                .iter()
                .map(|(k, v)| (k.clone(), v.pick(lang).to_owned()))
                .collect(),
            other: {
                let other = match lang {
                    Lang::Zh => Lang::En,
                    Lang::En => Lang::Zh,
                };
                Some(Box::new(OtherLanguage {
                    lang: other.tag().to_owned(),
                    message: self.text.pick(other).to_owned(),
                    fields: self
                        .fields
                        .iter()
                        .map(|(k, v)| (k.clone(), v.pick(other).to_owned()))
                        .collect(),
                }))
            },
        };
        let mut resp = match &self.checklist {
            Some(checklist) => (
                self.status,
                axum::Json(NotEligibleBody {
                    error,
                    checklist: checklist.clone(),
                }),
            )
                .into_response(),
            None => (self.status, axum::Json(ErrorBody { error })).into_response(),
        };
        if let Some(secs) = self.retry_after {
            resp.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        resp.extensions_mut().insert(self.clone());
        resp
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match &self {
            AppError::Internal(detail) => tracing::error!(%detail, "request failed"),
            AppError::Malformed(detail) => tracing::debug!(%detail, "malformed request"),
            _ => {}
        }
        self.public().render(Lang::Zh)
    }
}

/// The language of the request: `Accept-Language` starting with `en` gives
/// English, anything else zh-CN.
pub fn request_lang<B>(req: &Request<B>) -> Lang {
    req.headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::from_tag)
        .unwrap_or_default()
}

/// Middleware: re-renders error bodies in the request's language.
pub async fn localize(req: Request<axum::body::Body>, next: Next) -> Response {
    let lang = request_lang(&req);
    let resp = next.run(req).await;
    if lang == Lang::Zh {
        return resp;
    }
    match resp.extensions().get::<PublicError>() {
        Some(public) => public.render(lang),
        None => resp,
    }
}

/// Result of a handler.
pub type AppResult<T> = Result<T, AppError>;
