//! The signed e-license (电子证照) of a physician or nurse: its fields, their
//! canonical encoding, the Ed25519 signature over it, and the compact payload
//! carried by the QR code so that anyone can check a license offline.
//!
//! # Canonical encoding (`elicense/1`)
//!
//! The signature covers the UTF-8 bytes of [`LicenseFields::canonical`]: one
//! line per field, in this fixed order, each `key=value` ended by `\n`
//! (LF, also after the last line), the first line being the format tag:
//!
//! ```text
//! elicense/1
//! id=<identifier>            key=<key id>
//! name=<full name>           gender=male|female     birth=YYYY-MM-DD
//! idno=<masked ID number>    kind=physician|nurse   level=<physician level>
//! category=<category>        scope=<practice scope> location=<province>
//! institution=<name>         cert=<certificate no.> authority=<issuer name>
//! issued=YYYY-MM-DD          until=YYYY-MM-DD       photo=<photo reference>
//! ```
//!
//! (shown three to a row here; in the encoding each is on its own line, in
//! the reading order of this table). Absent values are empty (`until=`).
//! Enumerations use their snake_case API spelling. In values, `\` is written
//! `\\`, LF `\n` and CR `\r`, so a value can never start a new line. Parsing
//! accepts exactly this form: a text that does not encode back to the same
//! bytes is refused, so one license has exactly one signed encoding.
//!
//! # Signature and payload
//!
//! Ed25519 (RFC 8032) over the canonical bytes. The key id is the lower-case
//! hex of the first 8 bytes of SHA-256 of the 32-byte public key; it is one
//! of the signed fields, so a license names the key that must verify it.
//! The verification payload of the QR code is
//! `base64url(canonical) "." base64url(signature)` (RFC 4648 §5, no padding).
//!
//! # Issuer
//!
//! The physician and nurse e-registration systems are national systems of the
//! National Health Commission, so the portal issues in its name:
//! [`AUTHORITY_NAME`] with the commission's unified social credit code
//! [`AUTHORITY_CODE`] as the issuer segment of the identifier (a provincial
//! deployment would put its provincial health commission's name and code
//! there). The license type codes are the commission's code followed by a
//! 3-digit number; `011` is the number of the scheme's published example and
//! is used for physicians, `012` for nurses — both are this portal's
//! assignment, to be replaced by the catalogue's numbers where they differ.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::NaiveDate;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::domain::{PhysicianLevel, PracticeCategory, PracticeStatus, PractitionerKind};
use crate::i18n::Lang;
use crate::id_number::Gender;
use crate::license_id::{LicenseId, LicenseIdError};

/// The issuing authority named on every license.
pub const AUTHORITY_NAME: &str = "国家卫生健康委员会";
/// The issuing authority's unified social credit code (the identifier's
/// issuer segment).
pub const AUTHORITY_CODE: &str = "11100000000013338W";
/// License type code of the physician practice e-license.
pub const TYPE_CODE_PHYSICIAN: &str = "11100000000013338W011";
/// License type code of the nurse practice e-license.
pub const TYPE_CODE_NURSE: &str = "11100000000013338W012";

/// The first line of the canonical encoding.
pub const FORMAT_TAG: &str = "elicense/1";

/// The license type code of a practitioner kind.
pub fn type_code(kind: PractitionerKind) -> &'static str {
    match kind {
        PractitionerKind::Physician { .. } => TYPE_CODE_PHYSICIAN,
        PractitionerKind::Nurse => TYPE_CODE_NURSE,
    }
}

/// The largest sequence number of one year: the serial holds it on 7 digits.
pub const MAX_SEQUENCE: u32 = 9_999_999;

/// A year's range of serial numbers is used up: the licence cannot be given
/// an identifier that no other licence has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the e-license serials of {year} are used up (sequence {sequence} > {MAX_SEQUENCE})")]
pub struct SerialsExhausted {
    /// The year.
    pub year: i32,
    /// The sequence number asked for.
    pub sequence: u64,
}

/// The identifier of the `sequence`-th license issued in `year` (counted
/// from 1), version 1: the serial is the year followed by the sequence number
/// on 7 digits (the 11-character shape of the scheme's example,
/// `20230000403`). A sequence outside `1..=MAX_SEQUENCE` is refused, never
/// wrapped: a wrapped serial would repeat an earlier licence's identifier.
pub fn identifier(
    kind: PractitionerKind,
    year: i32,
    sequence: u64,
) -> Result<LicenseId, SerialsExhausted> {
    identifier_of_type(type_code(kind), year, sequence)
}

/// The identifier of the `sequence`-th license of `year` with the licence
/// type `type_code` (one of this module's constants): every kind of licence
/// takes its sequence from the one per-year counter, so a serial is never
/// repeated across kinds either.
pub(crate) fn identifier_of_type(
    type_code: &str,
    year: i32,
    sequence: u64,
) -> Result<LicenseId, SerialsExhausted> {
    if !(1..=u64::from(MAX_SEQUENCE)).contains(&sequence) || !(0..=9999).contains(&year) {
        return Err(SerialsExhausted { year, sequence });
    }
    let serial = format!("{year:04}{sequence:07}");
    Ok(LicenseId::new(type_code, AUTHORITY_CODE, &serial, 1)
        .expect("constant codes and digits are valid"))
}

/// Name of a province-level division from its 2-digit code (GB/T 2260), for
/// the practice location.
pub fn province_name(code: &str) -> Option<&'static str> {
    Some(match code {
        "11" => "北京市",
        "12" => "天津市",
        "13" => "河北省",
        "14" => "山西省",
        "15" => "内蒙古自治区",
        "21" => "辽宁省",
        "22" => "吉林省",
        "23" => "黑龙江省",
        "31" => "上海市",
        "32" => "江苏省",
        "33" => "浙江省",
        "34" => "安徽省",
        "35" => "福建省",
        "36" => "江西省",
        "37" => "山东省",
        "41" => "河南省",
        "42" => "湖北省",
        "43" => "湖南省",
        "44" => "广东省",
        "45" => "广西壮族自治区",
        "46" => "海南省",
        "50" => "重庆市",
        "51" => "四川省",
        "52" => "贵州省",
        "53" => "云南省",
        "54" => "西藏自治区",
        "61" => "陕西省",
        "62" => "甘肃省",
        "63" => "青海省",
        "64" => "宁夏回族自治区",
        "65" => "新疆维吾尔自治区",
        "71" => "台湾省",
        "81" => "香港特别行政区",
        "82" => "澳门特别行政区",
        _ => return None,
    })
}

/// Every field of an e-license, as signed.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LicenseFields {
    /// The identifier (see [`crate::license_id`]).
    pub id: String,
    /// Id of the key that signed the license ([`key_id`]).
    pub key_id: String,
    /// Holder's full name.
    pub name: String,
    /// Gender (from the ID number).
    pub gender: Gender,
    /// Birth date (from the ID number).
    #[serde(deserialize_with = "crate::iso_date::deserialize")]
    pub birth_date: NaiveDate,
    /// ID number, masked (first 3 and last 4 characters).
    pub id_number_masked: String,
    /// Physician (with level) or nurse.
    pub kind: PractitionerKind,
    /// Practice category (physicians).
    pub category: Option<PracticeCategory>,
    /// Practice scope (执业范围), where the registry records it.
    pub scope: Option<String>,
    /// Practice location: the province of the main institution.
    pub location: String,
    /// Main practice institution.
    pub institution: String,
    /// Practice certificate number (执业证书编码).
    pub certificate_number: String,
    /// Issuing authority.
    pub authority: String,
    /// Issue date.
    #[serde(deserialize_with = "crate::iso_date::deserialize")]
    pub issued_on: NaiveDate,
    /// Last valid day, where the license expires (nurses: the end of the
    /// registration period).
    #[serde(deserialize_with = "crate::iso_date::deserialize_optional", default)]
    pub valid_until: Option<NaiveDate>,
    /// Reference of the ID photo: base64url SHA-256 of the photo file.
    pub photo: Option<String>,
}

/// Why a payload or a canonical text could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PayloadError {
    /// Not `base64url "." base64url`, or not UTF-8.
    #[error("malformed payload")]
    Malformed,
    /// The signature is not 64 bytes.
    #[error("signature length")]
    Signature,
    /// The fields are not in the canonical encoding.
    #[error("non-canonical field {0}")]
    Field(&'static str),
    /// The identifier is invalid.
    #[error("identifier: {0}")]
    Identifier(LicenseIdError),
}

fn escape(value: &str, out: &mut String) {
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

fn unescape(value: &str) -> Option<String> {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            out.push(match chars.next()? {
                '\\' => '\\',
                'n' => '\n',
                'r' => '\r',
                _ => return None,
            });
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// The canonical text of a signed document: the format tag, then one
/// `key=value` line per field (values escaped), every line ended by LF.
pub(crate) fn encode_lines(tag: &str, keys: &[&str], values: &[String]) -> String {
    let mut out = String::with_capacity(512);
    out.push_str(tag);
    out.push('\n');
    for (key, value) in keys.iter().zip(values.iter()) {
        out.push_str(key);
        out.push('=');
        escape(value, &mut out);
        out.push('\n');
    }
    out
}

/// The values of [`encode_lines`]' text, in the order of `keys`; refuses
/// another tag (another kind of document, or another version of it), a
/// missing or extra line and a bad escape.
pub(crate) fn decode_lines(
    tag: &str,
    keys: &[&'static str],
    text: &str,
) -> Result<Vec<String>, PayloadError> {
    let body = text
        .strip_prefix(tag)
        .and_then(|r| r.strip_prefix('\n'))
        .and_then(|r| r.strip_suffix('\n'))
        .ok_or(PayloadError::Field("format"))?;
    let lines: Vec<&str> = body.split('\n').collect();
    if lines.len() != keys.len() {
        return Err(PayloadError::Field("count"));
    }
    let mut v: Vec<String> = Vec::with_capacity(keys.len());
    for (line, key) in lines.iter().zip(keys.iter()) {
        let value = line
            .strip_prefix(key)
            .and_then(|r| r.strip_prefix('='))
            .ok_or(PayloadError::Field(key))?;
        v.push(unescape(value).ok_or(PayloadError::Field(key))?);
    }
    Ok(v)
}

const KEYS: [&str; 18] = [
    "id",
    "key",
    "name",
    "gender",
    "birth",
    "idno",
    "kind",
    "level",
    "category",
    "scope",
    "location",
    "institution",
    "cert",
    "authority",
    "issued",
    "until",
    "photo",
    "",
];

fn gender_code(g: Gender) -> &'static str {
    match g {
        Gender::Male => "male",
        Gender::Female => "female",
    }
}

fn level_code(l: PhysicianLevel) -> &'static str {
    match l {
        PhysicianLevel::Practising => "practising",
        PhysicianLevel::Assistant => "assistant",
        PhysicianLevel::TownshipAssistant => "township_assistant",
        PhysicianLevel::VillageGeneralAssistant => "village_general_assistant",
    }
}

fn category_code(c: PracticeCategory) -> &'static str {
    match c {
        PracticeCategory::Clinical => "clinical",
        PracticeCategory::Tcm => "tcm",
        PracticeCategory::Dental => "dental",
        PracticeCategory::PublicHealth => "public_health",
    }
}

/// `YYYY-MM-DD` (chrono's `Display` of a date, which never goes through its
/// strftime interpreter).
pub(crate) fn date_text(d: NaiveDate) -> String {
    d.to_string()
}

impl LicenseFields {
    /// The canonical encoding that is signed (see the module documentation).
    pub fn canonical(&self) -> String {
        let (kind, level) = match self.kind {
            PractitionerKind::Physician { level } => ("physician", level_code(level)),
            PractitionerKind::Nurse => ("nurse", ""),
        };
        let values: [String; 17] = [
            self.id.clone(),
            self.key_id.clone(),
            self.name.clone(),
            gender_code(self.gender).into(),
            date_text(self.birth_date),
            self.id_number_masked.clone(),
            kind.into(),
            level.into(),
            self.category.map(category_code).unwrap_or("").into(),
            self.scope.clone().unwrap_or_default(),
            self.location.clone(),
            self.institution.clone(),
            self.certificate_number.clone(),
            self.authority.clone(),
            date_text(self.issued_on),
            self.valid_until.map(date_text).unwrap_or_default(),
            self.photo.clone().unwrap_or_default(),
        ];
        encode_lines(FORMAT_TAG, &KEYS[..17], &values)
    }

    /// Reads a canonical encoding back. Refuses anything that
    /// [`LicenseFields::canonical`] would not have produced, and an invalid
    /// identifier.
    pub fn from_canonical(text: &str) -> Result<LicenseFields, PayloadError> {
        let v = decode_lines(FORMAT_TAG, &KEYS[..17], text)?;
        let date = |i: usize| crate::iso_date::parse(&v[i]).ok_or(PayloadError::Field(KEYS[i]));
        let opt = |i: usize| (!v[i].is_empty()).then(|| v[i].clone());
        let gender = match v[3].as_str() {
            "male" => Gender::Male,
            "female" => Gender::Female,
            _ => return Err(PayloadError::Field("gender")),
        };
        let kind = match (v[6].as_str(), v[7].as_str()) {
            ("nurse", "") => PractitionerKind::Nurse,
            ("physician", level) => PractitionerKind::Physician {
                level: PhysicianLevel::ALL
                    .into_iter()
                    .find(|l| level_code(*l) == level)
                    .ok_or(PayloadError::Field("level"))?,
            },
            _ => return Err(PayloadError::Field("kind")),
        };
        let category = match v[8].as_str() {
            "" => None,
            c => Some(
                PracticeCategory::ALL
                    .into_iter()
                    .find(|x| category_code(*x) == c)
                    .ok_or(PayloadError::Field("category"))?,
            ),
        };
        LicenseId::parse(&v[0]).map_err(PayloadError::Identifier)?;
        let fields = LicenseFields {
            id: v[0].clone(),
            key_id: v[1].clone(),
            name: v[2].clone(),
            gender,
            birth_date: date(4)?,
            id_number_masked: v[5].clone(),
            kind,
            category,
            scope: opt(9),
            location: v[10].clone(),
            institution: v[11].clone(),
            certificate_number: v[12].clone(),
            authority: v[13].clone(),
            issued_on: date(14)?,
            valid_until: if v[15].is_empty() {
                None
            } else {
                Some(date(15)?)
            },
            photo: opt(16),
        };
        if fields.canonical() != text {
            return Err(PayloadError::Field("canonical"));
        }
        Ok(fields)
    }
}

/// The public key of a 32-byte Ed25519 seed.
pub fn public_key(seed: &[u8; 32]) -> [u8; 32] {
    SigningKey::from_bytes(seed).verifying_key().to_bytes()
}

/// The id of a public key: lower-case hex of the first 8 bytes of its
/// SHA-256.
pub fn key_id(public_key: &[u8; 32]) -> String {
    Sha256::digest(public_key)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Reads a public key published in standard base64 (32 bytes).
pub fn decode_public_key(text: &str) -> Option<[u8; 32]> {
    base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .ok()?
        .try_into()
        .ok()
}

/// Standard base64 of a public key, as published.
pub fn encode_public_key(key: &[u8; 32]) -> String {
    base64::engine::general_purpose::STANDARD.encode(key)
}

/// The fields of a kind of signed document (a practitioner's licence, an
/// institution's) and their one canonical text, which starts with the
/// kind's own format tag: a reader of one kind refuses the other's text.
pub trait Canonical: Sized {
    /// The canonical text that is signed.
    fn canonical(&self) -> String;
    /// Reads a canonical text back; refuses anything [`Canonical::canonical`]
    /// would not have produced.
    fn from_canonical(text: &str) -> Result<Self, PayloadError>;
}

impl Canonical for LicenseFields {
    fn canonical(&self) -> String {
        LicenseFields::canonical(self)
    }

    fn from_canonical(text: &str) -> Result<Self, PayloadError> {
        LicenseFields::from_canonical(text)
    }
}

/// A document with its Ed25519 signature: the one signing, payload and
/// verification code for every kind of licence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed<F> {
    /// The fields.
    pub fields: F,
    /// The canonical encoding that was signed.
    pub canonical: String,
    /// The 64-byte Ed25519 signature of `canonical`.
    pub signature: [u8; 64],
}

/// A practitioner's license with its Ed25519 signature.
pub type SignedLicense = Signed<LicenseFields>;

impl<F: Canonical> Signed<F> {
    /// Signs `fields` with the key of `seed` (its `key_id` should be the
    /// key's [`key_id`]).
    pub fn sign(fields: F, seed: &[u8; 32]) -> Signed<F> {
        let canonical = fields.canonical();
        let signature = SigningKey::from_bytes(seed)
            .sign(canonical.as_bytes())
            .to_bytes();
        Signed {
            fields,
            canonical,
            signature,
        }
    }

    /// Whether the signature is valid for `public_key` (strict RFC 8032
    /// verification: no malleable or small-order signatures).
    pub fn verify(&self, public_key: &[u8; 32]) -> bool {
        let Ok(key) = VerifyingKey::from_bytes(public_key) else {
            return false;
        };
        key.verify_strict(
            self.canonical.as_bytes(),
            &Signature::from_bytes(&self.signature),
        )
        .is_ok()
    }

    /// The QR payload: `base64url(canonical) "." base64url(signature)`.
    pub fn to_payload(&self) -> String {
        format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(self.canonical.as_bytes()),
            URL_SAFE_NO_PAD.encode(self.signature)
        )
    }

    /// Reads a QR payload (the signature is not checked here: call
    /// [`SignedLicense::verify`]).
    pub fn from_payload(payload: &str) -> Result<Signed<F>, PayloadError> {
        let (fields, signature) = payload
            .trim()
            .split_once('.')
            .ok_or(PayloadError::Malformed)?;
        let canonical = URL_SAFE_NO_PAD
            .decode(fields)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .ok_or(PayloadError::Malformed)?;
        let signature: [u8; 64] = URL_SAFE_NO_PAD
            .decode(signature)
            .map_err(|_| PayloadError::Malformed)?
            .try_into()
            .map_err(|_| PayloadError::Signature)?;
        Ok(Signed {
            fields: F::from_canonical(&canonical)?,
            canonical,
            signature,
        })
    }

    /// The signature in base64url, as the status endpoint takes it.
    pub fn signature_text(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.signature)
    }
}

/// Current status of an issued license, as the registry knows it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LicenseStatus {
    /// Issued, not revoked, not past its valid-until date, holder in normal
    /// practice status.
    Valid,
    /// Revoked, or the holder is no longer in normal practice status
    /// (备案, 注销, 暂停).
    Revoked,
    /// Past its valid-until date (the registration period ended).
    Expired,
    /// No license with this identifier was issued here.
    Unknown,
}

crate::wire_codes!(LicenseStatus {
    Valid => "valid",
    Revoked => "revoked",
    Expired => "expired",
    Unknown => "unknown",
});

impl LicenseStatus {
    /// The status of an issued license on `today`: revoked when revoked or
    /// when the holder's practice status is no longer normal, expired when
    /// `valid_until` is before `today`, else valid.
    pub fn of(
        revoked: bool,
        holder_status: PracticeStatus,
        valid_until: Option<NaiveDate>,
        today: NaiveDate,
    ) -> LicenseStatus {
        if revoked || holder_status != PracticeStatus::Normal {
            LicenseStatus::Revoked
        } else if valid_until.is_some_and(|d| d < today) {
            LicenseStatus::Expired
        } else {
            LicenseStatus::Valid
        }
    }

    /// The status's name.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            LicenseStatus::Valid => lang.pick("有效", "Valid"),
            LicenseStatus::Revoked => lang.pick("已撤销", "Revoked"),
            LicenseStatus::Expired => lang.pick("已过期", "Expired"),
            LicenseStatus::Unknown => lang.pick("未查到", "Not on record"),
        }
    }
}

/// What the verification page concludes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Genuine signature and the registry says valid.
    Valid,
    /// Genuine signature, but the registry says revoked.
    Revoked,
    /// Genuine signature, but the license expired (by the registry's answer,
    /// or offline by its own valid-until date).
    Expired,
    /// Genuine signature; the registry could not be asked (offline).
    SignatureOnly,
    /// Genuine signature, yet the registry has no such license.
    NotOnRecord,
    /// The payload is unreadable or the signature does not match: forged or
    /// altered.
    Forged,
    /// The signing key is not available (API unreachable and not cached), so
    /// nothing can be said.
    NoKey,
}

/// Combines the offline signature check with the registry's status (`None`
/// when the registry could not be reached).
pub fn verdict(
    signature_ok: Option<bool>,
    status: Option<LicenseStatus>,
    valid_until: Option<NaiveDate>,
    today: NaiveDate,
) -> Verdict {
    match (signature_ok, status) {
        (Some(false), _) => Verdict::Forged,
        (None, _) => Verdict::NoKey,
        (Some(true), Some(LicenseStatus::Valid)) => Verdict::Valid,
        (Some(true), Some(LicenseStatus::Revoked)) => Verdict::Revoked,
        (Some(true), Some(LicenseStatus::Expired)) => Verdict::Expired,
        (Some(true), Some(LicenseStatus::Unknown)) => Verdict::NotOnRecord,
        (Some(true), None) if valid_until.is_some_and(|d| d < today) => Verdict::Expired,
        (Some(true), None) => Verdict::SignatureOnly,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::test_dates::d;

    #[test]
    fn payload_dates_have_one_spelling() {
        let day = NaiveDate::from_ymd_opt(2021, 1, 5).unwrap();
        assert_eq!(date_text(day), "2021-01-05");
        // The payload's reader is the wire's strict one (its spellings:
        // iso_date's tests).
        assert_eq!(crate::iso_date::parse(&date_text(day)), Some(day));
    }

    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const SEED: [u8; 32] = [7; 32];

    fn fields() -> LicenseFields {
        LicenseFields {
            id: identifier(
                PractitionerKind::Physician {
                    level: PhysicianLevel::Practising,
                },
                2026,
                1,
            )
            .unwrap()
            .to_string(),
            key_id: key_id(&public_key(&SEED)),
            name: "张伟".into(),
            gender: Gender::Male,
            birth_date: d(1985, 3, 7),
            id_number_masked: "110***********1234".into(),
            kind: PractitionerKind::Physician {
                level: PhysicianLevel::Practising,
            },
            category: Some(PracticeCategory::Clinical),
            scope: None,
            location: "北京市".into(),
            institution: "北京市朝阳区示范医院".into(),
            certificate_number: "110110000012345".into(),
            authority: AUTHORITY_NAME.into(),
            issued_on: d(2026, 11, 26),
            valid_until: None,
            photo: Some("abc_-".into()),
        }
    }

    #[test]
    fn identifiers_are_valid_and_in_the_scheme() {
        let id = identifier(PractitionerKind::Nurse, 2026, 403).unwrap();
        assert_eq!(id.serial(), "20260000403");
        let last = identifier(PractitionerKind::Nurse, 2026, u64::from(MAX_SEQUENCE)).unwrap();
        assert_eq!(last.serial(), "20269999999");
        // Past the range: an error, never a wrapped (repeated) serial.
        assert_eq!(
            identifier(PractitionerKind::Nurse, 2026, 10_000_000),
            Err(SerialsExhausted {
                year: 2026,
                sequence: 10_000_000
            })
        );
        assert!(identifier(PractitionerKind::Nurse, 2026, 0).is_err());
        assert_eq!(id.issuer(), AUTHORITY_CODE);
        assert_eq!(id.type_code(), TYPE_CODE_NURSE);
        assert!(LicenseId::parse(id.as_str()).is_ok());
        assert!(crate::CreditCode::parse(AUTHORITY_CODE).is_ok());
        assert_eq!(province_name("11"), Some("北京市"));
        assert_eq!(province_name("99"), None);
        for code in crate::id_number::PROVINCE_CODES {
            assert!(province_name(code).is_some(), "{code}");
        }
    }

    #[test]
    fn canonical_encoding_is_stable() {
        let expected = format!(
            "elicense/1\nid={}\nkey={}\nname=张伟\ngender=male\nbirth=1985-03-07\n\
             idno=110***********1234\nkind=physician\nlevel=practising\ncategory=clinical\n\
             scope=\nlocation=北京市\ninstitution=北京市朝阳区示范医院\ncert=110110000012345\n\
             authority=国家卫生健康委员会\nissued=2026-11-26\nuntil=\nphoto=abc_-\n",
            fields().id,
            fields().key_id
        );
        assert_eq!(fields().canonical(), expected);
        assert_eq!(LicenseFields::from_canonical(&expected).unwrap(), fields());
        // The key id of the test seed never changes either.
        assert_eq!(fields().key_id.len(), 16);
        assert_eq!(key_id(&public_key(&SEED)), fields().key_id);
    }

    #[test]
    fn values_cannot_inject_lines() {
        let mut f = fields();
        f.name = "a\nkey=evil\\".into();
        f.kind = PractitionerKind::Nurse;
        f.category = None;
        f.valid_until = Some(d(2027, 1, 31));
        let text = f.canonical();
        assert!(text.contains("name=a\\nkey=evil\\\\\n"));
        assert_eq!(LicenseFields::from_canonical(&text).unwrap(), f);
    }

    #[test]
    fn non_canonical_texts_are_refused() {
        let text = fields().canonical();
        for bad in [
            text.replace("gender=male", "gender=Male"),
            text.replace("elicense/1", "elicense/2"),
            text.replace("\nphoto=abc_-\n", "\nphoto=abc_-"),
            text.replace("birth=1985-03-07", "birth=1985-3-7"),
            text.replace("scope=\n", ""),
            text.replace("until=", "until=x"),
            text.replace("name=张伟", "name=\\x"),
            text.replace("id=1.2.156", "id=1.2.157"),
            format!("{text}extra=1\n"),
        ] {
            assert!(LicenseFields::from_canonical(&bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn signature_round_trip_through_the_payload() {
        let signed = SignedLicense::sign(fields(), &SEED);
        let pk = public_key(&SEED);
        assert!(signed.verify(&pk));
        let payload = signed.to_payload();
        assert!(payload
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)));
        let back = SignedLicense::from_payload(&payload).unwrap();
        assert_eq!(back, signed);
        assert!(back.verify(&pk));
        assert!(!back.verify(&public_key(&[8; 32])));
        assert!(!back.verify(&[0; 32]));
        assert_eq!(decode_public_key(&encode_public_key(&pk)), Some(pk));
        assert_eq!(decode_public_key("AAAA"), None);
    }

    /// Checks that no text one bit away from the signed one verifies.
    pub(crate) fn every_changed_byte_fails<F: Canonical + Clone>(
        signed: &Signed<F>,
        pk: &[u8; 32],
    ) {
        let bytes = signed.canonical.as_bytes();
        for i in 0..bytes.len() {
            let mut changed = bytes.to_vec();
            changed[i] ^= 1;
            let mut s = signed.clone();
            s.canonical = String::from_utf8_lossy(&changed).into_owned();
            assert!(!s.verify(pk), "text byte {i}");
        }
    }

    /// The payload of `text` under `signed`'s signature.
    pub(crate) fn payload_of<F: Canonical>(signed: &Signed<F>, text: &str) -> String {
        format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(text.as_bytes()),
            signed.signature_text()
        )
    }

    #[test]
    fn one_changed_byte_is_forged() {
        let signed = SignedLicense::sign(fields(), &SEED);
        let pk = public_key(&SEED);
        for i in 0..signed.signature.len() {
            let mut s = signed.clone();
            s.signature[i] ^= 1;
            assert!(!s.verify(&pk), "signature byte {i}");
        }
        every_changed_byte_fails(&signed, &pk);
        // Through the payload: a changed name is either refused or forged.
        let tampered = signed.canonical.replace("张伟", "张三");
        let back = SignedLicense::from_payload(&payload_of(&signed, &tampered)).unwrap();
        assert!(!back.verify(&pk));
    }

    #[test]
    fn malformed_payloads() {
        assert_eq!(
            SignedLicense::from_payload("nodot"),
            Err(PayloadError::Malformed)
        );
        assert_eq!(
            SignedLicense::from_payload("!!.AAAA"),
            Err(PayloadError::Malformed)
        );
        let signed = SignedLicense::sign(fields(), &SEED);
        let short = format!(
            "{}.{}",
            signed.to_payload().split('.').next().unwrap(),
            URL_SAFE_NO_PAD.encode([1u8; 10])
        );
        assert_eq!(
            SignedLicense::from_payload(&short),
            Err(PayloadError::Signature)
        );
    }

    #[test]
    fn status_and_verdict() {
        let today = d(2026, 11, 26);
        let normal = PracticeStatus::Normal;
        assert_eq!(
            LicenseStatus::of(false, normal, None, today),
            LicenseStatus::Valid
        );
        assert_eq!(
            LicenseStatus::of(false, normal, Some(today), today),
            LicenseStatus::Valid
        );
        assert_eq!(
            LicenseStatus::of(false, normal, Some(d(2026, 11, 25)), today),
            LicenseStatus::Expired
        );
        assert_eq!(
            LicenseStatus::of(true, normal, None, today),
            LicenseStatus::Revoked
        );
        for s in [
            PracticeStatus::Filed,
            PracticeStatus::Cancelled,
            PracticeStatus::Suspended,
        ] {
            assert_eq!(
                LicenseStatus::of(false, s, None, today),
                LicenseStatus::Revoked
            );
        }
        let v = |sig, status, until| verdict(sig, status, until, today);
        assert_eq!(
            v(Some(false), Some(LicenseStatus::Valid), None),
            Verdict::Forged
        );
        assert_eq!(v(None, Some(LicenseStatus::Valid), None), Verdict::NoKey);
        assert_eq!(
            v(Some(true), Some(LicenseStatus::Valid), None),
            Verdict::Valid
        );
        assert_eq!(
            v(Some(true), Some(LicenseStatus::Revoked), None),
            Verdict::Revoked
        );
        assert_eq!(
            v(Some(true), Some(LicenseStatus::Unknown), None),
            Verdict::NotOnRecord
        );
        assert_eq!(v(Some(true), None, None), Verdict::SignatureOnly);
        assert_eq!(v(Some(true), None, Some(d(2026, 1, 1))), Verdict::Expired);
        assert_eq!(LicenseStatus::Revoked.label(Lang::Zh), "已撤销");
    }
}
