//! The OpenAPI document against the router and the real answers.

use std::collections::BTreeSet;

use axum::routing::{get, post};
use serde_json::{json, Value};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::helpers::{json, TestApp, DEMO_PASSWORD};

fn documented(doc: &Value) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            if ["get", "post", "put", "delete"].contains(&method.as_str()) {
                out.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    out
}

/// A small JSON Schema check covering what utoipa emits.
fn validate(doc: &Value, schema: &Value, v: &Value, at: &str) -> Result<(), String> {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/components/schemas/");
        let target = &doc["components"]["schemas"][name];
        if target.is_null() {
            return Err(format!("{at}: dangling $ref {r}"));
        }
        return validate(doc, target, v, at);
    }
    if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
        for s in all {
            validate(doc, s, v, at)?;
        }
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(options) = schema.get(key).and_then(Value::as_array) {
            let ok = options
                .iter()
                .filter(|s| validate(doc, s, v, at).is_ok())
                .count();
            if ok == 0 || (key == "oneOf" && ok > 1) {
                return Err(format!("{at}: {ok} of the {key} options match {v}"));
            }
        }
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        if !values.contains(v) {
            return Err(format!("{at}: {v} not in {values:?}"));
        }
    }
    if let Some(t) = schema.get("type") {
        let types: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let fits = types.iter().any(|t| match *t {
            "null" => v.is_null(),
            "boolean" => v.is_boolean(),
            "integer" => v.is_i64() || v.is_u64(),
            "number" => v.is_number(),
            "string" => v.is_string(),
            "array" => v.is_array(),
            "object" => v.is_object(),
            _ => false,
        });
        if !fits {
            return Err(format!("{at}: {v} is not {types:?}"));
        }
    }
    if let (Some(obj), Some(props)) = (
        v.as_object(),
        schema.get("properties").and_then(Value::as_object),
    ) {
        for (k, s) in props {
            if let Some(value) = obj.get(k) {
                validate(doc, s, value, &format!("{at}.{k}"))?;
            }
        }
        if schema.get("additionalProperties") == Some(&Value::Bool(false)) {
            if let Some(extra) = obj.keys().find(|k| !props.contains_key(*k)) {
                return Err(format!("{at}: unexpected property {extra}"));
            }
        }
    }
    if let (Some(obj), Some(required)) = (
        v.as_object(),
        schema.get("required").and_then(Value::as_array),
    ) {
        for r in required.iter().filter_map(Value::as_str) {
            if !obj.contains_key(r) {
                return Err(format!("{at}: missing required {r}"));
            }
        }
    }
    if let (Some(items), Some(schema)) = (v.as_array(), schema.get("items")) {
        for (i, item) in items.iter().enumerate() {
            validate(doc, schema, item, &format!("{at}[{i}]"))?;
        }
    }
    Ok(())
}

/// Checks an answer against the document: status documented, JSON body
/// valid against its schema.
async fn check(doc: &Value, method: &str, path: &str, resp: reqwest::Response) -> (u16, Value) {
    let status = resp.status().as_u16();
    let content_type = resp
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let op = &doc["paths"][path][method.to_lowercase()];
    let documented = &op["responses"][status.to_string()];
    assert!(
        !documented.is_null(),
        "{method} {path}: status {status} is not documented"
    );
    let body = if content_type.starts_with("application/json") {
        let body: Value = resp.json().await.unwrap();
        let schema = &documented["content"]["application/json"]["schema"];
        assert!(
            !schema.is_null(),
            "{method} {path} {status}: JSON answer, none documented"
        );
        if let Err(e) = validate(doc, schema, &body, "body") {
            panic!("{method} {path} {status}: {e}\n{body}");
        }
        body
    } else {
        let content = documented["content"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        if status != 204 {
            let media = content_type
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_owned();
            assert!(
                content.contains_key(&media),
                "{method} {path} {status}: {media} not documented"
            );
        }
        Value::Null
    };
    (status, body)
}

async fn document(app: &TestApp) -> Value {
    let (status, doc) = json(app.get("/api/openapi.json").await).await;
    assert_eq!(status, 200);
    doc
}

#[tokio::test]
async fn every_operation_documents_its_errors_and_every_reference_resolves() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let documented = documented(&doc);
    assert!(documented.len() > 80, "{documented:?}");
    // The served document is the one the router was built with.
    assert_eq!(
        doc,
        serde_json::to_value(server::openapi::document()).unwrap()
    );
    // Every operation documents its errors with the error schema, and every
    // $ref resolves.
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            // Said by the handler: its doc comment and its tag.
            assert!(
                op["summary"].as_str().is_some_and(|s| !s.is_empty()),
                "{method} {path}: no summary (the handler's doc comment)"
            );
            assert!(op["tags"][0].is_string(), "{method} {path}: no tag");
            let responses = op["responses"].as_object().unwrap();
            assert!(responses.contains_key("500"), "{method} {path}");
            for (status, r) in responses {
                if status.starts_with('4') || status.starts_with('5') {
                    let r = r["content"]["application/json"]["schema"]["$ref"]
                        .as_str()
                        .unwrap_or("");
                    assert!(
                        r.ends_with("/ErrorBody") || r.ends_with("/NotEligibleBody"),
                        "{method} {path} {status}"
                    );
                }
            }
        }
    }
    let text = serde_json::to_string(&doc).unwrap();
    for r in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = r.split('"').next().unwrap();
        assert!(
            !doc["components"]["schemas"][name].is_null(),
            "dangling {name}"
        );
    }
}

#[tokio::test]
async fn every_operation_answers_a_documented_status_when_called_blindly() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;
    for (method, path) in documented(&doc) {
        let url = app.url(&path.replace("{account_id}", "1").replace("{id}", "X"));
        let client = app.other_client();
        let req = match method.as_str() {
            "GET" => client.get(&url),
            "DELETE" => client.delete(&url),
            "PUT" => client.put(&url).json(&json!({})),
            _ => client.post(&url).json(&json!({})),
        };
        check(&doc, &method, &path, req.send().await.unwrap()).await;
    }
    // Signed in with the other role: 403 is documented where it applies.
    app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    let resp = app.get("/api/v1/institution/dashboard").await;
    assert_eq!(
        check(&doc, "GET", "/api/v1/institution/dashboard", resp)
            .await
            .0,
        403
    );
}

#[tokio::test]
async fn happy_path_answers_match_their_schemas() {
    let app = TestApp::spawn().await;
    let doc = document(&app).await;
    for path in [
        "/api/v1/health",
        "/api/v1/photo-spec",
        "/api/v1/license/public-key",
    ] {
        let (status, _) = check(&doc, "GET", path, app.get(path).await).await;
        assert_eq!(status, 200, "{path}");
    }
    let resp = app.sign_in("physician", "zhangwei", DEMO_PASSWORD).await;
    assert_eq!(check(&doc, "POST", "/api/v1/session", resp).await.0, 200);
    let resp = app.post("/api/v1/applications", &json!({})).await;
    assert_eq!(
        check(&doc, "POST", "/api/v1/applications", resp).await.0,
        201
    );
    let resp = app
        .put("/api/v1/me/title", &json!({"title": "chief_physician"}))
        .await;
    assert_eq!(check(&doc, "PUT", "/api/v1/me/title", resp).await.0, 202);
    for path in [
        "/api/v1/me",
        "/api/v1/applications/current",
        "/api/v1/license",
    ] {
        let (status, _) = check(&doc, "GET", path, app.get(path).await).await;
        assert_eq!(status, 200, "{path}");
    }
    // A not-eligible application answers the documented NotEligibleBody.
    app.sign_in("physician", "liqiang", DEMO_PASSWORD).await;
    let resp = app.post("/api/v1/applications", &json!({})).await;
    assert_eq!(
        check(&doc, "POST", "/api/v1/applications", resp).await.0,
        422
    );

    let resp = app.sign_in_admin("admin_a").await;
    assert_eq!(
        check(&doc, "POST", "/api/v1/institution/session", resp)
            .await
            .0,
        200
    );
    for path in [
        "/api/v1/institution/me",
        "/api/v1/institution/staff",
        "/api/v1/institution/reviews",
        "/api/v1/institution/zombies",
        "/api/v1/institution/dashboard",
        "/api/v1/institution/licence",
        "/api/v1/institution/deregistrations",
        "/api/v1/institution/deregistrations.csv",
    ] {
        let (status, _) = check(&doc, "GET", path, app.get(path).await).await;
        assert_eq!(status, 200, "{path}");
    }
    let (_, zombies) = json(app.get("/api/v1/institution/zombies").await).await;
    let z = &zombies["items"][0];
    let resp = app
        .post(
            "/api/v1/institution/deregistrations",
            &json!({"practitioner_id": z["practitioner_id"], "reason": z["reasons"][0], "note": "核实"}),
        )
        .await;
    assert_eq!(
        check(&doc, "POST", "/api/v1/institution/deregistrations", resp)
            .await
            .0,
        201
    );
    let resp = app
        .post("/api/v1/institution/licence/application", &json!({}))
        .await;
    assert_eq!(
        check(
            &doc,
            "POST",
            "/api/v1/institution/licence/application",
            resp
        )
        .await
        .0,
        201
    );
    let resp = app.get("/api/v1/institution/staff?system=dentist").await;
    assert_eq!(
        check(&doc, "GET", "/api/v1/institution/staff", resp)
            .await
            .0,
        400
    );
    let resp = app.delete("/api/v1/institution/staff/abc").await;
    assert_eq!(
        check(
            &doc,
            "DELETE",
            "/api/v1/institution/staff/{account_id}",
            resp
        )
        .await
        .0,
        400
    );
}

#[test]
fn the_error_codes_are_listed_in_the_document() {
    let doc = serde_json::to_value(server::openapi::document()).unwrap();
    let codes = &doc["components"]["schemas"]["ErrorCode"]["enum"];
    let listed: Vec<&str> = codes
        .as_array()
        .unwrap_or_else(|| panic!("no ErrorCode schema: {codes}"))
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    let known: Vec<&str> = rules::api::ErrorCode::ALL
        .iter()
        .map(|c| c.code())
        .collect();
    assert_eq!(listed, known);
    assert_eq!(
        doc["components"]["schemas"]["ErrorDetail"]["properties"]["code"]["$ref"],
        "#/components/schemas/ErrorCode"
    );
}

/// The one documented operation of the guard's test router.
#[utoipa::path(get, path = "/documented", responses((status = 200)))]
async fn documented_handler() -> &'static str {
    "documented"
}

/// What `routes::api` does with its router, on a router with routes the
/// document does not list: they answer 500 instead of their handler's
/// answer, so a route added without documentation fails its tests.
#[tokio::test]
async fn a_route_without_documentation_is_refused() {
    let (router, doc) = OpenApiRouter::<()>::new()
        .routes(routes!(documented_handler))
        .route("/undocumented", get(|| async { "undocumented" }))
        .route("/documented", post(|| async { "undocumented method" }))
        .split_for_parts();
    let app = server::openapi::guard(router, &doc);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    let client = reqwest::Client::new();
    let answer = |resp: reqwest::Response| async move {
        let status = resp.status().as_u16();
        (status, resp.text().await.unwrap())
    };

    let (status, body) = answer(
        client
            .get(format!("{base}/documented"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((status, body.as_str()), (200, "documented"));
    for req in [
        client.get(format!("{base}/undocumented")),
        client.post(format!("{base}/documented")),
    ] {
        let (status, body) = answer(req.send().await.unwrap()).await;
        assert_eq!(status, 500, "{body}");
        assert!(!body.contains("undocumented"), "{body}");
    }
    // A method no handler serves is still the router's 405.
    let resp = client
        .put(format!("{base}/documented"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 405);
    server.abort();
}
