//! The `/api` routes.

use axum::routing::{get, post};
use axum::Router;
use rules::api::Health;

use crate::error::AppError;
use crate::AppState;

pub mod me;
pub mod session;

/// `GET /api/v1/health`
async fn health() -> axum::Json<Health> {
    axum::Json(Health {
        status: "ok".into(),
    })
}

/// Every `/api` route. Unknown `/api` paths answer 404 in the error shape
/// instead of falling through to the SPA.
pub fn api(_state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/api/v1/health", get(health))
        .route(
            "/api/v1/session",
            post(session::sign_in).delete(session::sign_out),
        )
        .route("/api/v1/me", get(me::me))
        .route(
            "/api/v1/institution/session",
            post(session::admin_sign_in).delete(session::sign_out),
        )
        .route("/api/v1/institution/me", get(me::admin_me))
        .route(
            "/api/{*rest}",
            axum::routing::any(|| async { AppError::NotFound }),
        )
}
