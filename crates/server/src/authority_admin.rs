//! `server create-authority-admin DIVISION USERNAME [PHONE]`: creates the
//! first administrator of a health authority (the national one with
//! `national`), whose later administrators it creates itself in the portal.
//! The one-time password is printed once and must be replaced at the first
//! sign-in.

use std::process::ExitCode;

use rules::{Division, Lang, Localized, MobileNumber, Username};

use crate::auth::{authority::one_time_password, password};
use crate::store::{self, Db};
use crate::Config;

/// What the command made: the account id and its one-time password.
#[derive(Debug)]
pub struct Created {
    /// Authority account id.
    pub account_id: i64,
    /// The one-time password.
    pub initial_password: String,
}

/// Why the account was not created.
#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    /// An argument is invalid.
    #[error("{0}")]
    Invalid(String),
    /// The username is taken.
    #[error("the username is taken")]
    Taken,
    /// The database failed.
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    /// Hashing failed.
    #[error("{0}")]
    Hash(String),
}

/// Creates an authority administrator (audited as created by the command).
pub async fn create(
    db: &Db,
    division: &str,
    username: &str,
    phone: Option<&str>,
    now: i64,
) -> Result<Created, CreateError> {
    let invalid = |e: &dyn Localized| {
        CreateError::Invalid(format!("{} / {}", e.message(Lang::Zh), e.message(Lang::En)))
    };
    let division = Division::parse(division).map_err(|e| invalid(&e))?;
    let username = Username::parse(username).map_err(|e| invalid(&e))?;
    let phone = phone
        .map(MobileNumber::parse)
        .transpose()
        .map_err(|e| invalid(&e))?;
    let initial = one_time_password();
    let hash = password::hash(initial.clone())
        .await
        .map_err(|e| CreateError::Hash(e.to_string()))?;
    let mut tx = db.begin().await?;
    let id = match store::authority::insert(
        &mut tx,
        division.code(),
        username.as_str(),
        &hash,
        phone.as_ref().map(|p| p.as_str()),
        None,
        now,
    )
    .await
    {
        Ok(id) => id,
        Err(e) if store::unique_violation(&e).is_some() => return Err(CreateError::Taken),
        Err(e) => return Err(e.into()),
    };
    store::audit::append(
        &mut tx,
        now,
        None,
        "authority.account_created",
        Some(
            serde_json::json!({"account_id": id, "division": division.code(), "by": "command"})
                .to_string(),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(Created {
        account_id: id,
        initial_password: initial,
    })
}

/// The command line: prints the one-time password; exit code 0 created,
/// 1 refused, 2 the database could not be used.
pub async fn run_cli(config: &Config, args: &[&str]) -> ExitCode {
    let (division, username, phone) = match args {
        [d, u] => (*d, *u, None),
        [d, u, p] => (*d, *u, Some(*p)),
        _ => {
            eprintln!("usage: server create-authority-admin DIVISION USERNAME [PHONE]");
            return ExitCode::from(2);
        }
    };
    let db = match Db::open(&config.db).await {
        Ok(db) => db,
        Err(e) => {
            eprintln!("server: {e}");
            return ExitCode::from(2);
        }
    };
    let now = chrono::Utc::now().timestamp();
    match create(&db, division, username, phone, now).await {
        Ok(created) => {
            println!(
                "authority administrator {username} created (division {}).\n\
                 one-time password: {}\n\
                 sign in at /authority and replace it.",
                Division::parse(division)
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                created.initial_password
            );
            ExitCode::SUCCESS
        }
        Err(e @ (CreateError::Db(_) | CreateError::Hash(_))) => {
            eprintln!("server: {e}");
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("server: {e}");
            ExitCode::FAILURE
        }
    }
}
