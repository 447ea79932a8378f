//! What keeps view counting cheap as views pile up: one client's beacons are limited, and
//! the most-read answer is ranked at most once per refresh period, off the request that
//! finds it stale, and served from memory in between (`upkeep.rs` prunes the views that
//! left the ranking's window). The ranking query groups the window's views (an index range
//! over `article_views (at, slug)`): its cost grows with the views, so no reader's request
//! waits for it once a first answer exists.

use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::http::error::ApiError;

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
                            // Logged where it failed; the database away is logged once.
                            Err(e) => tracing::debug!("ranking most-read: {e:?}"),
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
