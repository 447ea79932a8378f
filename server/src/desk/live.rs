//! Live coverage from the desk (issue 28): the page that adds an entry to an article's
//! coverage or ends it. The writing is `site::live_writer`'s, the same as `news-server
//! live add|end`; each action is checked like the desk's other writes (`csrf.rs`) and
//! recorded in the audit log after the file is written (a file and a database row cannot
//! change in one transaction: a failed record is a 503 with the entry already there).

use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use contract::live::LiveStatus;
use page::desk_live::{Coverage, Typed};
use page::words::desk as w;

use crate::clock;
use crate::db::desk_rows::{LiveAction, Session};
use crate::desk::answer::{page, see_other};
use crate::desk::csrf::CheckedPost;
use crate::desk::form::{field, query_of};
use crate::desk::listing::moderator;
use crate::desk::session::session;
use crate::http::blocking::with_db;
use crate::http::error::{internal, ApiError};
use crate::site::live_writer::{self, Changed, LiveError};
use crate::state::Shared;

/// `GET {desk}/truc-tiep`: the form and the coverages.
pub async fn live(
    State(state): State<Shared>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let Some((_, session)) = session(&state, &headers).await? else {
        return Ok(see_other(&format!("{}/dang-nhap", state.desk.path)));
    };
    // A notice from fixed words only: nothing of the query is echoed.
    let done = match field(&query_of(raw), "xong") {
        Some("them") => Some(w::LIVE_DONE_ADD),
        Some("ket-thuc") => Some(w::LIVE_DONE_END),
        _ => None,
    };
    answer(
        &state,
        &session,
        StatusCode::OK,
        Typed::default(),
        None,
        done,
    )
    .await
}

/// `POST {desk}/truc-tiep`: adds an entry (`slug`, `tieu-de`, `noi-dung`).
pub async fn add(
    State(state): State<Shared>,
    CheckedPost {
        session, fields, ..
    }: CheckedPost,
) -> Result<Response, ApiError> {
    let typed = Typed {
        slug: field(&fields, "slug").unwrap_or_default().trim(),
        title: field(&fields, "tieu-de").unwrap_or_default(),
        body: field(&fields, "noi-dung").unwrap_or_default(),
    };
    let (slug, title, text) = (
        typed.slug.to_string(),
        typed.title.to_string(),
        typed.body.to_string(),
    );
    let content = state.content.root().to_path_buf();
    let written =
        on_disk(move || live_writer::add(&content, &slug, Some(&title), &text, None)).await?;
    act(&state, &session, typed, LiveAction::Add, written, "them").await
}

/// `POST {desk}/truc-tiep/ket-thuc`: ends `slug`'s coverage.
pub async fn end(
    State(state): State<Shared>,
    CheckedPost {
        session, fields, ..
    }: CheckedPost,
) -> Result<Response, ApiError> {
    let slug = field(&fields, "slug").unwrap_or_default().trim();
    let (owned, content) = (slug.to_string(), state.content.root().to_path_buf());
    let written = on_disk(move || live_writer::end(&content, &owned)).await?;
    let typed = Typed {
        slug,
        ..Typed::default()
    };
    act(
        &state,
        &session,
        typed,
        LiveAction::End,
        written,
        "ket-thuc",
    )
    .await
}

/// After a change: recorded and back to the page with its notice (`xong`), or the form
/// again with why and what was typed.
async fn act(
    state: &Shared,
    session: &Session,
    typed: Typed<'_>,
    action: LiveAction,
    written: Result<Changed, LiveError>,
    xong: &str,
) -> Result<Response, ApiError> {
    let changed = match written {
        Ok(changed) => changed,
        Err(e) => {
            let (status, why) = said(&e);
            return answer(state, session, status, typed, Some(why), None).await;
        }
    };
    let (user, slug) = (session.user.clone(), typed.slug.to_string());
    let entry = changed.id.unwrap_or_default();
    let now = clock::now_unix();
    with_db(&state.db, move |db| {
        db.audit_live(now, &user, action, &slug, &entry)
    })
    .await?;
    Ok(see_other(&format!(
        "{}/truc-tiep?xong={xong}",
        state.desk.path
    )))
}

/// The page with `typed` kept and `error` above the form.
async fn answer(
    state: &Shared,
    session: &Session,
    status: StatusCode,
    typed: Typed<'_>,
    error: Option<&str>,
    done: Option<&str>,
) -> Result<Response, ApiError> {
    let content = state.content.root().to_path_buf();
    let coverages = on_disk(move || live_writer::coverages(&content)).await?;
    let coverages: Vec<(String, Coverage)> = coverages
        .into_iter()
        .map(|(slug, status)| {
            let state = match status {
                Some(LiveStatus::Live) => Coverage::Live,
                Some(LiveStatus::Ended) => Coverage::Ended,
                None => Coverage::Broken,
            };
            (slug, state)
        })
        .collect();
    Ok(page(
        status,
        page::desk_live::live(
            &state.desk.path,
            &moderator(session),
            typed,
            error,
            done,
            &coverages,
        ),
    ))
}

/// File work (a lock, reads, a rename) off the async workers.
async fn on_disk<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f).await.map_err(internal)
}

/// What the editor is told, with the page's status: their input's fault (422), or ours,
/// logged (503).
fn said(e: &LiveError) -> (StatusCode, &'static str) {
    let input = StatusCode::UNPROCESSABLE_ENTITY;
    match e {
        LiveError::EmptyBody => (input, w::LIVE_EMPTY_BODY),
        LiveError::NotSlug(_) => (input, w::LIVE_BAD_SLUG),
        LiveError::NoArticle(..) => (input, w::LIVE_NO_ARTICLE),
        LiveError::Ended(_) => (input, w::LIVE_IS_OVER),
        LiveError::TooLarge(..) => (input, w::LIVE_TOO_LARGE),
        LiveError::BadFile(..) => {
            tracing::warn!("desk: live coverage not written: {e}");
            (StatusCode::SERVICE_UNAVAILABLE, w::LIVE_BAD_FILE)
        }
        LiveError::Other(_) => {
            tracing::warn!("desk: live coverage not written: {e}");
            (StatusCode::SERVICE_UNAVAILABLE, w::LIVE_FAILED)
        }
    }
}
