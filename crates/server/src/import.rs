//! `server import-registry FILE.csv`: loads registry records (practitioners)
//! from a CSV export of the registration system. Every row is checked with
//! the rules crate's parsers; if any row is refused nothing is imported (one
//! transaction), and the report lists each refused row by line number,
//! column and reason. Columns: see `crates/server/IMPORT.md`.
//!
//! The report never repeats a cell's content (ID numbers are personal data);
//! it names the line, the column and the rule that refused it.

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::store::{self, Db};
use crate::stored::enum_text;
use chrono::NaiveDate;
use rules::{
    CreditCode, Lang, Localized, MobileNumber, PersonName, PhysicianLevel, PracticeCategory,
    PracticeCertificateNumber, PracticeStatus, QualificationNumber, ResidentId, System, Title,
};

/// The columns, in the documented order. `kind`, `name`, `id_number`,
/// `certificate_number`, `status` and `institution_credit_code` are required
/// in every row; the others may be empty.
pub const COLUMNS: [&str; 14] = [
    "kind",
    "level",
    "name",
    "id_number",
    "certificate_number",
    "qualification_number",
    "has_valid_qualification",
    "status",
    "registration_valid_from",
    "registration_valid_until",
    "title",
    "category",
    "institution_credit_code",
    "phone_on_record",
];

/// Why one cell (or row) was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// Line of the file (1 is the header).
    pub line: u64,
    /// Column name (`-` for the whole row).
    pub column: String,
    /// Stable code, e.g. `id_number.checksum`.
    pub code: String,
    /// Message (zh-CN / English).
    pub message: String,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, {}: {} — {}",
            self.line, self.column, self.code, self.message
        )
    }
}

/// The outcome of an import.
#[derive(Debug)]
pub enum ImportOutcome {
    /// Every row was valid and is now in the registry.
    Imported(usize),
    /// Nothing was imported; why.
    Rejected(Vec<Rejection>),
}

/// A failure that is not about the rows (file, database).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file is not CSV with the documented header.
    #[error("{0}")]
    Format(String),
    /// The database failed.
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
}

fn rule_message(rule: &impl Localized) -> String {
    format!("{} / {}", rule.message(Lang::Zh), rule.message(Lang::En))
}

/// A valid row, ready to insert.
struct Row {
    kind: &'static str,
    level: Option<String>,
    name: String,
    id_number: String,
    certificate_number: String,
    qualification_number: Option<String>,
    has_valid_qualification: bool,
    status: String,
    registration_valid_from: Option<String>,
    registration_valid_until: Option<String>,
    title: Option<String>,
    category: Option<String>,
    institution_id: i64,
    phone_on_record: Option<String>,
}

/// Collects the rejections of one line.
struct LineCheck<'a> {
    line: u64,
    out: &'a mut Vec<Rejection>,
}

impl LineCheck<'_> {
    fn refuse(&mut self, column: &str, code: &str, zh: &str, en: &str) {
        self.out.push(Rejection {
            line: self.line,
            column: column.to_owned(),
            code: code.to_owned(),
            message: format!("{zh} / {en}"),
        });
    }

    fn rule<T, E: Localized>(&mut self, column: &str, r: Result<T, E>) -> Option<T> {
        r.map_err(|e| {
            self.out.push(Rejection {
                line: self.line,
                column: column.to_owned(),
                code: e.code().to_owned(),
                message: rule_message(&e),
            })
        })
        .ok()
    }

    /// One of the enum's codes, or (where `label` is given) its Chinese name
    /// as the registry writes it (正常, 备案, 医师…).
    fn choice<T: rules::wire::WireCode>(
        &mut self,
        column: &str,
        value: &str,
        label: Option<fn(T, rules::Lang) -> &'static str>,
    ) -> Option<T> {
        let found = T::from_wire_code(value).or_else(|| {
            let label = label?;
            T::all()
                .iter()
                .copied()
                .find(|&v| label(v, rules::Lang::Zh) == value)
        });
        if found.is_none() {
            self.refuse(
                column,
                &format!("import.{column}"),
                "取值无效",
                "not one of the documented values",
            );
        }
        found
    }

    fn date(&mut self, column: &str, value: &str) -> Option<Option<NaiveDate>> {
        if value.is_empty() {
            return Some(None);
        }
        match rules::iso_date::parse(value) {
            Some(d) => Some(Some(d)),
            None => {
                self.refuse(
                    column,
                    "import.date",
                    "日期格式应为 YYYY-MM-DD",
                    "dates are written YYYY-MM-DD",
                );
                None
            }
        }
    }
}

/// Checks one record; `None` when refused (the reasons are in `check.out`).
fn check_row(
    check: &mut LineCheck<'_>,
    get: &dyn Fn(&str) -> String,
    institutions: &HashMap<String, i64>,
    today: NaiveDate,
) -> Option<Row> {
    let before = check.out.len();
    for column in [
        "kind",
        "name",
        "id_number",
        "certificate_number",
        "status",
        "institution_credit_code",
    ] {
        if get(column).is_empty() {
            check.refuse(column, "import.required", "必填", "required");
        }
    }
    if check.out.len() > before {
        return None;
    }
    let system: Option<System> = check.choice("kind", &get("kind"), Some(System::label));
    let level = match (system, get("level").as_str()) {
        (Some(System::Physician), "") => {
            check.refuse(
                "level",
                "import.level",
                "医师须填写级别",
                "physicians need a level",
            );
            None
        }
        (Some(System::Physician), l) => check
            .choice::<PhysicianLevel>("level", l, None)
            .map(|l| Some(enum_text(&l))),
        (None, _) => None,
        (_, "") => Some(None),
        (_, _) => {
            check.refuse(
                "level",
                "import.level",
                "护士不填级别",
                "nurses have no level",
            );
            None
        }
    };
    let name = check.rule("name", PersonName::parse(&get("name")));
    let id = check.rule("id_number", ResidentId::parse(&get("id_number"), today));
    let cert = check.rule(
        "certificate_number",
        PracticeCertificateNumber::parse(&get("certificate_number")),
    );
    let qualification = match (get("qualification_number").as_str(), &id) {
        ("", _) => Some(None),
        (q, Some(holder)) => check
            .rule(
                "qualification_number",
                QualificationNumber::parse_for_holder(q, holder),
            )
            .map(|q| Some(q.as_str().to_owned())),
        (q, None) => check
            .rule("qualification_number", QualificationNumber::parse(q))
            .map(|q| Some(q.as_str().to_owned())),
    };
    let has_valid_qualification = match get("has_valid_qualification").as_str() {
        "" | "false" | "0" | "否" => Some(false),
        "true" | "1" | "是" => Some(true),
        _ => {
            check.refuse(
                "has_valid_qualification",
                "import.boolean",
                "应为 true/false",
                "expected true or false",
            );
            None
        }
    };
    let status: Option<PracticeStatus> =
        check.choice("status", &get("status"), Some(PracticeStatus::label));
    let from = check.date("registration_valid_from", &get("registration_valid_from"));
    let until = check.date("registration_valid_until", &get("registration_valid_until"));
    if let (Some(Some(f)), Some(Some(u))) = (from, until) {
        if f > u {
            check.refuse(
                "registration_valid_until",
                "import.period",
                "有效期结束早于开始",
                "the period ends before it starts",
            );
        }
    }
    let title = match get("title").as_str() {
        "" => Some(None),
        t => match (check.choice::<Title>("title", t, None), system) {
            (Some(t), Some(s)) if !t.belongs_to(s) => {
                check.refuse(
                    "title",
                    "title.wrong_series",
                    "职称与类别不符",
                    "the title is not in this kind's series",
                );
                None
            }
            (t, _) => t.map(|t| Some(enum_text(&t))),
        },
    };
    let category = match (get("category").as_str(), system) {
        ("", _) => Some(None),
        (c, Some(System::Physician)) => check
            .choice::<PracticeCategory>("category", c, None)
            .map(|c| Some(enum_text(&c))),
        (_, None) => None,
        (_, _) => {
            check.refuse(
                "category",
                "import.category",
                "护士不填执业类别",
                "nurses have no practice category",
            );
            None
        }
    };
    let institution_id = check
        .rule(
            "institution_credit_code",
            CreditCode::parse(&get("institution_credit_code")),
        )
        .and_then(|code| match institutions.get(code.as_str()) {
            Some(id) => Some(*id),
            None => {
                check.refuse(
                    "institution_credit_code",
                    "import.unknown_institution",
                    "登记中没有该机构",
                    "no institution with this credit code",
                );
                None
            }
        });
    let phone = match get("phone_on_record").as_str() {
        "" => Some(None),
        p => check
            .rule("phone_on_record", MobileNumber::parse(p))
            .map(|m| Some(m.as_str().to_owned())),
    };
    Some(Row {
        kind: system?.code(),
        level: level?,
        name: name?.as_str().to_owned(),
        id_number: id?.as_str().to_owned(),
        certificate_number: cert?.as_str().to_owned(),
        qualification_number: qualification?,
        has_valid_qualification: has_valid_qualification?,
        status: enum_text(&status?),
        registration_valid_from: from?.map(|d| d.to_string()),
        registration_valid_until: until?.map(|d| d.to_string()),
        title: title?,
        category: category?,
        institution_id: institution_id?,
        phone_on_record: phone?,
    })
}

/// The 1-based line where a record starts (counted on `\n`, so CRLF and LF
/// files number alike).
fn line_of(text: &str, position: Option<&csv::Position>) -> u64 {
    let bytes = text.as_bytes();
    let mut byte = position.map_or(0, |p| p.byte() as usize).min(bytes.len());
    // After a CR the reader's position is at the LF that completes it.
    while byte < bytes.len() && matches!(bytes[byte], b'\r' | b'\n') {
        byte += 1;
    }
    1 + bytes[..byte].iter().filter(|&&b| b == b'\n').count() as u64
}

/// Validates every row of `csv_text` and imports them all, or none. The
/// checks against the registry (credit codes, numbers already registered)
/// and the inserts run in one transaction.
pub async fn import_registry(
    db: &Db,
    csv_text: &str,
    today: NaiveDate,
) -> Result<ImportOutcome, ImportError> {
    let text = csv_text.strip_prefix('\u{FEFF}').unwrap_or(csv_text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| ImportError::Format(format!("header: {e}")))?
        .iter()
        .map(str::to_owned)
        .collect();
    let index: HashMap<&str, usize> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| (h.as_str(), i))
        .collect();
    let missing: Vec<&str> = COLUMNS
        .iter()
        .copied()
        .filter(|c| !index.contains_key(c))
        .collect();
    if !missing.is_empty() {
        return Err(ImportError::Format(format!(
            "missing columns: {}",
            missing.join(", ")
        )));
    }
    if let Some(unknown) = headers.iter().find(|h| !COLUMNS.contains(&h.as_str())) {
        return Err(ImportError::Format(format!("unknown column {unknown:?}")));
    }
    let mut tx = db.begin().await?;
    let institutions: HashMap<String, i64> = store::registry::institutions_by_credit_code(&mut tx)
        .await?
        .into_iter()
        .collect();
    let existing: HashSet<String> = store::registry::registered_numbers(&mut tx)
        .await?
        .into_iter()
        .flat_map(|(a, b)| [a, b])
        .collect();

    let mut rejections = Vec::new();
    let mut rows = Vec::new();
    let mut seen_ids: HashMap<String, u64> = HashMap::new();
    let mut seen_certs: HashMap<String, u64> = HashMap::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = line_of(text, e.position());
                rejections.push(Rejection {
                    line,
                    column: "-".into(),
                    code: "import.csv".into(),
                    message: "不是有效的 CSV 行 / not a valid CSV row".into(),
                });
                continue;
            }
        };
        let line = line_of(text, record.position());
        let get = |column: &str| -> String {
            index
                .get(column)
                .and_then(|i| record.get(*i))
                .unwrap_or("")
                .to_owned()
        };
        let mut check = LineCheck {
            line,
            out: &mut rejections,
        };
        let Some(row) = check_row(&mut check, &get, &institutions, today) else {
            continue;
        };
        let mut duplicate = |column: &str, value: &str, seen: &mut HashMap<String, u64>| {
            if existing.contains(value) {
                check.refuse(
                    column,
                    "import.exists",
                    "登记中已有该记录",
                    "already in the registry",
                );
                true
            } else if let Some(first) = seen.insert(value.to_owned(), line) {
                check.refuse(
                    column,
                    "import.duplicate",
                    &format!("与第 {first} 行重复"),
                    &format!("repeats line {first}"),
                );
                true
            } else {
                false
            }
        };
        let dup_id = duplicate("id_number", &row.id_number, &mut seen_ids);
        let dup_cert = duplicate(
            "certificate_number",
            &row.certificate_number,
            &mut seen_certs,
        );
        if !dup_id && !dup_cert {
            rows.push(row);
        }
    }
    if !rejections.is_empty() {
        return Ok(ImportOutcome::Rejected(rejections));
    }
    for r in &rows {
        store::practitioners::insert(
            &mut tx,
            &store::practitioners::NewPractitioner {
                kind: r.kind,
                level: r.level.as_deref(),
                name: &r.name,
                id_number: &r.id_number,
                certificate_number: &r.certificate_number,
                qualification_number: r.qualification_number.as_deref(),
                has_valid_qualification: r.has_valid_qualification,
                status: &r.status,
                registration_valid_from: r.registration_valid_from.as_deref(),
                registration_valid_until: r.registration_valid_until.as_deref(),
                title: r.title.as_deref(),
                category: r.category.as_deref(),
                institution_id: r.institution_id,
                last_activity_on: None,
                phone_on_record: r.phone_on_record.as_deref(),
            },
        )
        .await?;
    }
    crate::audit::record(
        &mut tx,
        chrono::Utc::now().timestamp(),
        None,
        "registry.imported",
        Some(serde_json::json!({"rows": rows.len()})),
    )
    .await
    .map_err(|e| ImportError::Format(e.to_string()))?;
    tx.commit().await?;
    // The regional follow-up's counts of the institutions just changed.
    crate::store::follow_up::refresh_all(db).await?;
    Ok(ImportOutcome::Imported(rows.len()))
}

/// The `import-registry` command: imports `path` into the configured
/// database and prints the report. Exit code 0 when imported, 1 when rows
/// were refused, 2 when the file or database could not be used.
pub async fn run_cli(config: &crate::Config, path: &std::path::Path) -> std::process::ExitCode {
    use std::process::ExitCode;
    let text = match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => {
                eprintln!("import-registry: the file is not UTF-8 (save it as \"CSV UTF-8\")");
                return ExitCode::from(2);
            }
        },
        Err(e) => {
            eprintln!("import-registry: {}: {e}", path.display());
            return ExitCode::from(2);
        }
    };
    let db = match crate::store::Db::open(&config.db).await {
        Ok(db) => db,
        Err(e) => {
            eprintln!("import-registry: database: {e}");
            return ExitCode::from(2);
        }
    };
    let today = crate::Clock::default().today();
    match import_registry(&db, &text, today).await {
        Ok(ImportOutcome::Imported(n)) => {
            println!("imported {n} registry records");
            ExitCode::SUCCESS
        }
        Ok(ImportOutcome::Rejected(rejections)) => {
            println!(
                "nothing imported: {} problem(s) in {} row(s)",
                rejections.len(),
                rejections
                    .iter()
                    .map(|r| r.line)
                    .collect::<HashSet<_>>()
                    .len()
            );
            for r in &rejections {
                println!("  {r}");
            }
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("import-registry: {e}");
            ExitCode::from(2)
        }
    }
}
