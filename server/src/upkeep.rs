//! The server's housekeeping on a timer: views older than the ranking's window are
//! deleted, and clients whose allowance is full again are forgotten by the limiters.

use std::time::Duration;

use crate::clock;
use crate::state::Shared;

/// How often the upkeep runs.
const UPKEEP_EVERY: Duration = Duration::from_secs(60);

/// Every minute, for as long as the server runs: views older than the ranking's window are deleted, and clients whose
/// allowance is full again are forgotten by the limiters.
pub async fn upkeep(state: Shared, window_secs: i64) {
    let mut every = tokio::time::interval(UPKEEP_EVERY);
    loop {
        every.tick().await;
        let before = clock::now_unix() - window_secs;
        let pruning = state.clone();
        match tokio::task::spawn_blocking(move || pruning.db.prune_views(before)).await {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => tracing::error!("pruning views: {e}"),
            Err(e) => tracing::error!("pruning views: {e}"),
        }
        let sweeping = state.clone();
        if let Ok(Err(e)) = tokio::task::spawn_blocking(move || sweeping.db.rate_prune()).await {
            tracing::error!("pruning rate limits: {e}");
        }
        state.limiter.forget_idle();
        state.view_limiter.forget_idle();
        state.like_limiter.forget_idle();
        state.desk.forget_idle();
        // Dead sessions are refused when used; this only keeps their rows from piling up.
        let limits = state.desk.limits(clock::now_unix());
        let sweeping = state.clone();
        let swept = tokio::task::spawn_blocking(move || sweeping.db.sweep_sessions(limits)).await;
        if let Ok(Err(e)) = swept {
            tracing::error!("sweeping desk sessions: {e}");
        }
    }
}
