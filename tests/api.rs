//! The API client's endpoints in a real browser (wasm-bindgen-test in
//! headless Chromium): what each request is (method, path with its
//! parameters and query, body) and how an answer is read, without a server.
#![cfg(target_arch = "wasm32")]

use portal::api::call::{Answer, Body, Endpoint, Json, Method, OrNone};
use portal::api::{self, ApiError};
use rules::api::roster::RosterQuery;
use rules::api::{Application, ErrorCode, ErrorDetail, ReviewDecision, ReviewKind, SignInRequest};
use rules::System;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn refusal(code: ErrorCode) -> ApiError {
    ApiError::Rejected(ErrorDetail {
        code: code.code().into(),
        message: "refused".into(),
        fields: Default::default(),
        other: None,
    })
}

#[wasm_bindgen_test]
fn a_request_type_is_its_endpoint_and_its_body() {
    let req = SignInRequest {
        system: System::Nurse,
        username: "li".into(),
        password: "secret pass".into(),
    };
    assert_eq!(<SignInRequest as Endpoint>::METHOD, Method::POST);
    assert_eq!(req.path(), "/session");
    assert_eq!(
        req.body(),
        Ok(Body::Json(
            r#"{"system":"nurse","username":"li","password":"secret pass"}"#.into()
        ))
    );
}

#[wasm_bindgen_test]
fn a_bodiless_endpoint_sends_nothing() {
    assert_eq!(<api::GetMe as Endpoint>::METHOD, Method::GET);
    assert_eq!(api::GetMe {}.path(), "/me");
    assert_eq!(api::GetMe {}.body(), Ok(Body::Empty));
    let disable = api::authority::DisableAdmin { account_id: 42 };
    assert_eq!(disable.path(), "/authority/admins/42/disable");
    assert_eq!(disable.body(), Ok(Body::Empty));
}

#[wasm_bindgen_test]
fn path_parameters_and_body_are_the_endpoints_fields() {
    let decision = ReviewDecision {
        approve: false,
        reason: Some("blurry".into()),
    };
    let decide = api::DecideReview {
        kind: ReviewKind::Title,
        account_id: 7,
        decision: &decision,
    };
    assert_eq!(decide.path(), "/institution/reviews/title/7");
    assert_eq!(
        decide.body(),
        Ok(Body::Json(r#"{"approve":false,"reason":"blurry"}"#.into()))
    );
    // A body built from a parameter.
    let send = api::SendActivationCode { to: "13800138000" };
    assert_eq!(send.path(), "/activation/code");
    assert_eq!(
        send.body(),
        Ok(Body::Json(r#"{"to":"13800138000"}"#.into()))
    );
    // A flag that chooses the path.
    let req = rules::api::ReminderRequest {
        criterion: None,
        institution_id: None,
    };
    let own = api::SendReminders {
        authority: false,
        req: &req,
    };
    let region = api::SendReminders {
        authority: true,
        req: &req,
    };
    assert_eq!(own.path(), "/institution/reminders");
    assert_eq!(region.path(), "/authority/reminders");
}

#[wasm_bindgen_test]
fn a_query_is_added_only_when_there_is_one() {
    let all = RosterQuery::default();
    assert_eq!(api::Staff { query: &all }.path(), "/institution/staff");
    let some = RosterQuery {
        not_applied: true,
        page: Some(3),
        ..RosterQuery::default()
    };
    assert_eq!(
        api::Staff { query: &some }.path(),
        "/institution/staff?not_applied=true&page=3"
    );
    assert_eq!(
        api::roster_csv_url(&some),
        "/api/v1/institution/staff.csv?not_applied=true&page=3"
    );
    assert_eq!(
        api::ZombieCandidates { query: "" }.path(),
        "/institution/zombies"
    );
    assert_eq!(
        api::Reviews {
            query: "kind=photo&page=2"
        }
        .path(),
        "/institution/reviews?kind=photo&page=2"
    );
    assert_eq!(
        api::LicenseStatus {
            id: "ABC",
            signature: "c2ln"
        }
        .path(),
        "/license/ABC/status?sig=c2ln"
    );
}

#[wasm_bindgen_test]
fn not_found_is_none_only_where_the_endpoint_says_so() {
    type Current = <api::CurrentApplication as Endpoint>::Answer;
    assert_eq!(Current::read(Err(refusal(ErrorCode::NotFound))), Ok(None));
    // Any other refusal, and any failure, stays an error.
    let other = refusal(ErrorCode::RequestContentType);
    assert_eq!(Current::read(Err(other.clone())), Err(other));
    assert_eq!(
        Current::read(Err(ApiError::Network)),
        Err(ApiError::Network)
    );
    // A JSON answer's endpoint reports the same refusal as an error.
    assert_eq!(
        Json::<Application>::read(Err(refusal(ErrorCode::NotFound))),
        Err(refusal(ErrorCode::NotFound))
    );
}

#[wasm_bindgen_test]
fn a_success_is_read_as_the_endpoints_answer() {
    assert_eq!(Json::<Vec<u32>>::read(Ok("[1,2]".into())), Ok(vec![1, 2]));
    assert_eq!(
        OrNone::<Vec<u32>>::read(Ok("[3]".into())),
        Ok(Some(vec![3]))
    );
}

#[wasm_bindgen_test]
fn an_unreadable_success_is_a_server_error() {
    assert_eq!(
        Json::<Application>::read(Ok("<html>proxy error</html>".into())),
        Err(ApiError::Server)
    );
    assert_eq!(
        OrNone::<Application>::read(Ok("{}".into())),
        Err(ApiError::Server)
    );
    // An empty answer reads whatever the body is.
    assert_eq!(<() as Answer>::read(Ok(String::new())), Ok(()));
    assert_eq!(<() as Answer>::read(Ok("{\"id\":1}".into())), Ok(()));
}
