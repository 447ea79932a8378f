//! The contract's endpoints. Articles and lists come from the content folder's files;
//! comments, views and the ranking that views make come from the database.

use std::net::SocketAddr;
use std::time::Instant;

use axum::body::Body;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use news_contract::comments::{self, CommentCreated, CommentStatus, NewComment, ValidationFailure};
use news_contract::{Comment, CommentPage, SummaryList};

use crate::app::{internal, json_response, json_value, ApiError, Shared};
use crate::clock;
use crate::content;
use crate::db::{Db, Status};
use crate::static_files;

/// Comments per page.
pub const PER_PAGE: u32 = 20;
/// The most bytes of a comment submission.
pub const BODY_LIMIT: usize = 16 * 1024;
/// The window most-read ranks views over.
pub const MOST_READ_WINDOW_SECS: i64 = 7 * 24 * 3600;
/// The length of the most-read list.
pub const MOST_READ_LEN: usize = 10;

/// Runs a database call off the async workers (SQLite blocks, on a busy lock up to its
/// timeout); any failure is a 503.
pub async fn with_db<T, F>(state: &Shared, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&Db) -> rusqlite::Result<T> + Send + 'static,
{
    let state = state.clone();
    tokio::task::spawn_blocking(move || f(&state.db))
        .await
        .map_err(internal)?
        .map_err(internal)
}

/// `GET articles/{slug}.json`: the article's file from the content folder, byte for byte.
pub async fn article(
    State(state): State<Shared>,
    Path(file): Path<String>,
) -> Result<Response, ApiError> {
    let slug = file.strip_suffix(".json").ok_or(ApiError::NotFound)?;
    let bytes = state.content.article_bytes(slug).await?;
    Ok(json_response(StatusCode::OK, bytes))
}

/// `GET latest.json`: the content folder's file.
pub async fn latest(State(state): State<Shared>) -> Result<Response, ApiError> {
    let bytes = state.content.document("latest.json").await?;
    Ok(json_response(StatusCode::OK, bytes))
}

/// `GET images/…`: the content folder's images.
pub async fn image(
    State(state): State<Shared>,
    Path(path): Path<String>,
) -> Result<Response, ApiError> {
    let root = state.content.root().join("images");
    // `path` is already percent-decoded by the router; re-encoding `%` keeps a literal one
    // from being decoded twice.
    let file = static_files::find(&root, &path.replace('%', "%25"))
        .await
        .map_err(internal)?
        .ok_or(ApiError::NotFound)?;
    Ok(static_files::file_response(StatusCode::OK, file))
}

/// `GET most-read.json`: the articles most viewed in the last 7 days; the content folder's
/// own `most-read.json` while nothing has been viewed (a fresh install, a quiet week).
pub async fn most_read(State(state): State<Shared>) -> Result<Response, ApiError> {
    let since = clock::now_unix() - MOST_READ_WINDOW_SECS;
    // A few more than needed: an article whose file is gone since is skipped.
    let limit = (MOST_READ_LEN * 2) as u32;
    let slugs = with_db(&state, move |db| db.most_viewed(since, limit)).await?;
    let mut items = Vec::with_capacity(MOST_READ_LEN);
    for slug in slugs {
        match state.content.article(&slug).await {
            Ok(a) => items.push(content::summary(&a)),
            Err(content::ContentError::NotFound) => continue,
            Err(e) => return Err(e.into()),
        }
        if items.len() == MOST_READ_LEN {
            break;
        }
    }
    if items.is_empty() {
        let bytes = state.content.document("most-read.json").await?;
        return Ok(json_response(StatusCode::OK, bytes));
    }
    Ok(json_value(StatusCode::OK, &SummaryList { items }))
}

/// `GET articles/{slug}/comments.json` and `…/comments-{n}.json` (n ≥ 2): published comments,
/// newest first. The pages are named like files so that a static host can serve the same
/// paths, and `next` names the next one.
pub async fn comment_page(
    State(state): State<Shared>,
    Path((slug, file)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let page = page_number(&file).ok_or(ApiError::NotFound)?;
    if !state.content.has_article(&slug).await? {
        return Err(ApiError::NotFound);
    }
    let key = slug.clone();
    let (items, total) = with_db(&state, move |db| {
        db.published_page(&key, page - 1, PER_PAGE)
    })
    .await?;
    if page > 1 && items.is_empty() {
        return Err(ApiError::NotFound);
    }
    let shown = u64::from(page) * u64::from(PER_PAGE);
    let next =
        (u64::from(total) > shown).then(|| format!("articles/{slug}/comments-{}.json", page + 1));
    Ok(json_value(
        StatusCode::OK,
        &CommentPage { items, total, next },
    ))
}

/// 1 for `comments.json`, n for `comments-n.json` with n ≥ 2 written without leading zeros
/// (the only names a static host would have).
fn page_number(file: &str) -> Option<u32> {
    if file == "comments.json" {
        return Some(1);
    }
    let n = file.strip_prefix("comments-")?.strip_suffix(".json")?;
    if n.starts_with('0') || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    n.parse().ok().filter(|&n| n >= 2)
}

/// `POST articles/{slug}/views`: counts a view (`sendBeacon`: any type, any or no body).
pub async fn post_view(
    State(state): State<Shared>,
    Path(slug): Path<String>,
    body: Body,
) -> Result<Response, ApiError> {
    // Read (and drop) a small body so the connection can be kept alive; a large one is
    // simply not read.
    let _ = axum::body::to_bytes(body, 1024).await;
    if !state.content.has_article(&slug).await? {
        return Err(ApiError::NotFound);
    }
    let at = clock::now_unix();
    with_db(&state, move |db| db.record_view(&slug, at)).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `POST articles/{slug}/comments`: checks in the order a client can act on (wrong article,
/// closed, wrong type, too big, unreadable, invalid fields, too many), then stores the
/// comment and only then answers 201.
pub async fn post_comment(
    State(state): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let article = state.content.article(&slug).await?;
    if !article.comments_enabled() {
        return Err(ApiError::Forbidden);
    }
    if !is_json(&headers) {
        return Err(ApiError::UnsupportedMediaType);
    }
    let declared = headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > BODY_LIMIT as u64) {
        return Err(ApiError::TooLarge);
    }
    let bytes = axum::body::to_bytes(body, BODY_LIMIT).await.map_err(|e| {
        if is_length_limit(&e) {
            ApiError::TooLarge
        } else {
            ApiError::BadRequest("Could not read the body")
        }
    })?;
    let new: NewComment = serde_json::from_slice(&bytes).map_err(|_| {
        ApiError::BadRequest(
            "Expected {\"author_name\": string, \"body\": string, \"website\": string}",
        )
    })?;
    let clean = match comments::validate(&new) {
        Ok(clean) => clean,
        Err(errors) => {
            return Ok(json_value(
                StatusCode::UNPROCESSABLE_ENTITY,
                &ValidationFailure { errors },
            ))
        }
    };

    let client = peer.ip();
    let slot = state
        .limiter
        .try_acquire(client, Instant::now())
        .map_err(ApiError::TooManyRequests)?;
    let (status, answer_status) = if state.auto_publish {
        (Status::Published, CommentStatus::Published)
    } else {
        (Status::Pending, CommentStatus::Pending)
    };
    let comment = Comment {
        id: clock::new_comment_id(),
        author_name: clean.author_name,
        body: clean.body,
        created_at: clock::rfc3339_utc(clock::now_unix()),
        likes: None,
    };
    // A robot gets the answer a person would, and its slot stays taken like a person's,
    // so that nothing tells it the honeypot was seen.
    if !comments::is_spam(&new) {
        let stored = comment.clone();
        let stored_slug = slug.clone();
        let client_text = client.to_string();
        let result = with_db(&state, move |db| {
            db.insert_comment(&stored_slug, &stored, status, &client_text)
        })
        .await;
        if let Err(e) = result {
            state.limiter.release(client, slot);
            return Err(e);
        }
    }
    Ok(json_value(
        StatusCode::CREATED,
        &CommentCreated {
            status: answer_status,
            comment,
        },
    ))
}

/// True for `application/json`, with or without parameters such as `charset`.
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"))
}

/// True when reading a body failed because it went over the limit (not because the
/// client went away).
fn is_length_limit(e: &axum::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = source {
        if err.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        source = err.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_names() {
        assert_eq!(page_number("comments.json"), Some(1));
        assert_eq!(page_number("comments-2.json"), Some(2));
        assert_eq!(page_number("comments-31.json"), Some(31));
        for no in [
            "comments-1.json",
            "comments-0.json",
            "comments-02.json",
            "comments-.json",
            "comments-+3.json",
            "comments-99999999999.json",
            "comments",
            "views.json",
        ] {
            assert_eq!(page_number(no), None, "{no}");
        }
    }

    #[test]
    fn json_content_types() {
        let mut h = HeaderMap::new();
        assert!(!is_json(&h));
        for (v, ok) in [
            ("application/json", true),
            ("Application/JSON; charset=utf-8", true),
            ("text/plain", false),
            ("application/json-patch+json", false),
        ] {
            h.insert(CONTENT_TYPE, v.parse().unwrap());
            assert_eq!(is_json(&h), ok, "{v}");
        }
    }
}
