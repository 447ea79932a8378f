//! The pending queue: its page (comments and replies newest first, counts per article)
//! and its actions (approve or reject one comment, or those ticked).

use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use crate::clock;
use crate::db::desk_rows::Action;
use crate::db::{Error, ModerationError};
use crate::desk::answer::{page, see_other};
use crate::desk::csrf::CheckedPost;
use crate::desk::form::{field, query_of};
use crate::desk::listing::{article_of, listed, moderator, notice, PAGE_LIMIT};
use crate::desk::session::session;
use crate::http::blocking::with_db;
use crate::http::error::ApiError;
use crate::state::Shared;

/// `GET {desk}`: to the queue, under the desk's own path.
pub async fn to_queue(State(state): State<Shared>) -> Response {
    see_other(&format!("{}/", state.desk.path))
}

/// `GET {desk}/`: the pending queue.
pub async fn queue(
    State(state): State<Shared>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let Some((_, session)) = session(&state, &headers).await? else {
        return Ok(see_other(&format!("{}/dang-nhap", state.desk.path)));
    };
    let (comments, counts) = with_db(&state.db, |db| {
        Ok((db.queue(PAGE_LIMIT)?, db.pending_counts()?))
    })
    .await?;
    let items = listed(&state, &comments).await;
    let mut per_article = Vec::with_capacity(counts.len());
    for (slug, n) in counts {
        let (title, link) = article_of(&state, &slug).await;
        per_article.push((title, link, n));
    }
    let done = notice(&query_of(raw));
    Ok(page(
        StatusCode::OK,
        page::desk::queue(
            &state.desk.path,
            &moderator(&session),
            &items,
            &per_article,
            done,
        ),
    ))
}

/// `POST {desk}/duyet`: one comment (`duyet=ID`, `tu-choi=ID`) or those ticked
/// (`hang-loat=duyet|tu-choi`, `id=…`).
pub async fn moderate(
    State(state): State<Shared>,
    CheckedPost {
        session, fields, ..
    }: CheckedPost,
) -> Result<Response, ApiError> {
    let (action, ids): (Action, Vec<String>) = if let Some(id) = field(&fields, "duyet") {
        (Action::Approve, vec![id.to_string()])
    } else if let Some(id) = field(&fields, "tu-choi") {
        (Action::Reject, vec![id.to_string()])
    } else {
        let action = match field(&fields, "hang-loat") {
            Some("duyet") => Action::Approve,
            Some("tu-choi") => Action::Reject,
            _ => return Err(ApiError::BadRequest("No action")),
        };
        let ids = fields
            .iter()
            .filter(|(n, _)| n == "id")
            .map(|(_, v)| v.clone())
            .collect();
        (action, ids)
    };
    let now = clock::now_unix();
    let user = session.user.clone();
    let changed = with_db(&state.db, move |db| {
        db.moderate(&ids, action, &user, now, true)
            .map_err(moderation_error)
    })
    .await?;
    let done = if action == Action::Approve {
        "duyet"
    } else {
        "tu-choi"
    };
    Ok(see_other(&format!(
        "{}/?xong={done}&so={changed}",
        state.desk.path
    )))
}

/// A moderation's failure as the database's (an unknown id is a bug of the form).
pub fn moderation_error(e: ModerationError) -> Error {
    match e {
        ModerationError::Db(e) => e,
        ModerationError::UnknownId(id) => Error::Other(format!("no comment {id}")),
    }
}
