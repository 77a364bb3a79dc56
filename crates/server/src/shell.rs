//! The apps' HTML shells, served with the configured national deadline
//! written into their first paint: the banner that shows before any wasm
//! runs reads the campaign in force, not the date the SPA was built with.

use std::path::{Path, PathBuf};

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use rules::{Campaign, Lang};

use crate::AppState;

/// The banner's text for the national campaign: the last day in both
/// languages, and whether some region ends earlier.
pub fn banner(national: &Campaign, table: &[Campaign]) -> String {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut text = format!(
        "{} · 电子证照申领截止日期：{}<br> {} · Last day to claim the e-license: {}",
        escape(&national.name_zh),
        Lang::Zh.date(national.e_license_by),
        escape(&national.name_en),
        Lang::En.date(national.e_license_by),
    );
    if table
        .iter()
        .any(|c| !c.region_code.is_empty() && c.e_license_by < national.e_license_by)
    {
        text.push_str(
            "<br> 部分地区截止日期更早，登录后显示您所在地区的日期。 \
             Some regions end earlier; yours shows once you sign in.",
        );
    }
    text
}

/// `html` with the content of its banner (the first `<aside` whose tag
/// names the class `banner`) replaced by `text`; unchanged without one.
pub fn with_banner(html: &str, text: &str) -> String {
    let found = html.match_indices("<aside").find_map(|(start, _)| {
        let open_end = start + html[start..].find('>')?;
        html[start..open_end]
            .contains("banner")
            .then_some(open_end + 1)
    });
    let Some(inner_start) = found else {
        return html.to_owned();
    };
    let Some(len) = html[inner_start..].find("</aside>") else {
        return html.to_owned();
    };
    format!(
        "{}{text}{}",
        &html[..inner_start],
        &html[inner_start + len..]
    )
}

/// Serves `dist/file` with the national deadline in force. The shell is a
/// few KiB and changes with the campaign, so it is written per request
/// (the API's compression layer compresses it); a database that cannot be
/// read leaves the built-in date rather than failing the page.
pub async fn serve(state: &AppState, dist: &Path, file: &str) -> Response {
    let path: PathBuf = dist.join(file);
    let Ok(html) = tokio::fs::read_to_string(&path).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let html = match state.campaigns.table(&state.db).await {
        Ok(table) => with_banner(&html, &banner(rules::campaign_in(&table, ""), &table)),
        Err(e) => {
            tracing::warn!(error = %e, "campaigns unavailable: the shell keeps its built-in date");
            html
        }
    };
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        )],
        html,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_banner_is_replaced_in_place() {
        let html = "<main><aside aria-label=\"申领截止 Deadline\" class=banner>old<br> text</aside><p>x</p></main>";
        let table = rules::campaign::SEED_2020;
        let text = banner(rules::campaign_in(table, ""), table);
        let out = with_banner(html, &text);
        assert!(
            out.contains("全国 · 电子证照申领截止日期：2020年12月31日"),
            "{out}"
        );
        assert!(out.contains("Nationwide · Last day to claim the e-license: 31 Dec 2020"));
        assert!(out.contains("部分地区截止日期更早"));
        assert!(out.ends_with("</aside><p>x</p></main>"));
        assert!(!out.contains("old"));
        // Without a banner, nothing changes.
        assert_eq!(with_banner("<p>x</p>", &text), "<p>x</p>");
        // Only the national campaign: no "some regions end earlier".
        let national = &table[2..];
        assert!(!banner(&national[0], national).contains("部分地区"));
    }
}
