//! The application shell: context, layout and routes.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::layout::Layout;
use crate::i18n::{self, apply_document_lang, tr, Locale};
use crate::pages::{
    help::Help,
    home::Home,
    institution::{
        dashboard::Dashboard, licence::Licence, reviews::Reviews, sign_in::AdminSignIn,
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

/// The root component.
#[component]
pub fn App() -> impl IntoView {
    let lang = Locale::detect();
    apply_document_lang(lang);
    provide_context(Locale(RwSignal::new(lang)));

    view! {
        <Router>
            <Layout>
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
                    <Route path=path!("/verify") view=Verify />
                    <Route path=path!("/institution") view=Dashboard />
                    <Route path=path!("/institution/sign-in") view=AdminSignIn />
                    <Route path=path!("/institution/staff") view=Staff />
                    <Route path=path!("/institution/reviews") view=Reviews />
                    <Route path=path!("/institution/zombies") view=Zombies />
                    <Route path=path!("/institution/licence") view=Licence />
                </Routes>
            </Layout>
        </Router>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    view! {
        <section class="card">
            <h1>{tr(i18n::NOT_FOUND)}</h1>
            <a href="/">{tr(i18n::BACK_HOME)}</a>
        </section>
    }
}
