//! One way to call the API: an endpoint is a type that knows its method, its
//! path (with its parameters and query), its body and how its answer is
//! read, and [`call`] sends any of them.
//!
//! For the wasm's size only the reading of the answer is generic: building,
//! sending the request and reading a refusal is one function for every
//! endpoint ([`send`]), so each endpoint adds its path, its body's serializer
//! and its answer's deserializer, nothing more.

use std::borrow::Cow;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

pub use gloo_net::http::Method;
use gloo_net::http::{RequestBuilder, Response};
use rules::api::{ErrorBody, ErrorCode, NotEligibleBody};
use rules::Lang;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

use super::{from_json, ApiError};

/// Where the API is; every endpoint's path is below it.
pub const BASE: &str = "/api/v1";

/// An endpoint of the API, as the value of one request to it.
pub trait Endpoint {
    /// The HTTP method.
    const METHOD: Method;
    /// What a success answers, and how it is read.
    type Answer: Answer;
    /// The path below [`BASE`], with the request's parameters and query.
    fn path(&self) -> Cow<'static, str>;
    /// What the request sends: nothing, unless the endpoint says so.
    fn body(&self) -> Result<Body, ApiError> {
        Ok(Body::Empty)
    }
}

/// The body of a request.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// No body.
    Empty,
    /// A JSON text.
    Json(String),
    /// A file (or any blob) sent as it is, with its content type.
    Blob {
        /// The `Blob` or `File`.
        value: JsValue,
        /// Its `Content-Type`.
        kind: String,
    },
}

impl Body {
    /// `value` as a JSON body.
    pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<Body, ApiError> {
        serde_json::to_string(value)
            .map(Body::Json)
            .map_err(|_| ApiError::Server)
    }
}

/// How the text of a success is read into what the caller gets.
pub trait Answer {
    /// What the caller gets.
    type Value: 'static;
    /// The caller's result from the success's text or the typed error.
    fn read(sent: Result<String, ApiError>) -> Result<Self::Value, ApiError>;
}

/// A JSON answer read as `T`.
pub struct Json<T>(PhantomData<T>);

impl<T: DeserializeOwned + 'static> Answer for Json<T> {
    type Value = T;
    fn read(sent: Result<String, ApiError>) -> Result<T, ApiError> {
        from_json(&sent?).ok_or(ApiError::Server)
    }
}

/// An answer whose body, if any, is not read (`204 No Content`, or an
/// answer the page does not need).
impl Answer for () {
    type Value = ();
    fn read(sent: Result<String, ApiError>) -> Result<(), ApiError> {
        sent.map(drop)
    }
}

/// A JSON answer read as `T`, or `None` when the server answers that there
/// is none (`not_found`): "no application yet" is an answer, not a failure.
pub struct OrNone<T>(PhantomData<T>);

impl<T: DeserializeOwned + 'static> Answer for OrNone<T> {
    type Value = Option<T>;
    fn read(sent: Result<String, ApiError>) -> Result<Option<T>, ApiError> {
        match Json::<T>::read(sent) {
            Ok(value) => Ok(Some(value)),
            Err(ApiError::Rejected(d)) if d.code == ErrorCode::NotFound.code() => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// What an endpoint's answer gives the caller.
pub type Value<E> = <<E as Endpoint>::Answer as Answer>::Value;

/// A call on its way: a future of the endpoint's answer. It owns all it
/// needs (the request is built when the call is made), so a page can keep
/// it past the values it was made from. A named type, not an `impl Future`:
/// that would capture the endpoint's type, and with it the borrows the
/// endpoint was made of.
pub struct Reply<T> {
    sent: Pin<Box<dyn Future<Output = Result<String, ApiError>>>>,
    read: fn(Result<String, ApiError>) -> Result<T, ApiError>,
}

impl<T> Future for Reply<T> {
    type Output = Result<T, ApiError>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let read = self.read;
        self.sent.as_mut().poll(cx).map(read)
    }
}

/// Calls `endpoint` in `lang` (the server's messages come in it).
pub fn call<E: Endpoint>(endpoint: &E, lang: Lang) -> Reply<Value<E>> {
    Reply {
        sent: Box::pin(send(E::METHOD, endpoint.path(), endpoint.body(), lang)),
        read: E::Answer::read,
    }
}

/// Sends a request and answers the text of its success, or its typed error.
async fn send(
    method: Method,
    path: Cow<'static, str>,
    body: Result<Body, ApiError>,
    lang: Lang,
) -> Result<String, ApiError> {
    let builder = RequestBuilder::new(&format!("{BASE}{path}"))
        .method(method)
        .header("Accept-Language", lang.tag())
        .header("Accept", "application/json");
    let request = match body? {
        Body::Empty => builder.build(),
        Body::Json(text) => builder
            .header("Content-Type", "application/json")
            .body(text),
        Body::Blob { value, kind } => builder.header("Content-Type", &kind).body(value),
    }
    .map_err(|_| ApiError::Server)?;
    let resp = request.send().await.map_err(|_| ApiError::Network)?;
    if resp.ok() {
        resp.text().await.map_err(|_| ApiError::Network)
    } else {
        Err(read_error(resp).await)
    }
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
pub(super) fn error_of(status: u16, text: &str, retry_after_secs: u32) -> ApiError {
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

/// Declares endpoints, each with the function the pages call it by: the
/// function's parameters are the endpoint's fields (each `Copy`: a number, a
/// flag or a borrow), the path an expression of them (a literal, or
/// `format!`), then the answer and, if it sends one, the JSON body (an
/// expression of the fields too). A request type of `rules::api` that is the
/// whole body is the endpoint itself (`fn sign_in(&SignInRequest): …`).
/// `struct` instead of `fn` declares the endpoint alone, for a function
/// written by hand.
///
/// ```ignore
/// endpoints! {
///     /// Deletes a staff member's account.
///     fn delete_staff_account(account_id: i64) = DeleteStaffAccount:
///         DELETE format!("/institution/staff/{account_id}") => ();
///
///     /// Signs in to a practitioner system.
///     fn sign_in(&SignInRequest): POST "/session" => Json<Me>;
/// }
/// ```
macro_rules! endpoints {
    () => {};
    (@body) => {
        Ok($crate::api::call::Body::Empty)
    };
    (@body $body:expr) => {
        $crate::api::call::Body::json($body)
    };
    (
        $(#[$doc:meta])*
        fn $fn:ident $(<$lt:lifetime>)? ($($field:ident: $ty:ty),* $(,)?) = $name:ident:
        $method:ident $path:expr => $answer:ty $(, body $body:expr)?;
        $($rest:tt)*
    ) => {
        $crate::api::call::endpoints! {
            $(#[$doc])*
            struct $name $(<$lt>)? { $($field: $ty),* }:
            $method $path => $answer $(, body $body)?;
        }

        $(#[$doc])*
        pub fn $fn $(<$lt>)? ($($field: $ty,)* lang: ::rules::Lang)
            -> $crate::api::call::Reply<<$answer as $crate::api::call::Answer>::Value>
        {
            $crate::api::call::call(&$name { $($field),* }, lang)
        }

        $crate::api::call::endpoints! { $($rest)* }
    };
    (
        $(#[$doc:meta])*
        struct $name:ident $(<$lt:lifetime>)? { $($field:ident: $ty:ty),* $(,)? }:
        $method:ident $path:expr => $answer:ty $(, body $body:expr)?;
        $($rest:tt)*
    ) => {
        $(#[$doc])*
        #[derive(Clone, Copy)]
        pub struct $name $(<$lt>)? { $(pub $field: $ty),* }

        impl $(<$lt>)? $crate::api::call::Endpoint for $name $(<$lt>)? {
            const METHOD: $crate::api::call::Method = $crate::api::call::Method::$method;
            type Answer = $answer;
            fn path(&self) -> ::std::borrow::Cow<'static, str> {
                #[allow(unused_variables)]
                let Self { $($field),* } = *self;
                $path.into()
            }
            fn body(&self) -> Result<$crate::api::call::Body, $crate::api::ApiError> {
                #[allow(unused_variables)]
                let Self { $($field),* } = *self;
                $crate::api::call::endpoints!(@body $($body)?)
            }
        }

        $crate::api::call::endpoints! { $($rest)* }
    };
    (
        $(#[$doc:meta])*
        fn $fn:ident(&$req:ty): $method:ident $path:literal => $answer:ty;
        $($rest:tt)*
    ) => {
        impl $crate::api::call::Endpoint for $req {
            const METHOD: $crate::api::call::Method = $crate::api::call::Method::$method;
            type Answer = $answer;
            fn path(&self) -> ::std::borrow::Cow<'static, str> {
                $path.into()
            }
            fn body(&self) -> Result<$crate::api::call::Body, $crate::api::ApiError> {
                $crate::api::call::Body::json(self)
            }
        }

        $(#[$doc])*
        pub fn $fn(req: &$req, lang: ::rules::Lang)
            -> $crate::api::call::Reply<<$answer as $crate::api::call::Answer>::Value>
        {
            $crate::api::call::call(req, lang)
        }

        $crate::api::call::endpoints! { $($rest)* }
    };
}
pub(crate) use endpoints;
