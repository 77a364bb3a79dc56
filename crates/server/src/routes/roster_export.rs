//! `GET /api/v1/institution/staff.csv`: the roster with each person's unmet
//! criteria, as CSV for Excel (UTF-8 with BOM, formula-looking cells
//! defused), with the roster page's filters and sort, every page at once.

use axum::extract::State;
use axum::response::Response;
use rules::Lang;

use crate::auth::AdminAuth;
use crate::error::AppResult;
use crate::extract::Query;
use crate::routes::institution::{roster_filter, RosterQuery};
use crate::{audit, csv, store, AppState};

/// The roster with each person's unmet criteria, as CSV for Excel (the roster's filters, every page)
#[utoipa::path(
    get,
    path = "/api/v1/institution/staff.csv",
    tag = "institution",
    params(crate::openapi::RosterFilterParams),
    responses(
        (status = 200, response = inline(crate::openapi::Csv)),
        (status = 400),
        (status = 422)
    ),
    security(("session" = []))
)]
pub async fn export(
    State(state): State<AppState>,
    auth: AdminAuth,
    Query(q): Query<RosterQuery>,
) -> AppResult<Response> {
    // Every page at once: the page asked for is checked, then ignored.
    let (filter, sort, _) = roster_filter(&q)?;
    let today = state.clock.today();
    let mut c = state.db.acquire().await?;
    let rows = store::roster_page::all(
        &mut c,
        auth.institution_id,
        &store::date_text(today),
        &filter,
        sort,
    )
    .await?;
    // Who took the institution's personal data away, and how much of it.
    audit::record(
        &mut c,
        state.clock.now(),
        Some(auth.account_id),
        "roster.exported",
        Some(serde_json::json!({"rows": rows.len()})),
    )
    .await?;
    drop(c);
    let header_row = [
        "用户名 Username",
        "姓名 Name",
        "身份证号 ID number (masked)",
        "类别 Kind",
        "执业状态 Status",
        "账户已激活 Activated",
        "证件照 Photo",
        "符合申领条件 Eligible",
        "已申领 Applied",
        "未满足的条件 Unmet criteria",
        "需变更注册 Registration change",
    ]
    .map(str::to_owned)
    .to_vec();
    let yes_no = |b: bool| if b { "是" } else { "否" }.to_owned();
    let mut lines = Vec::with_capacity(rows.len() + 1);
    lines.push(header_row);
    for (row, applied) in rows {
        let facts = row.facts()?;
        let checklist = rules::practitioner_checklist(&facts, today, row.policy());
        let unmet: Vec<String> = checklist
            .failures()
            .map(|c| {
                format!(
                    "{}：{}",
                    c.code.title(Lang::Zh),
                    c.reason.for_institution(Lang::Zh)
                )
            })
            .collect();
        lines.push(vec![
            row.username.clone(),
            row.name.clone(),
            rules::masking::id_number(&row.id_number),
            facts.kind.system().label(Lang::Zh).to_owned(),
            facts.status.label(Lang::Zh).to_owned(),
            yes_no(row.activated),
            match row.photo_state.as_deref() {
                None => "无".into(),
                Some("approved") => "已通过".into(),
                Some("rejected") => "未通过".into(),
                Some(_) => "待审核".into(),
            },
            yes_no(checklist.is_eligible()),
            yes_no(applied),
            unmet.join("；"),
            row.registration_change()
                .map(|c| c.registered_as)
                .unwrap_or_default(),
        ]);
    }
    Ok(csv::download("roster.csv", lines))
}
