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
use rules::api::IssuedInstitutionLicense;
use rules::api::{
    IssuedLicense, LicenseHolder, LicensePublicKey, LicenseStatusBody, VerificationKey,
};
use rules::institution_license::{self, AnyLicense, InstitutionLicenseFields};
use rules::license::{self, Canonical, LicenseFields, LicenseStatus, Signed, SignedLicense};
use rules::{PracticeCategory, PracticeStatus, PractitionerKind, ResidentId};
use sha2::{Digest, Sha256};

use crate::audit;
use crate::config::Config;
use crate::error::{AppError, AppResult};
use crate::store::licences::{HeldBy, NewLicence, Stored};
use crate::store::{self, AsConn};
use crate::stored::{parse_date, parse_enum};
use rules::api::ErrorCode;

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
    c: &mut impl AsConn,
    config: &Config,
    now: i64,
) -> AppResult<Option<[u8; 32]>> {
    if let Some(SigningSeed(seed)) = config.signing_key {
        return Ok(Some(seed));
    }
    if !config.demo {
        return Ok(None);
    }
    if store::licences::signing_seed(c).await?.is_none() {
        let mut seed = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut seed);
        let public_key = license::public_key(&seed);
        let key_id = license::key_id(&public_key);
        store::licences::store_signing_seed(c, &key_id, &seed, now, false).await?;
    }
    let seed = store::licences::signing_seed(c)
        .await?
        .ok_or_else(|| AppError::Internal("signing key not stored".into()))?;
    seed.try_into()
        .map(Some)
        .map_err(|_| AppError::Internal("stored signing key is not 32 bytes".into()))
}

/// Records the key this server signs with among the keys that verify
/// (`licence_keys`), at start: every server of a rolling deploy publishes its
/// own, so a licence of either verifies wherever the key list is read.
pub async fn register_signing_key(db: &store::Db, config: &Config, now: i64) -> AppResult<()> {
    let mut conn = db.acquire().await?;
    if let Some(seed) = signing_seed(&mut conn, config, now).await? {
        let public_key = license::public_key(&seed);
        store::licences::register_key(&mut conn, &license::key_id(&public_key), &public_key, now)
            .await?;
    }
    Ok(())
}

/// The public-key answer: the key this server signs with, and every key
/// that may still verify a licence, newest first (the current one always
/// among them). `None` without a signing key.
pub async fn published_keys(
    c: &mut impl AsConn,
    config: &Config,
    now: i64,
) -> AppResult<Option<LicensePublicKey>> {
    let Some(seed) = signing_seed(c, config, now).await? else {
        return Ok(None);
    };
    let current = license::public_key(&seed);
    let current_id = license::key_id(&current);
    let verification_key = |key: &[u8; 32]| VerificationKey {
        key_id: license::key_id(key),
        algorithm: "Ed25519".into(),
        public_key: license::encode_public_key(key),
    };
    let mut keys = vec![verification_key(&current)];
    for (key_id, bytes) in store::licences::verification_keys(c).await? {
        // Only a key whose id is its own (the id is derived from the bytes).
        match <[u8; 32]>::try_from(bytes.as_slice()) {
            Ok(key) if license::key_id(&key) == key_id => {
                if key_id != current_id {
                    keys.push(verification_key(&key));
                }
            }
            _ => tracing::error!(key_id, "stored verification key does not match its id"),
        }
    }
    Ok(Some(LicensePublicKey {
        key_id: current_id,
        algorithm: "Ed25519".into(),
        public_key: license::encode_public_key(&current),
        keys,
    }))
}

/// What a rotation made: the new key's id, and its seed when the operator
/// must configure it (`PORTAL_SIGNING_KEY`); `None` in demo mode, where the
/// stored key was replaced.
#[derive(Debug)]
pub struct Rotation {
    /// The new key's id.
    pub key_id: String,
    /// Standard base64 of the new seed, for `PORTAL_SIGNING_KEY`.
    pub seed: Option<String>,
}

/// Makes a new signing key. Its public half is recorded among the keys that
/// verify before any server signs with it, and no key is ever dropped from
/// that list, so licences signed before keep verifying. In demo mode
/// without `PORTAL_SIGNING_KEY` the stored key is replaced (the servers sign
/// with the new one from their next licence); otherwise the new seed is
/// returned for the operator to configure on every server.
pub async fn rotate(db: &store::Db, config: &Config, now: i64) -> AppResult<Rotation> {
    let mut seed = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut seed);
    let public_key = license::public_key(&seed);
    let key_id = license::key_id(&public_key);
    let mut tx = db.begin().await?;
    // The key signing until now, in case no server recorded it yet.
    if let Some(old) = signing_seed(&mut tx, config, now).await? {
        let old_key = license::public_key(&old);
        store::licences::register_key(&mut tx, &license::key_id(&old_key), &old_key, now - 1)
            .await?;
    }
    store::licences::register_key(&mut tx, &key_id, &public_key, now).await?;
    let stored = config.signing_key.is_none() && config.demo;
    if stored {
        store::licences::store_signing_seed(&mut tx, &key_id, &seed, now, true).await?;
    }
    audit::record(
        &mut tx,
        now,
        None,
        "licence.key_rotated",
        Some(serde_json::json!({"key_id": key_id})),
    )
    .await?;
    tx.commit().await?;
    Ok(Rotation {
        key_id,
        seed: (!stored).then(|| base64::engine::general_purpose::STANDARD.encode(seed)),
    })
}

/// `server rotate-signing-key`.
pub async fn run_rotate_cli(config: &Config) -> std::process::ExitCode {
    use std::process::ExitCode;
    let db = match store::Db::open(&config.db).await {
        Ok(db) => db,
        Err(e) => {
            eprintln!("server rotate-signing-key: {e}");
            return ExitCode::FAILURE;
        }
    };
    match rotate(&db, config, crate::Clock::default().now()).await {
        Ok(Rotation { key_id, seed: None }) => {
            println!(
                "server: the demo signing key is now {key_id}; licences signed with earlier keys keep verifying"
            );
            ExitCode::SUCCESS
        }
        Ok(Rotation {
            key_id,
            seed: Some(seed),
        }) => {
            println!("server: new signing key {key_id}, published among the keys that verify.");
            println!("Set it on every server (keep it secret), then restart them one at a time:");
            println!("PORTAL_SIGNING_KEY={seed}");
            println!("Licences signed with earlier keys keep verifying.");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("server rotate-signing-key: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The licence's reference to the holder's ID photo: the SHA-256 of the
/// stored JPEG. A licence is never issued without it: eligibility requires a
/// photo on file, so a missing file is refused with a clear error (409: the
/// holder uploads the photo again) and an unreadable one too (503: the
/// store did not answer; try again), and the application is not recorded,
/// instead of signing a licence that shows no photo.
async fn photo_reference(
    uploads: &crate::uploads::Store,
    file: Option<&str>,
    read_before: Option<&PhotoRead>,
) -> AppResult<String> {
    let missing = || {
        AppError::rejected(
            axum::http::StatusCode::CONFLICT,
            ErrorCode::LicencePhotoMissing,
            "您的证件照片文件已丢失，电子证照未签发。请重新上传证件照片，审核通过后再申请；如有疑问请联系所在机构。",
            "Your ID photo file is missing, so the e-license was not issued. Upload your ID photo again and apply once it is approved; contact your institution if in doubt.",
        )
    };
    let file = file.ok_or_else(missing)?;
    // Names are never reused and files never rewritten: a digest read
    // under the same name is the file's.
    if let Some(read) = read_before.filter(|r| r.file == file) {
        return Ok(read.digest.clone());
    }
    match uploads.get(file).await {
        Ok(Some(bytes)) => Ok(photo_digest(&bytes)),
        Ok(None) => {
            tracing::error!(file, "photo file missing: e-license not issued");
            Err(missing())
        }
        Err(e) => {
            tracing::error!(file, error = %e, "photo file unreadable: e-license not issued");
            Err(AppError::rejected(
                axum::http::StatusCode::SERVICE_UNAVAILABLE,
                ErrorCode::LicencePhotoUnavailable,
                "您的证件照片文件暂时无法读取，电子证照未签发。请稍后再试；如仍不行，请联系所在机构。",
                "Your ID photo cannot be read right now, so the e-license was not issued. Try again later; if it persists, contact your institution.",
            ))
        }
    }
}

/// A photo's digest read before the issuing transaction, so that the
/// object store's round trip does not hold the database's locks (SQLite's
/// one writer, the practitioner's row).
#[derive(Debug, Clone)]
pub struct PhotoRead {
    /// The stored file's name.
    pub file: String,
    /// Its [`photo_digest`].
    pub digest: String,
}

/// Where [`ensure_issued`] finds the holder's photo: the store, and the
/// digest read before the transaction, if any.
#[derive(Debug, Clone, Copy)]
pub struct PhotoSource<'a> {
    /// The uploads store.
    pub uploads: &'a crate::uploads::Store,
    /// What [`read_photo`] read.
    pub read: Option<&'a PhotoRead>,
}

/// Reads the photo `file` ahead of [`ensure_issued`]; `None` when it cannot
/// be read (then issuing reads it itself and refuses with the reason).
pub async fn read_photo(uploads: &crate::uploads::Store, file: Option<&str>) -> Option<PhotoRead> {
    let file = file?;
    let bytes = uploads.get(file).await.ok()??;
    Some(PhotoRead {
        file: file.to_owned(),
        digest: photo_digest(&bytes),
    })
}

/// The licence's photo reference of a stored JPEG's bytes: its SHA-256,
/// base64url without padding.
pub fn photo_digest(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(bytes))
}

/// Issues the practitioner's e-license unless a current one (not revoked,
/// not expired) exists. Called in the transaction of a successful
/// application. Returns the license's row id, or `None` when no signing key
/// is configured or the registry record cannot be put on a license.
pub async fn ensure_issued(
    c: &mut impl AsConn,
    config: &Config,
    photo: PhotoSource<'_>,
    today: NaiveDate,
    now: i64,
    practitioner_id: i64,
    application_id: Option<i64>,
) -> AppResult<Option<i64>> {
    let today_text = rules::iso_date::format(today);
    // One decision per person at a time: a concurrent application of the
    // same practitioner waits here, then finds the licence this one issues.
    if !store::practitioners::lock(c, practitioner_id).await? {
        return Err(AppError::NotFound);
    }
    if let Some(id) = store::licences::current(c, practitioner_id, &today_text).await? {
        return Ok(Some(id));
    }
    let Some(seed) = signing_seed(c, config, now).await? else {
        tracing::warn!("no PORTAL_SIGNING_KEY: e-license not issued");
        return Ok(None);
    };
    let holder = store::licences::holder(c, practitioner_id)
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
    let photo = photo_reference(photo.uploads, holder.photo_file.as_deref(), photo.read).await?;
    let sequence = store::licences::next_sequence(c, today.year()).await?;
    let identifier = license::identifier(kind, today.year(), sequence.max(0) as u64)
        .map_err(serials_exhausted)?;
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
        photo: Some(photo),
    };
    let signed = SignedLicense::sign(fields, &seed);
    let valid_until_text = valid_until.map(rules::iso_date::format);
    let id = store::licences::insert(
        c,
        &NewLicence {
            identifier: &signed.fields.id,
            holder: HeldBy::Practitioner(practitioner_id),
            application_id,
            key_id: &signed.fields.key_id,
            canonical: &signed.canonical,
            signature: signed.signature.as_slice(),
            issued_on: &today_text,
            valid_until: valid_until_text.as_deref(),
            issued_at: now,
        },
    )
    .await?;
    audit::record(
        c,
        now,
        None,
        "licence.issued",
        Some(serde_json::json!({"license_id": id, "identifier": signed.fields.id})),
    )
    .await?;
    Ok(Some(id))
}

/// The answer when a year's serials are used up.
fn serials_exhausted(e: license::SerialsExhausted) -> AppError {
    tracing::error!(error = %e, "e-license serials exhausted");
    AppError::rejected(
        axum::http::StatusCode::INTERNAL_SERVER_ERROR,
        ErrorCode::LicenceSerialsExhausted,
        "本年度电子证照编号已用尽，暂时无法签发，请联系主管部门。",
        "This year's e-license numbers are used up; no licence can be issued. Contact the health authority.",
    )
}

/// Issues the institution's e-license unless a current one (not revoked,
/// its practice licence not expired) exists. Called in the transaction of
/// the institution's application, after the institution's row is locked
/// (so concurrent applications wait here and then find this licence); the
/// eligibility is checked again on the facts read under that lock.
/// Returns the licence's row id, or `None` when no signing key is
/// configured (the application is still recorded, as for practitioners).
pub async fn ensure_institution_issued(
    c: &mut impl AsConn,
    config: &Config,
    today: NaiveDate,
    now: i64,
    institution_id: i64,
    application_id: Option<i64>,
) -> AppResult<Option<i64>> {
    let today_text = rules::iso_date::format(today);
    if let Some(id) = store::institution_licences::current(c, institution_id, &today_text).await? {
        return Ok(Some(id));
    }
    let facts = store::institutions::licence_facts(c, institution_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let institution = crate::stored::institution(&facts)?;
    let checklist = rules::institution_checklist(&institution, today);
    if !checklist.is_eligible() {
        return Err(AppError::NotEligible(Box::new(checklist)));
    }
    let Some(seed) = signing_seed(c, config, now).await? else {
        tracing::warn!("no PORTAL_SIGNING_KEY: institution e-license not issued");
        return Ok(None);
    };
    let sequence = store::licences::next_sequence(c, today.year()).await?;
    let identifier = institution_license::identifier(today.year(), sequence.max(0) as u64)
        .map_err(serials_exhausted)?;
    let fields = InstitutionLicenseFields {
        id: identifier.to_string(),
        key_id: license::key_id(&license::public_key(&seed)),
        name: institution.name,
        credit_code: institution.credit_code,
        licence_number: institution.licence_number,
        licence_valid_until: institution.licence_valid_until,
        location: license::province_name(&facts.region)
            .unwrap_or_default()
            .to_owned(),
        authority: license::AUTHORITY_NAME.to_owned(),
        issued_on: today,
    };
    let signed = Signed::sign(fields, &seed);
    let id = store::licences::insert(
        c,
        &NewLicence {
            identifier: &signed.fields.id,
            holder: HeldBy::Institution(institution_id),
            application_id,
            key_id: &signed.fields.key_id,
            canonical: &signed.canonical,
            signature: signed.signature.as_slice(),
            issued_on: &today_text,
            valid_until: Some(&rules::iso_date::format(signed.fields.licence_valid_until)),
            issued_at: now,
        },
    )
    .await?;
    audit::record(
        c,
        now,
        None,
        "licence.institution_issued",
        Some(serde_json::json!({
            "institution_licence_id": id,
            "institution_id": institution_id,
            "identifier": signed.fields.id,
        })),
    )
    .await?;
    Ok(Some(id))
}

/// The institution's newest e-license with its current status (revoked
/// when the institution's status is no longer normal, expired with its
/// practice licence).
pub async fn institution_own(
    c: &mut impl AsConn,
    institution_id: i64,
    today: NaiveDate,
) -> AppResult<Option<IssuedInstitutionLicense>> {
    let row = store::institution_licences::newest(c, institution_id).await?;
    let Some(row) = row else { return Ok(None) };
    let signed: Signed<InstitutionLicenseFields> = row.signed()?;
    Ok(Some(IssuedInstitutionLicense {
        status: row.status(Some(signed.fields.licence_valid_until), today)?,
        payload: signed.to_payload(),
        signature: signed.signature_text(),
        fields: signed.fields,
    }))
}

/// Revokes every current e-license of a practitioner (deregistration:
/// status 备案 or 注销, or any other reason given). Returns how many were
/// revoked. Safe to call when there is none.
pub async fn revoke_for_practitioner(
    c: &mut impl AsConn,
    practitioner_id: i64,
    reason: &str,
    now: i64,
) -> AppResult<u64> {
    Ok(store::licences::revoke_for_practitioner(c, practitioner_id, reason, now).await?)
}

trait StoredLicence {
    fn signed<F: Canonical>(&self) -> AppResult<Signed<F>>;
    fn status(&self, valid_until: Option<NaiveDate>, today: NaiveDate) -> AppResult<LicenseStatus>;
}

impl StoredLicence for Stored {
    fn signed<F: Canonical>(&self) -> AppResult<Signed<F>> {
        let fields = F::from_canonical(&self.canonical)
            .map_err(|e| AppError::Internal(format!("stored license: {e}")))?;
        let signature: [u8; 64] = self
            .signature
            .clone()
            .try_into()
            .map_err(|_| AppError::Internal("stored signature is not 64 bytes".into()))?;
        Ok(Signed {
            fields,
            canonical: self.canonical.clone(),
            signature,
        })
    }

    fn status(&self, valid_until: Option<NaiveDate>, today: NaiveDate) -> AppResult<LicenseStatus> {
        Ok(LicenseStatus::of(
            self.revoked_at.is_some(),
            parse_enum::<PracticeStatus>(&self.holder_status)?,
            valid_until,
            today,
        ))
    }
}

/// The practitioner's newest e-license with its current status.
pub async fn own(
    c: &mut impl AsConn,
    practitioner_id: i64,
    today: NaiveDate,
) -> AppResult<Option<IssuedLicense>> {
    let row = store::licences::newest(c, practitioner_id).await?;
    let Some(row) = row else { return Ok(None) };
    let signed: SignedLicense = row.signed()?;
    Ok(Some(IssuedLicense {
        status: row.status(signed.fields.valid_until, today)?,
        payload: signed.to_payload(),
        signature: signed.signature_text(),
        fields: signed.fields,
    }))
}

/// The public status of the license `identifier`, a practitioner's or an
/// institution's; a practitioner's details only when `signature`
/// (base64url) is the license's signature (an institution's are all in the
/// payload that the verifier holds already).
pub async fn status(
    c: &mut impl AsConn,
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
    let row = store::licences::by_identifier(c, identifier).await?;
    let Some(row) = row else { return Ok(unknown) };
    let signed: Signed<AnyLicense> = row.signed()?;
    let status = row.status(signed.fields.valid_until(), today)?;
    let proven = signature.is_some_and(|s| s.trim() == signed.signature_text());
    let AnyLicense::Practitioner(f) = signed.fields else {
        return Ok(LicenseStatusBody {
            id: identifier.to_owned(),
            status,
            holder: None,
        });
    };
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
