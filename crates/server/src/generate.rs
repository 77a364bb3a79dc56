//! `server generate-institution --staff N …`: an institution of N registry
//! records with a realistic mix of states, for tests and the bench (issue
//! 23: a large hospital). Deterministic: the same options give the same
//! people. Every generated account's password is the demo password.
//!
//! The mix: 60 % physicians; 90 % normal status (the rest filed, suspended,
//! cancelled); 3 % of physicians without a valid qualification; nurses'
//! registrations mostly valid, some expired, not started or missing;
//! `accounts` people with an account, of whom `pending_photos` have a photo
//! waiting for review (a third of those replacing an approved one, for the
//! before/after comparison); of the other accounts 95 % activated, and
//! photos 70 % approved, 5 % rejected, the rest none; half of the eligible
//! applied; 2 % registered under another spelling of the institution's name;
//! a few retired or unreachable (zombie candidates).

use chrono::{Duration, NaiveDate};

use crate::auth::password;
use crate::error::{AppError, AppResult};
use crate::seed::{demo_photo, DEMO_PASSWORD};
use crate::store::accounts::NewDemoAccount;
use crate::store::generated::ExtraFacts;
use crate::store::institutions::NewInstitution;
use crate::store::practitioners::NewPractitioner;
use crate::store::{self, Db};
use crate::uploads::Store;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Spec {
    /// Registry records.
    pub staff: u32,
    /// Of them, with an account.
    pub accounts: u32,
    /// Of the accounts, with a photo waiting for review.
    pub pending_photos: u32,
    /// The institution administrator's username.
    pub admin: String,
    /// Distinguishes several generated institutions in one database (1–99).
    pub number: u32,
    /// The institution's division (4 or 6 digits; its first two are the
    /// region).
    pub division: String,
    /// Its standard name; `None`: 南京市第<number>人民医院（生成）.
    pub name: Option<String>,
    /// Of the people who could apply (normal status, photo approved), the
    /// share who did, in percent.
    pub applied_percent: u32,
    /// Three-character names only (王伟芳…), never one of the demo's
    /// two-character people (张伟, 王芳…), whom tests find by name.
    pub long_names: bool,
}

impl Spec {
    /// The hospital: 5,000 staff, 4,000 accounts, 1,334 photos waiting.
    pub fn hospital() -> Spec {
        Spec {
            staff: 5000,
            accounts: 4000,
            pending_photos: 1334,
            admin: "admin_big".into(),
            number: 1,
            division: "3201".into(),
            name: None,
            applied_percent: 50,
            long_names: false,
        }
    }

    /// Reads `--staff N --accounts K --pending-photos M --admin NAME --number I`.
    pub fn from_args(args: &[&str]) -> Result<Spec, String> {
        let mut spec = Spec::hospital();
        let mut accounts = None;
        let mut pending = None;
        let mut it = args.iter();
        while let Some(flag) = it.next() {
            let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
            let number = || {
                value
                    .parse::<u32>()
                    .map_err(|_| format!("{flag}: {value:?} is not a number"))
            };
            match *flag {
                "--staff" => spec.staff = number()?,
                "--accounts" => accounts = Some(number()?),
                "--pending-photos" => pending = Some(number()?),
                "--number" => spec.number = number()?,
                "--admin" => spec.admin = (*value).to_owned(),
                _ => return Err(format!("unknown option {flag}")),
            }
        }
        spec.accounts = accounts.unwrap_or(spec.staff * 4 / 5);
        spec.pending_photos = pending.unwrap_or(spec.staff * 1334 / 5000);
        spec.check()?;
        Ok(spec)
    }

    fn check(&self) -> Result<(), String> {
        if self.staff == 0 || self.staff > 100_000 {
            return Err("--staff must be between 1 and 100000".into());
        }
        if self.accounts > self.staff {
            return Err("--accounts cannot exceed --staff".into());
        }
        if self.pending_photos > self.accounts {
            return Err("--pending-photos cannot exceed --accounts".into());
        }
        if !(1..=99).contains(&self.number) {
            return Err("--number must be between 1 and 99".into());
        }
        if self.applied_percent > 100 {
            return Err("the applied share is a percentage".into());
        }
        rules::Division::parse(&self.division).map_err(|e| format!("division: {e:?}"))?;
        rules::Username::parse(&self.admin).map_err(|e| format!("--admin: {e:?}"))?;
        Ok(())
    }
}

/// What was generated.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The institution.
    pub institution_id: i64,
    /// Its name.
    pub name: String,
    /// The usernames of the accounts whose photo waits, oldest first.
    pub pending_usernames: Vec<String>,
}

/// A small deterministic hash of a person's index, for the mix.
fn mix(i: u32, salt: u32) -> u32 {
    let mut x = i.wrapping_mul(0x9E37_79B9) ^ salt.wrapping_mul(0x85EB_CA6B);
    x ^= x >> 15;
    x = x.wrapping_mul(0x2C1B_3C6D);
    x ^= x >> 12;
    x % 100
}

const SURNAMES: [&str; 24] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋",
];
const GIVEN: [&str; 30] = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀英", "霞", "平", "刚", "桂英", "建华", "晓东", "文博", "思远", "雨涵", "子轩", "欣怡",
    "浩然",
];

fn name(i: u32) -> String {
    let s = SURNAMES[(i as usize) % SURNAMES.len()];
    let g = GIVEN[(i as usize / SURNAMES.len()) % GIVEN.len()];
    let g2 = GIVEN[(i as usize / (SURNAMES.len() * GIVEN.len())) % GIVEN.len()];
    // Distinct names for the first 720 people; then a second given character.
    if (i as usize) < SURNAMES.len() * GIVEN.len() {
        format!("{s}{g}")
    } else {
        format!("{s}{g}{g2}")
    }
}

fn id_number(number: u32, i: u32) -> String {
    let born =
        NaiveDate::from_ymd_opt(1965, 1, 1).expect("a date") + Duration::days(i64::from(i / 900));
    let body = format!(
        "3201{:02}{}{:03}",
        number,
        born.format("%Y%m%d"),
        100 + i % 900
    );
    let check = rules::id_number::check_character(&body).unwrap_or('0');
    format!("{body}{check}")
}

/// Generates the institution, its administrator and its staff in one
/// transaction; photo files go to `uploads`.
pub async fn institution(
    db: &Db,
    uploads: &Store,
    spec: &Spec,
    today: NaiveDate,
    now: i64,
) -> AppResult<Generated> {
    let hash = password::hash(DEMO_PASSWORD.to_owned()).await?;
    let mut tx = db.begin().await?;
    let generated = institution_in(&mut tx, uploads, spec, &hash, today, now).await?;
    tx.commit().await?;
    Ok(generated)
}

/// [`institution`] inside the caller's transaction (the demo seed), every
/// account with the password `hash`.
pub async fn institution_in(
    tx: &mut store::Tx,
    uploads: &Store,
    spec: &Spec,
    hash: &str,
    today: NaiveDate,
    now: i64,
) -> AppResult<Generated> {
    spec.check().map_err(AppError::Internal)?;
    let photos = photos();
    let day = |offset: i64| store::date_text(today + Duration::days(offset));
    let default_name = format!("南京市第{}人民医院（生成）", spec.number);
    let name_of_institution = spec.name.clone().unwrap_or(default_name);
    let body = format!("12{:0<6}MB{:05}01", spec.division, spec.number);
    let credit_code = format!(
        "{body}{}",
        rules::credit_code::check_character(&body).unwrap_or('0')
    );
    let licence_number = format!("PDY{:05}32010017A1001", spec.number);
    let licence_until = day(3 * 365);
    let institution_id = store::institutions::insert(
        &mut *tx,
        &NewInstitution {
            name: &name_of_institution,
            credit_code: &credit_code,
            licence_number: &licence_number,
            licence_valid_until: &licence_until,
            region: &spec.division[..2],
            division: Some(&spec.division),
        },
    )
    .await?;
    let admin = store::accounts::NewAdmin {
        username: &spec.admin,
        password_hash: hash,
        institution_id,
        phone: None,
        one_time_password: false,
    };
    store::accounts::insert_admin(&mut *tx, &admin, now).await?;

    // A permutation of the people (a step coprime with their number), so
    // accounts and pending photos are spread over names and kinds.
    let n = spec.staff;
    let mut step = 7919 % n.max(1);
    while n > 1 && gcd(step, n) != 1 {
        step += 1;
    }
    let mut pending = Vec::new();
    for i in 0..n {
        let rank = ((u64::from(i) * u64::from(step.max(1))) % u64::from(n)) as u32;
        let nurse = i % 5 >= 3;
        let status = match mix(i, 1) {
            0..=89 => "normal",
            90..=93 => "filed",
            94..=96 => "suspended",
            _ => "cancelled",
        };
        let registration = if nurse {
            match mix(i, 2) {
                0..=84 => Some((day(-2 * 365), day(3 * 365))),
                85..=92 => Some((day(-5 * 365), day(-30))),
                93..=96 => Some((day(10), day(5 * 365))),
                _ => None,
            }
        } else {
            Some((day(-3 * 365), day(2 * 365)))
        };
        let id = id_number(spec.number, i);
        let certificate = format!("{:02}32{:011}", spec.number, i);
        let phone = format!("139{:02}{:06}", spec.number, i);
        let (kind, level, category, title) = if nurse {
            ("nurse", None, None, "nurse")
        } else {
            (
                "physician",
                Some("practising"),
                Some("clinical"),
                "attending",
            )
        };
        let person_name = name(if spec.long_names { i + 720 } else { i });
        let qualification = (!nurse).then(|| format!("2009{}", &id[..14]));
        let last_activity = day(-i64::from(mix(i, 4)) * 20);
        let practitioner_id = store::practitioners::insert(
            &mut *tx,
            &NewPractitioner {
                kind,
                level,
                name: &person_name,
                id_number: &id,
                certificate_number: &certificate,
                qualification_number: qualification.as_deref(),
                has_valid_qualification: nurse || mix(i, 3) >= 3,
                status,
                registration_valid_from: registration.as_ref().map(|r| r.0.as_str()),
                registration_valid_until: registration.as_ref().map(|r| r.1.as_str()),
                title: Some(title),
                category,
                institution_id,
                last_activity_on: Some(&last_activity),
                phone_on_record: Some(&phone),
            },
        )
        .await?;
        let extra = mix(i, 5);
        let since = day(-3 * 365);
        if extra < 2 || (status != "normal" && extra < 30) || (50..52).contains(&extra) {
            store::generated::set_extra_facts(
                &mut *tx,
                practitioner_id,
                &ExtraFacts {
                    registered_institution_name: (extra < 2)
                        .then_some(name_of_institution.replace("（生成）", ""))
                        .filter(|short| *short != name_of_institution)
                        .as_deref(),
                    status_since: (status != "normal").then_some(since.as_str()),
                    retired: extra == 50,
                    unreachable: extra == 51,
                },
            )
            .await?;
        }
        if rank >= spec.accounts {
            continue;
        }
        let waiting = rank < spec.pending_photos;
        let activated = waiting || mix(i, 6) < 95;
        let photo_state = if waiting {
            Some("pending")
        } else if !activated {
            None
        } else {
            match mix(i, 7) {
                0..=69 => Some("approved"),
                70..=74 => Some("rejected"),
                _ => None,
            }
        };
        // Thousands of files: written without the per-file fsync of
        // `Store::put` (a generator can simply be run again).
        let write_photo =
            |seed: u32| uploads.put_generated("", "jpg", &photos[seed as usize % photos.len()]);
        // A rejected photo's file is deleted at the decision.
        let photo_file = match photo_state {
            Some("pending" | "approved") => Some(write_photo(i).await?),
            _ => None,
        };
        let username = format!("g{}_{:05}", spec.number, i);
        store::accounts::insert_demo_practitioner(
            &mut *tx,
            &NewDemoAccount {
                username: &username,
                password_hash: hash,
                practitioner_id,
                phone: Some(&phone),
                activated,
                photo_state,
                photo_file,
                now,
            },
        )
        .await?;
        if photo_state.is_some() {
            let previous = if waiting && mix(i, 8) < 33 {
                Some(write_photo(i + 1).await?)
            } else {
                None
            };
            // Oldest first in the review queue is the order of `rank`.
            let uploaded_at = now - i64::from(spec.accounts - rank) * 60;
            store::generated::set_photo_facts(
                &mut *tx,
                practitioner_id,
                uploaded_at,
                previous.as_deref(),
            )
            .await?;
        }
        if waiting {
            pending.push((rank, username));
        } else if photo_state == Some("approved")
            && status == "normal"
            && mix(i, 9) < spec.applied_percent
        {
            store::applications::insert(&mut *tx, practitioner_id, now).await?;
        }
    }
    pending.sort();
    Ok(Generated {
        institution_id,
        name: name_of_institution,
        pending_usernames: pending.into_iter().map(|(_, u)| u).collect(),
    })
}

/// Four demo photos, encoded once per process (the demo seed generates
/// several institutions, and every API test seeds a database).
fn photos() -> &'static [Vec<u8>] {
    static PHOTOS: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    PHOTOS.get_or_init(|| (0..4).map(demo_photo).collect())
}

fn gcd(a: u32, b: u32) -> u32 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

/// The command: generates into the configured database, printing a summary.
pub async fn run_cli(config: &crate::Config, args: &[&str]) -> std::process::ExitCode {
    use std::process::ExitCode;
    let spec = match Spec::from_args(args) {
        Ok(spec) => spec,
        Err(e) => {
            eprintln!("server generate-institution: {e}");
            return ExitCode::from(2);
        }
    };
    let started = std::time::Instant::now();
    let db = match Db::open(&config.db).await {
        Ok(db) => db,
        Err(e) => {
            eprintln!("server generate-institution: {e}");
            return ExitCode::FAILURE;
        }
    };
    let uploads = match Store::open(config) {
        Ok(uploads) => uploads,
        Err(e) => {
            eprintln!("server generate-institution: uploads: {e}");
            return ExitCode::FAILURE;
        }
    };
    let clock = crate::Clock::default();
    match institution(&db, &uploads, &spec, clock.today(), clock.now()).await {
        Ok(g) => {
            println!(
                "generated {} (id {}): {} staff, {} accounts, {} photos waiting; admin {} / {} ({:.2} s)",
                g.name,
                g.institution_id,
                spec.staff,
                spec.accounts,
                g.pending_usernames.len(),
                spec.admin,
                DEMO_PASSWORD,
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("server generate-institution: {e}");
            ExitCode::FAILURE
        }
    }
}
