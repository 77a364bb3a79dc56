//! The e-license of a medical institution (机构电子证照): its signed fields
//! and their canonical encoding. Signing, the QR payload and verification
//! are the practitioner licence's ([`crate::license::Signed`]); only the
//! fields and their format tag differ.
//!
//! # Canonical encoding (`elicense-institution/1`)
//!
//! The same line format as `elicense/1` ([`crate::license`]), under its own
//! tag, so that a verifier tells an institution's licence from a
//! practitioner's, and a verifier that knows only `elicense/1` refuses it
//! as unreadable instead of misreading it:
//!
//! ```text
//! elicense-institution/1
//! id=<identifier>          key=<key id>
//! name=<institution name>  credit=<unified social credit code>
//! licence=<practice-licence number (医疗机构执业许可证)>
//! until=YYYY-MM-DD         (last day of the practice licence)
//! location=<province>      authority=<issuer name>
//! issued=YYYY-MM-DD
//! ```
//!
//! (each on its own line, in this order). The identifier's type code is
//! [`TYPE_CODE_INSTITUTION`]; its serial comes from the one per-year counter
//! of every licence issued here.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::license::{
    self, date_text, decode_lines, encode_lines, Canonical, LicenseFields, PayloadError,
    SerialsExhausted,
};
use crate::license_id::LicenseId;

/// License type code of the institution's e-license (this portal's
/// assignment, like the practitioners' `011` and `012`).
pub const TYPE_CODE_INSTITUTION: &str = "11100000000013338W013";

/// The first line of the institution licence's canonical encoding.
pub const FORMAT_TAG: &str = "elicense-institution/1";

const KEYS: [&str; 9] = [
    "id",
    "key",
    "name",
    "credit",
    "licence",
    "until",
    "location",
    "authority",
    "issued",
];

/// The identifier of the institution licence with the `sequence`-th serial
/// of `year` (see [`license::identifier`]).
pub fn identifier(year: i32, sequence: u64) -> Result<LicenseId, SerialsExhausted> {
    license::identifier_of_type(TYPE_CODE_INSTITUTION, year, sequence)
}

/// Every field of an institution's e-license, as signed.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstitutionLicenseFields {
    /// The identifier (see [`crate::license_id`]).
    pub id: String,
    /// Id of the key that signed the license ([`license::key_id`]).
    pub key_id: String,
    /// The institution's standard name.
    pub name: String,
    /// Its unified social credit code.
    pub credit_code: String,
    /// Its practice-licence number (医疗机构执业许可证).
    pub licence_number: String,
    /// Last day the practice licence is valid: the e-license expires with it.
    #[serde(deserialize_with = "crate::iso_date::deserialize")]
    pub licence_valid_until: NaiveDate,
    /// The institution's province.
    pub location: String,
    /// Issuing authority.
    pub authority: String,
    /// Issue date.
    #[serde(deserialize_with = "crate::iso_date::deserialize")]
    pub issued_on: NaiveDate,
}

impl Canonical for InstitutionLicenseFields {
    fn canonical(&self) -> String {
        let values = [
            self.id.clone(),
            self.key_id.clone(),
            self.name.clone(),
            self.credit_code.clone(),
            self.licence_number.clone(),
            date_text(self.licence_valid_until),
            self.location.clone(),
            self.authority.clone(),
            date_text(self.issued_on),
        ];
        encode_lines(FORMAT_TAG, &KEYS, &values)
    }

    fn from_canonical(text: &str) -> Result<Self, PayloadError> {
        let v = decode_lines(FORMAT_TAG, &KEYS, text)?;
        let date = |i: usize| crate::iso_date::parse(&v[i]).ok_or(PayloadError::Field(KEYS[i]));
        let id = LicenseId::parse(&v[0]).map_err(PayloadError::Identifier)?;
        // An institution text under a practitioner's identifier (or the
        // reverse) is not a licence this portal issues.
        if id.type_code() != TYPE_CODE_INSTITUTION {
            return Err(PayloadError::Field("id"));
        }
        let fields = InstitutionLicenseFields {
            id: v[0].clone(),
            key_id: v[1].clone(),
            name: v[2].clone(),
            credit_code: v[3].clone(),
            licence_number: v[4].clone(),
            licence_valid_until: date(5)?,
            location: v[6].clone(),
            authority: v[7].clone(),
            issued_on: date(8)?,
        };
        if fields.canonical() != text {
            return Err(PayloadError::Field("canonical"));
        }
        Ok(fields)
    }
}

/// A licence of either kind, as a verifier reads it from a QR payload: the
/// format tag on its first line says which.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnyLicense {
    /// A physician's or nurse's licence (`elicense/1`).
    Practitioner(LicenseFields),
    /// An institution's licence (`elicense-institution/1`).
    Institution(InstitutionLicenseFields),
}

impl AnyLicense {
    /// The identifier.
    pub fn id(&self) -> &str {
        match self {
            AnyLicense::Practitioner(f) => &f.id,
            AnyLicense::Institution(f) => &f.id,
        }
    }

    /// The id of the key that must verify it.
    pub fn key_id(&self) -> &str {
        match self {
            AnyLicense::Practitioner(f) => &f.key_id,
            AnyLicense::Institution(f) => &f.key_id,
        }
    }

    /// Its last valid day, where it has one.
    pub fn valid_until(&self) -> Option<NaiveDate> {
        match self {
            AnyLicense::Practitioner(f) => f.valid_until,
            AnyLicense::Institution(f) => Some(f.licence_valid_until),
        }
    }
}

impl Canonical for AnyLicense {
    fn canonical(&self) -> String {
        match self {
            AnyLicense::Practitioner(f) => f.canonical(),
            AnyLicense::Institution(f) => Canonical::canonical(f),
        }
    }

    fn from_canonical(text: &str) -> Result<Self, PayloadError> {
        if text.starts_with(FORMAT_TAG) {
            InstitutionLicenseFields::from_canonical(text).map(AnyLicense::Institution)
        } else {
            LicenseFields::from_canonical(text).map(AnyLicense::Practitioner)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::license::{public_key, verdict, LicenseStatus, Signed, SignedLicense, Verdict};
    use crate::test_dates::d;
    use crate::PracticeStatus;

    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    const SEED: [u8; 32] = [9; 32];

    fn fields() -> InstitutionLicenseFields {
        InstitutionLicenseFields {
            id: identifier(2026, 42).unwrap().to_string(),
            key_id: license::key_id(&public_key(&SEED)),
            name: "北京市朝阳区示范医院".into(),
            credit_code: "12110105400999999X".into(),
            licence_number: "PDY00001X110105".into(),
            licence_valid_until: d(2030, 12, 31),
            location: "北京市".into(),
            authority: license::AUTHORITY_NAME.into(),
            issued_on: d(2026, 12, 1),
        }
    }

    #[test]
    fn identifier_has_its_own_type_and_the_shared_serial() {
        let id = identifier(2026, 42).unwrap();
        assert_eq!(id.type_code(), TYPE_CODE_INSTITUTION);
        assert_eq!(id.serial(), "20260000042");
        assert!(LicenseId::parse(id.as_str()).is_ok());
        assert!(identifier(2026, 0).is_err());
        assert!(identifier(2026, u64::from(license::MAX_SEQUENCE) + 1).is_err());
        assert_ne!(TYPE_CODE_INSTITUTION, license::TYPE_CODE_NURSE);
        assert_ne!(TYPE_CODE_INSTITUTION, license::TYPE_CODE_PHYSICIAN);
    }

    #[test]
    fn canonical_encoding_round_trips() {
        let f = fields();
        let text = Canonical::canonical(&f);
        let expected = format!(
            "elicense-institution/1\nid={}\nkey={}\nname=北京市朝阳区示范医院\n\
             credit=12110105400999999X\nlicence=PDY00001X110105\nuntil=2030-12-31\n\
             location=北京市\nauthority=国家卫生健康委员会\nissued=2026-12-01\n",
            f.id, f.key_id
        );
        assert_eq!(text, expected);
        assert_eq!(InstitutionLicenseFields::from_canonical(&text).unwrap(), f);
        // Values cannot start a line of their own.
        let mut g = f.clone();
        g.name = "a\nkey=evil\\".into();
        let text = Canonical::canonical(&g);
        assert_eq!(InstitutionLicenseFields::from_canonical(&text).unwrap(), g);
    }

    #[test]
    fn non_canonical_texts_are_refused() {
        let text = Canonical::canonical(&fields());
        for bad in [
            text.replace("elicense-institution/1", "elicense-institution/2"),
            text.replace("until=2030-12-31", "until=2030-1-1"),
            text.replace("until=2030-12-31", "until="),
            text.replace("\nissued=2026-12-01\n", "\nissued=2026-12-01"),
            text.replace("credit=", "credit_code="),
            format!("{text}extra=1\n"),
        ] {
            assert!(
                InstitutionLicenseFields::from_canonical(&bad).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn signed_round_trip_and_tampering() {
        let signed = Signed::sign(fields(), &SEED);
        let pk = public_key(&SEED);
        assert!(signed.verify(&pk));
        let back = Signed::<InstitutionLicenseFields>::from_payload(&signed.to_payload()).unwrap();
        assert_eq!(back, signed);
        assert!(back.verify(&pk));
        assert!(!back.verify(&public_key(&[8; 32])));
        // A changed licence number keeps the format but breaks the signature.
        let tampered = signed
            .canonical
            .replace("PDY00001X110105", "PDY00002X110105");
        let payload = license::tests::payload_of(&signed, &tampered);
        let back = Signed::<InstitutionLicenseFields>::from_payload(&payload).unwrap();
        assert!(!back.verify(&pk));
        license::tests::every_changed_byte_fails(&signed, &pk);
    }

    #[test]
    fn the_wrong_kind_is_refused() {
        let payload = Signed::sign(fields(), &SEED).to_payload();
        // A verifier of practitioners' licences refuses it cleanly.
        assert_eq!(
            SignedLicense::from_payload(&payload),
            Err(PayloadError::Field("format"))
        );
        // An institution text naming a practitioner's identifier.
        let mut f = fields();
        f.id = license::identifier(crate::PractitionerKind::Nurse, 2026, 42)
            .unwrap()
            .to_string();
        assert_eq!(
            InstitutionLicenseFields::from_canonical(&Canonical::canonical(&f)),
            Err(PayloadError::Field("id"))
        );
        // The reader of either kind tells them apart.
        let any = Signed::<AnyLicense>::from_payload(&payload).unwrap();
        assert!(matches!(any.fields, AnyLicense::Institution(_)));
        assert!(any.verify(&public_key(&SEED)));
        assert_eq!(any.fields.id(), fields().id);
        assert_eq!(any.fields.valid_until(), Some(d(2030, 12, 31)));
    }

    #[test]
    fn status_and_verdicts() {
        let until = Some(fields().licence_valid_until);
        let normal = PracticeStatus::Normal;
        let today = d(2026, 12, 1);
        assert_eq!(
            LicenseStatus::of(false, normal, until, today),
            LicenseStatus::Valid
        );
        assert_eq!(
            LicenseStatus::of(true, normal, until, today),
            LicenseStatus::Revoked
        );
        assert_eq!(
            LicenseStatus::of(false, PracticeStatus::Suspended, until, today),
            LicenseStatus::Revoked
        );
        // The practice licence has expired: so has the e-license.
        assert_eq!(
            LicenseStatus::of(false, normal, until, d(2031, 1, 1)),
            LicenseStatus::Expired
        );
        assert_eq!(
            verdict(Some(true), None, until, d(2031, 1, 1)),
            Verdict::Expired
        );
        assert_eq!(
            verdict(Some(true), None, until, today),
            Verdict::SignatureOnly
        );
    }
}
