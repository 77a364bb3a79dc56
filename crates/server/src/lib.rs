//! API server of the e-license portal: axum over SQLite, serving the built
//! SPA. `main.rs` only reads the configuration and calls [`run`].

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::Router;
use tower_http::compression::CompressionLayer;

pub mod audit;
pub mod auth;
pub mod authority_admin;
pub mod campaigns;
pub mod clock;
pub mod config;
pub mod cookies;
pub mod csrf;
pub mod csv;
pub mod delivery;
pub mod error;
pub mod extract;
pub mod generate;
pub mod import;
pub mod kept;
pub mod license;
pub mod notify;
pub mod openapi;
pub mod otp;
pub mod photo;
pub mod practitioner_row;
pub mod proxies;
pub mod receipt;
pub mod retention;
pub mod routes;
pub mod security_answers;
pub mod seed;
pub mod shell;
pub mod sms;
pub mod smtp;
pub mod store;
pub mod stored;
pub mod uploads;
pub mod web;
pub mod workers;

pub use clock::Clock;
pub use config::Config;

/// Largest JSON body accepted anywhere (photo uploads have their own limit).
const JSON_BODY_LIMIT: usize = 64 * 1024;

/// Shared state of every request.
#[derive(Clone)]
pub struct AppState {
    /// Database pool (SQLite or PostgreSQL).
    pub db: store::Db,
    /// Configuration.
    pub config: Arc<Config>,
    /// Clock (tests move it).
    pub clock: Arc<Clock>,
    /// The transports the delivery workers hand messages to (handlers
    /// queue messages with [`notify::enqueue`], never send).
    pub notifier: Arc<dyn notify::Notifier>,
    /// The campaigns, read through a short-lived copy.
    pub campaigns: Arc<campaigns::Campaigns>,
    /// The uploaded photos and receipts (a directory or a bucket).
    pub uploads: uploads::Store,
    /// The institution pages' counts, kept with their data's version.
    pub views: Arc<kept::InstitutionViews>,
}

/// Failure to start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// Configuration.
    #[error(transparent)]
    Config(#[from] config::ConfigError),
    /// Database.
    #[error(transparent)]
    Db(#[from] store::OpenError),
    /// Files.
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    /// SMTP configuration.
    #[error(transparent)]
    Smtp(#[from] smtp::SmtpConfigError),
    /// Seeding.
    #[error("seeding: {0}")]
    Seed(#[from] error::AppError),
}

impl AppState {
    /// Opens the database (running migrations), creates the upload
    /// directory, and seeds demo data when asked to.
    pub async fn new(config: Config) -> Result<AppState, StartError> {
        let db = store::Db::connect(&config.db).await?;
        if config.migrate {
            db.migrate().await?;
        } else {
            db.check_migrated().await?;
        }
        let uploads = uploads::Store::open(&config)?;
        license::register_signing_key(&db, &config, Clock::default().now()).await?;
        let clock = Arc::new(Clock::default());
        // A channel without a transport: the outbox row is the delivery in
        // demo mode (read at /api/dev/outbox), a failure otherwise.
        let fallback: Arc<dyn notify::Notifier> = if config.demo {
            Arc::new(notify::DemoOutbox)
        } else {
            Arc::new(notify::Unconfigured)
        };
        let email: Arc<dyn notify::Notifier> = match &config.smtp_url {
            Some(url) => Arc::new(smtp::Smtp::new(
                url,
                &config.smtp_from,
                config.mail_domain.as_deref(),
            )?),
            None => fallback.clone(),
        };
        let sms: Arc<dyn notify::Notifier> = match &config.sms {
            Some(sms) => Arc::new(sms::Tencent::new(sms.clone(), clock.clone())),
            None => fallback,
        };
        let notifier: Arc<dyn notify::Notifier> = Arc::new(notify::Split { email, sms });
        let state = AppState {
            db,
            config: Arc::new(config),
            clock,
            notifier,
            campaigns: Arc::default(),
            uploads,
            views: Arc::default(),
        };
        if state.config.demo {
            let seeded = seed::seed_if_empty(
                &state.db,
                &state.uploads,
                state.clock.today(),
                state.clock.now(),
            )
            .await?;
            if let (true, Some(staff)) = (seeded, state.config.demo_staff) {
                let spec = generate::Spec {
                    staff,
                    accounts: staff * 4 / 5,
                    pending_photos: staff * 1334 / 5000,
                    ..generate::Spec::hospital()
                };
                generate::institution(
                    &state.db,
                    &state.uploads,
                    &spec,
                    state.clock.today(),
                    state.clock.now(),
                )
                .await?;
            }
            if seeded {
                state
                    .db
                    .checkpoint()
                    .await
                    .map_err(store::OpenError::from)?;
            }
        }
        Ok(state)
    }
}

/// The whole application: API, SPA, and the middleware every response passes.
pub async fn app(state: AppState) -> Router {
    let csp = web::csp_for(&state.config.dist);
    let https = state.config.https();
    Router::new()
        // API answers are compressed per request (brotli or gzip, as the
        // client accepts); JSON lists shrink ~10x. The static files are
        // precompressed by the build and served by `web::spa`, outside this
        // layer. Images (photos) and event streams are left as they are.
        .merge(routes::api(&state).layer(CompressionLayer::new()))
        .merge(web::spa(&state))
        // Inside `localize`, so its refusals are rendered in the request's language.
        .layer(axum::middleware::from_fn(csrf::guard))
        .layer(DefaultBodyLimit::max(JSON_BODY_LIMIT))
        .layer(axum::middleware::from_fn(error::localize))
        .layer(axum::middleware::from_fn(move |req, next| {
            web::headers(csp.clone(), https, req, next)
        }))
        .with_state(state)
}

/// A delivery worker of the state's outbox.
pub fn delivery_worker(state: &AppState) -> delivery::Worker {
    delivery::Worker {
        db: state.db.clone(),
        clock: state.clock.clone(),
        transport: state.notifier.clone(),
        retry_secs: state.config.outbox_retry_secs,
        keep_texts: state.config.demo,
    }
}

/// Serves the application on `listener` until the process ends, with the
/// configured number of outbox delivery workers.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    delivery::spawn(&delivery_worker(&state), state.config.outbox_workers);
    let app = app(state).await;
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .await
}

/// Starts the server as configured, printing where it listens.
pub async fn run(config: Config) -> Result<(), StartError> {
    let addr = config.addr;
    let demo = config.demo;
    let state = AppState::new(config).await?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    tokio::spawn(retention::run(state.db.clone(), state.clock.clone()));
    println!("e-license portal listening on http://{local}/");
    if demo {
        println!(
            "demo mode: seeded accounts (see crates/server/DEMO.md)\n{}",
            seed::accounts_table()
        );
    }
    serve(listener, state).await?;
    Ok(())
}
