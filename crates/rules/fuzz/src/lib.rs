//! The properties each fuzz target checks, one function per parser. Each
//! takes any string and panics when a property fails; the targets in
//! `fuzz_targets/` feed them libFuzzer's inputs.

use chrono::NaiveDate;
use rules::certificate::EmbeddedId;
use rules::license::Canonical;
use rules::{
    CreditCode, Email, LegacyResidentId, LicenseFields, LicenseId, MobileNumber, Password,
    PersonName, PracticeCertificateNumber, QualificationNumber, ResidentId, SignedLicense,
    Username,
};

/// The "today" of the ID number checks: fixed, so that runs are repeatable.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).expect("valid date")
}

/// The input as text: invalid UTF-8 is replaced, not dropped, so that every
/// input reaches the parsers.
pub fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// A masked form must not give the full value away.
fn assert_masked(full: &str, masked: &str) {
    assert_ne!(full, masked, "masked form equals the value");
    assert!(
        !masked.contains(full),
        "masked form {masked:?} contains the value {full:?}"
    );
}

/// ResidentId and LegacyResidentId: canonical re-parse, masking, derived
/// fields, the 1989/1999 forms agree.
pub fn resident_id(s: &str) {
    let _ = rules::id_number::check_character(s);
    if let Ok(id) = ResidentId::parse(s, today()) {
        let again = ResidentId::parse(id.as_str(), today()).expect("a parsed ID re-parses");
        assert_eq!(again, id);
        assert_eq!(id.as_str().len(), 18);
        assert!(id.birth_date() <= today());
        let masked = id.masked();
        assert_masked(id.as_str(), &masked);
        assert_eq!(masked.chars().count(), 18);
        assert!(!format!("{id:?}").contains(id.as_str()), "Debug leaks");
        let _ = (id.gender(), id.region_code(), id.province_code());
        if let Some(old) = id.to_legacy() {
            assert!(old.matches(&id));
            assert_eq!(old.upgrade(), id);
        }
    }
    if let Ok(old) = LegacyResidentId::parse(s) {
        let again = LegacyResidentId::parse(old.as_str()).expect("re-parses");
        assert_eq!(again, old);
        let id = old.upgrade();
        assert!(old.matches(&id));
        assert_eq!(old.birth_date(), id.birth_date());
        assert_eq!(
            ResidentId::parse(id.as_str(), today()).ok(),
            Some(id.clone())
        );
    }
}

/// MobileNumber: canonical re-parse, 11 digits, masking.
pub fn mobile(s: &str) {
    if let Ok(m) = MobileNumber::parse(s) {
        assert_eq!(MobileNumber::parse(m.as_str()).ok(), Some(m.clone()));
        assert_eq!(m.as_str().len(), 11);
        assert!(m.as_str().bytes().all(|b| b.is_ascii_digit()));
        assert_masked(m.as_str(), &m.masked());
        assert!(!format!("{m:?}").contains(m.as_str()), "Debug leaks");
    }
}

/// Email: canonical re-parse, one `@`, lower-case domain, masking.
pub fn email(s: &str) {
    if let Ok(e) = Email::parse(s) {
        assert_eq!(Email::parse(e.as_str()).ok(), Some(e.clone()));
        assert_eq!(e.as_str().matches('@').count(), 1);
        assert_eq!(e.domain(), e.domain().to_ascii_lowercase());
        assert!(e.as_str().ends_with(e.domain()));
        // The mask keeps the first character and the domain only. A local
        // part that is that character and asterisks (`*` is allowed) can mask
        // to something containing the address (found by this target:
        // `e***@amq11111055lk.co`, `***@am.lcefomf.g`) without giving more
        // away, so the full check is for local parts with anything else.
        let (local, _) = e.as_str().split_once('@').expect("one @");
        let mut rest = local.chars();
        let first = rest.next().expect("non-empty local part");
        assert_eq!(e.masked(), format!("{first}***@{}", e.domain()));
        if rest.any(|c| c != '*') {
            assert_masked(e.as_str(), &e.masked());
        }
    }
}

/// QualificationNumber: canonical re-parse, embedded ID, holder match.
pub fn qualification(s: &str) {
    if let Ok(q) = QualificationNumber::parse(s) {
        assert_eq!(QualificationNumber::parse(q.as_str()).ok(), Some(q.clone()));
        assert!(matches!(q.as_str().len(), 24 | 27));
        match q.embedded_id().expect("checked at parse") {
            EmbeddedId::Current(id) => assert!(q.matches_holder(&id)),
            EmbeddedId::Legacy(old) => assert!(q.matches_holder(&old.upgrade())),
        }
    }
}

/// PracticeCertificateNumber: canonical re-parse, 15 digits.
pub fn practice_certificate(s: &str) {
    if let Ok(c) = PracticeCertificateNumber::parse(s) {
        assert_eq!(
            PracticeCertificateNumber::parse(c.as_str()).ok(),
            Some(c.clone())
        );
        assert_eq!(c.as_str().len(), 15);
        assert!(c.as_str().bytes().all(|b| b.is_ascii_digit()));
    }
}

/// CreditCode: canonical re-parse, 18 characters, check character.
pub fn credit_code(s: &str) {
    let _ = rules::credit_code::check_character(s);
    if let Ok(c) = CreditCode::parse(s) {
        assert_eq!(CreditCode::parse(c.as_str()).ok(), Some(c.clone()));
        assert_eq!(c.as_str().len(), 18);
        assert_eq!(
            rules::credit_code::check_character(&c.as_str()[..17]),
            c.as_str().chars().last()
        );
        let _ = c.region_code();
    }
}

/// PersonName: canonical re-parse, same script.
pub fn person_name(s: &str) {
    if let Ok(n) = PersonName::parse(s) {
        let again = PersonName::parse(n.as_str()).expect("a parsed name re-parses");
        assert_eq!(again, n);
        assert_eq!(again.script(), n.script());
        assert_eq!(n.as_str(), n.as_str().trim());
    }
}

/// Username: canonical re-parse, ASCII, case-insensitive equality.
pub fn username(s: &str) {
    if let Ok(u) = Username::parse(s) {
        assert_eq!(Username::parse(u.as_str()).ok(), Some(u.clone()));
        assert!(u.as_str().is_ascii());
        assert!(u.eq_ignore_case(&u.as_str().to_ascii_uppercase()));
    }
}

/// Password: the report, `check` and `new` agree. The input is split at the
/// first two NUL characters into candidate, username and ID number.
pub fn password(s: &str) {
    let mut parts = s.splitn(3, '\0');
    let candidate = parts.next().unwrap_or("");
    let user = parts.next().unwrap_or("");
    let id = parts.next();
    let report = Password::report(candidate, user, id);
    assert_eq!(report.length, candidate.chars().count());
    assert!(report.classes <= 4);
    assert_eq!(report.is_ok(), report.failures().is_empty());
    assert_eq!(
        Password::check(candidate, user, id).is_ok(),
        report.is_ok(),
        "check and report disagree"
    );
    match Password::new(candidate, user, id) {
        Ok(p) => {
            assert_eq!(p.expose(), candidate);
            // Debug never depends on the password.
            assert_eq!(format!("{p:?}"), "Password(***)");
        }
        Err(e) => assert_eq!(Some(e), report.failures().into_iter().next()),
    }
}

/// LicenseId: canonical re-parse, rebuilding from the parts gives it back.
pub fn license_id(s: &str) {
    let _ = rules::license_id::check_character(s);
    if let Ok(id) = LicenseId::parse(s) {
        assert_eq!(id.as_str(), s);
        assert_eq!(LicenseId::parse(id.as_str()).ok(), Some(id.clone()));
        let rebuilt = LicenseId::new(id.type_code(), id.issuer(), id.serial(), id.version())
            .expect("the parts of a valid identifier build it");
        assert_eq!(rebuilt, id);
    }
}

/// The QR payload and the canonical text: what decodes encodes back to the
/// same text, and verification never panics.
pub fn license_payload(s: &str) {
    if let Ok(fields) = LicenseFields::from_canonical(s) {
        assert_eq!(
            fields.canonical(),
            s,
            "from_canonical accepted a non-canonical text"
        );
    }
    // Either kind, as the verify page reads it (institutions' licences too).
    if let Ok(any) = rules::AnyLicense::from_canonical(s) {
        assert_eq!(any.canonical(), s, "a non-canonical text was accepted");
    }
    if let Ok(signed) = SignedLicense::from_payload(s) {
        assert_eq!(signed.fields.canonical(), signed.canonical);
        let again = SignedLicense::from_payload(&signed.to_payload()).expect("re-decodes");
        assert_eq!(again, signed);
        let _ = signed.verify(&[0u8; 32]);
        let _ = signed.signature_text();
    }
    let _ = rules::license::decode_public_key(s);
}
