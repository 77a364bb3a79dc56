//! The store: every SQL statement of the server, one module per aggregate,
//! on SQLite (the embedded default) or PostgreSQL (`PORTAL_DB=postgres://…`).
//!
//! Each statement is written once, in the dialect both accept: `$1`
//! placeholders (sqlx-sqlite binds them by number), `TRUE`/`FALSE`,
//! `RETURNING`, `ON CONFLICT`, integers decoded as `i64` (BIGINT columns on
//! PostgreSQL), `lower(username)` for case-insensitive names. A function runs
//! its statement on whichever backend the connection belongs to through
//! [`on!`], which expands the same code once per backend, so both are type
//! checked. sqlx's `Any` driver is not used: it does not translate
//! placeholders and drops the SQLite options below.
//!
//! Route handlers hold no SQL: they open a connection ([`Db::acquire`]) or a
//! transaction ([`Db::begin`]) and call the functions of these modules with it.

use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{PgPool, Postgres, Sqlite, SqlitePool, Transaction};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Runs `$body` with `$c` bound to the backend's connection
/// (`&mut SqliteConnection` or `&mut PgConnection`) of `$conn` (anything
/// [`AsConn`]). The body is compiled once per backend: write it with
/// `&mut *$c` as the executor, and make both arms return the same type
/// (`.map(|r| r.rows_affected())` after `execute`). One statement with its
/// binds is `execute!` or `fetch!` (below); this is for the rest (transactions,
/// streams, statements built in steps).
macro_rules! on {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $crate::store::AsConn::conn($conn) {
            $crate::store::Conn::Sqlite($c) => $body,
            $crate::store::Conn::Postgres($c) => $body,
        }
    };
}

/// One statement that writes, on either backend, with the `$arg`s bound in
/// order: the number of rows it affected.
macro_rules! execute {
    ($conn:expr, $sql:expr $(, $arg:expr)* $(,)?) => {
        on!($conn, |c| {
            sqlx::query($sql)
                $(.bind($arg))*
                .execute(&mut *c)
                .await
                .map(|r| r.rows_affected())
        })
    };
}

/// One statement that reads, on either backend: `$kind` is `query_as` or
/// `query_scalar`, `$how` `fetch_one`, `fetch_optional` or `fetch_all`, with
/// the `$arg`s bound in order.
macro_rules! fetch {
    ($conn:expr, $kind:ident($sql:expr), $how:ident $(, $arg:expr)* $(,)?) => {
        on!($conn, |c| sqlx::$kind($sql)$(.bind($arg))*.$how(&mut *c).await)
    };
}

pub mod accounts;
pub mod administrator_changes;
pub mod applications;
pub mod audit;
pub mod authority;
pub mod authority_deregistrations;
pub mod campaigns;
pub mod codes;
pub mod dashboard_counts;
pub mod demo;
pub mod deregistrations;
pub mod follow_up;
pub mod generated;
pub mod institution_licences;
pub mod institution_versions;
pub mod institutions;
pub mod licences;
pub mod outbox;
pub mod passwords;
pub mod photos;
pub mod practitioners;
pub mod recovery;
pub mod registry;
pub mod reminders;
pub mod retention;
pub mod review_queue;
pub mod reviews;
pub mod roster;
pub mod roster_page;
pub mod sessions;
pub mod staff;
pub mod throttles;
pub mod titles;
pub mod zombie_page;

/// Which database a [`Db`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// Where the database is (`PORTAL_DB`): a file path or `sqlite:` URL, or a
/// `postgres://` / `postgresql://` URL.
#[derive(Clone, PartialEq, Eq)]
pub enum DbUrl {
    /// SQLite database file.
    Sqlite(PathBuf),
    /// PostgreSQL connection URL.
    Postgres(String),
}

impl DbUrl {
    /// Reads `PORTAL_DB`'s value.
    pub fn parse(text: &str) -> Result<DbUrl, String> {
        let text = text.trim();
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            PgConnectOptions::from_str(text).map_err(|e| format!("not a PostgreSQL URL: {e}"))?;
            return Ok(DbUrl::Postgres(text.to_owned()));
        }
        let path = text
            .strip_prefix("sqlite://")
            .or_else(|| text.strip_prefix("sqlite:"))
            .unwrap_or(text);
        if path.is_empty() {
            return Err("empty path".into());
        }
        if path.contains("://") {
            return Err(format!(
                "{text:?} is neither a file path nor a postgres:// URL"
            ));
        }
        Ok(DbUrl::Sqlite(PathBuf::from(path)))
    }
}

impl DbUrl {
    /// The text to pass as `PORTAL_DB` to another process (the file path,
    /// or the URL with its password).
    pub fn as_env(&self) -> std::ffi::OsString {
        match self {
            DbUrl::Sqlite(path) => path.clone().into_os_string(),
            DbUrl::Postgres(url) => url.into(),
        }
    }
}

impl std::fmt::Debug for DbUrl {
    // The URL may carry a password: never print it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DbUrl::Sqlite(path) => write!(f, "Sqlite({path:?})"),
            DbUrl::Postgres(_) => f.write_str("Postgres(<url>)"),
        }
    }
}

/// The database pool of either backend; cheap to clone.
#[derive(Clone, Debug)]
pub enum Db {
    /// SQLite, and its queue of writers.
    Sqlite(SqlitePool, Arc<Semaphore>),
    /// PostgreSQL.
    Postgres(PgPool),
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// Failure to open or prepare the database.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// Connecting or querying.
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    /// Running the migrations.
    #[error("migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// Started without migrating on a schema that is not current.
    #[error("the database schema is at version {found}, this server needs {needed}: run `server migrate` first")]
    NotMigrated {
        /// Newest applied migration (0: none).
        found: i64,
        /// Newest migration of this build.
        needed: i64,
    },
    /// Creating the database file's directory.
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
}

impl Db {
    /// Connects (creating an SQLite file if needed); runs no migration.
    pub async fn connect(url: &DbUrl) -> Result<Db, OpenError> {
        match url {
            DbUrl::Sqlite(path) => {
                if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(parent)?;
                }
                let options = SqliteConnectOptions::from_str("sqlite:")?
                    .filename(path)
                    .create_if_missing(true)
                    // WAL: readers never block the writer, and a crash loses
                    // no committed transaction.
                    .journal_mode(SqliteJournalMode::Wal)
                    // FULL: an acknowledged commit survives power loss too.
                    .synchronous(SqliteSynchronous::Full)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(5))
                    // Reads map the file instead of copying each page into
                    // every connection's own cache: with eight connections
                    // reading the same pages, copies and their syscalls
                    // were a third of a busy server's time.
                    .pragma("mmap_size", "268435456");
                // The first connection turns the file to WAL, which needs
                // the file to itself: a second process opening a new file at
                // the same moment gets SQLITE_BUSY there without the busy
                // timeout's wait (seen when two servers start at once), so
                // that refusal is tried again for a while.
                let started = std::time::Instant::now();
                let pool = loop {
                    match SqlitePoolOptions::new()
                        .max_connections(8)
                        .connect_with(options.clone())
                        .await
                    {
                        Ok(pool) => break pool,
                        Err(e) if is_busy(&e) && started.elapsed() < WRITE_WAIT => {
                            tracing::debug!("SQLite file busy while opening: again");
                            tokio::time::sleep(Duration::from_millis(50)).await;
                        }
                        Err(e) => return Err(e.into()),
                    }
                };
                Ok(Db::Sqlite(pool, Arc::new(Semaphore::new(1))))
            }
            DbUrl::Postgres(url) => {
                let options = PgConnectOptions::from_str(url)?;
                let pool = PgPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_with(options)
                    .await?;
                Ok(Db::Postgres(pool))
            }
        }
    }

    /// Connects and brings the schema up to date.
    pub async fn open(url: &DbUrl) -> Result<Db, OpenError> {
        let db = Db::connect(url).await?;
        db.migrate().await?;
        Ok(db)
    }

    /// Runs the migrations this build has and the database lacks. On
    /// PostgreSQL concurrent runs wait for each other (sqlx takes an advisory
    /// lock), so two servers starting at once migrate once.
    ///
    /// SQLite has no such lock: a second process migrating the same file at
    /// the same moment fails on a migration the first one has just applied.
    /// Each migration runs in its own transaction, so that failure changed
    /// nothing, and running the migrator again (it skips what is applied)
    /// is safe.
    pub async fn migrate(&self) -> Result<(), OpenError> {
        match self {
            Db::Sqlite(p, _) => {
                let mut tries = 0;
                loop {
                    match SQLITE_MIGRATIONS.run(p).await {
                        Ok(()) => break,
                        Err(e) if tries < 5 => {
                            tries += 1;
                            tracing::debug!(error = %e, "SQLite migration raced another process; again");
                            tokio::time::sleep(Duration::from_millis(200)).await;
                        }
                        Err(e) => return Err(e.into()),
                    }
                }
            }
            Db::Postgres(p) => POSTGRES_MIGRATIONS.run(p).await?,
        }
        Ok(())
    }

    /// Fails unless every migration of this build has been applied (for a
    /// server started with `PORTAL_MIGRATE=0`, where a job migrates).
    pub async fn check_migrated(&self) -> Result<(), OpenError> {
        let needed = self.migrator().iter().map(|m| m.version).max().unwrap_or(0);
        const SQL: &str = "SELECT CAST(COALESCE(MAX(version), 0) AS BIGINT) FROM _sqlx_migrations WHERE success = TRUE";
        let found: Result<i64, sqlx::Error> = match self {
            Db::Sqlite(p, _) => sqlx::query_scalar(SQL).fetch_one(p).await,
            Db::Postgres(p) => sqlx::query_scalar(SQL).fetch_one(p).await,
        };
        // No migrations table at all: nothing was migrated.
        let found = found.unwrap_or(0);
        if found < needed {
            return Err(OpenError::NotMigrated { found, needed });
        }
        Ok(())
    }

    fn migrator(&self) -> &'static sqlx::migrate::Migrator {
        match self {
            Db::Sqlite(..) => &SQLITE_MIGRATIONS,
            Db::Postgres(_) => &POSTGRES_MIGRATIONS,
        }
    }

    /// Which backend this is.
    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(..) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// SQLite: copies the write-ahead log's pages into the database file
    /// (PASSIVE: waits for no reader or writer). SQLite does it by itself
    /// only once the log passes 1,000 pages, so a freshly seeded or quiet
    /// database is otherwise read through the log, page by page and without
    /// the file mapping (measured on the hospital bench: half the throughput).
    /// Nothing to do on PostgreSQL.
    pub async fn checkpoint(&self) -> Result<(), sqlx::Error> {
        if let Db::Sqlite(p, _) = self {
            sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                .execute(p)
                .await?;
        }
        Ok(())
    }

    /// A connection from the pool, for statements that need no transaction.
    pub async fn acquire(&self) -> Result<Pooled, sqlx::Error> {
        Ok(match self {
            Db::Sqlite(p, _) => Pooled::Sqlite(p.acquire().await?),
            Db::Postgres(p) => Pooled::Postgres(p.acquire().await?),
        })
    }

    /// Starts a transaction.
    ///
    /// On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`): a
    /// deferred transaction that reads and then writes fails with
    /// `SQLITE_BUSY` when another writer committed in between, which no busy
    /// timeout retries. SQLite has one writer at a time, and its busy handler
    /// is no queue (a waiter can lose the lock to newcomers for longer than
    /// the timeout under a burst), so this process's writers queue here, in
    /// order and without holding a connection; a `BEGIN` refused as busy by
    /// another process (an import) is tried again for up to [`WRITE_WAIT`].
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        match self {
            Db::Sqlite(pool, writers) => {
                let turn = writers
                    .clone()
                    .acquire_owned()
                    .await
                    .map_err(|_| sqlx::Error::PoolClosed)?;
                let started = std::time::Instant::now();
                let mut pause = Duration::from_millis(5);
                loop {
                    // In a task of its own: sqlx's begin with a statement of
                    // our own is not cancel-safe (it checks the connection
                    // after the BEGIN ran), and a request dropped there (its
                    // client gone) left the connection in the pool inside a
                    // transaction that held the write lock until it closed,
                    // stopping every write. The task runs the begin to its
                    // end; if nobody waits for it any more, the transaction
                    // it made is dropped there and rolled back.
                    let begin = tokio::spawn({
                        let pool = pool.clone();
                        async move { pool.begin_with("BEGIN IMMEDIATE").await }
                    })
                    .await
                    .map_err(|e| sqlx::Error::Protocol(format!("beginning a write: {e}")))?;
                    match begin {
                        Ok(tx) => return Ok(Tx::Sqlite(tx, turn)),
                        Err(e) if is_busy(&e) && started.elapsed() < WRITE_WAIT => {
                            tracing::debug!("SQLite write lock busy: beginning again");
                            tokio::time::sleep(pause).await;
                            pause = (pause * 2).min(Duration::from_millis(100));
                        }
                        Err(e) => return Err(e),
                    }
                }
            }
            // The same on PostgreSQL, where a connection left inside a
            // transaction would keep every later statement on it uncommitted.
            Db::Postgres(p) => {
                let p = p.clone();
                let tx = tokio::spawn(async move { p.begin().await })
                    .await
                    .map_err(|e| sqlx::Error::Protocol(format!("beginning a write: {e}")))??;
                Ok(Tx::Postgres(tx))
            }
        }
    }

    /// Runs one literal SQL statement (no parameters) and returns the rows it
    /// changed: for operators' scripts and tests that set up a case.
    pub async fn execute_sql(&self, sql: &str) -> Result<u64, sqlx::Error> {
        let mut c = self.acquire().await?;
        on!(&mut c, |c| sqlx::query(sql)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected()))
    }

    /// The first column of the first row of a literal query, for tests.
    pub async fn scalar<T>(&self, sql: &str) -> Result<T, sqlx::Error>
    where
        T: Send + Unpin,
        T: for<'r> sqlx::Decode<'r, Sqlite> + sqlx::Type<Sqlite>,
        T: for<'r> sqlx::Decode<'r, Postgres> + sqlx::Type<Postgres>,
    {
        let mut c = self.acquire().await?;
        on!(&mut c, |c| sqlx::query_scalar(sql).fetch_one(&mut *c).await)
    }

    /// The first column of every row of a literal query, for tests.
    pub async fn column<T>(&self, sql: &str) -> Result<Vec<T>, sqlx::Error>
    where
        T: Send + Unpin,
        T: for<'r> sqlx::Decode<'r, Sqlite> + sqlx::Type<Sqlite>,
        T: for<'r> sqlx::Decode<'r, Postgres> + sqlx::Type<Postgres>,
    {
        let mut c = self.acquire().await?;
        on!(&mut c, |c| sqlx::query_scalar(sql).fetch_all(&mut *c).await)
    }

    /// Closes every connection (tests that restart a server on the same data).
    pub async fn close(&self) {
        match self {
            Db::Sqlite(p, _) => p.close().await,
            Db::Postgres(p) => p.close().await,
        }
    }
}

/// A connection taken from the pool; returned to it when dropped.
pub enum Pooled {
    /// SQLite.
    Sqlite(PoolConnection<Sqlite>),
    /// PostgreSQL.
    Postgres(PoolConnection<Postgres>),
}

/// A transaction; rolled back when dropped without [`Tx::commit`].
pub enum Tx {
    /// SQLite, with this process's write turn.
    Sqlite(Transaction<'static, Sqlite>, OwnedSemaphorePermit),
    /// PostgreSQL.
    Postgres(Transaction<'static, Postgres>),
}

impl Tx {
    /// Commits.
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(tx, _turn) => tx.commit().await,
            Tx::Postgres(tx) => tx.commit().await,
        }
    }
}

/// A borrowed connection of either backend: what store functions run on.
pub enum Conn<'c> {
    /// SQLite.
    Sqlite(&'c mut SqliteConnection),
    /// PostgreSQL.
    Postgres(&'c mut PgConnection),
}

/// Anything store functions can run on: a pooled connection, a transaction,
/// or a [`Conn`] passed down.
pub trait AsConn: Send {
    /// The connection, borrowed for one call.
    fn conn(&mut self) -> Conn<'_>;
}

impl AsConn for Pooled {
    fn conn(&mut self) -> Conn<'_> {
        match self {
            Pooled::Sqlite(c) => Conn::Sqlite(c),
            Pooled::Postgres(c) => Conn::Postgres(c),
        }
    }
}

impl AsConn for Tx {
    fn conn(&mut self) -> Conn<'_> {
        match self {
            Tx::Sqlite(tx, _) => Conn::Sqlite(tx),
            Tx::Postgres(tx) => Conn::Postgres(tx),
        }
    }
}

impl AsConn for Conn<'_> {
    fn conn(&mut self) -> Conn<'_> {
        match self {
            Conn::Sqlite(c) => Conn::Sqlite(c),
            Conn::Postgres(c) => Conn::Postgres(c),
        }
    }
}

/// How long a write transaction waits for SQLite's lock held by another
/// process before it fails.
pub const WRITE_WAIT: Duration = Duration::from_secs(30);

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

/// The constraint a statement broke, when it is a unique violation: the
/// constraint or index name on PostgreSQL, SQLite's message (which names the
/// columns or the index) otherwise. Callers match on the column name.
pub fn unique_violation(e: &sqlx::Error) -> Option<String> {
    let sqlx::Error::Database(db) = e else {
        return None;
    };
    if !db.is_unique_violation() {
        return None;
    }
    Some(
        db.constraint()
            .map(str::to_owned)
            .unwrap_or_else(|| db.message().to_owned()),
    )
}

/// Today's date as stored (`YYYY-MM-DD` text: it sorts and compares as the
/// date does on both backends).
pub fn date_text(date: chrono::NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlx::{ConnectOptions, Connection};

    /// A client that goes away while its request begins a write (a phone
    /// losing its signal, a load balancer's timeout) drops the request's
    /// future at any await. No such drop may leave a connection in the pool
    /// inside a transaction: it would hold SQLite's write lock until the
    /// connection closed, and every write of the server would wait for it.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_begin_dropped_midway_leaves_no_transaction_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("portal.db");
        let db = Db::connect(&DbUrl::Sqlite(path.clone())).await.unwrap();
        // Dropped after every delay from nothing to 0.5 ms: before, during
        // and after each step of the begin.
        for i in 0..600u64 {
            let delay = Duration::from_micros((i % 60) * 8);
            if let Ok(Ok(tx)) = tokio::time::timeout(delay, db.begin()).await {
                drop(tx);
            }
        }
        // Another connection to the file gets the write lock at once.
        let mut other = SqliteConnectOptions::from_str("sqlite:")
            .unwrap()
            .filename(&path)
            .busy_timeout(Duration::from_secs(2))
            .connect()
            .await
            .unwrap();
        sqlx::query("BEGIN IMMEDIATE")
            .execute(&mut other)
            .await
            .expect("no connection of the pool holds the write lock");
        sqlx::query("ROLLBACK").execute(&mut other).await.unwrap();
        other.close().await.unwrap();
        // And the pool's own writes go on.
        let tx = tokio::time::timeout(Duration::from_secs(5), db.begin())
            .await
            .expect("a write begins")
            .unwrap();
        drop(tx);
    }
}
