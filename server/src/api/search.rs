//! `GET search.json?q={q}&trang={n}` (contract v3): a page of results from this server's
//! search index (`crate::search`), best first, each a list's summary with where the query
//! matched its title and lead.
//!
//! A query that cannot be searched is answered 422 with a message for the reader, before
//! any search: nothing to search (empty, punctuation, control or direction characters
//! only), too long, not UTF-8, or a page number out of range. A query has no syntax (its
//! quotes, `*`, `(`, `:` and `-` separate syllables), so no query can be slow or fail.
//! Searches are limited per client like views (`search::SEARCHES_PER_CLIENT`).

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use contract::{paths, Matches, SearchPage, SearchResult};
use search_text::{matched_ranges, QueryError, Syllable};

use crate::http::error::{json_value, ApiError};
use crate::site::content_folder::ContentError;
use crate::site::list_pages::list_summary;
use crate::state::Shared;

/// The deepest page of results: past it a reader refines the query (30 pages are 900
/// results at the usual size), and a top-k deeper still is work for nobody.
pub const MAX_PAGE: u32 = 30;

/// Nothing to search.
pub const MSG_EMPTY: &str = "Vui lòng nhập từ khóa cần tìm";
/// Over `search_text::MAX_QUERY_CHARS` characters or too many syllables.
pub const MSG_TOO_LONG: &str = "Từ khóa quá dài: tối đa 200 ký tự";
/// Not UTF-8 once percent-decoded.
pub const MSG_INVALID: &str = "Từ khóa có ký tự không hợp lệ";
/// `trang` not a number from 1 to [`MAX_PAGE`].
pub const MSG_PAGE: &str = "Số trang không hợp lệ";

/// What a search asks for.
#[derive(Debug)]
struct Asked {
    /// The query as the reader typed it (for `next`).
    text: String,
    syllables: Vec<Syllable>,
    page: u32,
}

/// Reads `q` and `trang` from a query string (the last of each, as a form sends one).
fn asked(query: &str) -> Result<Asked, ApiError> {
    let mut text: Option<String> = None;
    let mut page: Option<String> = None;
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        if key == paths::SEARCH_QUERY_PARAM {
            text = Some(value.into_owned());
        } else if key == paths::SEARCH_PAGE_PARAM {
            page = Some(value.into_owned());
        }
    }
    let text = text.unwrap_or_default();
    // Decoding replaces bytes that are not UTF-8 with U+FFFD, which nobody types.
    if text.contains('\u{FFFD}') {
        return Err(ApiError::Unprocessable(MSG_INVALID));
    }
    let syllables = search_text::query(&text).map_err(|e| match e {
        QueryError::Empty => ApiError::Unprocessable(MSG_EMPTY),
        QueryError::TooLong => ApiError::Unprocessable(MSG_TOO_LONG),
    })?;
    let page = match page {
        None => 1,
        Some(p) => p
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=MAX_PAGE).contains(n))
            .ok_or(ApiError::Unprocessable(MSG_PAGE))?,
    };
    Ok(Asked {
        text,
        syllables,
        page,
    })
}

/// `GET search.json`.
pub async fn search(
    State(state): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    req: Request,
) -> Result<Response, ApiError> {
    let client = state.clients.client(peer, req.headers());
    state
        .search_limiter
        .check(&state.db, client)
        .await?
        .map_err(ApiError::TooManyRequests)?;
    let asked = asked(req.uri().query().unwrap_or(""))?;
    // The first index is still being built (moments after a start): a 503 to retry.
    if !state.search.is_ready() {
        return Err(ApiError::Unavailable);
    }
    let size = state.page_size;
    let offset = (asked.page as usize - 1) * size;
    let index = state.search.clone();
    let syllables = asked.syllables.clone();
    let found = tokio::task::spawn_blocking(move || index.search(&syllables, offset, size))
        .await
        .map_err(|_| ApiError::Internal)?
        .map_err(crate::http::error::internal)?;
    let mut items = Vec::with_capacity(found.slugs.len());
    for slug in &found.slugs {
        // An article whose file has gone since the index saw it is left out.
        let article = match state.content.article(slug).await {
            Ok(a) => a,
            Err(ContentError::NotFound) => continue,
            Err(e) => return Err(e.into()),
        };
        let summary = list_summary(&article);
        let matches = Matches {
            title: matched_ranges(&summary.title, &asked.syllables),
            lead: summary
                .lead
                .as_deref()
                .map_or_else(Vec::new, |lead| matched_ranges(lead, &asked.syllables)),
        };
        items.push(SearchResult { summary, matches });
    }
    let more = offset + size < found.total && asked.page < MAX_PAGE;
    let page = SearchPage {
        items,
        total: u32::try_from(found.total).unwrap_or(u32::MAX),
        next: more.then(|| paths::search_json(&asked.text, asked.page + 1)),
    };
    Ok(json_value(StatusCode::OK, &page))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(query: &str) -> &'static str {
        match asked(query) {
            Err(ApiError::Unprocessable(m)) => m,
            other => panic!("{query}: {other:?}"),
        }
    }

    #[test]
    fn hostile_queries_are_refused_with_a_message() {
        for empty in [
            "",
            "q=",
            "q=%20%20",
            "q=%22*()%3A-",
            "q=%00%07%E2%80%AE%E2%81%A6",
            "x=1",
        ] {
            assert_eq!(refused(empty), MSG_EMPTY, "{empty}");
        }
        assert_eq!(refused(&format!("q={}", "a".repeat(2000))), MSG_TOO_LONG);
        assert!(MSG_TOO_LONG.contains(&search_text::MAX_QUERY_CHARS.to_string()));
        assert_eq!(refused("q=%FF%FE"), MSG_INVALID);
        assert_eq!(refused("q=%C4"), MSG_INVALID);
        for page in ["0", "-1", "x", "31", "99999999999", ""] {
            assert_eq!(refused(&format!("q=bao&trang={page}")), MSG_PAGE, "{page}");
        }
    }

    #[test]
    fn a_query_reads_its_text_syllables_and_page() {
        let a = asked("q=%C4%90%C3%A0+N%E1%BA%B5ng&trang=2").unwrap();
        assert_eq!(a.text, "Đà Nẵng");
        assert_eq!(a.page, 2);
        let folded: Vec<&str> = a.syllables.iter().map(|s| s.folded.as_str()).collect();
        assert_eq!(folded, ["da", "nang"]);
        assert_eq!(asked("q=bao").unwrap().page, 1);
        // What `next` writes, it reads back.
        let next = paths::search_json("Đà Nẵng & (bão)", 3);
        let back = asked(next.split_once('?').unwrap().1).unwrap();
        assert_eq!((back.text.as_str(), back.page), ("Đà Nẵng & (bão)", 3));
    }
}
