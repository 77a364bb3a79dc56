//! The `/api` routes.

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post, put};
use axum::Router;
use rules::api::Health;

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

/// `GET /api/v1/health`
async fn health() -> axum::Json<Health> {
    axum::Json(Health {
        status: "ok".into(),
    })
}

/// The health authority's routes.
fn authority_routes(router: Router<AppState>) -> Router<AppState> {
    router
        .route(
            "/api/v1/authority/session",
            post(authority::sign_in).delete(authority::sign_out),
        )
        .route("/api/v1/authority/me", get(authority::me))
        .route(
            "/api/v1/authority/campaign",
            get(campaigns::own).put(campaigns::set),
        )
        .route(
            "/api/v1/authority/reminders",
            get(reminders::authority_figures).post(reminders::send_as_authority),
        )
        .route(
            "/api/v1/authority/password",
            post(authority::change_password),
        )
        .route(
            "/api/v1/authority/accounts",
            post(authority::create_account),
        )
        .route(
            "/api/v1/authority/institutions",
            get(authority::institutions).post(authority::create_institution),
        )
        .route(
            "/api/v1/authority/institutions/{id}/admins",
            post(authority::issue_admin),
        )
        .route(
            "/api/v1/authority/admins/{account_id}/reissue",
            post(authority::reissue_admin),
        )
        .route(
            "/api/v1/authority/admins/{account_id}/disable",
            post(authority::disable_admin),
        )
        .route(
            "/api/v1/authority/follow-up",
            get(authority_follow_up::institutions),
        )
        .route(
            "/api/v1/authority/follow-up.csv",
            get(authority_follow_up::export),
        )
        .route(
            "/api/v1/authority/follow-up/regions",
            get(authority_follow_up::regions),
        )
        .route(
            "/api/v1/authority/deregistrations",
            get(authority_deregistrations::pending),
        )
        .route(
            "/api/v1/authority/deregistrations/{id}/confirm",
            post(authority_deregistrations::confirm),
        )
        .route(
            "/api/v1/authority/deregistrations/{id}/return",
            post(authority_deregistrations::return_case),
        )
}

/// The administrator-change procedure: the institution's request with its
/// receipt, the authority's decision.
fn administrator_change_routes(router: Router<AppState>) -> Router<AppState> {
    router
        .route(
            "/api/v1/institution/administrator-change",
            post(administrator_change::create)
                .get(administrator_change::latest)
                .layer(DefaultBodyLimit::max(administrator_change::BODY_LIMIT)),
        )
        .route(
            "/api/v1/authority/administrator-changes",
            get(administrator_change::pending),
        )
        .route(
            "/api/v1/authority/administrator-changes/{id}/receipt",
            get(administrator_change::receipt),
        )
        .route(
            "/api/v1/authority/administrator-changes/{id}/approve",
            post(administrator_change::approve),
        )
        .route(
            "/api/v1/authority/administrator-changes/{id}/reject",
            post(administrator_change::reject),
        )
}

/// Every `/api` route. Unknown `/api` paths answer 404 in the error shape
/// instead of falling through to the SPA.
pub fn api(state: &AppState) -> Router<AppState> {
    let mut router = Router::new()
        .route("/api/v1/health", get(health))
        .route("/api/v1/campaigns", get(campaigns::list))
        .route("/api/openapi.json", get(crate::openapi::serve))
        .route(
            "/api/v1/session",
            post(session::sign_in).delete(session::sign_out),
        )
        .route("/api/v1/me", get(me::me))
        .route("/api/v1/me/title", put(title::request))
        .route(
            "/api/v1/me/photo",
            put(photo::upload)
                .get(photo::own)
                .layer(DefaultBodyLimit::max(photo::BODY_LIMIT)),
        )
        .route("/api/v1/photo-spec", get(photo::spec))
        .route(
            "/api/v1/institution/staff/{account_id}/photo",
            get(photo::staff),
        )
        .route(
            "/api/v1/institution/staff/{account_id}/photo/previous",
            get(photo::staff_previous),
        )
        .route("/api/v1/me/contacts/code", post(contacts::send_code))
        .route("/api/v1/me/contacts", post(contacts::confirm))
        .route(
            "/api/v1/me/security-questions",
            put(security_questions::replace),
        )
        .route(
            "/api/v1/institution/session",
            post(session::admin_sign_in).delete(session::sign_out),
        )
        .route("/api/v1/institution/me", get(me::admin_me))
        .route("/api/v1/registration", post(registration::register))
        .route("/api/v1/activation/code", post(registration::resend))
        .route("/api/v1/activation", post(registration::activate))
        .route("/api/v1/applications", post(applications::apply))
        .route("/api/v1/applications/current", get(applications::current))
        .route("/api/v1/license", get(license::own))
        .route("/api/v1/license/public-key", get(license::public_key))
        .route("/api/v1/license/photo", get(photo::on_license))
        .route("/api/v1/license/revocations", get(license::revocations))
        .route("/api/v1/license/{id}/status", get(license::status))
        .route("/api/v1/recovery/code", post(recovery::send_code))
        .route("/api/v1/recovery/code/verify", post(recovery::verify_code))
        .route("/api/v1/recovery/personal", post(recovery::personal))
        .route("/api/v1/recovery/questions", post(recovery::questions))
        .route("/api/v1/recovery/answers", post(recovery::answers))
        .route("/api/v1/recovery/reset", post(recovery::reset))
        .route("/api/v1/recovery/proof", get(recovery::pending))
        .route("/api/v1/institution/staff", get(institution::staff))
        .route("/api/v1/institution/staff.csv", get(roster_export::export))
        .route(
            "/api/v1/institution/deleted-accounts",
            get(institution::deleted_accounts),
        )
        .route(
            "/api/v1/institution/staff/{account_id}",
            axum::routing::delete(institution::delete_staff),
        )
        .route("/api/v1/institution/reviews", get(institution::reviews))
        .route(
            "/api/v1/institution/reviews/photo",
            post(institution::decide_photos),
        )
        .route(
            "/api/v1/institution/reviews/photo/{account_id}",
            post(institution::decide_photo),
        )
        .route(
            "/api/v1/institution/reviews/title",
            post(title::decide_many),
        )
        .route(
            "/api/v1/institution/reviews/title/{account_id}",
            post(title::decide),
        )
        .route("/api/v1/institution/zombies", get(institution::zombies))
        .route(
            "/api/v1/institution/deregistrations",
            post(deregistrations::create).get(deregistrations::index),
        )
        .route(
            "/api/v1/institution/deregistrations.csv",
            get(deregistrations::export),
        )
        .route(
            "/api/v1/institution/licence",
            get(institution_licence::show),
        )
        .route(
            "/api/v1/institution/licence/application",
            post(institution_licence::apply),
        )
        .route("/api/v1/institution/dashboard", get(dashboard::dashboard))
        .route("/api/v1/institution/needs-help", get(dashboard::needs_help))
        .route("/api/v1/institution/password", post(admin_password::change))
        .route(
            "/api/v1/institution/reminders",
            get(reminders::figures).post(reminders::send),
        );
    router = authority_routes(router);
    router = administrator_change_routes(router);
    if state.config.demo {
        router = router.route("/api/dev/outbox", get(dev::outbox));
    }
    router.route(
        "/api/{*rest}",
        axum::routing::any(|| async { AppError::NotFound }),
    )
}
