//! Practitioners' e-license applications and institutions' own licence
//! applications: one per applicant (a UNIQUE column), so a repeated or
//! concurrent submit records one.

use std::time::{Duration, Instant};

use super::{AsConn, Db, Tx};

/// How long an application waits for SQLite's write lock in all.
const WRITE_WAIT: Duration = Duration::from_secs(60);

/// The transaction an application runs in. On SQLite, `BEGIN IMMEDIATE`
/// waits for the write lock only for the busy timeout, and SQLite's busy
/// handler is no queue: under a burst of applications a waiter can lose the
/// lock to newcomers for longer than that and fail with `SQLITE_BUSY`
/// although nothing is wrong. Nothing has been done yet when `BEGIN` fails,
/// so it is tried again (until [`WRITE_WAIT`] has passed). PostgreSQL's
/// `BEGIN` takes no lock and is not retried.
pub async fn begin(db: &Db) -> sqlx::Result<Tx> {
    let started = Instant::now();
    let mut pause = Duration::from_millis(5);
    loop {
        match db.begin().await {
            Err(e) if is_busy(&e) && started.elapsed() < WRITE_WAIT => {
                tracing::debug!("SQLite write lock busy: beginning again");
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(Duration::from_millis(100));
            }
            other => return other,
        }
    }
}

/// SQLite's "database is locked" (`SQLITE_BUSY` and its extended codes).
fn is_busy(e: &sqlx::Error) -> bool {
    let sqlx::Error::Database(db) = e else {
        return false;
    };
    db.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some()
        && db
            .code()
            .and_then(|code| code.parse::<i32>().ok())
            .is_some_and(|code| code & 0xff == 5)
}

/// An application as stored.
#[derive(sqlx::FromRow)]
pub struct Application {
    /// Row id.
    pub id: i64,
    /// When it was submitted.
    pub submitted_at: i64,
    /// `submitted` | ….
    pub state: String,
}

impl From<Application> for rules::api::Application {
    fn from(r: Application) -> Self {
        rules::api::Application {
            id: r.id,
            submitted_at: r.submitted_at,
            state: r.state,
        }
    }
}

/// Records the practitioner's application unless one exists; returns
/// whether this call recorded it. Concurrent callers wait for each other on
/// the unique practitioner_id, and exactly one inserts.
pub async fn insert(c: &mut impl AsConn, practitioner_id: i64, now: i64) -> sqlx::Result<bool> {
    const SQL: &str = "INSERT INTO applications (practitioner_id, submitted_at) VALUES ($1, $2)
         ON CONFLICT (practitioner_id) DO NOTHING";
    let n = on!(c, |c| {
        sqlx::query(SQL)
            .bind(practitioner_id)
            .bind(now)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(n == 1)
}

/// The practitioner's application.
pub async fn of_practitioner(
    c: &mut impl AsConn,
    practitioner_id: i64,
) -> sqlx::Result<Option<Application>> {
    const SQL: &str = "SELECT id, submitted_at, state FROM applications WHERE practitioner_id = $1";
    on!(c, |c| {
        sqlx::query_as(SQL)
            .bind(practitioner_id)
            .fetch_optional(&mut *c)
            .await
    })
}

/// Records the institution's licence application unless one exists;
/// returns whether this call recorded it.
pub async fn insert_institution(
    c: &mut impl AsConn,
    institution_id: i64,
    now: i64,
) -> sqlx::Result<bool> {
    const SQL: &str = "INSERT INTO institution_applications (institution_id, submitted_at)
         VALUES ($1, $2) ON CONFLICT (institution_id) DO NOTHING";
    let n = on!(c, |c| {
        sqlx::query(SQL)
            .bind(institution_id)
            .bind(now)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(n == 1)
}

/// The institution's licence application.
pub async fn of_institution(
    c: &mut impl AsConn,
    institution_id: i64,
) -> sqlx::Result<Option<Application>> {
    const SQL: &str =
        "SELECT id, submitted_at, state FROM institution_applications WHERE institution_id = $1";
    on!(c, |c| {
        sqlx::query_as(SQL)
            .bind(institution_id)
            .fetch_optional(&mut *c)
            .await
    })
}
