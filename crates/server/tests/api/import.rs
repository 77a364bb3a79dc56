//! `server import-registry`: all rows valid or nothing imported.

use server::import::{import_registry, ImportOutcome};

use crate::helpers::TestApp;

const HEADER: &str = "kind,level,name,id_number,certificate_number,qualification_number,has_valid_qualification,status,registration_valid_from,registration_valid_until,title,category,institution_credit_code,phone_on_record";

const VALID: [&str; 3] = [
    "physician,practising,赵刚,110108198805161230,110110105000201,,true,normal,,,attending,clinical,12110105400003219C,13800001111",
    "护士,,钱芳,310104199203042345,202031000100201,,false,正常,2024-01-01,2029-12-31,supervisor_nurse,,12310104425015734K,",
    "医师,assistant,孙丽,440304197911113459,110110105000202,,是,备案,,,resident,dental,12110105400003219C,",
];

async fn count(app: &TestApp) -> i64 {
    app.state
        .db
        .scalar("SELECT COUNT(*) FROM practitioners")
        .await
        .unwrap()
}

/// A credit code with a correct check character that no institution has.
fn unknown_credit_code() -> String {
    let body = "12110105400009999";
    format!(
        "{body}{}",
        rules::credit_code::check_character(body).unwrap()
    )
}

#[tokio::test]
async fn one_bad_row_imports_nothing_and_every_problem_is_reported() {
    let app = TestApp::spawn().await;
    let before = count(&app).await;
    let unknown = unknown_credit_code();
    let rows = [
        VALID[0].to_owned(),                                                                                          // line 2: fine
        VALID[1].replace("310104199203042345", "310104199203042346"),                                                 // 3: checksum
        VALID[2].replace("医师,assistant", "dentist,"),                                                               // 4: kind
        VALID[2].replace("12110105400003219C", &unknown),                                                            // 5: institution
        "nurse,,周敏,110108198805161230,202031000100299,,false,normal,2024-01-01,2029-12-31,,,12310104425015734K,".into(), // 6: repeats line 2's ID
        VALID[2].replace("resident", "chief_nurse"),               // 7: title series (and line 4's id is not imported)
        VALID[1].replace("2024-01-01", "2024-1-1"),              // 8: date not YYYY-MM-DD
        "physician,practising,张伟,11010519850312403X,110110105000101,,true,normal,,,,,12110105400003219C,".into(),     // 9: exists
        "physician,practising,,110108198805161230,110110105000209,,true,normal,,,,,12110105400003219C,".into(),        // 10: name missing
    ];
    let csv = format!("\u{FEFF}{HEADER}\r\n{}\r\n", rows.join("\r\n"));
    let outcome = import_registry(&app.state.db, &csv, app.clock().today())
        .await
        .unwrap();
    let ImportOutcome::Rejected(rejections) = outcome else {
        panic!("imported despite bad rows");
    };
    let found: Vec<(u64, &str, &str)> = rejections
        .iter()
        .map(|r| (r.line, r.column.as_str(), r.code.as_str()))
        .collect();
    for expected in [
        (3, "id_number", "id_number.checksum"),
        (4, "kind", "import.kind"),
        (5, "institution_credit_code", "import.unknown_institution"),
        (6, "id_number", "import.duplicate"),
        (7, "title", "title.wrong_series"),
        (8, "registration_valid_from", "import.date"),
        (9, "id_number", "import.exists"),
        (10, "name", "import.required"),
    ] {
        assert!(found.contains(&expected), "{expected:?} not in {found:?}");
    }
    assert!(!found.iter().any(|(line, _, _)| *line == 2), "{found:?}");
    for r in &rejections {
        let text = r.to_string();
        assert!(
            !text.contains("110108198805161230") && !text.contains("11010519850312403X"),
            "{text}"
        );
    }
    assert_eq!(count(&app).await, before, "nothing may be imported");
}

#[tokio::test]
async fn the_command_imports_a_valid_file_once() {
    let app = TestApp::spawn().await;
    let before = count(&app).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("registry.csv");
    std::fs::write(&file, format!("\u{FEFF}{HEADER}\n{}\n", VALID.join("\n"))).unwrap();
    let run = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_server"))
            .arg("import-registry")
            .arg(&file)
            .env("PORTAL_DB", app.state.config.db.as_env())
            .env("RUST_LOG", "warn")
            .output()
            .unwrap()
    };
    let out = run();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("imported 3"), "{stdout}");
    assert_eq!(count(&app).await, before + 3);
    let column = |name: &str| {
        format!("SELECT {name} FROM practitioners WHERE certificate_number = '110110105000202'")
    };
    let status: String = app.state.db.scalar(&column("status")).await.unwrap();
    let level: Option<String> = app.state.db.scalar(&column("level")).await.unwrap();
    let title: Option<String> = app.state.db.scalar(&column("title")).await.unwrap();
    assert_eq!(
        (status.as_str(), level.as_deref(), title.as_deref()),
        ("filed", Some("assistant"), Some("resident"))
    );

    // Again: every row exists now, so nothing changes and the exit code says so.
    let out = run();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("line 2, id_number: import.exists"),
        "{stdout}"
    );
    assert_eq!(count(&app).await, before + 3);

    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "name,id\nx,y\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("import-registry")
        .arg(&bad)
        .env("PORTAL_DB", app.state.config.db.as_env())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing columns"));
}
