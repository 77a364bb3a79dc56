//! `server` — runs the portal; `server import-registry FILE.csv` imports
//! registry records (see `crates/server/IMPORT.md`); `server migrate` brings the
//! database schema up to date (for deployments that start with `PORTAL_MIGRATE=0`);
//! `server generate-institution` generates a large institution (tests, bench).
//! `server create-authority-admin DIVISION USERNAME [PHONE]` creates a health
//! authority's first administrator. `server rotate-signing-key` makes a new
//! e-licence signing key (README: "Rotating the signing key").

use std::process::ExitCode;

use tracing_subscriber::EnvFilter;

const USAGE: &str = "usage: server                          run the portal
       server migrate                  bring the database schema up to date, then exit
       server import-registry FILE.csv import registry records
       server generate-institution [--staff N] [--accounts K] [--pending-photos M] [--admin NAME] [--number I]
                                       generate an institution with a realistic mix of states
                                       (default: 5000 staff, 4000 accounts, 1334 photos waiting)
       server create-authority-admin DIVISION USERNAME [PHONE]
                                       create a health authority's first administrator
                                       (DIVISION: national, 14, 4403, …); prints its one-time password
       server rotate-signing-key       make a new e-licence signing key; licences signed before keep
                                       verifying (see README, Rotating the signing key)";

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let config = match server::Config::from_env() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("server: {e}");
            return ExitCode::FAILURE;
        }
    };
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] => match server::run(config).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("server: {e}");
                ExitCode::FAILURE
            }
        },
        ["migrate"] => match server::store::Db::open(&config.db).await {
            Ok(_) => {
                println!("server: the database schema is up to date");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("server: {e}");
                ExitCode::FAILURE
            }
        },
        ["import-registry", file] => {
            server::import::run_cli(&config, std::path::Path::new(file)).await
        }
        ["generate-institution", rest @ ..] => server::generate::run_cli(&config, rest).await,
        ["create-authority-admin", rest @ ..] => {
            server::authority_admin::run_cli(&config, rest).await
        }
        ["rotate-signing-key"] => server::license::run_rotate_cli(&config).await,
        ["-h" | "--help" | "help"] => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
