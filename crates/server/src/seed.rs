//! Demo data, seeded into an empty database in demo mode. Dates are relative
//! to today so every account keeps its intended state whenever the demo runs.
//!
//! ID numbers carry a correct GB 11643 check character and credit codes a
//! correct GB 32100 one (both computed offline for these fixed bodies).

use chrono::{Duration, NaiveDate};

use crate::auth::password;
use crate::error::AppResult;
use crate::store::accounts::NewDemoAccount;
use crate::store::institutions::NewInstitution;
use crate::store::practitioners::NewPractitioner;
use crate::store::{self, Db};

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "Demo#2026pass";

struct Inst {
    name: &'static str,
    credit_code: &'static str,
    licence_number: &'static str,
    region: &'static str,
    admin: &'static str,
}

/// The demo's institutions inside Shenzhen (4403), generated with the
/// hospital generator's mix at varied rates, so that sz_admin's follow-up has
/// something to sort: (division, name, administrator, staff, accounts,
/// photos waiting, share of those who could apply who did, %).
pub const SHENZHEN: [(&str, &str, &str, u32, u32, u32, u32); 3] = [
    (
        "440304",
        "深圳市福田区人民医院（演示）",
        "sz_futian",
        40,
        36,
        3,
        95,
    ),
    (
        "440305",
        "深圳市南山区妇幼保健院（演示）",
        "sz_nanshan",
        30,
        22,
        4,
        40,
    ),
    (
        "440306",
        "深圳市宝安区社区健康服务中心（演示）",
        "sz_baoan",
        24,
        6,
        0,
        0,
    ),
];

/// Demo health authority administrators: (division, username).
pub const AUTHORITIES: [(&str, &str); 2] = [("", "nhc_admin"), ("4403", "sz_admin")];

const INSTITUTIONS: [Inst; 2] = [
    Inst {
        name: "北京市海淀区和平医院",
        credit_code: "12110105400003219C",
        licence_number: "PDY00001111010517A1001",
        region: "11",
        admin: "admin_a",
    },
    Inst {
        name: "上海市徐汇区仁心医院",
        credit_code: "12310104425015734K",
        licence_number: "PDY00002331010417A1002",
        region: "31",
        admin: "admin_b",
    },
];

/// One demo practitioner (registry record, and an account unless `username`
/// is `None`).
struct Person {
    username: Option<&'static str>,
    name: &'static str,
    nurse: bool,
    id_number: &'static str,
    certificate: &'static str,
    institution: i64,
    status: &'static str,
    qualified: bool,
    /// Registration validity relative to today (nurses): (from, until) in days.
    registration: Option<(i64, i64)>,
    activated: bool,
    photo: Option<&'static str>,
    /// Days since the institution last reported practice activity.
    inactive_days: i64,
    phone: &'static str,
    title: &'static str,
    state: &'static str,
    try_this: &'static str,
}

const PEOPLE: &[Person] = &[
    Person {
        username: Some("zhangwei"),
        name: "张伟",
        nurse: false,
        id_number: "11010519850312403X",
        certificate: "110110105000101",
        institution: 1,
        status: "normal",
        qualified: true,
        registration: None,
        activated: true,
        photo: Some("approved"),
        inactive_days: 3,
        phone: "13800138001",
        title: "attending",
        state: "eligible",
        try_this: "apply for the e-license (医师)",
    },
    Person {
        username: Some("wangfang"),
        name: "王芳",
        nurse: false,
        id_number: "310104199007212829",
        certificate: "110110105000102",
        institution: 1,
        status: "normal",
        qualified: true,
        registration: None,
        activated: true,
        photo: None,
        inactive_days: 10,
        phone: "13800138002",
        title: "resident",
        state: "no ID photo",
        try_this: "upload a photo, then admin_a approves it",
    },
    Person {
        username: Some("liqiang"),
        name: "李强",
        nurse: false,
        id_number: "440304197801053512",
        certificate: "110110105000103",
        institution: 1,
        status: "filed",
        qualified: true,
        registration: None,
        activated: true,
        photo: Some("approved"),
        inactive_days: 200,
        phone: "13800138003",
        title: "associate_chief_physician",
        state: "status 备案 (filed) for 3 years: zombie candidate",
        try_this: "see the status criterion fail",
    },
    Person {
        username: Some("zhaomin"),
        name: "赵敏",
        nurse: false,
        id_number: "320102198211306026",
        certificate: "110110105000104",
        institution: 1,
        status: "cancelled",
        qualified: true,
        registration: None,
        activated: true,
        photo: Some("approved"),
        inactive_days: 500,
        phone: "13800138004",
        title: "attending",
        state: "status 注销 (cancelled)",
        try_this: "see the status criterion fail",
    },
    Person {
        username: Some("chenjie"),
        name: "陈杰",
        nurse: false,
        id_number: "510107197510184519",
        certificate: "110310104000105",
        institution: 2,
        status: "suspended",
        qualified: true,
        registration: None,
        activated: true,
        photo: Some("approved"),
        inactive_days: 30,
        phone: "13800138005",
        title: "chief_physician",
        state: "status 暂停 (suspended)",
        try_this: "see the status criterion fail",
    },
    Person {
        username: Some("lina"),
        name: "李娜",
        nurse: true,
        id_number: "110108199202145623",
        certificate: "201911000100106",
        institution: 1,
        status: "normal",
        qualified: false,
        registration: Some((-3 * 365, 2 * 365)),
        activated: true,
        photo: Some("approved"),
        inactive_days: 2,
        phone: "13800138006",
        title: "nurse_practitioner",
        state: "eligible",
        try_this: "apply for the e-license (护士)",
    },
    Person {
        username: Some("liuyang"),
        name: "刘洋",
        nurse: true,
        id_number: "110102198806061022",
        certificate: "201511000100107",
        institution: 1,
        status: "normal",
        qualified: false,
        registration: Some((-5 * 365 - 40, -40)),
        activated: true,
        photo: Some("approved"),
        inactive_days: 40,
        phone: "13800138007",
        title: "supervisor_nurse",
        state: "registration expired 40 days ago",
        try_this: "see the registration criterion fail",
    },
    Person {
        username: Some("zhouting"),
        name: "周婷",
        nurse: true,
        id_number: "420106199509082823",
        certificate: "202131000100108",
        institution: 2,
        status: "normal",
        qualified: false,
        registration: Some((-5 * 365 + 20, 20)),
        activated: true,
        photo: Some("pending"),
        inactive_days: 5,
        phone: "13800138008",
        title: "nurse",
        state: "registration ends in 20 days (renewal window); photo pending review",
        try_this: "admin_b reviews the photo",
    },
    Person {
        username: Some("sunhao"),
        name: "孙浩",
        nurse: false,
        id_number: "110105199304156113",
        certificate: "110110105000109",
        institution: 1,
        status: "normal",
        qualified: true,
        registration: None,
        activated: false,
        photo: None,
        inactive_days: 1,
        phone: "13800138009",
        title: "resident",
        state: "not activated; registered as 海淀区和平医院, not the standard name: registration change",
        try_this: "sign in: the portal leads to the activation; activate with the code from the dev outbox; admin_a sees the registration change flag",
    },
    Person {
        username: Some("wulei"),
        name: "吴磊",
        nurse: false,
        id_number: "370202198709195516",
        certificate: "110110105000110",
        institution: 1,
        status: "normal",
        qualified: true,
        registration: None,
        activated: true,
        photo: Some("approved"),
        inactive_days: 800,
        phone: "13800138010",
        title: "resident",
        state: "retired, not rehired: zombie candidate",
        try_this: "admin_a sees a zombie candidate",
    },
    Person {
        username: Some("zhengjie"),
        name: "郑洁",
        nurse: false,
        id_number: "330106198002280322",
        certificate: "110310104000111",
        institution: 2,
        status: "normal",
        qualified: true,
        registration: None,
        activated: true,
        photo: Some("approved"),
        inactive_days: 1000,
        phone: "13800138011",
        title: "attending",
        state: "unreachable: zombie candidate",
        try_this: "admin_b sees a zombie candidate",
    },
    Person {
        username: Some("xuming"),
        name: "徐明",
        nurse: false,
        id_number: "310104198806203510",
        certificate: "110310104000114",
        institution: 2,
        status: "normal",
        qualified: true,
        registration: None,
        activated: true,
        photo: None,
        inactive_days: 2,
        phone: "13800138014",
        title: "attending",
        state: "no ID photo",
        try_this: "upload a photo, then admin_b approves it",
    },
    Person {
        username: None,
        name: "马超",
        nurse: false,
        id_number: "110101199011112218",
        certificate: "110110105000112",
        institution: 1,
        status: "normal",
        qualified: true,
        registration: None,
        activated: false,
        photo: None,
        inactive_days: 0,
        phone: "13800138012",
        title: "resident",
        state: "registry record without account",
        try_this: "register (ID number + certificate number), activate",
    },
    Person {
        username: None,
        name: "黄丽",
        nurse: true,
        id_number: "650102198505050122",
        certificate: "202031000100113",
        institution: 2,
        status: "normal",
        qualified: false,
        registration: Some((-365, 4 * 365)),
        activated: false,
        photo: None,
        inactive_days: 0,
        phone: "13800138013",
        title: "nurse",
        state: "registry record without account",
        try_this: "register (ID number + certificate number), activate",
    },
];

fn day(today: NaiveDate, offset: i64) -> String {
    (today + Duration::days(offset))
        .format("%Y-%m-%d")
        .to_string()
}

/// Seeds the demo data if the database has no institution yet; returns
/// whether it did.
pub async fn seed_if_empty(
    db: &Db,
    uploads: &crate::uploads::Store,
    today: NaiveDate,
    now: i64,
) -> AppResult<bool> {
    if store::demo::institution_count(&mut db.acquire().await?).await? > 0 {
        return Ok(false);
    }
    // One hash for all demo accounts: hashing is deliberately slow.
    let hash = password::hash(DEMO_PASSWORD.to_owned()).await?;
    let mut tx = db.begin().await?;
    // Two servers starting at once on one empty database: the second waits
    // here, then finds the first one's data and seeds nothing.
    store::demo::lock_seeding(&mut tx).await?;
    if store::demo::institution_count(&mut tx).await? > 0 {
        return Ok(false);
    }
    let mut institution_ids = Vec::new();
    let mut admin_ids = Vec::new();
    for inst in INSTITUTIONS {
        let until = day(today, 3 * 365);
        let id = store::institutions::insert(
            &mut tx,
            &NewInstitution {
                name: inst.name,
                credit_code: inst.credit_code,
                licence_number: inst.licence_number,
                licence_valid_until: &until,
                region: inst.region,
                division: None,
            },
        )
        .await?;
        let admin = store::accounts::NewAdmin {
            username: inst.admin,
            password_hash: &hash,
            institution_id: id,
            phone: None,
            one_time_password: false,
        };
        admin_ids.push(store::accounts::insert_admin(&mut tx, &admin, now).await?);
        institution_ids.push(id);
    }
    // The health authorities of the demo: the national one sees every demo
    // institution; Shenzhen's (4403) only those of SHENZHEN. Their password is the
    // demo password, already their own (no forced change).
    for (division, username) in AUTHORITIES {
        let id =
            store::authority::insert(&mut tx, division, username, &hash, None, None, now).await?;
        store::passwords::set_own(&mut tx, store::sessions::Table::Authority, id, &hash).await?;
    }
    for p in PEOPLE {
        let (kind, level, category) = if p.nurse {
            ("nurse", None, None)
        } else {
            ("physician", Some("practising"), Some("clinical"))
        };
        let qualification = (!p.nurse).then(|| format!("2009{}", &p.id_number[..14]));
        let registration = p
            .registration
            .map(|(from, until)| (day(today, from), day(today, until)));
        let last_activity = day(today, -p.inactive_days);
        let pid = store::practitioners::insert(
            &mut tx,
            &NewPractitioner {
                kind,
                level,
                name: p.name,
                id_number: p.id_number,
                certificate_number: p.certificate,
                qualification_number: qualification.as_deref(),
                has_valid_qualification: p.qualified,
                status: p.status,
                registration_valid_from: registration.as_ref().map(|r| r.0.as_str()),
                registration_valid_until: registration.as_ref().map(|r| r.1.as_str()),
                title: Some(p.title),
                category,
                // PEOPLE count institutions from 1, in INSTITUTIONS' order.
                institution_id: institution_ids[(p.institution - 1) as usize],
                last_activity_on: Some(&last_activity),
                phone_on_record: Some(p.phone),
            },
        )
        .await?;
        if let Some(username) = p.username {
            // A demo account whose photo is on file gets a real photo file, so
            // every page that shows it (profile, review queue, e-license) works.
            let photo_file = match p.photo {
                Some(_) => Some(store_demo_photo(uploads, pid as u32).await?),
                None => None,
            };
            store::accounts::insert_demo_practitioner(
                &mut tx,
                &NewDemoAccount {
                    username,
                    password_hash: &hash,
                    practitioner_id: pid,
                    phone: Some(p.phone),
                    activated: p.activated,
                    photo_state: p.photo,
                    photo_file,
                    now,
                },
            )
            .await?;
        }
    }
    for (n, (division, name, admin, staff, accounts, pending_photos, applied_percent)) in
        SHENZHEN.into_iter().enumerate()
    {
        let spec = crate::generate::Spec {
            staff,
            accounts,
            pending_photos,
            admin: admin.into(),
            number: 41 + n as u32,
            division: division.into(),
            name: Some(name.into()),
            applied_percent,
            long_names: true,
        };
        crate::generate::institution_in(&mut tx, uploads, &spec, &hash, today, now).await?;
    }
    // Shanghai's administrator asks for a change of administrator: the
    // national authority (nhc_admin) finds it waiting with its receipt.
    seed_administrator_change(&mut tx, uploads, institution_ids[1], admin_ids[1], now).await?;
    // Registry facts behind the zombie-account candidates.
    for (certificate, sql) in [
        ("110110105000103", "UPDATE practitioners SET status_since = $1 WHERE certificate_number = $2"),
        ("110110105000110", "UPDATE practitioners SET retired = TRUE WHERE certificate_number = $2 AND $1 IS NOT NULL"),
        ("110310104000111", "UPDATE practitioners SET last_contact_ok = FALSE WHERE certificate_number = $2 AND $1 IS NOT NULL"),
        // A registration under an abbreviation of the institution's standard name.
        ("110110105000109", "UPDATE practitioners SET registered_institution_name = '海淀区和平医院' WHERE certificate_number = $2 AND $1 IS NOT NULL"),
    ] {
        store::demo::update_practitioner(&mut tx, sql, &day(today, -3 * 365), certificate).await?;
    }
    // The seed notice's regions with dates counted from today, so the
    // countdowns show (the 2020 dates stay the documented example).
    let campaigns: Vec<_> = rules::campaign::demo(today)
        .iter()
        .map(crate::campaigns::to_row)
        .collect();
    store::campaigns::replace_all(&mut tx, &campaigns, now).await?;
    tx.commit().await?;
    Ok(true)
}

/// The demo accounts as a Markdown table (start-up banner and DEMO.md).
pub fn accounts_table() -> String {
    let mut out = String::from(
        "| username | password | kind | institution | state | try |\n|---|---|---|---|---|---|\n",
    );
    for inst in &INSTITUTIONS {
        out.push_str(&format!(
            "| {} | {DEMO_PASSWORD} | institution admin | {} | normal | review queue, roster, zombies |\n",
            inst.admin, inst.name
        ));
    }
    for (_, name, admin, staff, accounts, _, applied) in SHENZHEN {
        out.push_str(&format!(
            "| {admin} | {DEMO_PASSWORD} | institution admin | {name} | {staff} generated staff, {accounts} accounts, {applied} % of those who could apply did | sz_admin's follow-up (Shenzhen) |\n"
        ));
    }
    for p in PEOPLE {
        let inst = &INSTITUTIONS[(p.institution - 1) as usize];
        out.push_str(&format!(
            "| {} | {} | {} {} | {} | {} | {} |\n",
            p.username.unwrap_or("(none)"),
            if p.username.is_some() {
                DEMO_PASSWORD
            } else {
                "-"
            },
            if p.nurse { "nurse" } else { "physician" },
            p.name,
            inst.name,
            p.state,
            if p.username.is_some() {
                p.try_this.to_owned()
            } else {
                format!(
                    "{} (ID {}, cert {})",
                    p.try_this, p.id_number, p.certificate
                )
            },
        ));
    }
    out
}

/// A synthetic ID photo in the spec's size: a head-and-shoulders silhouette
/// on a light plain background, varied by `seed`. Only demo accounts get one.
pub fn demo_photo(seed: u32) -> Vec<u8> {
    let spec = rules::photo_spec::SPEC;
    let (w, h) = (spec.output_width, spec.output_height);
    let jackets = [[40u8, 52, 74], [70, 70, 78], [28, 60, 60], [84, 44, 44]];
    let jacket = jackets[seed as usize % jackets.len()];
    let skin = [236u8, 200, 170];
    let hair = [38u8, 30, 28];
    let (cx, head_cy) = (w as f32 / 2.0, h as f32 * 0.38);
    let (head_rx, head_ry) = (w as f32 * 0.19, h as f32 * 0.2);
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        let (fx, fy) = (x as f32, y as f32);
        let in_ellipse =
            |cy: f32, rx: f32, ry: f32| ((fx - cx) / rx).powi(2) + ((fy - cy) / ry).powi(2) <= 1.0;
        let shoulders =
            fy > h as f32 * 0.7 && in_ellipse(h as f32 * 1.05, w as f32 * 0.55, h as f32 * 0.36);
        let neck = (fx - cx).abs() < w as f32 * 0.07 && fy > head_cy && fy < h as f32 * 0.72;
        let hair_cap = in_ellipse(head_cy - head_ry * 0.25, head_rx * 1.08, head_ry * 0.9)
            && fy < head_cy - head_ry * 0.35;
        let pixel = if hair_cap {
            hair
        } else if in_ellipse(head_cy, head_rx, head_ry) || neck {
            skin
        } else if shoulders {
            jacket
        } else {
            // A faint vertical gradient, as on a studio backdrop.
            let shade = 246 - (fy / h as f32 * 14.0) as u8;
            [shade - 6, shade - 2, shade]
        };
        image::Rgb(pixel)
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 92)
        .encode_image(&img)
        .expect("encoding an in-memory RGB image cannot fail");
    jpeg
}

async fn store_demo_photo(uploads: &crate::uploads::Store, seed: u32) -> AppResult<String> {
    let jpeg = tokio::task::spawn_blocking(move || demo_photo(seed)).await?;
    Ok(uploads.put("", "jpg", jpeg).await?)
}

/// The demo's stamped receipt: a one-page PDF (text only; the seal is
/// described, not drawn).
pub const DEMO_RECEIPT: &[u8] = b"%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj
4 0 obj << /Length 95 >> stream
BT /F1 14 Tf 60 780 Td (Administrator change receipt - demo - stamped with the unit seal) Tj ET
endstream endobj
5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
trailer << /Root 1 0 R >>
%%EOF
";

/// A pending administrator change of a demo institution, with its receipt.
async fn seed_administrator_change(
    tx: &mut store::Tx,
    uploads: &crate::uploads::Store,
    institution_id: i64,
    requested_by: i64,
    now: i64,
) -> AppResult<()> {
    let name = uploads
        .put("receipt-", "pdf", DEMO_RECEIPT.to_vec())
        .await?;
    store::administrator_changes::insert(
        tx,
        &store::administrator_changes::NewChange {
            institution_id,
            requested_by,
            new_name: "周敏",
            new_username: "admin_b2",
            new_phone: "13900000321",
            new_email: None,
            receipt_file: &name,
            receipt_type: "application/pdf",
            receipt_bytes: DEMO_RECEIPT.len() as i64,
            now: now - 2 * 86_400,
        },
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    /// DEMO.md (copied into the README) must list exactly the seeded accounts.
    #[test]
    fn demo_md_is_up_to_date() {
        let doc = include_str!("../DEMO.md");
        assert!(
            doc.contains(&super::accounts_table()),
            "regenerate DEMO.md from seed::accounts_table()"
        );
    }
}
