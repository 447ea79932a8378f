//! How many comments one client may post in a sliding window. The client is the peer IP:
//! `X-Forwarded-For` is written by whoever sends the request, so trusting it would let
//! anyone pick a fresh identity per post.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Past this many clients, the ones with no post left in the window are forgotten.
const PRUNE_ABOVE: usize = 4096;

/// Accepted posts per client in the last `window`; a limit of 0 turns limiting off.
pub struct RateLimiter {
    limit: usize,
    window: Duration,
    clients: Mutex<HashMap<IpAddr, VecDeque<Instant>>>,
}

impl RateLimiter {
    /// At most `limit` posts per client in any `window`.
    pub fn new(limit: usize, window: Duration) -> Self {
        RateLimiter {
            limit,
            window,
            clients: Mutex::new(HashMap::new()),
        }
    }

    /// Takes a slot for a post at `now`, or says in how many seconds (at least 1) one frees.
    /// The slot is taken at once, not after the post is stored, so that concurrent posts of
    /// one client cannot all pass the check before any of them is counted.
    pub fn try_acquire(&self, client: IpAddr, now: Instant) -> Result<Instant, u64> {
        if self.limit == 0 {
            return Ok(now);
        }
        // A panic elsewhere while holding the lock leaves the map usable: take it anyway.
        let mut clients = self.clients.lock().unwrap_or_else(PoisonError::into_inner);
        if clients.len() > PRUNE_ABOVE {
            let window = self.window;
            clients.retain(|_, posts| {
                posts
                    .back()
                    .is_some_and(|&t| now.saturating_duration_since(t) < window)
            });
        }
        let posts = clients.entry(client).or_default();
        while posts
            .front()
            .is_some_and(|&t| now.saturating_duration_since(t) >= self.window)
        {
            posts.pop_front();
        }
        if posts.len() >= self.limit {
            let oldest = posts.front().copied().unwrap_or(now);
            let wait = (oldest + self.window).saturating_duration_since(now);
            return Err(ceil_secs(wait).max(1));
        }
        posts.push_back(now);
        Ok(now)
    }

    /// Gives back the slot taken at `slot` by a post that was not stored after all.
    pub fn release(&self, client: IpAddr, slot: Instant) {
        let mut clients = self.clients.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(posts) = clients.get_mut(&client) {
            if let Some(i) = posts.iter().rposition(|&t| t == slot) {
                posts.remove(i);
            }
        }
    }
}

fn ceil_secs(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 1));
    const B: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 2));

    #[test]
    fn limits_each_client_and_says_when_a_slot_frees() {
        let limiter = RateLimiter::new(2, Duration::from_secs(600));
        let t0 = Instant::now();
        assert!(limiter.try_acquire(A, t0).is_ok());
        assert!(limiter
            .try_acquire(A, t0 + Duration::from_secs(100))
            .is_ok());
        // The first post frees its slot 600 s after it was made.
        assert_eq!(
            limiter.try_acquire(A, t0 + Duration::from_millis(200_500)),
            Err(400)
        );
        assert!(limiter.try_acquire(B, t0).is_ok());
        assert!(limiter
            .try_acquire(A, t0 + Duration::from_secs(600))
            .is_ok());
        assert_eq!(
            limiter.try_acquire(A, t0 + Duration::from_secs(600)),
            Err(100)
        );
    }

    #[test]
    fn a_released_slot_is_free_again() {
        let limiter = RateLimiter::new(1, Duration::from_secs(60));
        let t0 = Instant::now();
        let slot = limiter.try_acquire(A, t0).unwrap();
        assert!(limiter.try_acquire(A, t0).is_err());
        limiter.release(A, slot);
        assert!(limiter.try_acquire(A, t0).is_ok());
    }

    #[test]
    fn zero_means_no_limit() {
        let limiter = RateLimiter::new(0, Duration::from_secs(60));
        let t0 = Instant::now();
        for _ in 0..100 {
            assert!(limiter.try_acquire(A, t0).is_ok());
        }
    }
}
