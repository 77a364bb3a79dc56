//! Portal accounts: practitioners' and institution administrators'.
//! Usernames are compared as `lower(username)` (both backends index it).

use super::AsConn;

/// What sign-in needs of an account.
#[derive(sqlx::FromRow)]
pub struct Credentials {
    /// Account.
    pub id: i64,
    /// argon2id PHC string.
    pub password_hash: String,
    /// The practitioner's kind (`physician` | `nurse`); `None` for admins.
    pub kind: Option<String>,
    /// Activated with the code sent to its phone (admins always are).
    pub activated: bool,
}

/// The enabled account of a username and role (`practitioner` | `admin`);
/// a disabled administrator signs in as an unknown username would.
pub async fn credentials(
    c: &mut impl AsConn,
    username: &str,
    role: &str,
) -> sqlx::Result<Option<Credentials>> {
    const SQL: &str = "SELECT a.id, a.password_hash, p.kind, a.activated FROM accounts a
         LEFT JOIN practitioners p ON p.id = a.practitioner_id
         WHERE lower(a.username) = lower($1) AND a.role = $2 AND a.disabled = FALSE";
    fetch!(c, query_as(SQL), fetch_optional, username, role)
}

/// An administrator's username, institution (id, name), and whether its
/// one-time password is still in use.
pub async fn admin_view(
    c: &mut impl AsConn,
    account_id: i64,
) -> sqlx::Result<Option<(String, i64, String, bool)>> {
    const SQL: &str = "SELECT a.username, i.id, i.name, a.must_change_password FROM accounts a
         JOIN institutions i ON i.id = a.institution_id
         WHERE a.id = $1 AND a.role = 'admin'";
    fetch!(c, query_as(SQL), fetch_optional, account_id)
}

/// An institution's administrator account to create.
pub struct NewAdmin<'a> {
    /// Username.
    pub username: &'a str,
    /// argon2id PHC string.
    pub password_hash: &'a str,
    /// The administered institution.
    pub institution_id: i64,
    /// Phone (the authority sends the one-time password to it).
    pub phone: Option<&'a str>,
    /// The password is a one-time one the authority issued, to be replaced
    /// first (the demo's administrators have their own).
    pub one_time_password: bool,
}

/// Creates an (activated) administrator account of an institution.
pub async fn insert_admin(
    c: &mut impl AsConn,
    admin: &NewAdmin<'_>,
    now: i64,
) -> sqlx::Result<i64> {
    const SQL: &str = "INSERT INTO accounts (role, username, password_hash, institution_id, phone,
            activated, must_change_password, created_at)
         VALUES ('admin', $1, $2, $3, $4, TRUE, $5, $6) RETURNING id";
    fetch!(
        c,
        query_scalar(SQL),
        fetch_one,
        admin.username,
        admin.password_hash,
        admin.institution_id,
        admin.phone,
        admin.one_time_password,
        now
    )
}

/// A practitioner account of the demo data.
pub struct NewDemoAccount<'a> {
    /// Username.
    pub username: &'a str,
    /// argon2id PHC string.
    pub password_hash: &'a str,
    /// Registry record.
    pub practitioner_id: i64,
    /// Phone (verified when activated).
    pub phone: Option<&'a str>,
    /// Activated.
    pub activated: bool,
    /// Photo review state.
    pub photo_state: Option<&'a str>,
    /// Photo file.
    pub photo_file: Option<String>,
    /// Creation time.
    pub now: i64,
}

/// Inserts a demo practitioner account.
pub async fn insert_demo_practitioner(
    c: &mut impl AsConn,
    a: &NewDemoAccount<'_>,
) -> sqlx::Result<()> {
    const SQL: &str = "INSERT INTO accounts (role, username, password_hash, practitioner_id, phone,
            phone_verified, activated, photo_state, photo_file, photo_uploaded_at, created_at)
         VALUES ('practitioner', $1, $2, $3, $4, $5, $5, $6, $7, $8, $9)";
    execute!(
        c,
        SQL,
        a.username,
        a.password_hash,
        a.practitioner_id,
        a.phone,
        a.activated,
        a.photo_state,
        &a.photo_file,
        a.photo_file.is_some().then_some(a.now),
        a.now
    )?;
    Ok(())
}

/// A registry record and the account linked to it, if any: (practitioner,
/// account, activated, account phone).
pub type RecordRow = (i64, Option<i64>, Option<bool>, Option<String>);

/// The registry record of an ID number, certificate number and kind, with
/// its account if it has one.
pub async fn registry_record(
    c: &mut impl AsConn,
    id_number: &str,
    certificate_number: &str,
    kind: &str,
) -> sqlx::Result<Option<RecordRow>> {
    const SQL: &str = "SELECT p.id, a.id, a.activated, a.phone FROM practitioners p
         LEFT JOIN accounts a ON a.practitioner_id = p.id
         WHERE p.id_number = $1 AND p.certificate_number = $2 AND p.kind = $3";
    fetch!(
        c,
        query_as(SQL),
        fetch_optional,
        id_number,
        certificate_number,
        kind
    )
}

/// The account holding a username (any case): `Some(practitioner)`, with
/// `None` inside for an administrator's.
pub async fn username_owner(
    c: &mut impl AsConn,
    username: &str,
) -> sqlx::Result<Option<Option<i64>>> {
    const SQL: &str = "SELECT practitioner_id FROM accounts WHERE lower(username) = lower($1)";
    fetch!(c, query_scalar(SQL), fetch_optional, username)
}

/// Deletes an account that was never activated; true when it did.
pub async fn delete_unactivated(c: &mut impl AsConn, account_id: i64) -> sqlx::Result<bool> {
    const SQL: &str = "DELETE FROM accounts WHERE id = $1 AND activated = FALSE";
    let n = execute!(c, SQL, account_id)?;
    Ok(n == 1)
}

/// Creates an unactivated practitioner account (registration). A taken
/// username or an already linked record is a unique violation.
pub async fn insert_registration(
    c: &mut impl AsConn,
    username: &str,
    password_hash: &str,
    practitioner_id: i64,
    phone: &str,
    now: i64,
) -> sqlx::Result<i64> {
    const SQL: &str =
        "INSERT INTO accounts (role, username, password_hash, practitioner_id, phone, created_at)
         VALUES ('practitioner', $1, $2, $3, $4, $5) RETURNING id";
    fetch!(
        c,
        query_scalar(SQL),
        fetch_one,
        username,
        password_hash,
        practitioner_id,
        phone,
        now
    )
}

/// The newest unactivated practitioner account with the phone.
pub async fn unactivated_by_phone(c: &mut impl AsConn, phone: &str) -> sqlx::Result<Option<i64>> {
    const SQL: &str = "SELECT id FROM accounts
         WHERE phone = $1 AND activated = FALSE AND role = 'practitioner' ORDER BY id DESC LIMIT 1";
    fetch!(c, query_scalar(SQL), fetch_optional, phone)
}

/// Activates the account if it still has the phone, which counts as
/// verified; true when it did.
pub async fn activate(c: &mut impl AsConn, account_id: i64, phone: &str) -> sqlx::Result<bool> {
    const SQL: &str =
        "UPDATE accounts SET activated = TRUE, phone_verified = TRUE WHERE id = $1 AND phone = $2";
    let n = execute!(c, SQL, account_id, phone)?;
    Ok(n == 1)
}

/// The username of an account.
pub async fn username(c: &mut impl AsConn, account_id: i64) -> sqlx::Result<String> {
    fetch!(
        c,
        query_scalar("SELECT username FROM accounts WHERE id = $1"),
        fetch_one,
        account_id
    )
}

/// The practitioner account of a username (any case).
pub async fn practitioner_by_username(
    c: &mut impl AsConn,
    username: &str,
) -> sqlx::Result<Option<i64>> {
    const SQL: &str =
        "SELECT id FROM accounts WHERE lower(username) = lower($1) AND role = 'practitioner'";
    fetch!(c, query_scalar(SQL), fetch_optional, username)
}

/// The practitioner account whose verified phone or email is `contact`.
pub async fn by_verified_contact(c: &mut impl AsConn, contact: &str) -> sqlx::Result<Option<i64>> {
    const SQL: &str = "SELECT id FROM accounts WHERE role = 'practitioner' AND
         ((phone = $1 AND phone_verified = TRUE) OR (email = $1 AND email_verified = TRUE))";
    fetch!(c, query_scalar(SQL), fetch_optional, contact)
}

/// Whether an account other than `account_id` has `contact` as its
/// verified phone or email.
pub async fn contact_taken_by_other(
    c: &mut impl AsConn,
    account_id: i64,
    contact: &str,
) -> sqlx::Result<bool> {
    const SQL: &str = "SELECT id FROM accounts WHERE id <> $1 AND
         ((phone = $2 AND phone_verified = TRUE) OR (email = $2 AND email_verified = TRUE))
         LIMIT 1";
    let found: Option<i64> = fetch!(c, query_scalar(SQL), fetch_optional, account_id, contact)?;
    Ok(found.is_some())
}

/// The account of a registry record matching name, ID number, certificate
/// number and kind (recovery by personal details).
pub async fn by_personal_details(
    c: &mut impl AsConn,
    name: &str,
    id_number: &str,
    certificate_number: &str,
    kind: &str,
) -> sqlx::Result<Option<i64>> {
    const SQL: &str = "SELECT a.id FROM accounts a JOIN practitioners p ON p.id = a.practitioner_id
         WHERE p.name = $1 AND p.id_number = $2 AND p.certificate_number = $3 AND p.kind = $4";
    fetch!(
        c,
        query_scalar(SQL),
        fetch_optional,
        name,
        id_number,
        certificate_number,
        kind
    )
}

/// The password hash of an account.
pub async fn password_hash(c: &mut impl AsConn, account_id: i64) -> sqlx::Result<String> {
    super::passwords::hash(c, super::sessions::Table::Accounts, account_id).await
}

/// Sets the password hash of an account.
pub async fn set_password(
    c: &mut impl AsConn,
    account_id: i64,
    password_hash: &str,
) -> sqlx::Result<()> {
    execute!(
        c,
        "UPDATE accounts SET password_hash = $1 WHERE id = $2",
        password_hash,
        account_id
    )?;
    Ok(())
}

/// The phone and email of an account.
pub async fn contacts(
    c: &mut impl AsConn,
    account_id: i64,
) -> sqlx::Result<(Option<String>, Option<String>)> {
    fetch!(
        c,
        query_as("SELECT phone, email FROM accounts WHERE id = $1"),
        fetch_one,
        account_id
    )
}

/// Replaces the phone of an account by a verified one.
pub async fn set_verified_phone(
    c: &mut impl AsConn,
    account_id: i64,
    phone: &str,
) -> sqlx::Result<()> {
    execute!(
        c,
        "UPDATE accounts SET phone = $1, phone_verified = TRUE WHERE id = $2",
        phone,
        account_id
    )?;
    Ok(())
}

/// Replaces the email of an account by a verified one.
pub async fn set_verified_email(
    c: &mut impl AsConn,
    account_id: i64,
    email: &str,
) -> sqlx::Result<()> {
    execute!(
        c,
        "UPDATE accounts SET email = $1, email_verified = TRUE WHERE id = $2",
        email,
        account_id
    )?;
    Ok(())
}

/// Whether the account has a verified phone or email (recovery by personal
/// details is for accounts that have neither).
pub async fn has_verified_contact(c: &mut impl AsConn, account_id: i64) -> sqlx::Result<bool> {
    const SQL: &str = "SELECT COUNT(*) FROM accounts WHERE id = $1 AND
         ((phone IS NOT NULL AND phone_verified = TRUE) OR (email IS NOT NULL AND email_verified = TRUE))";
    let n: i64 = fetch!(c, query_scalar(SQL), fetch_one, account_id)?;
    Ok(n > 0)
}

/// Every phone and email on file for an account: its own phone and email,
/// and the phone of its registry record (verified or not, in that order,
/// without repeats).
pub async fn all_contacts(c: &mut impl AsConn, account_id: i64) -> sqlx::Result<Vec<String>> {
    const SQL: &str = "SELECT a.phone, a.email, p.phone_on_record FROM accounts a
         LEFT JOIN practitioners p ON p.id = a.practitioner_id WHERE a.id = $1";
    let row: Option<(Option<String>, Option<String>, Option<String>)> =
        fetch!(c, query_as(SQL), fetch_optional, account_id)?;
    let mut out: Vec<String> = Vec::new();
    if let Some((phone, email, on_record)) = row {
        for to in [phone, email, on_record].into_iter().flatten() {
            let to = to.trim().to_owned();
            if !to.is_empty() && !out.contains(&to) {
                out.push(to);
            }
        }
    }
    Ok(out)
}

/// Takes the account's row lock until the transaction ends (PostgreSQL; an
/// SQLite write transaction holds the database's write lock already), so
/// checks and writes about one account run one at a time.
pub async fn lock(c: &mut impl AsConn, account_id: i64) -> sqlx::Result<bool> {
    const SQL: &str = "UPDATE accounts SET id = id WHERE id = $1";
    let n = execute!(c, SQL, account_id)?;
    Ok(n == 1)
}

/// The password hash and creation time of an account: what decides whether
/// a new registration of the same record may replace it.
pub async fn claim(c: &mut impl AsConn, account_id: i64) -> sqlx::Result<(String, i64)> {
    fetch!(
        c,
        query_as("SELECT password_hash, created_at FROM accounts WHERE id = $1"),
        fetch_one,
        account_id
    )
}
