//! Public verification of an e-license (`/verify?d=<payload>`), no sign-in.
//!
//! The payload of the QR code carries the signed fields and the Ed25519
//! signature: a practitioner's licence or an institution's, told apart by
//! the format tag of the signed text (`rules::institution_license`). The page checks the signature in the browser with the rules
//! crate against the published key the licence names (`/api/v1/license/public-key`
//! lists the current key and those it replaced), which it
//! keeps in `localStorage` by key id so that the signature can still be
//! checked when the API cannot be reached; then it asks the API for the
//! license's current status. Offline, the service worker (`sw/sw.js`)
//! answers the key and the revocation list from the device: the list's date
//! is shown, with what such a check can and cannot tell.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use rules::api::{LicenseRevocations, LicenseStatusBody};
use rules::institution_license::{AnyLicense, InstitutionLicenseFields};
use rules::license::{
    decode_public_key, key_id, verdict, LicenseFields, LicenseStatus, Signed, Verdict,
};
use rules::Lang;

use crate::api::{self, ApiError};
use crate::components::details::{detail, detail_date, detail_in, identifier_row};
use crate::i18n::{self, tr, use_lang, Text};
use crate::storage;

/// Where verified public keys are kept: a JSON map from key id to base64 key.
const KEY_CACHE: &str = "portal.license_keys";

fn cached_keys() -> BTreeMap<String, String> {
    storage::get(KEY_CACHE)
        .and_then(|text| api::from_json(&text))
        .unwrap_or_default()
}

/// The public key with `wanted` id: from the API's list of every key that
/// may verify (the current one and those it replaced; then cached), else
/// from the cache. `Err(())` when the API answered without `wanted` and the
/// cache does not know it either (the license names a key that never
/// signed here: forged).
async fn public_key(wanted: &str, lang: Lang) -> Result<Option<[u8; 32]>, ()> {
    let mut cache = cached_keys();
    let online = match api::license_public_key(lang).await {
        Ok(published) => {
            // The current key, then every listed one (an older server's
            // answer has no list). Only a key whose id matches its bytes is
            // kept.
            let listed = published.keys.iter().map(|k| (&k.key_id, &k.public_key));
            for (id, text) in
                std::iter::once((&published.key_id, &published.public_key)).chain(listed)
            {
                if decode_public_key(text).is_some_and(|key| key_id(&key) == *id) {
                    cache.insert(id.clone(), text.clone());
                }
            }
            if let Ok(text) = serde_json::to_string(&cache) {
                storage::set(KEY_CACHE, &text);
            }
            true
        }
        Err(_) => false,
    };
    match cache.get(wanted).and_then(|k| decode_public_key(k)) {
        Some(key) if key_id(&key) == wanted => Ok(Some(key)),
        _ if online => Err(()),
        _ => Ok(None),
    }
}

/// Everything the page shows once the checks are done.
#[derive(Debug, Clone)]
struct Outcome {
    verdict: Verdict,
    license: Option<Signed<AnyLicense>>,
    status: Option<LicenseStatusBody>,
    /// The device's revocation list, when the status could not be asked.
    revocations: Option<LicenseRevocations>,
}

async fn check(payload: String, lang: Lang) -> Outcome {
    let Ok(license) = Signed::<AnyLicense>::from_payload(&payload) else {
        return Outcome {
            verdict: Verdict::Forged,
            license: None,
            status: None,
            revocations: None,
        };
    };
    let today = crate::today::today();
    let signature_ok = match public_key(license.fields.key_id(), lang).await {
        Ok(Some(key)) => Some(license.verify(&key)),
        Ok(None) => None,
        Err(()) => Some(false),
    };
    let status = if signature_ok == Some(true) {
        match api::license_status(license.fields.id(), &license.signature_text(), lang).await {
            Ok(body) => Some(body),
            Err(ApiError::Network | ApiError::Server) => None,
            Err(_) => Some(LicenseStatusBody {
                id: license.fields.id().to_owned(),
                status: LicenseStatus::Unknown,
                holder: None,
            }),
        }
    } else {
        None
    };
    // Offline: the list the device keeps tells a licence revoked before it
    // was updated (one revoked since cannot be told).
    let revocations = match (signature_ok, &status) {
        (Some(true), None) => api::license_revocations(lang).await.ok(),
        _ => None,
    };
    let listed = revocations.as_ref().is_some_and(|r| {
        r.revoked
            .iter()
            .any(|id| id.as_str() == license.fields.id())
    });
    let verdict = verdict(
        signature_ok,
        status
            .as_ref()
            .map(|s| s.status)
            .or(listed.then_some(LicenseStatus::Revoked)),
        license.fields.valid_until(),
        today,
    );
    Outcome {
        verdict,
        license: Some(license),
        status,
        revocations,
    }
}

fn verdict_text(v: Verdict) -> (Text, &'static str) {
    match v {
        Verdict::Valid => (i18n::VERIFY_VALID, "license-verdict valid"),
        Verdict::Revoked => (i18n::VERIFY_REVOKED, "license-verdict bad"),
        Verdict::Expired => (i18n::VERIFY_EXPIRED, "license-verdict bad"),
        Verdict::SignatureOnly => (i18n::VERIFY_OFFLINE, "license-verdict offline"),
        Verdict::NotOnRecord => (i18n::VERIFY_NOT_ON_RECORD, "license-verdict offline"),
        Verdict::Forged => (i18n::VERIFY_FORGED, "license-verdict bad"),
        Verdict::NoKey => (i18n::VERIFY_NO_KEY, "license-verdict offline"),
    }
}

/// `t` (Unix seconds) as a date and time in China, e.g. "2026年11月30日 08:05".
fn china_time(t: i64, lang: Lang) -> String {
    rules::china_time::date_time(t)
        .map(|t| format!("{} {}", lang.date(t.date()), t.format("%H:%M")))
        .unwrap_or_default()
}

/// The verification page.
#[component]
pub fn Verify() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let payload = move || query.with(|q| q.get("d")).unwrap_or_default();
    let outcome = LocalResource::new(move || {
        let payload = payload();
        let lang = lang.get_untracked();
        async move {
            if payload.trim().is_empty() {
                None
            } else {
                Some(check(payload, lang).await)
            }
        }
    });
    view! {
        <section class="card verify" aria-labelledby="verify-heading">
            <h1 id="verify-heading">{tr(i18n::VERIFY_HEADING)}</h1>
            <Transition fallback=|| view! { <p role="status" class="loading">{tr(i18n::VERIFY_CHECKING)}</p> }>
                {move || {
                    outcome
                        .get()
                        .map(|o| match o {
                            None => view! { <p role="status">{tr(i18n::VERIFY_NO_DATA)}</p> }.into_any(),
                            Some(o) => view! { <OutcomeView outcome=o /> }.into_any(),
                        })
                }}
            </Transition>
        </section>
    }
}

#[component]
fn OutcomeView(outcome: Outcome) -> impl IntoView {
    let lang = use_lang();
    let (text, class) = verdict_text(outcome.verdict);
    let genuine = !matches!(outcome.verdict, Verdict::Forged | Verdict::NoKey);
    let fields = outcome.license.filter(|_| genuine).map(|l| l.fields);
    let status = outcome.status.map(|s| s.status);
    let offline = (genuine && status.is_none()).then(|| {
        let as_of = outcome.revocations.map(|r| r.as_of);
        view! {
            <div class="hint offline-check">
                <p>{tr(i18n::VERIFY_OFFLINE_LIMITS)}</p>
                <p>
                    {move || match as_of {
                        Some(t) => format!("{}{}", i18n::VERIFY_REVOCATIONS_AS_OF.get(lang.get()), china_time(t, lang.get())),
                        None => i18n::VERIFY_NO_REVOCATIONS.get(lang.get()).to_owned(),
                    }}
                </p>
            </div>
        }
    });
    view! {
        <p class=class role="status" data-verdict=format!("{:?}", outcome.verdict).to_lowercase()>
            {tr(text)}
        </p>
        {offline}
        {fields
            .map(|f| match f {
                AnyLicense::Practitioner(f) => view! { <PractitionerFields f status /> }.into_any(),
                AnyLicense::Institution(f) => view! { <InstitutionFields f status /> }.into_any(),
            })}
    }
}

/// The signature and status rows every kind of licence shows first.
fn check_rows(status: Option<LicenseStatus>) -> impl IntoView {
    view! {
        {detail_in(i18n::VERIFY_SIGNATURE, |lang| i18n::VERIFY_SIGNATURE_OK.get(lang).into())}
        {detail_in(i18n::EL_STATUS, move |lang| {
            status.map_or(i18n::VERIFY_STATUS_UNKNOWN.get(lang), |s| s.label(lang)).into()
        })}
    }
}

/// A physician's or nurse's licence, as signed.
#[component]
fn PractitionerFields(f: LicenseFields, status: Option<LicenseStatus>) -> impl IntoView {
    let kind = f.kind;
    view! {
        <h2>{tr(i18n::VERIFY_HOLDER)}</h2>
        <dl class="details">
            {check_rows(status)}
            {detail(i18n::NAME, f.name)}
            {detail_in(i18n::KIND, move |lang| kind.label(lang).into())}
            {detail(i18n::INSTITUTION, f.institution)}
            {detail(i18n::ID_NUMBER, f.id_number_masked)}
            {detail_date(i18n::EL_ISSUED, Some(f.issued_on))}
            {detail_date(i18n::EL_VALID_UNTIL, f.valid_until)}
            {detail(i18n::EL_AUTHORITY, f.authority)}
            {identifier_row(f.id)}
        </dl>
    }
}

/// An institution's licence, as signed: its own fields, and its type said
/// so that nobody takes it for a practitioner's.
#[component]
fn InstitutionFields(f: InstitutionLicenseFields, status: Option<LicenseStatus>) -> impl IntoView {
    view! {
        <h2>{tr(i18n::VERIFY_INSTITUTION)}</h2>
        <dl class="details">
            {check_rows(status)}
            {detail_in(i18n::EL_KIND, |lang| i18n::VERIFY_INSTITUTION_KIND.get(lang).into())}
            {detail(i18n::INSTITUTION_NAME, f.name)}
            {detail(i18n::CREDIT_CODE, f.credit_code)}
            {detail(i18n::LICENCE_NUMBER, f.licence_number)}
            {detail_date(i18n::EL_ISSUED, Some(f.issued_on))}
            {detail_date(i18n::EL_VALID_UNTIL, Some(f.licence_valid_until))}
            {detail(i18n::EL_LOCATION, f.location)}
            {detail(i18n::EL_AUTHORITY, f.authority)}
            {identifier_row(f.id)}
        </dl>
    }
}
