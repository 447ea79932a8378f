//! Published comments: a search over the newest (by article or author) and hiding one,
//! which takes it off the readers' pages at once.

use std::collections::HashMap;

use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use crate::clock;
use crate::db::desk_rows::Action;
use crate::desk::answer::{page, see_other};
use crate::desk::csrf::CheckedPost;
use crate::desk::form::{field, query_of};
use crate::desk::listing::{article_of, listed, moderator, notice, PAGE_LIMIT};
use crate::desk::queue::moderation_error;
use crate::desk::session::session;
use crate::http::blocking::with_db;
use crate::http::error::ApiError;
use crate::state::Shared;

/// The published comments a search looks through, newest first.
const SEARCH_SCAN: u32 = 5000;

/// `GET {desk}/da-dang?q=`: published comments of the articles whose slug or title holds
/// `q`, or by an author whose name does; the newest without `q`.
pub async fn published(
    State(state): State<Shared>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let Some((_, session)) = session(&state, &headers).await? else {
        return Ok(see_other(&format!("{}/dang-nhap", state.desk.path)));
    };
    let query = query_of(raw);
    let q = field(&query, "q").unwrap_or_default().trim().to_string();
    let recent = with_db(&state.db, |db| db.published(SEARCH_SCAN)).await?;
    let needle = q.to_lowercase();
    let mut titles: HashMap<String, String> = HashMap::new();
    let mut comments = Vec::new();
    for c in recent {
        if comments.len() == PAGE_LIMIT as usize {
            break;
        }
        if !titles.contains_key(&c.slug) {
            let (title, _) = article_of(&state, &c.slug).await;
            titles.insert(c.slug.clone(), title.to_lowercase());
        }
        let matches = needle.is_empty()
            || c.slug.contains(&needle)
            || titles[&c.slug].contains(&needle)
            || c.author_name.to_lowercase().contains(&needle);
        if matches {
            comments.push(c);
        }
    }
    let items = listed(&state, &comments).await;
    let done = notice(&query);
    Ok(page(
        StatusCode::OK,
        page::desk::published(&state.desk.path, &moderator(&session), &q, &items, done),
    ))
}

/// `POST {desk}/an`: hides a published comment; it leaves the readers' pages and JSON at
/// once (they are made per request from `published` rows).
pub async fn hide(
    State(state): State<Shared>,
    CheckedPost {
        session, fields, ..
    }: CheckedPost,
) -> Result<Response, ApiError> {
    let id = field(&fields, "id")
        .ok_or(ApiError::BadRequest("No comment"))?
        .to_string();
    let q = field(&fields, "q").unwrap_or_default().to_string();
    let now = clock::now_unix();
    let user = session.user.clone();
    let changed = with_db(&state.db, move |db| {
        db.moderate(&[id], Action::Hide, &user, now, true)
            .map_err(moderation_error)
    })
    .await?;
    let back: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("q", &q)
        .append_pair("xong", "an")
        .append_pair("so", &changed.to_string())
        .finish();
    Ok(see_other(&format!("{}/da-dang?{back}", state.desk.path)))
}
