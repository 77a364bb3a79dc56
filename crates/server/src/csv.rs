//! Writing CSV for spreadsheet users: UTF-8 with a byte-order mark (so
//! Excel does not read Chinese as mojibake), CRLF line ends, RFC 4180
//! quoting, and cells that a spreadsheet would run as a formula defused.

use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};

/// The byte-order mark Excel needs to detect UTF-8.
pub const BOM: &str = "\u{FEFF}";

/// One cell: quoted when it holds a separator, quote or line break; a
/// leading `=`, `+`, `-`, `@`, tab or CR gets a `'` so it stays text.
pub fn cell(value: &str) -> String {
    let defused = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

/// A document: BOM, then each row's cells joined by commas, CRLF-terminated.
pub fn document<R, C>(rows: R) -> String
where
    R: IntoIterator<Item = C>,
    C: IntoIterator<Item = String>,
{
    let mut out = String::from(BOM);
    for row in rows {
        let cells: Vec<String> = row.into_iter().map(|c| cell(&c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// A document as a download named `file_name` (an ASCII name, quoted in
/// the `Content-Disposition`).
pub fn download<R, C>(file_name: &str, rows: R) -> Response
where
    R: IntoIterator<Item = C>,
    C: IntoIterator<Item = String>,
{
    let mut resp = document(rows).into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    // The names are the handlers' constants: one that is no header value
    // still downloads, unnamed.
    let disposition = HeaderValue::try_from(format!("attachment; filename=\"{file_name}\""))
        .unwrap_or(HeaderValue::from_static("attachment"));
    h.insert(header::CONTENT_DISPOSITION, disposition);
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells() {
        assert_eq!(cell("张伟"), "张伟");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("-1"), "'-1");
    }

    #[test]
    fn documents() {
        let doc = document([
            vec!["a".to_owned(), "b".to_owned()],
            vec!["1".into(), "2".into()],
        ]);
        assert_eq!(doc, "\u{FEFF}a,b\r\n1,2\r\n");
    }

    #[test]
    fn downloads_are_named_csv_attachments() {
        let resp = download("roster.csv", [vec!["a".to_owned()]]);
        let h = resp.headers();
        assert_eq!(h[header::CONTENT_TYPE], "text/csv; charset=utf-8");
        assert_eq!(
            h[header::CONTENT_DISPOSITION],
            "attachment; filename=\"roster.csv\""
        );
        let resp = download("bad\nname", [vec!["a".to_owned()]]);
        assert_eq!(resp.headers()[header::CONTENT_DISPOSITION], "attachment");
    }
}
