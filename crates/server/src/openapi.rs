//! The OpenAPI 3.1 document of `/api`, served at `GET /api/openapi.json`.
//!
//! Schemas are derived from the `rules::api` types themselves (the rules
//! crate's `openapi` feature, enabled only here, so the wasm never carries
//! utoipa). Operations come from [`OPERATIONS`], one row per route of
//! `routes::api`; the API tests check that the two list the same routes and
//! that the documented statuses and schemas are what the server answers.
//! Every operation documents every status it can answer, each error with
//! the `ErrorBody` schema (422 of the applications: `NotEligibleBody`).

use std::sync::OnceLock;

use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use utoipa::openapi::path::{HttpMethod, OperationBuilder, ParameterBuilder, ParameterIn};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::schema::{ArrayBuilder, KnownFormat, ObjectBuilder, SchemaFormat, Type};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{ContentBuilder, OpenApi, Ref, RefOr, Required, ResponseBuilder, Schema};
use utoipa::OpenApi as _;

/// Who may call an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone.
    Public,
    /// A signed-in practitioner (session cookie).
    Practitioner,
    /// A signed-in institution admin (session cookie).
    Admin,
    /// A signed-in health authority administrator (authority cookie).
    Authority,
}

/// The request body of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body {
    /// None.
    None,
    /// JSON of the named schema (at most 64 KiB).
    Json(&'static str),
    /// A raw JPEG or PNG image (at most 2 MiB).
    Image,
    /// A raw PDF, JPEG or PNG receipt (at most 5 MiB).
    Receipt,
}

/// A success answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Success {
    /// JSON of the named schema.
    Json(u16, &'static str),
    /// JSON array of the named schema.
    JsonList(u16, &'static str),
    /// No content.
    Empty(u16),
    /// A JPEG image.
    Jpeg(u16),
    /// CSV text.
    Csv(u16),
    /// A receipt download (PDF or JPEG, as an attachment).
    Receipt(u16),
    /// Any JSON object (this document).
    AnyJson(u16),
}

/// A parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Param {
    /// Integer path parameter.
    PathInt(&'static str),
    /// String path parameter.
    PathStr(&'static str),
    /// Query parameter of the named schema (or `string`, `boolean`).
    Query(&'static str, &'static str, bool),
}

/// One operation of the API.
#[derive(Debug, Clone, Copy)]
pub struct Operation {
    /// `GET`, `POST`, `PUT` or `DELETE`.
    pub method: &'static str,
    /// Path as the router spells it (`{name}` parameters).
    pub path: &'static str,
    /// Group.
    pub tag: &'static str,
    /// One line.
    pub summary: &'static str,
    /// Who may call it.
    pub access: Access,
    /// Request body.
    pub body: Body,
    /// Parameters.
    pub params: &'static [Param],
    /// Success answers.
    pub ok: &'static [Success],
    /// Error statuses besides the ones implied by access and body
    /// (401/403, 400/413) and 500.
    pub errors: &'static [u16],
}

// One row of the table reads best as one call.
#[allow(clippy::too_many_arguments)]
const fn op(
    method: &'static str,
    path: &'static str,
    tag: &'static str,
    summary: &'static str,
    access: Access,
    body: Body,
    ok: &'static [Success],
    errors: &'static [u16],
) -> Operation {
    Operation {
        method,
        path,
        tag,
        summary,
        access,
        body,
        params: &[],
        ok,
        errors,
    }
}

const fn with_params(mut o: Operation, params: &'static [Param]) -> Operation {
    o.params = params;
    o
}

use Access::{Admin, Authority, Practitioner, Public};
use Body::{Image, Json};

const ACCOUNT_ID: &[Param] = &[Param::PathInt("account_id")];

/// Every operation of `routes::api` (the dev outbox only in demo mode).
pub const OPERATIONS: &[Operation] = &[
    op(
        "GET",
        "/api/v1/health",
        "meta",
        "Liveness",
        Public,
        Body::None,
        &[Success::Json(200, "Health")],
        &[],
    ),
    op(
        "GET",
        "/api/v1/campaigns",
        "meta",
        "Every region's campaign: deadlines, and what happens after them",
        Public,
        Body::None,
        &[Success::JsonList(200, "Campaign")],
        &[],
    ),
    op(
        "GET",
        "/api/v1/authority/campaign",
        "authority",
        "The campaign in force in the authority's region, and the enclosing one",
        Authority,
        Body::None,
        &[Success::Json(200, "AuthorityCampaign")],
        &[],
    ),
    op(
        "PUT",
        "/api/v1/authority/campaign",
        "authority",
        "Set the region's campaign, within the enclosing one",
        Authority,
        Json("CampaignRequest"),
        &[Success::Json(200, "AuthorityCampaign")],
        &[422],
    ),
    op(
        "POST",
        "/api/v1/authority/reminders",
        "authority",
        "Remind the staff of the region's institutions (or one of them) who have not applied",
        Authority,
        Json("ReminderRequest"),
        &[Success::Json(200, "ReminderResult")],
        &[404, 422],
    ),
    op(
        "GET",
        "/api/v1/authority/reminders",
        "authority",
        "The region's reminders: sent, delivered, then applied (90 days)",
        Authority,
        Body::None,
        &[Success::Json(200, "ReminderFigures")],
        &[],
    ),
    op(
        "GET",
        "/api/openapi.json",
        "meta",
        "This document",
        Public,
        Body::None,
        &[Success::AnyJson(200)],
        &[],
    ),
    op(
        "GET",
        "/api/v1/photo-spec",
        "meta",
        "ID photo specification",
        Public,
        Body::None,
        &[Success::Json(200, "PhotoSpec")],
        &[],
    ),
    op(
        "POST",
        "/api/v1/session",
        "session",
        "Practitioner sign-in (sets the session cookie)",
        Public,
        Json("SignInRequest"),
        &[Success::Json(200, "Me")],
        &[401, 403, 422, 429, 503],
    ),
    op(
        "DELETE",
        "/api/v1/session",
        "session",
        "Sign out",
        Public,
        Body::None,
        &[Success::Empty(204)],
        &[],
    ),
    op(
        "POST",
        "/api/v1/institution/session",
        "session",
        "Institution admin sign-in",
        Public,
        Json("AdminSignInRequest"),
        &[Success::Json(200, "AdminMe")],
        &[401, 422, 429, 503],
    ),
    op(
        "DELETE",
        "/api/v1/institution/session",
        "session",
        "Admin sign out",
        Public,
        Body::None,
        &[Success::Empty(204)],
        &[],
    ),
    op(
        "POST",
        "/api/v1/registration",
        "registration",
        "Register an account for a registry record",
        Public,
        Json("RegisterRequest"),
        &[Success::Json(202, "CodeSent")],
        &[409, 422, 429, 503],
    ),
    op(
        "POST",
        "/api/v1/activation/code",
        "registration",
        "(Re)send the activation code",
        Public,
        Json("SendCodeRequest"),
        &[Success::Json(200, "CodeSent")],
        &[422, 429],
    ),
    op(
        "POST",
        "/api/v1/activation",
        "registration",
        "Activate with the code",
        Public,
        Json("VerifyCodeRequest"),
        &[Success::Empty(204)],
        &[422],
    ),
    op(
        "POST",
        "/api/v1/recovery/code",
        "recovery",
        "Path 1: code to a verified contact",
        Public,
        Json("SendCodeRequest"),
        &[Success::Json(200, "CodeSent")],
        &[422, 429],
    ),
    op(
        "POST",
        "/api/v1/recovery/code/verify",
        "recovery",
        "Path 1: the code gives a proof",
        Public,
        Json("VerifyCodeRequest"),
        &[Success::Json(200, "RecoveryProof")],
        &[422],
    ),
    op(
        "POST",
        "/api/v1/recovery/personal",
        "recovery",
        "Path 2: personal details",
        Public,
        Json("PersonalRecoveryRequest"),
        &[Success::Json(200, "RecoveryProof")],
        &[409, 422, 429],
    ),
    op(
        "POST",
        "/api/v1/recovery/questions",
        "recovery",
        "Path 3: the account's questions",
        Public,
        Json("QuestionsRequest"),
        &[Success::Json(200, "Questions")],
        &[422, 429],
    ),
    op(
        "POST",
        "/api/v1/recovery/answers",
        "recovery",
        "Path 3: the answers give a proof",
        Public,
        Json("AnswersRequest"),
        &[Success::Json(200, "RecoveryProof")],
        &[422, 429, 503],
    ),
    op(
        "POST",
        "/api/v1/recovery/reset",
        "recovery",
        "Set a new password with a proof",
        Public,
        Json("ResetPasswordRequest"),
        &[Success::Empty(204)],
        &[422, 503],
    ),
    op(
        "GET",
        "/api/v1/recovery/proof",
        "recovery",
        "The unspent recovery of this browser (proof cookie)",
        Public,
        Body::None,
        &[Success::Json(200, "PendingRecovery")],
        &[404],
    ),
    op(
        "GET",
        "/api/v1/me",
        "practitioner",
        "The signed-in practitioner",
        Practitioner,
        Body::None,
        &[Success::Json(200, "Me")],
        &[],
    ),
    op(
        "PUT",
        "/api/v1/me/title",
        "practitioner",
        "Ask for a title change (reviewed by the institution)",
        Practitioner,
        Json("TitleChangeRequest"),
        &[Success::Json(202, "Me")],
        &[422],
    ),
    op(
        "PUT",
        "/api/v1/me/photo",
        "practitioner",
        "Upload the ID photo (raw JPEG or PNG body)",
        Practitioner,
        Image,
        &[Success::Json(200, "Me")],
        &[415, 422, 429, 503],
    ),
    op(
        "GET",
        "/api/v1/me/photo",
        "practitioner",
        "The own ID photo",
        Practitioner,
        Body::None,
        &[Success::Jpeg(200)],
        &[404],
    ),
    op(
        "POST",
        "/api/v1/me/contacts/code",
        "practitioner",
        "Send a code to a new phone or email (re-authenticates)",
        Practitioner,
        Json("ContactCodeRequest"),
        &[Success::Json(200, "CodeSent")],
        &[409, 422, 429, 503],
    ),
    op(
        "PUT",
        "/api/v1/me/security-questions",
        "practitioner",
        "Set or change the security questions (re-authenticates)",
        Practitioner,
        Json("SecurityQuestionsRequest"),
        &[Success::Json(200, "Me")],
        &[415, 422, 429, 503],
    ),
    op(
        "POST",
        "/api/v1/me/contacts",
        "practitioner",
        "Confirm the new contact with its code",
        Practitioner,
        Json("ContactVerifyRequest"),
        &[Success::Json(200, "Me")],
        &[422],
    ),
    op(
        "POST",
        "/api/v1/applications",
        "practitioner",
        "Apply for the e-license (201 new, 200 repeat)",
        Practitioner,
        Body::None,
        &[
            Success::Json(201, "Application"),
            Success::Json(200, "Application"),
        ],
        &[422],
    ),
    op(
        "GET",
        "/api/v1/applications/current",
        "practitioner",
        "The own application",
        Practitioner,
        Body::None,
        &[Success::Json(200, "Application")],
        &[404],
    ),
    op(
        "GET",
        "/api/v1/license",
        "license",
        "The own signed e-license",
        Practitioner,
        Body::None,
        &[Success::Json(200, "IssuedLicense")],
        &[404],
    ),
    op(
        "GET",
        "/api/v1/license/photo",
        "license",
        "The ID photo on the own e-license (the stored photo whose SHA-256 the licence signs)",
        Practitioner,
        Body::None,
        &[Success::Jpeg(200)],
        &[404],
    ),
    op(
        "GET",
        "/api/v1/license/public-key",
        "license",
        "The key that signs e-licenses now, and every key that may still verify one",
        Public,
        Body::None,
        &[Success::Json(200, "LicensePublicKey")],
        &[404],
    ),
    op(
        "GET",
        "/api/v1/license/revocations",
        "license",
        "The e-licenses revoked before their end date, for offline checks",
        Public,
        Body::None,
        &[Success::Json(200, "LicenseRevocations")],
        &[],
    ),
    with_params(
        op(
            "GET",
            "/api/v1/license/{id}/status",
            "license",
            "Public status of an e-license",
            Public,
            Body::None,
            &[Success::Json(200, "LicenseStatusBody")],
            &[400, 404, 422],
        ),
        &[Param::PathStr("id"), Param::Query("sig", "string", false)],
    ),
    op(
        "POST",
        "/api/v1/institution/password",
        "institution",
        "Replace the password (first the one-time password the authority issued)",
        Admin,
        Json("ChangePasswordRequest"),
        &[Success::Empty(204)],
        &[429, 503],
    ),
    op(
        "POST",
        "/api/v1/authority/session",
        "authority",
        "Health authority sign-in (sets the authority cookie)",
        Public,
        Json("AuthoritySignInRequest"),
        &[Success::Json(200, "AuthorityMe")],
        &[401, 429, 503],
    ),
    op(
        "DELETE",
        "/api/v1/authority/session",
        "authority",
        "Authority sign out",
        Public,
        Body::None,
        &[Success::Empty(204)],
        &[],
    ),
    op(
        "GET",
        "/api/v1/authority/me",
        "authority",
        "The signed-in authority administrator",
        Authority,
        Body::None,
        &[Success::Json(200, "AuthorityMe")],
        &[],
    ),
    op(
        "POST",
        "/api/v1/authority/password",
        "authority",
        "Replace the password (first the one-time one)",
        Authority,
        Json("ChangePasswordRequest"),
        &[Success::Empty(204)],
        &[429, 503],
    ),
    op(
        "POST",
        "/api/v1/authority/accounts",
        "authority",
        "Another administrator of the authority or of a division within it",
        Authority,
        Json("NewAuthorityAccountRequest"),
        &[Success::Json(201, "IssuedPassword")],
        &[409, 503],
    ),
    op(
        "GET",
        "/api/v1/authority/institutions",
        "authority",
        "The region's institutions and their administrator accounts",
        Authority,
        Body::None,
        &[Success::JsonList(200, "AuthorityInstitution")],
        &[],
    ),
    op(
        "POST",
        "/api/v1/authority/institutions",
        "authority",
        "Register an institution of the region",
        Authority,
        Json("NewInstitutionRequest"),
        &[Success::Json(201, "AuthorityInstitution")],
        &[409],
    ),
    with_params(
        op(
            "POST",
            "/api/v1/authority/institutions/{id}/admins",
            "authority",
            "Issue an administrator account (one-time password)",
            Authority,
            Json("IssueAdminRequest"),
            &[Success::Json(201, "IssuedPassword")],
            &[400, 404, 409, 503],
        ),
        &[Param::PathInt("id")],
    ),
    with_params(
        op(
            "POST",
            "/api/v1/authority/admins/{account_id}/reissue",
            "authority",
            "Re-issue an administrator account (new one-time password; its sessions end)",
            Authority,
            Body::None,
            &[Success::Json(200, "IssuedPassword")],
            &[404, 503],
        ),
        ACCOUNT_ID,
    ),
    with_params(
        op(
            "POST",
            "/api/v1/authority/admins/{account_id}/disable",
            "authority",
            "Disable an administrator account (its sessions end)",
            Authority,
            Body::None,
            &[Success::Empty(204)],
            &[404],
        ),
        ACCOUNT_ID,
    ),
    op(
        "GET",
        "/api/v1/authority/follow-up",
        "authority",
        "The region's institutions counted, most endangered first",
        Authority,
        Body::None,
        &[Success::JsonList(200, "InstitutionFollowUp")],
        &[],
    ),
    op(
        "GET",
        "/api/v1/authority/follow-up.csv",
        "authority",
        "The same follow-up as CSV for Excel",
        Authority,
        Body::None,
        &[Success::Csv(200)],
        &[],
    ),
    op(
        "GET",
        "/api/v1/authority/follow-up/regions",
        "authority",
        "The divisions one level below the authority's, counted",
        Authority,
        Body::None,
        &[Success::JsonList(200, "RegionFollowUp")],
        &[],
    ),
    with_params(
        op(
            "POST",
            "/api/v1/institution/administrator-change",
            "institution",
            "Ask the health authority to change the administrator (the stamped receipt as the raw body)",
            Admin,
            Body::Receipt,
            &[Success::Json(201, "AdministratorChange")],
            &[409, 503],
        ),
        &[
            Param::Query("name", "string", true),
            Param::Query("username", "string", true),
            Param::Query("phone", "string", true),
            Param::Query("email", "string", false),
        ],
    ),
    op(
        "GET",
        "/api/v1/institution/administrator-change",
        "institution",
        "The institution's newest administrator-change request",
        Admin,
        Body::None,
        &[Success::Json(200, "LatestAdministratorChange")],
        &[],
    ),
    op(
        "GET",
        "/api/v1/authority/administrator-changes",
        "authority",
        "The region's pending administrator-change requests",
        Authority,
        Body::None,
        &[Success::JsonList(200, "PendingAdministratorChange")],
        &[],
    ),
    with_params(
        op(
            "GET",
            "/api/v1/authority/administrator-changes/{id}/receipt",
            "authority",
            "The stamped receipt of a request of the region",
            Authority,
            Body::None,
            &[Success::Receipt(200)],
            &[400, 404],
        ),
        &[Param::PathInt("id")],
    ),
    with_params(
        op(
            "POST",
            "/api/v1/authority/administrator-changes/{id}/approve",
            "authority",
            "Approve: the old administrators are disabled, the new one is issued an account",
            Authority,
            Body::None,
            &[Success::Json(201, "IssuedPassword")],
            &[400, 404, 409, 503],
        ),
        &[Param::PathInt("id")],
    ),
    with_params(
        op(
            "POST",
            "/api/v1/authority/administrator-changes/{id}/reject",
            "authority",
            "Reject with a reason the institution sees",
            Authority,
            Json("RejectAdministratorChange"),
            &[Success::Empty(204)],
            &[404, 409],
        ),
        &[Param::PathInt("id")],
    ),
    op(
        "GET",
        "/api/v1/authority/deregistrations",
        "authority",
        "The region's deregistration cases waiting for confirmation, oldest first",
        Authority,
        Body::None,
        &[Success::JsonList(200, "AuthorityDeregistration")],
        &[],
    ),
    with_params(
        op(
            "POST",
            "/api/v1/authority/deregistrations/{id}/confirm",
            "authority",
            "Confirm a deregistration case: the registry records its outcome, the e-license is revoked",
            Authority,
            Body::None,
            &[Success::Json(200, "AuthorityDeregistration")],
            &[404, 409],
        ),
        &[Param::PathInt("id")],
    ),
    with_params(
        op(
            "POST",
            "/api/v1/authority/deregistrations/{id}/return",
            "authority",
            "Return a deregistration case to the institution with a reason",
            Authority,
            Json("ReturnDeregistrationRequest"),
            &[Success::Json(200, "AuthorityDeregistration")],
            &[404, 409, 422],
        ),
        &[Param::PathInt("id")],
    ),
    op(
        "GET",
        "/api/v1/institution/me",
        "institution",
        "The signed-in admin",
        Admin,
        Body::None,
        &[Success::Json(200, "AdminMe")],
        &[404],
    ),
    with_params(
        op(
            "GET",
            "/api/v1/institution/staff",
            "institution",
            "Roster with application rate",
            Admin,
            Body::None,
            &[Success::Json(200, "Roster")],
            &[400, 422],
        ),
        &[
            Param::Query("system", "System", false),
            Param::Query("status", "PracticeStatus", false),
            Param::Query("not_applied", "boolean", false),
            Param::Query("unmet", "CriterionCode", false),
            Param::Query("registration_change", "boolean", false),
            Param::Query("q", "string", false),
            Param::Query("sort", "RosterSort", false),
            Param::Query("page", "integer", false),
            Param::Query("per_page", "integer", false),
        ],
    ),
    with_params(
        op(
            "GET",
            "/api/v1/institution/staff.csv",
            "institution",
            "The roster with each person's unmet criteria, as CSV for Excel (the roster's filters, every page)",
            Admin,
            Body::None,
            &[Success::Csv(200)],
            &[400, 422],
        ),
        &[
            Param::Query("system", "System", false),
            Param::Query("status", "PracticeStatus", false),
            Param::Query("not_applied", "boolean", false),
            Param::Query("unmet", "CriterionCode", false),
            Param::Query("registration_change", "boolean", false),
            Param::Query("q", "string", false),
            Param::Query("sort", "RosterSort", false),
        ],
    ),
    with_params(
        op(
            "DELETE",
            "/api/v1/institution/staff/{account_id}",
            "institution",
            "Delete a staff account (recovery path 4)",
            Admin,
            Body::None,
            &[Success::Empty(204)],
            &[400, 404],
        ),
        ACCOUNT_ID,
    ),
    with_params(
        op(
            "GET",
            "/api/v1/institution/staff/{account_id}/photo",
            "institution",
            "A staff member's ID photo",
            Admin,
            Body::None,
            &[Success::Jpeg(200)],
            &[400, 404],
        ),
        ACCOUNT_ID,
    ),
    with_params(
        op(
            "GET",
            "/api/v1/institution/staff/{account_id}/photo/previous",
            "institution",
            "The approved photo a pending one replaces (while under review)",
            Admin,
            Body::None,
            &[Success::Jpeg(200)],
            &[400, 404],
        ),
        ACCOUNT_ID,
    ),
    with_params(
        op(
            "GET",
            "/api/v1/institution/reviews",
            "institution",
            "One page of the photos and title changes to review, oldest first",
            Admin,
            Body::None,
            &[Success::Json(200, "ReviewQueue")],
            &[400, 422],
        ),
        &[
            Param::Query("kind", "string", false),
            Param::Query("page", "integer", false),
            Param::Query("per_page", "integer", false),
        ],
    ),
    op(
        "POST",
        "/api/v1/institution/reviews/photo",
        "institution",
        "Approve or reject many photos at once (each decision audited)",
        Admin,
        Json("BulkReviewDecision"),
        &[Success::Json(200, "BulkReviewOutcome")],
        &[400, 422],
    ),
    op(
        "POST",
        "/api/v1/institution/reviews/title",
        "institution",
        "Approve or reject many title changes at once (each decision audited)",
        Admin,
        Json("BulkReviewDecision"),
        &[Success::Json(200, "BulkReviewOutcome")],
        &[400, 422],
    ),
    with_params(
        op(
            "POST",
            "/api/v1/institution/reviews/photo/{account_id}",
            "institution",
            "Approve or reject a photo",
            Admin,
            Json("ReviewDecision"),
            &[Success::Empty(204)],
            &[404, 422],
        ),
        ACCOUNT_ID,
    ),
    with_params(
        op(
            "POST",
            "/api/v1/institution/reviews/title/{account_id}",
            "institution",
            "Approve or reject a title change",
            Admin,
            Json("ReviewDecision"),
            &[Success::Empty(204)],
            &[404, 422],
        ),
        ACCOUNT_ID,
    ),
    with_params(
        op(
            "GET",
            "/api/v1/institution/deleted-accounts",
            "institution",
            "Registry records whose account the institution deleted, not registered again",
            Admin,
            Body::None,
            &[Success::Json(200, "DeletedAccountPage")],
            &[400, 422],
        ),
        &[
            Param::Query("page", "integer", false),
            Param::Query("per_page", "integer", false),
        ],
    ),
    with_params(
        op(
            "GET",
            "/api/v1/institution/zombies",
            "institution",
            "One page of the dormant-registration candidates, by name",
            Admin,
            Body::None,
            &[Success::Json(200, "ZombiePage")],
            &[400, 422],
        ),
        &[
            Param::Query("system", "string", false),
            Param::Query("reason", "string", false),
            Param::Query("q", "string", false),
            Param::Query("page", "integer", false),
            Param::Query("per_page", "integer", false),
        ],
    ),
    op(
        "POST",
        "/api/v1/institution/deregistrations",
        "institution",
        "Ask to file or cancel a dormant registration (pending until the region's authority confirms it)",
        Admin,
        Json("DeregistrationRequest"),
        &[Success::Json(201, "Deregistration")],
        &[404, 409, 422],
    ),
    op(
        "GET",
        "/api/v1/institution/deregistrations",
        "institution",
        "Deregistration cases",
        Admin,
        Body::None,
        &[Success::JsonList(200, "Deregistration")],
        &[],
    ),
    op(
        "GET",
        "/api/v1/institution/deregistrations.csv",
        "institution",
        "Deregistration cases as CSV (UTF-8 with BOM)",
        Admin,
        Body::None,
        &[Success::Csv(200)],
        &[],
    ),
    op(
        "GET",
        "/api/v1/institution/licence",
        "institution",
        "The institution's own e-license: checklist, application and the signed licence once issued",
        Admin,
        Body::None,
        &[Success::Json(200, "InstitutionLicence")],
        &[404],
    ),
    op(
        "POST",
        "/api/v1/institution/licence/application",
        "institution",
        "Apply for the institution's e-license, issued at once (201 new, 200 repeat)",
        Admin,
        Body::None,
        &[
            Success::Json(201, "Application"),
            Success::Json(200, "Application"),
        ],
        &[404, 422],
    ),
    op(
        "GET",
        "/api/v1/institution/dashboard",
        "institution",
        "Counts, blockers and follow-ups",
        Admin,
        Body::None,
        &[Success::Json(200, "Dashboard")],
        &[],
    ),
    op(
        "POST",
        "/api/v1/institution/reminders",
        "institution",
        "Remind the staff who have not applied (or are blocked by a criterion)",
        Admin,
        Json("ReminderRequest"),
        &[Success::Json(200, "ReminderResult")],
        &[400, 404, 422],
    ),
    op(
        "GET",
        "/api/v1/institution/reminders",
        "institution",
        "Reminders sent, delivered, then applied (90 days)",
        Admin,
        Body::None,
        &[Success::Json(200, "ReminderFigures")],
        &[],
    ),
    with_params(
        op(
            "GET",
            "/api/v1/institution/needs-help",
            "institution",
            "One page of a dashboard list (missing_photo, not_activated)",
            Admin,
            Body::None,
            &[Success::Json(200, "StaffRefPage")],
            &[400, 422],
        ),
        &[
            Param::Query("list", "string", true),
            Param::Query("page", "integer", false),
            Param::Query("per_page", "integer", false),
        ],
    ),
    with_params(
        op(
            "GET",
            "/api/dev/outbox",
            "dev",
            "Demo mode only: messages sent to a contact",
            Public,
            Body::None,
            &[Success::JsonList(200, "OutboxMessage")],
            &[400],
        ),
        &[Param::Query("to", "string", true)],
    ),
];

/// The component schemas: every body type, with what it references.
#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "E-license portal API",
        description = "电子证照申领 API for physicians, nurses and their institutions. Errors share one shape (`ErrorBody`) with a stable code; messages follow `Accept-Language` (zh-CN default, `en`).",
        version = "1"
    ),
    components(schemas(
        rules::api::Health,
        rules::api::SignInRequest,
        rules::api::Me,
        rules::api::AdminSignInRequest,
        rules::api::AdminMe,
        rules::api::authority::AuthoritySignInRequest,
        rules::api::authority::AuthorityMe,
        rules::api::authority::ChangePasswordRequest,
        rules::api::authority::NewInstitutionRequest,
        rules::api::authority::AdminAccountState,
        rules::api::authority::IssuedAccount,
        rules::api::authority::AuthorityInstitution,
        rules::api::authority::IssueAdminRequest,
        rules::api::authority::IssuedPassword,
        rules::api::authority::NewAuthorityAccountRequest,
        rules::api::authority::InstitutionFollowUp,
        rules::api::authority::RegionFollowUp,
        rules::api::administrator_change::ChangeStatus,
        rules::api::administrator_change::AdministratorChange,
        rules::api::administrator_change::LatestAdministratorChange,
        rules::api::administrator_change::PendingAdministratorChange,
        rules::api::administrator_change::RejectAdministratorChange,
        rules::api::authority_deregistrations::AuthorityDeregistration,
        rules::api::authority_deregistrations::ReturnDeregistrationRequest,
        rules::api::DeregistrationState,
        rules::api::RegisterRequest,
        rules::api::CodeSent,
        rules::api::SendCodeRequest,
        rules::api::VerifyCodeRequest,
        rules::api::RecoveryProof,
        rules::api::PendingRecovery,
        rules::api::PersonalRecoveryRequest,
        rules::api::QuestionsRequest,
        rules::api::Questions,
        rules::api::AnswersRequest,
        rules::api::ResetPasswordRequest,
        rules::api::TitleChangeRequest,
        rules::api::ContactCodeRequest,
        rules::api::SecurityQuestionsRequest,
        rules::api::ContactVerifyRequest,
        rules::api::Application,
        rules::api::IssuedLicense,
        rules::api::LicensePublicKey,
        rules::api::VerificationKey,
        rules::api::LicenseRevocations,
        rules::api::LicenseStatusBody,
        rules::api::Roster,
        rules::api::ReviewItem,
        rules::api::ReviewQueue,
        rules::api::ReviewDecision,
        rules::api::BulkReviewDecision,
        rules::api::BulkReviewOutcome,
        rules::api::StaffRefPage,
        rules::photo_rejection::PhotoRejection,
        rules::api::ZombieCandidate,
        rules::api::ZombiePage,
        rules::api::DeletedAccount,
        rules::api::DeletedAccountPage,
        rules::api::DeregistrationRequest,
        rules::api::Deregistration,
        rules::api::InstitutionLicence,
        rules::api::Dashboard,
        rules::api::ReminderRequest,
        rules::api::ReminderResult,
        rules::api::ReminderFigures,
        rules::api::campaign::CampaignRequest,
        rules::api::campaign::AuthorityCampaign,
        rules::Campaign,
        rules::AfterDeadline,
        rules::api::OutboxMessage,
        rules::api::ErrorBody,
        rules::api::OtherLanguage,
        rules::api::NotEligibleBody,
        rules::photo_spec::PhotoSpec,
        rules::System,
        rules::PracticeStatus,
        rules::CriterionCode,
        rules::api::roster::RosterSort,
    ))
)]
struct Schemas;

fn reference(name: &str) -> RefOr<Schema> {
    RefOr::Ref(Ref::from_schema_name(name))
}

fn inline(kind: &str) -> RefOr<Schema> {
    match kind {
        "string" => ObjectBuilder::new().schema_type(Type::String).into(),
        "boolean" => ObjectBuilder::new().schema_type(Type::Boolean).into(),
        "integer" => ObjectBuilder::new()
            .schema_type(Type::Integer)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
            .into(),
        name => reference(name),
    }
}

fn json_content(schema: RefOr<Schema>) -> utoipa::openapi::Content {
    ContentBuilder::new().schema(Some(schema)).build()
}

fn binary() -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
        .into()
}

fn error_description(status: u16) -> &'static str {
    match status {
        400 => "Malformed request (`request.malformed`)",
        401 => "Not signed in, or wrong credentials",
        403 => "Signed in with another role (`auth.forbidden`); the account is not activated (`auth.not_activated`); or, for a state-changing request, it came from another site (`request.cross_site`) or with a body type a form can send (`request.content_type`)",
        404 => "Not found, or not visible to the caller (`not_found`)",
        409 => "Conflicts with the current state",
        413 => "Body too large (`request.too_large`)",
        415 => "Unsupported media type (`photo.unsupported_format`)",
        422 => "Validation or a business rule refused it (see `error.code`, `error.fields`)",
        429 => "Too many attempts; see `Retry-After`",
        503 => "Busy: too much of this work at once (`server.busy`); see `Retry-After`",
        _ => "Internal error (`internal`)",
    }
}

/// Every error status of an operation, sorted.
pub fn error_statuses(o: &Operation) -> Vec<u16> {
    let mut out: Vec<u16> = o.errors.to_vec();
    if o.access != Access::Public {
        out.extend([401, 403]);
    }
    // crate::csrf refuses cross-site requests and form body types.
    if o.method != "GET" {
        out.push(403);
    }
    match o.body {
        Body::Json(_) => out.extend([400, 413, 422]),
        Body::Image => out.extend([400, 413, 415, 422]),
        Body::Receipt => out.extend([400, 413, 422]),
        Body::None => {}
    }
    out.push(500);
    out.sort_unstable();
    out.dedup();
    out
}

/// Every success status of an operation.
pub fn ok_statuses(o: &Operation) -> Vec<u16> {
    o.ok.iter()
        .map(|ok| match *ok {
            Success::Json(s, _)
            | Success::JsonList(s, _)
            | Success::Jpeg(s)
            | Success::Csv(s)
            | Success::Receipt(s)
            | Success::AnyJson(s)
            | Success::Empty(s) => s,
        })
        .collect()
}

fn method(name: &str) -> HttpMethod {
    match name {
        "POST" => HttpMethod::Post,
        "PUT" => HttpMethod::Put,
        "DELETE" => HttpMethod::Delete,
        _ => HttpMethod::Get,
    }
}

fn operation_id(o: &Operation) -> String {
    let mut id = o.method.to_ascii_lowercase();
    for part in o.path.trim_start_matches("/api/").split(['/', '-', '.']) {
        let part = part.trim_matches(['{', '}']);
        if !part.is_empty() {
            id.push('_');
            id.push_str(part);
        }
    }
    id
}

fn build_operation(o: &Operation) -> utoipa::openapi::path::Operation {
    let mut b = OperationBuilder::new()
        .tag(o.tag)
        .summary(Some(o.summary))
        .operation_id(Some(operation_id(o)));
    for p in o.params {
        let param = match *p {
            Param::PathInt(name) => ParameterBuilder::new()
                .name(name)
                .parameter_in(ParameterIn::Path)
                .required(Required::True)
                .schema(Some(inline("integer"))),
            Param::PathStr(name) => ParameterBuilder::new()
                .name(name)
                .parameter_in(ParameterIn::Path)
                .required(Required::True)
                .schema(Some(inline("string"))),
            Param::Query(name, kind, required) => ParameterBuilder::new()
                .name(name)
                .parameter_in(ParameterIn::Query)
                .required(if required {
                    Required::True
                } else {
                    Required::False
                })
                .schema(Some(inline(kind))),
        };
        b = b.parameter(param.build());
    }
    match o.body {
        Body::None => {}
        Body::Json(schema) => {
            b = b.request_body(Some(
                RequestBodyBuilder::new()
                    .required(Some(Required::True))
                    .content("application/json", json_content(reference(schema)))
                    .build(),
            ));
        }
        Body::Image => {
            b = b.request_body(Some(
                RequestBodyBuilder::new()
                    .required(Some(Required::True))
                    .description(Some("The image bytes, at most 2 MiB"))
                    .content("image/jpeg", json_content(binary()))
                    .content("image/png", json_content(binary()))
                    .build(),
            ));
        }
        Body::Receipt => {
            b = b.request_body(Some(
                RequestBodyBuilder::new()
                    .required(Some(Required::True))
                    .description(Some("The receipt's bytes, at most 5 MiB"))
                    .content("application/pdf", json_content(binary()))
                    .content("image/jpeg", json_content(binary()))
                    .content("image/png", json_content(binary()))
                    .build(),
            ));
        }
    }
    for ok in o.ok {
        let (status, resp) = match *ok {
            Success::Json(s, schema) => (
                s,
                ResponseBuilder::new()
                    .description("Success")
                    .content("application/json", json_content(reference(schema))),
            ),
            Success::JsonList(s, schema) => (
                s,
                ResponseBuilder::new().description("Success").content(
                    "application/json",
                    json_content(ArrayBuilder::new().items(reference(schema)).into()),
                ),
            ),
            Success::AnyJson(s) => (
                s,
                ResponseBuilder::new().description("Success").content(
                    "application/json",
                    json_content(ObjectBuilder::new().schema_type(Type::Object).into()),
                ),
            ),
            Success::Empty(s) => (s, ResponseBuilder::new().description("Done, no content")),
            Success::Jpeg(s) => (
                s,
                ResponseBuilder::new()
                    .description("The photo (private, no-store, nosniff)")
                    .content("image/jpeg", json_content(binary())),
            ),
            Success::Receipt(s) => (
                s,
                ResponseBuilder::new()
                    .description("The receipt (attachment, private, no-store, nosniff)")
                    .content("application/pdf", json_content(binary()))
                    .content("image/jpeg", json_content(binary())),
            ),
            Success::Csv(s) => (
                s,
                ResponseBuilder::new()
                    .description("CSV, UTF-8 with BOM")
                    .content(
                        "text/csv",
                        json_content(ObjectBuilder::new().schema_type(Type::String).into()),
                    ),
            ),
        };
        b = b.response(status.to_string(), resp.build());
    }
    let not_eligible =
        o.path.ends_with("/applications") || o.path.ends_with("/licence/application");
    for status in error_statuses(o) {
        let schema = if status == 422 && not_eligible {
            "NotEligibleBody"
        } else {
            "ErrorBody"
        };
        let mut response = ResponseBuilder::new()
            .description(error_description(status))
            .content("application/json", json_content(reference(schema)));
        if status == 429 || status == 503 {
            let mut retry = utoipa::openapi::header::Header::new(inline("integer"));
            retry.description = Some("Seconds until the next attempt is accepted".into());
            response = response.header("Retry-After", retry);
        }
        b = b.response(status.to_string(), response.build());
    }
    match o.access {
        Access::Public => {}
        Access::Authority => {
            b = b.security(SecurityRequirement::new(
                "authority_session",
                Vec::<String>::new(),
            ));
        }
        _ => b = b.security(SecurityRequirement::new("session", Vec::<String>::new())),
    }
    b.build()
}

/// Builds the document.
pub fn document() -> OpenApi {
    let mut doc = Schemas::openapi();
    for o in OPERATIONS {
        doc.paths
            .add_path_operation(o.path, vec![method(o.method)], build_operation(o));
    }
    if let Some(components) = doc.components.as_mut() {
        // Documented under their plain-HTTP names (`__Host-` prefixed when
        // PORTAL_PUBLIC_URL is https).
        use crate::cookies::{Cookie, Cookies};
        let plain = Cookies::new(false);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
                plain.name(Cookie::Session),
            ))),
        );
        components.add_security_scheme(
            "authority_session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
                plain.name(Cookie::AuthoritySession),
            ))),
        );
    }
    doc
}

/// `GET /api/openapi.json`
pub async fn serve() -> Response {
    static JSON: OnceLock<String> = OnceLock::new();
    let json = JSON.get_or_init(|| {
        document()
            .to_pretty_json()
            .unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
    });
    let mut resp = json.clone().into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    resp
}
