//! The `/api` routes.

use axum::extract::DefaultBodyLimit;
use axum::Router;
use rules::api::Health;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

use crate::error::AppError;
use crate::AppState;

pub mod admin_password;
pub mod administrator_change;
pub mod applications;
pub mod authority;
pub mod authority_deregistrations;
pub mod authority_follow_up;
pub mod campaigns;
pub mod contacts;
pub mod dashboard;
pub mod deregistrations;
pub mod dev;
pub mod institution;
pub mod institution_licence;
pub mod license;
pub mod me;
pub mod photo;
pub mod recovery;
pub mod registration;
pub mod reminders;
pub mod roster_export;
pub mod security_questions;
pub mod session;
pub mod title;

/// Liveness
#[utoipa::path(
    get,
    path = "/api/v1/health",
    tag = "meta",
    responses((status = 200, body = rules::api::Health))
)]
async fn health() -> axum::Json<Health> {
    axum::Json(Health {
        status: "ok".into(),
    })
}

/// Adds the routes of handlers: only `routes!` of handlers that carry
/// `#[utoipa::path]`, so each route is declared once, with its
/// documentation (a plain `.route()` has no place here).
struct Documented(OpenApiRouter<AppState>);

impl Documented {
    fn add(self, routes: UtoipaMethodRouter<AppState>) -> Self {
        Self(self.0.routes(routes))
    }
}

/// The health authority's routes.
fn authority_routes(api: Documented) -> Documented {
    api.add(routes!(authority::sign_in, authority::sign_out))
        .add(routes!(authority::me))
        .add(routes!(campaigns::own, campaigns::set))
        .add(routes!(
            reminders::authority_figures,
            reminders::send_as_authority
        ))
        .add(routes!(authority::change_password))
        .add(routes!(authority::create_account))
        .add(routes!(
            authority::institutions,
            authority::create_institution
        ))
        .add(routes!(authority::issue_admin))
        .add(routes!(authority::reissue_admin))
        .add(routes!(authority::disable_admin))
        .add(routes!(authority_follow_up::institutions))
        .add(routes!(authority_follow_up::export))
        .add(routes!(authority_follow_up::regions))
        .add(routes!(authority_deregistrations::pending))
        .add(routes!(authority_deregistrations::confirm))
        .add(routes!(authority_deregistrations::return_case))
}

/// The administrator-change procedure: the institution's request with its
/// receipt, the authority's decision.
fn administrator_change_routes(api: Documented) -> Documented {
    api.add(
        routes!(administrator_change::create, administrator_change::latest)
            .layer(DefaultBodyLimit::max(administrator_change::BODY_LIMIT)),
    )
    .add(routes!(administrator_change::pending))
    .add(routes!(administrator_change::receipt))
    .add(routes!(administrator_change::approve))
    .add(routes!(administrator_change::reject))
}

/// Every documented `/api` route with the document built from the same
/// handlers (the demo outbox only in demo mode).
pub fn documented(demo: bool) -> OpenApiRouter<AppState> {
    let api = Documented(OpenApiRouter::with_openapi(crate::openapi::base()))
        .add(routes!(health))
        .add(routes!(campaigns::list))
        .add(routes!(crate::openapi::serve))
        .add(routes!(session::sign_in, session::sign_out))
        .add(routes!(me::me))
        .add(routes!(title::request))
        .add(routes!(photo::upload, photo::own).layer(DefaultBodyLimit::max(photo::BODY_LIMIT)))
        .add(routes!(photo::spec))
        .add(routes!(photo::staff))
        .add(routes!(photo::staff_previous))
        .add(routes!(contacts::send_code))
        .add(routes!(contacts::confirm))
        .add(routes!(security_questions::replace))
        .add(routes!(session::admin_sign_in, session::admin_sign_out))
        .add(routes!(me::admin_me))
        .add(routes!(registration::register))
        .add(routes!(registration::resend))
        .add(routes!(registration::activate))
        .add(routes!(applications::apply))
        .add(routes!(applications::current))
        .add(routes!(license::own))
        .add(routes!(license::public_key))
        .add(routes!(photo::on_license))
        .add(routes!(license::revocations))
        .add(routes!(license::status))
        .add(routes!(recovery::send_code))
        .add(routes!(recovery::verify_code))
        .add(routes!(recovery::personal))
        .add(routes!(recovery::questions))
        .add(routes!(recovery::answers))
        .add(routes!(recovery::reset))
        .add(routes!(recovery::pending))
        .add(routes!(institution::staff))
        .add(routes!(roster_export::export))
        .add(routes!(institution::deleted_accounts))
        .add(routes!(institution::delete_staff))
        .add(routes!(institution::reviews))
        .add(routes!(institution::decide_photos))
        .add(routes!(institution::decide_photo))
        .add(routes!(title::decide_many))
        .add(routes!(title::decide))
        .add(routes!(institution::zombies))
        .add(routes!(deregistrations::create, deregistrations::index))
        .add(routes!(deregistrations::export))
        .add(routes!(institution_licence::show))
        .add(routes!(institution_licence::apply))
        .add(routes!(dashboard::dashboard))
        .add(routes!(dashboard::needs_help))
        .add(routes!(admin_password::change))
        .add(routes!(reminders::figures, reminders::send));
    let mut api = administrator_change_routes(authority_routes(api));
    if demo {
        api = api.add(routes!(dev::outbox));
    }
    api.0
}

/// Every `/api` route, and the document at `/api/openapi.json`. Unknown
/// `/api` paths answer 404 in the error shape instead of falling through to
/// the SPA.
pub fn api(state: &AppState) -> Router<AppState> {
    let (router, mut doc) = documented(state.config.demo).split_for_parts();
    crate::openapi::complete(&mut doc);
    crate::openapi::guard(router, &doc).route(
        "/api/{*rest}",
        axum::routing::any(|| async { AppError::NotFound }),
    )
}
