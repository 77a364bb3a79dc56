//! Integration tests of the API, against the real server over HTTP.

mod administrator_change;
mod applications;
mod applications_concurrency;
mod audit;
mod authority;
mod authority_deregistrations;
mod campaigns;
mod cluster;
mod codes_concurrency;
mod compression;
mod csrf;
mod enumeration;
mod follow_up_counts;
#[allow(dead_code)]
mod helpers;
mod hospital;
mod import;
mod institution;
mod institution_cases;
mod institution_licence;
mod kept_counts;
mod license;
mod limits;
mod openapi;
mod outbox;
mod photo;
mod profile_changes;
mod recovery;
mod registration;
mod reminders;
mod retention;
mod seeding;
#[allow(dead_code)]
mod servers;
mod session;
mod sms;
mod smtp;
mod static_files;
mod uploads_store;
