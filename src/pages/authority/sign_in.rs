//! Sign-in for health authority administrators.

use leptos::prelude::*;
use rules::api::authority::{AuthorityMe, AuthoritySignInRequest};
use rules::Lang;

use crate::api::{self, ApiError};
use crate::components::admin_sign_in::AdminSignInForm;
use crate::i18n::authority as t;

/// The authority's sign-in page.
#[component]
pub fn AuthoritySignIn() -> impl IntoView {
    view! {
        <AdminSignInForm heading_id="authority-sign-in-heading" heading=t::AUTHORITY_SIGN_IN
            wait_key="portal.wait.authority-sign-in" then="/authority".into() send />
    }
}

/// The sign-in request of the authority app.
async fn send(username: String, password: String, lang: Lang) -> Result<AuthorityMe, ApiError> {
    let req = AuthoritySignInRequest { username, password };
    api::authority::sign_in(&req, lang).await
}
