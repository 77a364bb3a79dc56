//! Issued e-licenses, their per-year serials, and the demo signing key.

use super::AsConn;

/// The stored signing key's seed (demo mode), if one was created.
pub async fn signing_seed(c: &mut impl AsConn) -> sqlx::Result<Option<Vec<u8>>> {
    fetch!(
        c,
        query_scalar("SELECT seed FROM signing_keys WHERE slot = 1"),
        fetch_optional
    )
}

/// Stores the demo signing key in its one slot. `replace: false` keeps a
/// key stored already (two first requests may race: the slot keeps one, and
/// both then read it); `true` replaces it (`server rotate-signing-key` in
/// demo mode: the next licences are signed with `seed`; the old key's public
/// half stays in `licence_keys`, and its seed is gone).
pub async fn store_signing_seed(
    c: &mut impl AsConn,
    key_id: &str,
    seed: &[u8],
    now: i64,
    replace: bool,
) -> sqlx::Result<()> {
    const KEEP: &str = "INSERT INTO signing_keys (slot, key_id, seed, created_at)
         VALUES (1, $1, $2, $3) ON CONFLICT (slot) DO NOTHING";
    const REPLACE: &str = "INSERT INTO signing_keys (slot, key_id, seed, created_at)
         VALUES (1, $1, $2, $3)
         ON CONFLICT (slot) DO UPDATE SET key_id = excluded.key_id, seed = excluded.seed,
             created_at = excluded.created_at";
    let sql = if replace { REPLACE } else { KEEP };
    execute!(c, sql, key_id, seed, now)?;
    Ok(())
}

/// Records a public key that may verify licences (once: a key registered
/// again keeps its first date).
pub async fn register_key(
    c: &mut impl AsConn,
    key_id: &str,
    public_key: &[u8],
    now: i64,
) -> sqlx::Result<()> {
    const SQL: &str = "INSERT INTO licence_keys (key_id, public_key, created_at)
         VALUES ($1, $2, $3) ON CONFLICT (key_id) DO NOTHING";
    execute!(c, SQL, key_id, public_key, now)?;
    Ok(())
}

/// Every recorded public key `(key_id, public_key)`, newest first.
pub async fn verification_keys(c: &mut impl AsConn) -> sqlx::Result<Vec<(String, Vec<u8>)>> {
    const SQL: &str = "SELECT key_id, public_key FROM licence_keys
         ORDER BY created_at DESC, key_id";
    on!(c, |c| { sqlx::query_as(SQL).fetch_all(&mut *c).await })
}

/// The row id of the practitioner's current licence: not revoked, and not
/// past its end (`today` as `YYYY-MM-DD`).
pub async fn current(
    c: &mut impl AsConn,
    practitioner_id: i64,
    today: &str,
) -> sqlx::Result<Option<i64>> {
    const SQL: &str = "SELECT id FROM licenses WHERE practitioner_id = $1 AND revoked_at IS NULL
         AND (valid_until IS NULL OR valid_until >= $2) ORDER BY id DESC LIMIT 1";
    fetch!(c, query_scalar(SQL), fetch_optional, practitioner_id, today)
}

/// What a licence says about its holder, from the registry.
#[derive(sqlx::FromRow)]
pub struct Holder {
    /// `physician` | `nurse`.
    pub kind: String,
    /// Physician level.
    pub level: Option<String>,
    /// Name.
    pub name: String,
    /// ID number.
    pub id_number: String,
    /// Practice certificate number.
    pub certificate_number: String,
    /// End of a nurse's registration.
    pub registration_valid_until: Option<String>,
    /// Practice category.
    pub category: Option<String>,
    /// Main institution.
    pub institution_name: String,
    /// Its region (2 digits).
    pub region: String,
    /// The ID photo's file, if any.
    pub photo_file: Option<String>,
}

/// The licence holder's registry facts.
pub async fn holder(c: &mut impl AsConn, practitioner_id: i64) -> sqlx::Result<Option<Holder>> {
    const SQL: &str = "SELECT p.kind, p.level, p.name, p.id_number, p.certificate_number,
            p.registration_valid_until, p.category, i.name AS institution_name, i.region,
            a.photo_file
         FROM practitioners p JOIN institutions i ON i.id = p.institution_id
         LEFT JOIN accounts a ON a.practitioner_id = p.id
         WHERE p.id = $1";
    fetch!(c, query_as(SQL), fetch_optional, practitioner_id)
}

/// Takes the next serial sequence number of `year` (1, 2, ...): one atomic
/// upsert, so concurrent issuers never share a number on either backend.
pub async fn next_sequence(c: &mut impl AsConn, year: i32) -> sqlx::Result<i64> {
    const SQL: &str = "INSERT INTO licence_serials (year, last) VALUES ($1, 1)
         ON CONFLICT (year) DO UPDATE SET last = licence_serials.last + 1
         RETURNING last";
    fetch!(c, query_scalar(SQL), fetch_one, i64::from(year))
}

/// Whose licence: a practitioner's (`licenses`) or an institution's
/// (`institution_licences`), by id.
#[derive(Debug, Clone, Copy)]
pub enum HeldBy {
    /// A registry record.
    Practitioner(i64),
    /// An institution.
    Institution(i64),
}

/// A licence to record.
pub struct NewLicence<'a> {
    /// National identifier.
    pub identifier: &'a str,
    /// Holder.
    pub holder: HeldBy,
    /// The application it answers.
    pub application_id: Option<i64>,
    /// Signing key id.
    pub key_id: &'a str,
    /// The signed text.
    pub canonical: &'a str,
    /// Ed25519 signature.
    pub signature: &'a [u8],
    /// Issue date, `YYYY-MM-DD`.
    pub issued_on: &'a str,
    /// End date, `YYYY-MM-DD` (nurses'; an institution's practice licence's).
    pub valid_until: Option<&'a str>,
    /// Issue time.
    pub issued_at: i64,
}

/// Records a licence in its holder's table; returns its row id.
pub async fn insert(c: &mut impl AsConn, l: &NewLicence<'_>) -> sqlx::Result<i64> {
    let (table, holder_column, holder_id) = match l.holder {
        HeldBy::Practitioner(id) => ("licenses", "practitioner_id", id),
        HeldBy::Institution(id) => ("institution_licences", "institution_id", id),
    };
    let sql = format!(
        "INSERT INTO {table} (identifier, {holder_column}, application_id, key_id,
            canonical, signature, issued_on, valid_until, issued_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id"
    );
    fetch!(
        c,
        query_scalar(&sql),
        fetch_one,
        l.identifier,
        holder_id,
        l.application_id,
        l.key_id,
        l.canonical,
        l.signature,
        l.issued_on,
        l.valid_until,
        l.issued_at
    )
}

/// Revokes every licence of the practitioner not yet revoked; returns how
/// many.
pub async fn revoke_for_practitioner(
    c: &mut impl AsConn,
    practitioner_id: i64,
    reason: &str,
    now: i64,
) -> sqlx::Result<u64> {
    const SQL: &str = "UPDATE licenses SET revoked_at = $1, revoked_reason = $2
         WHERE practitioner_id = $3 AND revoked_at IS NULL";
    Ok(execute!(c, SQL, now, reason, practitioner_id)?)
}

/// The identifiers of the licences, practitioners' and institutions', that
/// are revoked (by a decision, or because their holder's status is no
/// longer normal) and not past their end on `today` (`YYYY-MM-DD`): an
/// expired one fails on its own date anyway.
pub async fn revoked_identifiers(c: &mut impl AsConn, today: &str) -> sqlx::Result<Vec<String>> {
    const SQL: &str = "SELECT identifier FROM (
           SELECT l.identifier FROM licenses l
           JOIN practitioners p ON p.id = l.practitioner_id
           WHERE (l.revoked_at IS NOT NULL OR p.status <> 'normal')
             AND (l.valid_until IS NULL OR l.valid_until >= $1)
           UNION ALL
           SELECT l.identifier FROM institution_licences l
           JOIN institutions i ON i.id = l.institution_id
           WHERE (l.revoked_at IS NOT NULL OR i.status <> 'normal') AND l.valid_until >= $1
         ) revoked ORDER BY identifier";
    on!(c, |c| {
        sqlx::query_scalar(SQL).bind(today).fetch_all(&mut *c).await
    })
}

/// A stored licence with what its status depends on.
#[derive(sqlx::FromRow)]
pub struct Stored {
    /// The signed text.
    pub canonical: String,
    /// Its signature.
    pub signature: Vec<u8>,
    /// When it was revoked.
    pub revoked_at: Option<i64>,
    /// The holder's practice status now.
    pub holder_status: String,
}

const STORED_SELECT: &str =
    "SELECT l.canonical, l.signature, l.revoked_at, p.status AS holder_status
     FROM licenses l JOIN practitioners p ON p.id = l.practitioner_id";

/// [`STORED_SELECT`] of the institutions' licences: the holder's status is
/// the institution's.
pub(super) const INSTITUTION_STORED_SELECT: &str =
    "SELECT l.canonical, l.signature, l.revoked_at, i.status AS holder_status
     FROM institution_licences l JOIN institutions i ON i.id = l.institution_id";

/// The practitioner's newest licence.
pub async fn newest(c: &mut impl AsConn, practitioner_id: i64) -> sqlx::Result<Option<Stored>> {
    let sql = format!("{STORED_SELECT} WHERE l.practitioner_id = $1 ORDER BY l.id DESC LIMIT 1");
    fetch!(c, query_as(&sql), fetch_optional, practitioner_id)
}

/// The licence of a national identifier, a practitioner's or an
/// institution's (their identifiers differ in type code and never share a
/// serial).
pub async fn by_identifier(c: &mut impl AsConn, identifier: &str) -> sqlx::Result<Option<Stored>> {
    let sql = format!(
        "{STORED_SELECT} WHERE l.identifier = $1
         UNION ALL {INSTITUTION_STORED_SELECT} WHERE l.identifier = $1"
    );
    fetch!(c, query_as(&sql), fetch_optional, identifier)
}
