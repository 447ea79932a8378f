//! View counting and the most-read ranking: `POST articles/{slug}/views` counts a view,
//! `GET most-read.json` answers the articles most viewed in the ranking's window.
//!
//! What keeps view counting cheap as views pile up: one client's beacons are limited, and
//! the most-read answer is ranked at most once per refresh period, off the request that
//! finds it stale, and served from memory in between (`upkeep.rs` prunes the views that
//! left the ranking's window). The ranking query groups the window's views (an index range
//! over `article_views (at, slug)`): its cost grows with the views, so no reader's request
//! waits for it once a first answer exists.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use contract::{paths, SummaryList};

use crate::clock;
use crate::http::blocking::with_db;
use crate::http::error::{internal, json_response, ApiError};
use crate::site::content_folder;
use crate::state::Shared;

/// The window most-read ranks views over.
pub const MOST_READ_WINDOW_SECS: i64 = 7 * 24 * 3600;
/// The length of the most-read list.
pub const MOST_READ_LEN: usize = 10;

/// View beacons one client may send at once, refilled over [`VIEWS_WINDOW`]: a reader
/// opening article after article stays far below it.
pub const VIEWS_PER_CLIENT: u32 = 30;
/// See [`VIEWS_PER_CLIENT`].
pub const VIEWS_WINDOW: Duration = Duration::from_secs(60);

type Answer = Arc<tokio::sync::Mutex<Option<(Instant, Vec<u8>)>>>;

/// The most-read answer's body, as last ranked.
pub struct Ranking {
    refresh: Duration,
    last: Answer,
    refreshing: Arc<AtomicBool>,
}

impl Ranking {
    /// A ranking computed again at most every `refresh` (zero: on every request, by it).
    pub fn new(refresh: Duration) -> Self {
        Ranking {
            refresh,
            last: Answer::default(),
            refreshing: Arc::default(),
        }
    }

    /// The current answer: the remembered one while fresh; once stale, still the
    /// remembered one while `rank()` runs in the background for the next requests. Only the
    /// first answer (or every one, with a zero refresh) is ranked by the request itself,
    /// and requests that arrive meanwhile wait for that one result rather than ranking too.
    pub async fn get<F, Fut>(&self, rank: F) -> Result<Vec<u8>, ApiError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Vec<u8>, ApiError>> + Send + 'static,
    {
        let mut last = self.last.lock().await;
        if let Some((at, body)) = last.as_ref() {
            if at.elapsed() < self.refresh {
                return Ok(body.clone());
            }
            if !self.refresh.is_zero() {
                if !self.refreshing.swap(true, Ordering::SeqCst) {
                    let (slot, flag, ranked) = (self.last.clone(), self.refreshing.clone(), rank());
                    tokio::spawn(async move {
                        match ranked.await {
                            Ok(new) => *slot.lock().await = Some((Instant::now(), new)),
                            Err(e) => tracing::warn!("ranking most-read: {e:?}"),
                        }
                        flag.store(false, Ordering::SeqCst);
                    });
                }
                return Ok(body.clone());
            }
        }
        let body = rank().await?;
        *last = Some((Instant::now(), body.clone()));
        Ok(body)
    }
}

/// `GET most-read.json`: the articles most viewed in the last 7 days (by distinct clients);
/// the content folder's own `most-read.json` while nothing has been viewed (a fresh
/// install, a quiet week). Ranked at most once per refresh period (`views::Ranking`).
pub async fn most_read(State(state): State<Shared>) -> Result<Response, ApiError> {
    Ok(json_response(StatusCode::OK, most_read_body(&state).await?))
}

/// The most-read answer's body, as `most-read.json` serves it.
pub async fn most_read_body(state: &Shared) -> Result<Vec<u8>, ApiError> {
    let ranking = state.clone();
    state
        .ranking
        .get(move || async move { rank(&ranking).await })
        .await
}

async fn rank(state: &Shared) -> Result<Vec<u8>, ApiError> {
    let since = clock::now_unix() - MOST_READ_WINDOW_SECS;
    // A few more than needed: an article whose file is gone since is skipped.
    let limit = (MOST_READ_LEN * 2) as u32;
    let slugs = with_db(&state.db, move |db| db.most_viewed(since, limit)).await?;
    let mut items = Vec::with_capacity(MOST_READ_LEN);
    for slug in slugs {
        match state.content.article(&slug).await {
            Ok(a) => items.push(content_folder::summary(&a)),
            Err(content_folder::ContentError::NotFound) => continue,
            Err(e) => return Err(e.into()),
        }
        if items.len() == MOST_READ_LEN {
            break;
        }
    }
    if items.is_empty() {
        return Ok(state.content.document(paths::MOST_READ).await?);
    }
    serde_json::to_vec(&SummaryList { items }).map_err(internal)
}

/// `POST articles/{slug}/views`: counts a view (`sendBeacon`: any type, any or no body),
/// once per client and article in the ranking's window; a client sending beacons faster
/// than a reader opens articles gets 429.
pub async fn post_view(
    State(state): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    // Read (and drop) a small body so the connection can be kept alive; a large one is
    // simply not read.
    let _ = axum::body::to_bytes(body, 1024).await;
    let client = state.clients.client(peer, &headers);
    state
        .view_limiter
        .check(&state.db, client)
        .await?
        .map_err(ApiError::TooManyRequests)?;
    if !state.content.has_article(&slug).await? {
        return Err(ApiError::NotFound);
    }
    let at = clock::now_unix();
    let client = client.to_string();
    with_db(&state.db, move |db| {
        db.record_view(&slug, &client, at, at - MOST_READ_WINDOW_SECS)
    })
    .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test]
    async fn a_fresh_ranking_is_served_from_memory() {
        let ranked = Arc::new(AtomicUsize::new(0));
        let rank = || {
            let ranked = ranked.clone();
            async move { Ok::<_, ApiError>(vec![ranked.fetch_add(1, Ordering::SeqCst) as u8]) }
        };
        let cached = Ranking::new(Duration::from_secs(60));
        assert_eq!(cached.get(rank).await.unwrap(), [0]);
        assert_eq!(cached.get(rank).await.unwrap(), [0]);
        assert_eq!(ranked.load(Ordering::SeqCst), 1);
        let every_time = Ranking::new(Duration::ZERO);
        assert_eq!(every_time.get(rank).await.unwrap(), [1]);
        assert_eq!(every_time.get(rank).await.unwrap(), [2]);
    }

    #[tokio::test]
    async fn a_stale_ranking_is_served_while_the_next_is_ranked_in_the_background() {
        let ranked = Arc::new(AtomicUsize::new(10));
        let rank = || {
            let ranked = ranked.clone();
            async move { Ok::<_, ApiError>(vec![ranked.fetch_add(1, Ordering::SeqCst) as u8]) }
        };
        let ranking = Ranking::new(Duration::from_millis(50));
        assert_eq!(ranking.get(rank).await.unwrap(), [10]);
        tokio::time::sleep(Duration::from_millis(80)).await;
        // Stale: the old answer at once, the new one ranked beside it.
        assert_eq!(ranking.get(rank).await.unwrap(), [10]);
        for _ in 0..100 {
            if ranking.last.lock().await.as_ref().unwrap().1 == [11] {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert_eq!(ranking.get(rank).await.unwrap(), [11]);
        assert_eq!(
            ranked.load(Ordering::SeqCst),
            12,
            "ranked twice, not on every request"
        );
    }
}
