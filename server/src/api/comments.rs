//! Readers' comments: the published pages of an article's comments (newest or most liked
//! first) and of a thread's replies, and `POST articles/{slug}/comments`, which checks a
//! new comment and stores it before answering.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use contract::comments::{
    self, CommentCreated, CommentStatus, FieldErrors, NewComment, ValidationFailure,
};
use contract::{paths, Comment, CommentPage, ReplyPage};

use crate::api::reader;
use crate::clock;
use crate::db::{Order, Status, Submission, Submitted};
use crate::http::blocking::with_db;
use crate::http::error::{internal, json_value, ApiError};
use crate::state::Shared;

/// Comments per page, and replies per page of a thread's own.
pub const PER_PAGE: u32 = 20;
/// Replies a comment page carries under each comment; the rest are on the thread's pages.
pub const REPLIES_SHOWN: u32 = 3;
/// A reply to something that is not a published top-level comment of the article.
pub const MSG_PARENT: &str =
    "Không thể trả lời bình luận này: bình luận không tồn tại hoặc chưa được đăng";
/// The same body from the same client again within [`DUPLICATE_WINDOW_SECS`].
pub const MSG_DUPLICATE: &str = "Bình luận trùng lặp";
/// How long a client's body counts as a duplicate when sent again.
pub const DUPLICATE_WINDOW_SECS: i64 = 600;
/// The most bytes of a comment submission: what the longest valid one can take.
pub const BODY_LIMIT: usize = comments::SUBMISSION_MAX_BYTES;

/// `GET articles/{slug}/comments.json` and `…/comments-{n}.json` (n ≥ 2): published
/// top-level comments, newest first; `comments-top.json` and `comments-top-{n}.json`: the
/// same, most liked first. The pages are named like files so that a static host can serve
/// the same paths, and `next` names the next one. A browser without the reader cookie gets
/// one (see `reader`).
pub async fn comment_page(
    State(state): State<Shared>,
    Path((slug, file)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let (order, page) = if let Some(n) = paths::page_number(paths::COMMENTS, &file) {
        (Order::Newest, n)
    } else if let Some(n) = paths::page_number(paths::COMMENTS_TOP, &file) {
        (Order::MostLiked, n)
    } else {
        return Err(ApiError::NotFound);
    };
    if !state.content.has_article(&slug).await? {
        return Err(ApiError::NotFound);
    }
    let answer = published_page(&state, &slug, order, page).await?;
    if page > 1 && answer.items.is_empty() {
        return Err(ApiError::NotFound);
    }
    let res = json_value(StatusCode::OK, &answer);
    Ok(reader::with_reader_cookie(
        state.site_url.as_deref(),
        &headers,
        res,
    ))
}

/// Page `page` (from 1) of an article's published top-level comments in `order`, with
/// `next`, each with its first replies and the path of the rest.
pub async fn published_page(
    state: &Shared,
    slug: &str,
    order: Order,
    page: u32,
) -> Result<CommentPage, ApiError> {
    let key = slug.to_string();
    let (mut items, total) = with_db(&state.db, move |db| {
        db.published_page(&key, order, page - 1, PER_PAGE, REPLIES_SHOWN)
    })
    .await?;
    for c in &mut items {
        if let Some(replies) = &mut c.replies {
            if replies.total > REPLIES_SHOWN {
                replies.next = Some(paths::replies_json(slug, &c.id, 1));
            }
        }
    }
    let shown = u64::from(page) * u64::from(PER_PAGE);
    let next = (u64::from(total) > shown).then(|| match order {
        Order::Newest => paths::comments_json(slug, page + 1),
        Order::MostLiked => paths::comments_top_json(slug, page + 1),
    });
    Ok(CommentPage { items, total, next })
}

/// `GET articles/{slug}/comments/{id}/replies.json` and `…/replies-{n}.json` (n ≥ 2): the
/// published replies to a published top-level comment past the [`REPLIES_SHOWN`] its
/// comment page carries, oldest first, [`PER_PAGE`] a page; `total` counts them all.
pub async fn reply_page(
    State(state): State<Shared>,
    Path((slug, id, file)): Path<(String, String, String)>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let page = paths::page_number(paths::REPLIES, &file).ok_or(ApiError::NotFound)?;
    if !state.content.has_article(&slug).await? {
        return Err(ApiError::NotFound);
    }
    let offset = REPLIES_SHOWN + (page - 1) * PER_PAGE;
    let (key, parent) = (slug.clone(), id.clone());
    let (items, total) = with_db(&state.db, move |db| {
        db.replies(&key, &parent, offset, PER_PAGE)
    })
    .await?
    .ok_or(ApiError::NotFound)?;
    if page > 1 && items.is_empty() {
        return Err(ApiError::NotFound);
    }
    let next = (u64::from(total) > u64::from(offset) + u64::from(PER_PAGE))
        .then(|| paths::replies_json(&slug, &id, page + 1));
    let res = json_value(StatusCode::OK, &ReplyPage { items, total, next });
    Ok(reader::with_reader_cookie(
        state.site_url.as_deref(),
        &headers,
        res,
    ))
}

/// `POST articles/{slug}/comments`: the checks that read only the request's head first
/// (wrong type, declared too big), then the article's (none, closed: known without reading
/// it, see `Content::meta`), then the body (too big, unreadable, invalid fields), then the
/// client's allowance; the comment is stored and only then answered with 201.
pub async fn post_comment(
    State(state): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let new = read_new_comment(&state, &slug, &headers, body).await?;
    let clean = match comments::validate(&new) {
        Ok(clean) => clean,
        Err(errors) => return Ok(refusal(errors)),
    };
    let client = state.clients.client(peer, &headers);
    state
        .limiter
        .check(&state.db, client)
        .await?
        .map_err(ApiError::TooManyRequests)?;
    // A banned word or many links: held for a moderator, whatever `--auto-publish` says.
    let flag = state.spam.flag(&clean.author_name, &clean.body).await;
    let (status, answer_status) = if state.auto_publish && flag.is_none() {
        (Status::Published, CommentStatus::Published)
    } else {
        (Status::Pending, CommentStatus::Pending)
    };
    let now = clock::now_unix();
    let comment = Comment {
        id: clock::new_comment_id().map_err(internal)?,
        author_name: clean.author_name,
        body: clean.body,
        created_at: clock::rfc3339_utc(now),
        likes: None,
        replies: None,
    };
    // A robot gets the answer a person would, and its allowance is spent like a person's,
    // so that nothing tells it the honeypot was seen. (A comment that fails to be stored
    // keeps its allowance spent too: the 503 is rare, and GCRA cannot give one back.)
    if !comments::is_spam(&new) {
        let submission = Submission {
            slug,
            comment: comment.clone(),
            status,
            client: client.to_string(),
            parent_id: clean.parent_id,
            flag,
        };
        if let Some(errors) = store(&state, submission, now).await? {
            return Ok(refusal(errors));
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

/// The comment a request sends, once the checks that need no database have passed: its
/// head (type, declared length), then the article's (exists, takes comments), then the
/// body (its size, its JSON).
async fn read_new_comment(
    state: &Shared,
    slug: &str,
    headers: &HeaderMap,
    body: Body,
) -> Result<NewComment, ApiError> {
    if !is_json(headers) {
        return Err(ApiError::UnsupportedMediaType);
    }
    let declared = headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > BODY_LIMIT as u64) {
        return Err(ApiError::TooLarge);
    }
    if !state.content.meta(slug).await?.comments_enabled {
        return Err(ApiError::Forbidden);
    }
    let bytes = axum::body::to_bytes(body, BODY_LIMIT).await.map_err(|e| {
        if is_length_limit(&e) {
            ApiError::TooLarge
        } else {
            ApiError::BadRequest("Could not read the body")
        }
    })?;
    serde_json::from_slice(&bytes).map_err(|_| {
        ApiError::BadRequest(
            "Expected {\"author_name\": string, \"body\": string, \"website\": string}",
        )
    })
}

/// Stores a submission (committed before this returns), or says why not: the same body
/// from the same client within [`DUPLICATE_WINDOW_SECS`], or a parent that is not a
/// published top-level comment.
async fn store(
    state: &Shared,
    submission: Submission,
    now: i64,
) -> Result<Option<FieldErrors>, ApiError> {
    let since = clock::rfc3339_utc(now - DUPLICATE_WINDOW_SECS);
    Ok(
        match with_db(&state.db, move |db| db.submit(&submission, &since)).await? {
            Submitted::Stored => None,
            Submitted::Duplicate => Some(FieldErrors {
                body: Some(MSG_DUPLICATE.into()),
                ..FieldErrors::default()
            }),
            Submitted::NoSuchParent => Some(FieldErrors {
                parent_id: Some(MSG_PARENT.into()),
                ..FieldErrors::default()
            }),
        },
    )
}

/// A 422 naming the fields refused.
fn refusal(errors: FieldErrors) -> Response {
    json_value(
        StatusCode::UNPROCESSABLE_ENTITY,
        &ValidationFailure { errors },
    )
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
