//! Sign-in for institution administrators.

use leptos::prelude::*;
use rules::api::{AdminMe, AdminSignInRequest};
use rules::Lang;

use crate::api::{self, ApiError};
use crate::components::admin_sign_in::{next_or, AdminSignInForm};
use crate::i18n::{self, tr};

/// The administrators' sign-in page.
#[component]
pub fn AdminSignIn() -> impl IntoView {
    view! {
        <AdminSignInForm heading_id="admin-sign-in-heading" heading=i18n::ADMIN_SIGN_IN
            wait_key="portal.wait.admin-sign-in" then=next_or("/institution") send>
            <p class="hint"><a href="/sign-in" rel="external">{tr(i18n::PRACTITIONER_ENTRY)}</a></p>
        </AdminSignInForm>
    }
}

/// The sign-in request of the institution app.
async fn send(username: String, password: String, lang: Lang) -> Result<AdminMe, ApiError> {
    let req = AdminSignInRequest { username, password };
    api::admin_sign_in(&req, lang).await
}
