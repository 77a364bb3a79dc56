//! Issuing, revoking and looking up e-licenses (电子证照).
//!
//! A license is issued when an application succeeds (see
//! [`ensure_issued`]): the registry's facts about the holder become
//! [`rules::LicenseFields`], identified in the national e-license identifier
//! format ([`rules::license_id`]) and signed with Ed25519 over their canonical
//! encoding ([`rules::license`]). The signing key comes from
//! `PORTAL_SIGNING_KEY`; in demo mode without it, a key is generated on first
//! use and kept in the `signing_keys` table. Outside demo mode without a key,
//! no license is issued (applications still succeed) and a warning is logged.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{Datelike, NaiveDate};
use rand::RngCore;
use rules::api::{IssuedLicense, LicenseHolder, LicenseStatusBody};
use rules::license::{self, LicenseFields, LicenseStatus, SignedLicense};
use rules::{PracticeCategory, PracticeStatus, PractitionerKind, ResidentId};
use sha2::{Digest, Sha256};
use sqlx::{SqliteConnection, SqliteExecutor};

use crate::audit;
use crate::config::Config;
use crate::error::{AppError, AppResult};
use crate::profile::{parse_date, parse_enum};

/// The 32-byte seed of the Ed25519 signing key; its `Debug` never shows it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct SigningSeed(pub [u8; 32]);

impl std::fmt::Debug for SigningSeed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SigningSeed(<redacted>)")
    }
}

/// The signing key's seed: the configured one, else (demo mode) the stored
/// one, created on first use. `None` outside demo mode without a key.
pub async fn signing_seed(
    conn: &mut SqliteConnection,
    config: &Config,
    now: i64,
) -> AppResult<Option<[u8; 32]>> {
    if let Some(SigningSeed(seed)) = config.signing_key {
        return Ok(Some(seed));
    }
    if !config.demo {
        return Ok(None);
    }
    let stored: Option<(Vec<u8>,)> = sqlx::query_as("SELECT seed FROM signing_keys WHERE slot = 1")
        .fetch_optional(&mut *conn)
        .await?;
    if let Some((seed,)) = stored {
        return seed
            .try_into()
            .map(Some)
            .map_err(|_| AppError::Internal("stored signing key is not 32 bytes".into()));
    }
    let mut seed = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut seed);
    let key_id = license::key_id(&license::public_key(&seed));
    // Two first requests may race: the slot keeps one key, and both read it.
    sqlx::query(
        "INSERT INTO signing_keys (slot, key_id, seed, created_at) VALUES (1, ?, ?, ?) ON CONFLICT (slot) DO NOTHING",
    )
    .bind(&key_id)
    .bind(seed.as_slice())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    let (seed,): (Vec<u8>,) = sqlx::query_as("SELECT seed FROM signing_keys WHERE slot = 1")
        .fetch_one(&mut *conn)
        .await?;
    seed.try_into()
        .map(Some)
        .map_err(|_| AppError::Internal("stored signing key is not 32 bytes".into()))
}

#[derive(sqlx::FromRow)]
struct Holder {
    kind: String,
    level: Option<String>,
    name: String,
    id_number: String,
    certificate_number: String,
    registration_valid_until: Option<String>,
    category: Option<String>,
    institution_name: String,
    region: String,
    photo_file: Option<String>,
}

fn photo_reference(config: &Config, file: Option<&str>) -> Option<String> {
    let file = file?;
    if !file.chars().all(|c| c.is_ascii_alphanumeric() || c == '.') || file.starts_with('.') {
        return None;
    }
    let bytes = std::fs::read(config.uploads.join(file)).ok()?;
    Some(URL_SAFE_NO_PAD.encode(Sha256::digest(&bytes)))
}

/// Issues the practitioner's e-license unless a current one (not revoked,
/// not expired) exists. Called in the transaction of a successful
/// application. Returns the license's row id, or `None` when no signing key
/// is configured or the registry record cannot be put on a license.
pub async fn ensure_issued(
    conn: &mut SqliteConnection,
    config: &Config,
    today: NaiveDate,
    now: i64,
    practitioner_id: i64,
    application_id: Option<i64>,
) -> AppResult<Option<i64>> {
    let today_text = today.format("%Y-%m-%d").to_string();
    let current: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM licenses WHERE practitioner_id = ? AND revoked_at IS NULL
         AND (valid_until IS NULL OR valid_until >= ?) ORDER BY id DESC LIMIT 1",
    )
    .bind(practitioner_id)
    .bind(&today_text)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some((id,)) = current {
        return Ok(Some(id));
    }
    let Some(seed) = signing_seed(conn, config, now).await? else {
        tracing::warn!("no PORTAL_SIGNING_KEY: e-license not issued");
        return Ok(None);
    };
    let holder: Holder = sqlx::query_as(
        "SELECT p.kind, p.level, p.name, p.id_number, p.certificate_number,
            p.registration_valid_until, p.category, i.name AS institution_name, i.region,
            a.photo_file
         FROM practitioners p JOIN institutions i ON i.id = p.institution_id
         LEFT JOIN accounts a ON a.practitioner_id = p.id
         WHERE p.id = ?",
    )
    .bind(practitioner_id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(AppError::NotFound)?;
    let Ok(id_number) = ResidentId::parse(&holder.id_number, today) else {
        tracing::warn!(
            practitioner_id,
            "ID number on record is invalid: e-license not issued"
        );
        return Ok(None);
    };
    let kind = match holder.kind.as_str() {
        "nurse" => PractitionerKind::Nurse,
        _ => PractitionerKind::Physician {
            level: parse_enum(holder.level.as_deref().unwrap_or("practising"))?,
        },
    };
    let valid_until = match kind {
        PractitionerKind::Nurse => holder
            .registration_valid_until
            .as_deref()
            .map(parse_date)
            .transpose()?,
        PractitionerKind::Physician { .. } => None,
    };
    let category = holder
        .category
        .as_deref()
        .map(parse_enum::<PracticeCategory>)
        .transpose()?;
    let (sequence,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(id), 0) + 1 FROM licenses")
        .fetch_one(&mut *conn)
        .await?;
    let identifier = license::identifier(kind, today.year(), sequence as u32);
    let fields = LicenseFields {
        id: identifier.to_string(),
        key_id: license::key_id(&license::public_key(&seed)),
        name: holder.name,
        gender: id_number.gender(),
        birth_date: id_number.birth_date(),
        id_number_masked: id_number.masked(),
        kind,
        category,
        scope: None,
        location: license::province_name(&holder.region)
            .unwrap_or_default()
            .to_owned(),
        institution: holder.institution_name,
        certificate_number: holder.certificate_number,
        authority: license::AUTHORITY_NAME.to_owned(),
        issued_on: today,
        valid_until,
        photo: photo_reference(config, holder.photo_file.as_deref()),
    };
    let signed = SignedLicense::sign(fields, &seed);
    sqlx::query(
        "INSERT INTO licenses (id, identifier, practitioner_id, application_id, key_id, canonical,
            signature, issued_on, valid_until, issued_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(sequence)
    .bind(&signed.fields.id)
    .bind(practitioner_id)
    .bind(application_id)
    .bind(&signed.fields.key_id)
    .bind(&signed.canonical)
    .bind(signed.signature.as_slice())
    .bind(&today_text)
    .bind(valid_until.map(|d| d.format("%Y-%m-%d").to_string()))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    audit::record(
        &mut *conn,
        now,
        None,
        "licence.issued",
        Some(serde_json::json!({"license_id": sequence, "identifier": signed.fields.id})),
    )
    .await?;
    Ok(Some(sequence))
}

/// Revokes every current e-license of a practitioner (deregistration:
/// status 备案 or 注销, or any other reason given). Returns how many were
/// revoked. Safe to call when there is none.
pub async fn revoke_for_practitioner<'e, E: SqliteExecutor<'e>>(
    db: E,
    practitioner_id: i64,
    reason: &str,
    now: i64,
) -> AppResult<u64> {
    Ok(sqlx::query(
        "UPDATE licenses SET revoked_at = ?, revoked_reason = ?
         WHERE practitioner_id = ? AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(reason)
    .bind(practitioner_id)
    .execute(db)
    .await?
    .rows_affected())
}

#[derive(sqlx::FromRow)]
struct Stored {
    canonical: String,
    signature: Vec<u8>,
    revoked_at: Option<i64>,
    holder_status: String,
}

impl Stored {
    fn signed(&self) -> AppResult<SignedLicense> {
        let fields = LicenseFields::from_canonical(&self.canonical)
            .map_err(|e| AppError::Internal(format!("stored license: {e}")))?;
        let signature: [u8; 64] = self
            .signature
            .clone()
            .try_into()
            .map_err(|_| AppError::Internal("stored signature is not 64 bytes".into()))?;
        Ok(SignedLicense {
            fields,
            canonical: self.canonical.clone(),
            signature,
        })
    }

    fn status(&self, signed: &SignedLicense, today: NaiveDate) -> AppResult<LicenseStatus> {
        Ok(LicenseStatus::of(
            self.revoked_at.is_some(),
            parse_enum::<PracticeStatus>(&self.holder_status)?,
            signed.fields.valid_until,
            today,
        ))
    }
}

const STORED_SELECT: &str =
    "SELECT l.canonical, l.signature, l.revoked_at, p.status AS holder_status
     FROM licenses l JOIN practitioners p ON p.id = l.practitioner_id";

/// The practitioner's newest e-license with its current status.
pub async fn own<'e, E: SqliteExecutor<'e>>(
    db: E,
    practitioner_id: i64,
    today: NaiveDate,
) -> AppResult<Option<IssuedLicense>> {
    let row: Option<Stored> = sqlx::query_as(&format!(
        "{STORED_SELECT} WHERE l.practitioner_id = ? ORDER BY l.id DESC LIMIT 1"
    ))
    .bind(practitioner_id)
    .fetch_optional(db)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let signed = row.signed()?;
    Ok(Some(IssuedLicense {
        status: row.status(&signed, today)?,
        payload: signed.to_payload(),
        signature: signed.signature_text(),
        fields: signed.fields,
    }))
}

/// The public status of the license `identifier`; the holder's details only
/// when `signature` (base64url) is the license's signature.
pub async fn status<'e, E: SqliteExecutor<'e>>(
    db: E,
    identifier: &str,
    signature: Option<&str>,
    today: NaiveDate,
) -> AppResult<LicenseStatusBody> {
    let unknown = LicenseStatusBody {
        id: identifier.to_owned(),
        status: LicenseStatus::Unknown,
        holder: None,
    };
    if rules::LicenseId::parse(identifier).is_err() {
        return Ok(unknown);
    }
    let row: Option<Stored> = sqlx::query_as(&format!("{STORED_SELECT} WHERE l.identifier = ?"))
        .bind(identifier)
        .fetch_optional(db)
        .await?;
    let Some(row) = row else { return Ok(unknown) };
    let signed = row.signed()?;
    let status = row.status(&signed, today)?;
    let proven = signature.is_some_and(|s| s.trim() == signed.signature_text());
    let f = signed.fields;
    Ok(LicenseStatusBody {
        id: identifier.to_owned(),
        status,
        holder: proven.then_some(LicenseHolder {
            name: f.name,
            kind: f.kind,
            institution: f.institution,
            id_number_masked: f.id_number_masked,
            issued_on: f.issued_on,
            valid_until: f.valid_until,
        }),
    })
}
