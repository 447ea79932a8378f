//! What keeps view counting cheap as views pile up: one client's beacons are limited, and
//! the most-read answer is ranked at most once per refresh period and served from memory
//! in between (`upkeep.rs` prunes the views that left the ranking's window).

use std::future::Future;
use std::time::{Duration, Instant};

use crate::answer::ApiError;

/// View beacons one client may send at once, refilled over [`VIEWS_WINDOW`]: a reader
/// opening article after article stays far below it.
pub const VIEWS_PER_CLIENT: u32 = 30;
/// See [`VIEWS_PER_CLIENT`].
pub const VIEWS_WINDOW: Duration = Duration::from_secs(60);

/// The most-read answer's body, as last ranked.
pub struct Ranking {
    refresh: Duration,
    last: tokio::sync::Mutex<Option<(Instant, Vec<u8>)>>,
}

impl Ranking {
    /// A ranking computed again at most every `refresh` (zero: on every request).
    pub fn new(refresh: Duration) -> Self {
        Ranking {
            refresh,
            last: tokio::sync::Mutex::new(None),
        }
    }

    /// The current answer: the remembered one while fresh, else `rank()`'s. Requests that
    /// arrive while it ranks wait for that one result rather than ranking too.
    pub async fn get<F, Fut>(&self, rank: F) -> Result<Vec<u8>, ApiError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Vec<u8>, ApiError>>,
    {
        let mut last = self.last.lock().await;
        if let Some((at, body)) = last.as_ref() {
            if at.elapsed() < self.refresh {
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
        let ranked = AtomicUsize::new(0);
        let rank = || async {
            let n = ranked.fetch_add(1, Ordering::SeqCst);
            Ok::<_, ApiError>(vec![n as u8])
        };
        let cached = Ranking::new(Duration::from_secs(60));
        assert_eq!(cached.get(rank).await.unwrap(), [0]);
        assert_eq!(cached.get(rank).await.unwrap(), [0]);
        assert_eq!(ranked.load(Ordering::SeqCst), 1);
        let every_time = Ranking::new(Duration::ZERO);
        assert_eq!(every_time.get(rank).await.unwrap(), [1]);
        assert_eq!(every_time.get(rank).await.unwrap(), [2]);
    }
}
