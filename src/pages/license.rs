//! The e-license: a card with the holder's photo, the essential fields, the
//! verification state and QR code, the other fields under "details"; while
//! it is being issued, the submitted application.

use leptos::prelude::*;
use rules::api::{Application, IssuedLicense, Me};
use rules::domain::{PracticeCategory, PractitionerKind};
use rules::license::LicenseStatus;

use crate::api;
use crate::components::details::{detail, detail_date, detail_in, identifier_row};
use crate::components::load_error::Loaded;
use crate::components::session::SignedIn;
use crate::i18n::{self, tr, use_lang};

/// The e-license page.
#[component]
pub fn License() -> impl IntoView {
    view! { <SignedIn render=|_: Me| view! { <LicenseView /> }.into_any() /> }
}

#[component]
fn LicenseView() -> impl IntoView {
    let lang = use_lang();
    let application = LocalResource::new(move || api::current_application(lang.get_untracked()));
    let render = |app: Option<Application>| match app {
        Some(app) => view! { <LicenseCard app /> }.into_any(),
        None => view! {
            <section class="card">
                <h1>{tr(i18n::LICENSE)}</h1>
                <p>{tr(i18n::LICENSE_NONE)}</p>
                <a class="button secondary" href="/">{tr(i18n::BACK_HOME)}</a>
            </section>
        }
        .into_any(),
    };
    view! { <Loaded data=application render card=true /> }
}

/// The application, then the licence issued from it: the licence card when
/// there is one (the application's data is on it), the application's data
/// while it is being issued.
#[component]
fn LicenseCard(app: Application) -> impl IntoView {
    let lang = use_lang();
    let license = LocalResource::new(move || api::license(lang.get_untracked()));
    let app = StoredValue::new(app);
    let render = move |license: Option<IssuedLicense>| match license {
        Some(license) => view! { <LicenseDocument license app=app.get_value() /> }.into_any(),
        None => view! {
            <Submitted app=app.get_value() />
            <p class="hint">{tr(i18n::EL_NOT_ISSUED)}</p>
        }
        .into_any(),
    };
    view! {
        <section class="card license" aria-labelledby="license-heading">
            <h1 id="license-heading">{tr(i18n::LICENSE)}</h1>
            <Loaded data=license render />
            <a class="no-print" href="/">{tr(i18n::BACK_HOME)}</a>
        </section>
    }
}

/// The practitioner's kind and category, e.g. "执业医师 · 临床".
fn kind_row(kind: PractitionerKind, category: Option<PracticeCategory>) -> impl IntoView {
    detail_in(i18n::KIND, move |lang| match category {
        Some(c) => format!("{} · {}", kind.label(lang), c.label(lang)),
        None => kind.label(lang).to_string(),
    })
}

/// The application's day (China time).
fn submitted_on(app: &Application) -> Option<chrono::NaiveDate> {
    rules::china_time::date_time(app.submitted_at).map(|t| t.date())
}

/// The submitted application, while its licence is not issued yet (the
/// holder's details come with the licence).
#[component]
fn Submitted(app: Application) -> impl IntoView {
    view! {
        <p class="summary ok">{tr(i18n::LICENSE_SUBMITTED)}</p>
        <dl class="details">
            {detail(i18n::APPLICATION_NO, app.id.to_string())}
            {detail_date(i18n::SUBMITTED_AT, submitted_on(&app))}
        </dl>
    }
}

/// The verification URL the QR code carries: the signed fields and the
/// signature, checked offline by `/verify`.
pub fn verification_url(origin: &str, payload: &str) -> String {
    format!("{origin}/verify?d={payload}")
}

/// A signed licence's verification link on this site, and the SVG of its
/// QR code.
pub fn verification(payload: &str) -> (String, String) {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let url = verification_url(&origin, payload);
    let svg = qr_svg(&url).unwrap_or_default();
    (url, svg)
}

/// A licence's status ("电子证照状态：有效"), marked as good while valid.
pub fn status_line(status: LicenseStatus) -> impl IntoView {
    let lang = use_lang();
    let class = if status == LicenseStatus::Valid {
        "summary ok"
    } else {
        "summary"
    };
    view! {
        <p class=class>
            {tr(i18n::EL_STATUS)}
            {tr(i18n::COLON)}
            {move || status.label(lang.get())}
        </p>
    }
}

/// An SVG drawing of the QR code of `text` (error correction level M, quiet
/// zone of 4 modules), or `None` when the text is too long for a QR code.
pub fn qr_svg(text: &str) -> Option<String> {
    let code = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let size = width + 8;
    let mut path = String::with_capacity(width * width);
    for y in 0..width {
        let mut x = 0;
        while x < width {
            if colors[y * width + x] == qrcode::Color::Dark {
                let start = x;
                while x < width && colors[y * width + x] == qrcode::Color::Dark {
                    x += 1;
                }
                path.push_str(&format!(
                    "M{} {}h{}v1h-{}z",
                    start + 4,
                    y + 4,
                    x - start,
                    x - start
                ));
            } else {
                x += 1;
            }
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\" aria-hidden=\"true\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>"
    ))
}

/// The licence card: the photo and the essential fields beside it, the
/// verification state and QR code; every other signed field (and the
/// application it came from) under "details", each shown once.
#[component]
fn LicenseDocument(license: IssuedLicense, app: Application) -> impl IntoView {
    let f = license.fields.clone();
    let (url, svg) = verification(&license.payload);
    let gender = f.gender;
    let more = NodeRef::<leptos::html::Details>::new();
    let print = move |_| {
        // The printed licence carries every field.
        if let Some(d) = more.get_untracked() {
            d.set_open(true);
        }
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <div class="license-document">
            {status_line(license.status)}
            <div class="license-face">
                // The photo the licence signs, served to this session only
                // (a file gone since shows its alternative text).
                <img
                    class="license-photo"
                    src="/api/v1/license/photo"
                    alt=tr(i18n::EL_PHOTO)
                    width="119"
                    height="147"
                />
                <dl class="details">
                    {detail(i18n::NAME, f.name.clone())}
                    {kind_row(f.kind, f.category)}
                    {identifier_row(f.id.clone())}
                    {detail(i18n::INSTITUTION, f.institution.clone())}
                    {detail_date(i18n::EL_VALID_UNTIL, f.valid_until)}
                </dl>
            </div>
            // Show mode: the loader's script (Trunk.toml) acts on the data-
            // attributes, so the wasm carries only the two buttons.
            <figure class="license-qr" id="license-qr">
                <div class="qr" role="img" aria-label=tr(i18n::EL_QR_LABEL) inner_html=svg></div>
                <figcaption class="hint">{tr(i18n::EL_QR_HINT)}</figcaption>
                <button type="button" class="button" data-leave="">{tr(i18n::EL_QR_LEAVE)}</button>
            </figure>
            <p class="verify-link">
                <a href=url.clone() rel="external">{tr(i18n::EL_VERIFY_LINK)}</a>
            </p>
            <details class="license-more" node_ref=more>
                <summary>{tr(i18n::EL_DETAILS)}</summary>
                <dl class="details">
                    {detail_in(i18n::EL_GENDER, move |lang| gender.label(lang).into())}
                    {detail_date(i18n::EL_BIRTH, Some(f.birth_date))}
                    {detail(i18n::ID_NUMBER, f.id_number_masked.clone())}
                    {f.scope.clone().map(|s| detail(i18n::EL_SCOPE, s))}
                    {detail(i18n::EL_LOCATION, f.location.clone())}
                    {detail(i18n::CERTIFICATE_NUMBER, f.certificate_number.clone())}
                    {detail(i18n::EL_AUTHORITY, f.authority.clone())}
                    {detail_date(i18n::EL_ISSUED, Some(f.issued_on))}
                    {detail(i18n::EL_KEY, f.key_id.clone())}
                    {detail(i18n::APPLICATION_NO, app.id.to_string())}
                    {detail_date(i18n::SUBMITTED_AT, submitted_on(&app))}
                </dl>
            </details>
            <p class="actions no-print">
                <button type="button" class="button" data-show="license-qr">{tr(i18n::EL_QR_SHOW)}</button>
                <button type="button" class="button secondary" on:click=print>{tr(i18n::EL_PRINT)}</button>
            </p>
        </div>
    }
}
