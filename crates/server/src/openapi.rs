//! The OpenAPI 3.1 document of `/api`, served at `GET /api/openapi.json`.
//!
//! Each handler describes its own operation (`#[utoipa::path]`), and
//! `routes::api` mounts the handlers through utoipa-axum's `routes!`, so the
//! router and the document come from the same declarations. Schemas are
//! derived from the `rules::api` types themselves (the rules crate's
//! `openapi` feature, enabled only here, so the wasm never carries utoipa).
//!
//! What every operation shares is added here rather than written on each
//! handler ([`complete`]): the answers implied by its security requirement
//! (401, 403), by a state-changing method (403, `crate::csrf`), by a request
//! body (400, 413, 422) and 500; each error with the `ErrorBody` schema
//! unless the handler names another (422 of the applications:
//! `NotEligibleBody`); `Retry-After` on 429 and 503; operation ids from the
//! method and path, stable whatever the handlers are called. In debug
//! builds, [`guard`] refuses any request routed to an operation the document
//! does not list, so a route added without documentation fails its tests.

use std::collections::HashSet;
use std::sync::Arc;

use axum::extract::{MatchedPath, Request};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Router};
use utoipa::openapi::path::{HttpMethod, Operation, Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::response::Response as ResponseObject;
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::openapi::{ContentBuilder, OpenApi, Ref, RefOr, Required, ResponseBuilder, Schema};
use utoipa::{IntoParams, PartialSchema, ToResponse, ToSchema};

use crate::error::AppError;

/// The document's info, and the schemas no handler's body names: the
/// handlers' request and answer bodies bring their own (with what they
/// reference), but the error bodies are added by [`complete`] and query
/// parameters only reference theirs.
#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "E-license portal API",
        description = "电子证照申领 API for physicians, nurses and their institutions. Errors share one shape (`ErrorBody`) with a stable code; messages follow `Accept-Language` (zh-CN default, `en`).",
        version = "1"
    ),
    components(schemas(
        rules::api::ErrorBody,
        rules::System,
        rules::PracticeStatus,
        rules::CriterionCode,
        rules::api::roster::RosterSort,
    ))
)]
struct Schemas;

fn error_description(status: u16) -> &'static str {
    match status {
        400 => "Malformed request (`request.malformed`)",
        401 => "Not signed in, or wrong credentials",
        403 => "Signed in with another role (`auth.forbidden`); the account is not activated (`auth.not_activated`); or, for a state-changing request, it came from another site (`request.cross_site`) or with a body type a form can send (`request.content_type`)",
        404 => "Not found, or not visible to the caller (`not_found`)",
        409 => "Conflicts with the current state",
        413 => "Body too large (`request.too_large`)",
        415 => "Unsupported media type (`photo.unsupported_format`)",
        422 => "Validation or a business rule refused it (see `error.code`, `error.fields`)",
        429 => "Too many attempts; see `Retry-After`",
        503 => "Busy: too much of this work at once (`server.busy`); see `Retry-After`",
        _ => "Internal error (`internal`)",
    }
}

/// Raw bytes of a request or answer body (an image, a receipt).
pub struct Binary;

impl PartialSchema for Binary {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
            .into()
    }
}

impl ToSchema for Binary {}

fn binary_response(description: &str, media: &[&str]) -> RefOr<ResponseObject> {
    let mut b = ResponseBuilder::new().description(description);
    for m in media {
        b = b.content(
            *m,
            ContentBuilder::new().schema(Some(Binary::schema())).build(),
        );
    }
    b.build().into()
}

/// A JPEG photo answer.
pub struct Jpeg;

impl<'r> ToResponse<'r> for Jpeg {
    fn response() -> (&'r str, RefOr<ResponseObject>) {
        (
            "Jpeg",
            binary_response("The photo (private, no-store, nosniff)", &["image/jpeg"]),
        )
    }
}

/// A receipt download.
pub struct ReceiptFile;

impl<'r> ToResponse<'r> for ReceiptFile {
    fn response() -> (&'r str, RefOr<ResponseObject>) {
        (
            "ReceiptFile",
            binary_response(
                "The receipt (attachment, private, no-store, nosniff)",
                &["application/pdf", "image/jpeg"],
            ),
        )
    }
}

/// A CSV export.
pub struct Csv;

impl<'r> ToResponse<'r> for Csv {
    fn response() -> (&'r str, RefOr<ResponseObject>) {
        let text = ObjectBuilder::new().schema_type(Type::String);
        (
            "Csv",
            ResponseBuilder::new()
                .description("CSV, UTF-8 with BOM")
                .content("text/csv", ContentBuilder::new().schema(Some(text)).build())
                .build()
                .into(),
        )
    }
}

/// Any JSON object (this document).
pub struct AnyObject;

impl<'r> ToResponse<'r> for AnyObject {
    fn response() -> (&'r str, RefOr<ResponseObject>) {
        let object = ObjectBuilder::new().schema_type(Type::Object);
        (
            "AnyObject",
            ResponseBuilder::new()
                .description("Success")
                .content(
                    "application/json",
                    ContentBuilder::new().schema(Some(object)).build(),
                )
                .build()
                .into(),
        )
    }
}

/// Optional query parameters, each with its schema.
fn query_params(params: Vec<(&str, RefOr<Schema>)>) -> Vec<Parameter> {
    params
        .into_iter()
        .map(|(name, schema)| {
            ParameterBuilder::new()
                .name(name)
                .parameter_in(ParameterIn::Query)
                .required(Required::False)
                .schema(Some(schema))
                .build()
        })
        .collect()
}

/// The schema of a component, by reference.
fn schema_ref<T: ToSchema>() -> RefOr<Schema> {
    Ref::from_schema_name(T::name()).into()
}

/// The roster's filters and sort (`rules::api::roster::RosterQuery` but its
/// page), which the roster's page and its CSV export both read.
pub struct RosterFilterParams;

impl IntoParams for RosterFilterParams {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        query_params(vec![
            ("system", schema_ref::<rules::System>()),
            ("status", schema_ref::<rules::PracticeStatus>()),
            ("not_applied", bool::schema()),
            ("unmet", schema_ref::<rules::CriterionCode>()),
            ("registration_change", bool::schema()),
            ("q", String::schema()),
            ("sort", schema_ref::<rules::api::roster::RosterSort>()),
        ])
    }
}

/// A list's page (`page`, 1 first) and its size (`per_page`).
pub struct PageParams;

impl IntoParams for PageParams {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        query_params(vec![("page", i64::schema()), ("per_page", i64::schema())])
    }
}

/// Every operation of a path item, with its method.
fn operations(item: &mut utoipa::openapi::path::PathItem) -> Vec<(HttpMethod, &mut Operation)> {
    [
        (HttpMethod::Get, item.get.as_mut()),
        (HttpMethod::Put, item.put.as_mut()),
        (HttpMethod::Post, item.post.as_mut()),
        (HttpMethod::Delete, item.delete.as_mut()),
        (HttpMethod::Patch, item.patch.as_mut()),
    ]
    .into_iter()
    .filter_map(|(m, op)| op.map(|op| (m, op)))
    .collect()
}

fn method_name(m: &HttpMethod) -> &'static str {
    match m {
        HttpMethod::Get => "get",
        HttpMethod::Put => "put",
        HttpMethod::Post => "post",
        HttpMethod::Delete => "delete",
        HttpMethod::Patch => "patch",
        HttpMethod::Head => "head",
        HttpMethod::Options => "options",
        HttpMethod::Trace => "trace",
    }
}

/// `get_v1_license_id_status` for `GET /api/v1/license/{id}/status`: what
/// clients generate names from, so it must not follow the Rust names.
fn operation_id(method: &HttpMethod, path: &str) -> String {
    let mut id = method_name(method).to_owned();
    for part in path.trim_start_matches("/api/").split(['/', '-', '.']) {
        let part = part.trim_matches(['{', '}']);
        if !part.is_empty() {
            id.push('_');
            id.push_str(part);
        }
    }
    id
}

/// The error statuses every operation of this kind can answer, whatever
/// its handler does.
fn implied_errors(method: &HttpMethod, op: &Operation) -> Vec<u16> {
    let mut out = vec![500];
    if op.security.as_ref().is_some_and(|s| !s.is_empty()) {
        out.extend([401, 403]);
    }
    // crate::csrf refuses cross-site requests and form body types.
    if !matches!(method, HttpMethod::Get) {
        out.push(403);
    }
    if op.request_body.is_some() {
        out.extend([400, 413, 422]);
    }
    out
}

/// Adds to each operation what all of them share (see the module's
/// documentation).
pub fn complete(doc: &mut OpenApi) {
    for (path, item) in doc.paths.paths.iter_mut() {
        for (method, op) in operations(item) {
            op.operation_id = Some(operation_id(&method, path));
            for status in implied_errors(&method, op) {
                op.responses
                    .responses
                    .entry(status.to_string())
                    .or_insert_with(|| ResponseBuilder::new().build().into());
            }
            for (status, response) in op.responses.responses.iter_mut() {
                let RefOr::T(response) = response else {
                    continue;
                };
                let code: u16 = status.parse().unwrap_or(500);
                if code < 400 {
                    if response.description.is_empty() {
                        response.description = if code == 204 {
                            "Done, no content".into()
                        } else {
                            "Success".into()
                        };
                    }
                    continue;
                }
                if response.description.is_empty() {
                    response.description = error_description(code).into();
                }
                if response.content.is_empty() {
                    response.content.insert(
                        "application/json".into(),
                        ContentBuilder::new()
                            .schema(Some(Ref::from_schema_name("ErrorBody")))
                            .build(),
                    );
                }
                if code == 429 || code == 503 {
                    response
                        .headers
                        .entry("Retry-After".into())
                        .or_insert_with(|| {
                            let integer = ObjectBuilder::new()
                                .schema_type(Type::Integer)
                                .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)));
                            let mut retry = utoipa::openapi::header::Header::new(integer);
                            retry.description =
                                Some("Seconds until the next attempt is accepted".into());
                            retry
                        });
                }
            }
        }
    }
    let components = doc
        .components
        .get_or_insert_with(utoipa::openapi::Components::new);
    // Documented under their plain-HTTP names (`__Host-` prefixed when
    // PORTAL_PUBLIC_URL is https).
    use crate::cookies::{Cookie, Cookies};
    let plain = Cookies::new(false);
    components.add_security_scheme(
        "session",
        SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
            plain.name(Cookie::Session),
        ))),
    );
    components.add_security_scheme(
        "authority_session",
        SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
            plain.name(Cookie::AuthoritySession),
        ))),
    );
}

/// The document's info and component schemas, to which the handlers'
/// operations are added.
pub fn base() -> OpenApi {
    use utoipa::OpenApi as _;
    Schemas::openapi()
}

/// The whole document, as the router of a demo server serves it (with the
/// demo outbox).
pub fn document() -> OpenApi {
    let (_, mut doc) = crate::routes::documented(true).split_for_parts();
    complete(&mut doc);
    doc
}

/// The served document, JSON.
#[derive(Clone)]
pub struct Served(pub Arc<str>);

/// This document
#[utoipa::path(
    get,
    path = "/api/openapi.json",
    tag = "meta",
    responses((status = 200, response = inline(AnyObject)))
)]
pub async fn serve(Extension(Served(json)): Extension<Served>) -> Response {
    let mut resp = json.to_string().into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    resp
}

/// Serves `doc` at `/api/openapi.json` and, in debug builds, refuses (500)
/// any request that `router` routes to an operation `doc` does not list:
/// `OpenApiRouter` still takes plain `.route()`s, and this is what makes a
/// route added without documentation fail the first test that calls it.
/// Only the routes already in `router` are checked (the `/api` 404 fallback
/// is added after).
pub fn guard<S>(router: Router<S>, doc: &OpenApi) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    let json: Arc<str> = doc
        .to_pretty_json()
        .unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
        .into();
    let router = router.layer(Extension(Served(json)));
    if !cfg!(debug_assertions) {
        return router;
    }
    let mut documented = HashSet::new();
    for (path, item) in &doc.paths.paths {
        let mut item = item.clone();
        for (method, _) in operations(&mut item) {
            documented.insert((method_name(&method).to_ascii_uppercase(), path.clone()));
        }
    }
    let paths = documented.iter().map(|(_, p)| p.clone()).collect();
    let known = Arc::new(Known { documented, paths });
    router.route_layer(axum::middleware::from_fn_with_state(
        known,
        refuse_undocumented,
    ))
}

/// The operations of the document, for [`guard`].
struct Known {
    /// (METHOD, path) of every operation.
    documented: HashSet<(String, String)>,
    /// Every path with at least one operation.
    paths: HashSet<String>,
}

async fn refuse_undocumented(
    axum::extract::State(known): axum::extract::State<Arc<Known>>,
    req: Request,
    next: Next,
) -> Response {
    let method = if req.method() == Method::HEAD {
        Method::GET
    } else {
        req.method().clone()
    };
    let path = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_default();
    if known
        .documented
        .contains(&(method.as_str().to_owned(), path.clone()))
    {
        return next.run(req).await;
    }
    let undocumented = || {
        AppError::Internal(format!(
            "{method} {path} is routed but not in the OpenAPI document"
        ))
        .into_response()
    };
    if !known.paths.contains(&path) {
        return undocumented();
    }
    // Another method of a documented path: fine if the router answers 405,
    // i.e. has no handler for it (the handler of an undocumented one has run
    // by then; this is a check for the tests, not a barrier).
    let response = next.run(req).await;
    if response.status() == StatusCode::METHOD_NOT_ALLOWED {
        response
    } else {
        undocumented()
    }
}
