//! `GET /api/v1/institution/staff` (and its `.csv`): the roster's filters,
//! sort and page, typed once. The portal writes them into the address and
//! the request, the server reads and checks them, both with this code.

use serde::{Deserialize, Serialize};

use crate::domain::{PracticeStatus, System};
use crate::eligibility::CriterionCode;
use crate::i18n::{Lang, Localized};

/// Rows per page unless asked otherwise: a phone screen's worth a few times.
pub const PER_PAGE: u32 = 50;
/// Most rows a page may hold: the page's DOM stays a few hundred rows.
pub const MAX_PER_PAGE: u32 = 200;
/// Highest page number accepted.
pub const MAX_PAGE: u32 = 1_000_000;
/// Longest search text accepted; longer cannot match a name or username.
pub const MAX_SEARCH_CHARS: usize = 64;

/// The roster's order.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RosterSort {
    /// By name (the default).
    #[default]
    #[serde(rename = "name")]
    Name,
    /// By name, descending.
    #[serde(rename = "-name")]
    NameDesc,
    /// By username.
    #[serde(rename = "username")]
    Username,
    /// By practice status, then name.
    #[serde(rename = "status")]
    Status,
}

crate::wire_codes!(RosterSort {
    Name => "name",
    NameDesc => "-name",
    Username => "username",
    Status => "status",
});

/// The roster's filters, sort and page, as the query string carries them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterQuery {
    /// Part of the name or of the username (case-insensitive).
    #[serde(default)]
    pub q: Option<String>,
    /// Physicians or nurses only.
    #[serde(default)]
    pub system: Option<System>,
    /// One practice status only.
    #[serde(default)]
    pub status: Option<PracticeStatus>,
    /// Only those failing this criterion today.
    #[serde(default)]
    pub unmet: Option<CriterionCode>,
    /// Only those who have not applied.
    #[serde(default)]
    pub not_applied: bool,
    /// Only those needing a registration change.
    #[serde(default)]
    pub registration_change: bool,
    /// The order (by name unless asked).
    #[serde(default)]
    pub sort: Option<RosterSort>,
    /// Page, 1 first.
    #[serde(default)]
    pub page: Option<u32>,
    /// Rows per page (default [`PER_PAGE`], at most [`MAX_PER_PAGE`]).
    #[serde(default)]
    pub per_page: Option<u32>,
}

impl RosterQuery {
    /// The search text, trimmed, lower-cased; `None` when blank.
    pub fn search(&self) -> Option<String> {
        self.q
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_lowercase)
    }

    /// Checks the query: the search text's length and the page.
    pub fn check(&self) -> Result<Paging, QueryError> {
        if self
            .search()
            .is_some_and(|t| t.chars().count() > MAX_SEARCH_CHARS)
        {
            return Err(QueryError::SearchTooLong);
        }
        Paging::check(self.page, self.per_page)
    }

    /// The same filters and sort on another page.
    pub fn on_page(&self, page: u32) -> RosterQuery {
        RosterQuery {
            page: (page > 1).then_some(page),
            ..self.clone()
        }
    }

    /// The query string (without `?`): only what is set, in a fixed order,
    /// the search text percent-encoded.
    pub fn to_query_string(&self) -> String {
        let mut parts = Vec::new();
        if let Some(q) = self.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
            parts.push(format!("q={}", percent_encode(q)));
        }
        if let Some(system) = self.system {
            parts.push(format!("system={}", system.code()));
        }
        if let Some(status) = self.status {
            parts.push(format!("status={}", status.code()));
        }
        if let Some(unmet) = self.unmet {
            parts.push(format!("unmet={}", unmet.code()));
        }
        if self.not_applied {
            parts.push("not_applied=true".to_owned());
        }
        if self.registration_change {
            parts.push("registration_change=true".to_owned());
        }
        if let Some(sort) = self.sort.filter(|s| *s != RosterSort::Name) {
            parts.push(format!("sort={}", percent_encode(sort.code())));
        }
        if let Some(page) = self.page.filter(|p| *p > 1) {
            parts.push(format!("page={page}"));
        }
        if let Some(per_page) = self.per_page {
            parts.push(format!("per_page={per_page}"));
        }
        parts.join("&")
    }
}

/// A page and its size, checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// Page, 1 first.
    pub page: u32,
    /// Rows per page.
    pub per_page: u32,
}

impl Paging {
    /// Checks a page and its size as a list's query gives them (every paged
    /// list of the API uses this).
    pub fn check(page: Option<u32>, per_page: Option<u32>) -> Result<Paging, QueryError> {
        let page = page.unwrap_or(1);
        if page == 0 || page > MAX_PAGE {
            return Err(QueryError::Page);
        }
        let per_page = per_page.unwrap_or(PER_PAGE);
        if per_page == 0 || per_page > MAX_PER_PAGE {
            return Err(QueryError::PerPage);
        }
        Ok(Paging { page, per_page })
    }

    /// Rows before this page.
    pub fn offset(self) -> i64 {
        i64::from(self.page - 1) * i64::from(self.per_page)
    }
}

/// What is wrong with a list's query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// The search text is longer than [`MAX_SEARCH_CHARS`].
    #[error("search text too long")]
    SearchTooLong,
    /// The page is 0 or past [`MAX_PAGE`].
    #[error("page out of range")]
    Page,
    /// Rows per page outside 1..=[`MAX_PER_PAGE`].
    #[error("rows per page out of range")]
    PerPage,
}

impl QueryError {
    /// The query parameter at fault.
    pub fn field(self) -> &'static str {
        match self {
            QueryError::SearchTooLong => "q",
            QueryError::Page => "page",
            QueryError::PerPage => "per_page",
        }
    }
}

impl Localized for QueryError {
    fn code(&self) -> &'static str {
        match self {
            QueryError::SearchTooLong => "query.search_too_long",
            QueryError::Page => "query.page",
            QueryError::PerPage => "query.per_page",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match self {
            QueryError::SearchTooLong => lang
                .pick(
                    "搜索内容过长：请输入姓名或用户名的一部分。",
                    "The search text is too long: type part of a name or username.",
                )
                .to_owned(),
            QueryError::Page => lang
                .pick("页码须从 1 开始", "Pages are numbered from 1")
                .to_owned(),
            QueryError::PerPage => match lang {
                Lang::Zh => format!("每页条数须在 1 到 {MAX_PER_PAGE} 之间"),
                Lang::En => format!("Rows per page must be between 1 and {MAX_PER_PAGE}"),
            },
        }
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(query: &str) -> RosterQuery {
        serde_urlencoded::from_str(query).expect("a roster query")
    }

    #[test]
    fn the_query_string_reads_back_as_the_same_query() {
        let query = RosterQuery {
            q: Some("张 三&x=1".into()),
            system: Some(System::Nurse),
            status: Some(PracticeStatus::Normal),
            unmet: Some(CriterionCode::Photo),
            not_applied: true,
            registration_change: true,
            sort: Some(RosterSort::NameDesc),
            page: Some(3),
            per_page: Some(20),
        };
        assert_eq!(parse(&query.to_query_string()), query);
        assert_eq!(RosterQuery::default().to_query_string(), "");
        assert_eq!(parse(""), RosterQuery::default());
    }

    #[test]
    fn only_what_is_set_is_written() {
        let query = RosterQuery {
            system: Some(System::Physician),
            page: Some(1),
            sort: Some(RosterSort::Name),
            ..RosterQuery::default()
        };
        assert_eq!(query.to_query_string(), "system=physician");
        assert_eq!(
            query.on_page(2).to_query_string(),
            "system=physician&page=2"
        );
    }

    #[test]
    fn unknown_values_are_refused() {
        assert!(serde_urlencoded::from_str::<RosterQuery>("sort=age").is_err());
        assert!(serde_urlencoded::from_str::<RosterQuery>("system=dentist").is_err());
    }

    #[test]
    fn the_search_and_the_page_are_checked() {
        let long = RosterQuery {
            q: Some("名".repeat(MAX_SEARCH_CHARS + 1)),
            ..RosterQuery::default()
        };
        assert_eq!(long.check(), Err(QueryError::SearchTooLong));
        assert_eq!(QueryError::SearchTooLong.field(), "q");
        assert_eq!(Paging::check(Some(0), None), Err(QueryError::Page));
        assert_eq!(
            Paging::check(None, Some(MAX_PER_PAGE + 1)),
            Err(QueryError::PerPage)
        );
        let paging = RosterQuery::default().check().unwrap();
        assert_eq!(
            (paging.page, paging.per_page, paging.offset()),
            (1, PER_PAGE, 0)
        );
        assert_eq!(Paging::check(Some(3), Some(20)).unwrap().offset(), 40);
    }
}
