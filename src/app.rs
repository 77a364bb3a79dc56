//! The application shells: context, layout and routes.
//!
//! The portal ships as four wasm apps, one per audience, so nobody downloads
//! the code of pages they never see: practitioners ([`PractitionerApp`],
//! `index.html`), institution administrators ([`InstitutionApp`],
//! `institution.html`, every path under `/institution`), health authorities
//! ([`AuthorityApp`], `authority.html`, `/authority…`) and anyone checking
//! an e-license ([`VerifyApp`], `verify.html`, `/verify`). The server sends
//! each path the HTML of its app; links between apps are full page loads
//! (`rel="external"`).

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use wasm_bindgen::JsCast;

use crate::components::layout::{Layout, Section};
use crate::components::session::Kept;
use crate::i18n::{self, apply_document_lang, tr, Locale};
use crate::pages::{
    authority::{
        deregistrations::AuthorityDeregistrations, home::AuthorityHome, sign_in::AuthoritySignIn,
    },
    help::Help,
    home::Home,
    institution::{
        administrator_change::AdministratorChangePage, dashboard::Dashboard, licence::Licence,
        needs_help::NeedsHelp, reminders::Reminders, reviews::Reviews, sign_in::AdminSignIn,
        staff::Staff, zombies::Zombies,
    },
    license::License,
    photo::Photo,
    profile::Profile,
    recover::Recover,
    register::{Activate, Register},
    sign_in::SignIn,
    verify::Verify,
};
use rules::api::authority::AuthorityMe;
use rules::api::AdminMe;

/// Mounts `app` in place of the shell that index.html painted before the
/// wasm ran.
pub fn start<F, N>(app: F)
where
    F: FnOnce() -> N + 'static,
    N: IntoView + 'static,
{
    console_error_panic_hook::set_once();
    let root = document()
        .get_element_by_id("app")
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    match root {
        Some(root) => {
            root.set_inner_html("");
            leptos::mount::mount_to(root, app).forget();
        }
        None => leptos::mount::mount_to_body(app),
    }
}

/// What every app shares: the language, the router and the page frame.
#[component]
fn Frame(section: Section, children: Children) -> impl IntoView {
    let lang = Locale::detect();
    apply_document_lang(lang);
    provide_context(Locale(RwSignal::new(lang)));
    view! {
        <Router>
            <Layout section>{children()}</Layout>
        </Router>
    }
}

/// The physician and nurse portal.
#[component]
pub fn PractitionerApp() -> impl IntoView {
    view! {
        <Frame section=Section::Practitioner>
            <Routes fallback=NotFound>
                <Route path=path!("/") view=Home />
                <Route path=path!("/sign-in") view=SignIn />
                <Route path=path!("/profile") view=Profile />
                <Route path=path!("/photo") view=Photo />
                <Route path=path!("/help") view=Help />
                <Route path=path!("/register") view=Register />
                <Route path=path!("/activate") view=Activate />
                <Route path=path!("/recover") view=Recover />
                <Route path=path!("/license") view=License />
            </Routes>
        </Frame>
    }
}

/// The institution side (机构端).
#[component]
pub fn InstitutionApp() -> impl IntoView {
    Kept::<AdminMe>::provide("/institution/sign-in");
    view! {
        <Frame section=Section::Institution>
            <Routes fallback=NotFound>
                <Route path=path!("/institution") view=Dashboard />
                <Route path=path!("/institution/sign-in") view=AdminSignIn />
                <Route path=path!("/institution/staff") view=Staff />
                <Route path=path!("/institution/reviews") view=Reviews />
                <Route path=path!("/institution/zombies") view=Zombies />
                <Route path=path!("/institution/reminders") view=Reminders />
                <Route path=path!("/institution/needs-help") view=NeedsHelp />
                <Route path=path!("/institution/licence") view=Licence />
                <Route path=path!("/institution/administrator-change") view=AdministratorChangePage />
            </Routes>
        </Frame>
    }
}

/// The health authority's side (主管部门端, authority.html).
#[component]
pub fn AuthorityApp() -> impl IntoView {
    Kept::<AuthorityMe>::provide("/authority/sign-in");
    view! {
        <Frame section=Section::Authority>
            <Routes fallback=NotFound>
                <Route path=path!("/authority") view=AuthorityHome />
                <Route path=path!("/authority/sign-in") view=AuthoritySignIn />
                <Route path=path!("/authority/deregistrations") view=AuthorityDeregistrations />
            </Routes>
        </Frame>
    }
}

/// The public check of an e-license (the QR code's link).
#[component]
pub fn VerifyApp() -> impl IntoView {
    view! {
        <Frame section=Section::Verify>
            <Routes fallback=NotFound>
                <Route path=path!("/verify") view=Verify />
            </Routes>
        </Frame>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    view! {
        <section class="card">
            <h1>{tr(i18n::NOT_FOUND)}</h1>
            // Home may belong to another of the three apps: a full load.
            <a href="/" rel="external">{tr(i18n::BACK_HOME)}</a>
        </section>
    }
}
