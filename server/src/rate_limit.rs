//! How often one client may act (post a comment, count a view): a burst of `limit`, then
//! one more each `window / limit` (GCRA, the `governor` crate). A check costs the same
//! whatever the number of clients: one hash-map entry, no scan, and the entries of clients
//! gone quiet are dropped by [`RateLimiter::forget_idle`], which the server calls on a timer.

use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};

use crate::client::ClientKey;

/// A per-client limit; a limit of 0 turns it off.
pub struct RateLimiter {
    inner: Option<DefaultKeyedRateLimiter<ClientKey>>,
    clock: DefaultClock,
}

impl RateLimiter {
    /// At most `limit` actions at once per client, refilled over `window`. The command line
    /// has already refused a window that a quota cannot hold.
    pub fn new(limit: u32, window: Duration) -> Self {
        let inner = NonZeroU32::new(limit).map(|burst| {
            let period = (window / burst.get()).max(Duration::from_nanos(1));
            let quota = Quota::with_period(period)
                .unwrap_or_else(|| Quota::per_second(burst))
                .allow_burst(burst);
            DefaultKeyedRateLimiter::keyed(quota)
        });
        RateLimiter {
            inner,
            clock: DefaultClock::default(),
        }
    }

    /// Counts one action of `client`, or says in how many seconds (at least 1) it may act.
    pub fn check(&self, client: ClientKey) -> Result<(), u64> {
        let Some(limiter) = &self.inner else {
            return Ok(());
        };
        limiter.check_key(&client).map_err(|not_until| {
            let wait = not_until.wait_time_from(self.clock.now());
            (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1)
        })
    }

    /// Drops the clients whose allowance is full again (they would pass anyway).
    pub fn forget_idle(&self) {
        if let Some(limiter) = &self.inner {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }

    /// How many clients are remembered.
    #[cfg(test)]
    pub fn clients(&self) -> usize {
        self.inner.as_ref().map_or(0, |l| l.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{IpAddr, Ipv4Addr};

    fn key(n: u32) -> ClientKey {
        ClientKey::of(IpAddr::V4(Ipv4Addr::from(0x0a00_0000 + n)))
    }

    #[test]
    fn a_burst_then_one_per_share_of_the_window() {
        let limiter = RateLimiter::new(2, Duration::from_secs(600));
        assert!(limiter.check(key(1)).is_ok());
        assert!(limiter.check(key(1)).is_ok());
        // The next slot frees 300 s (600 / 2) after the burst.
        let wait = limiter.check(key(1)).unwrap_err();
        assert!((299..=300).contains(&wait), "{wait}");
        // Another client has its own allowance.
        assert!(limiter.check(key(2)).is_ok());
    }

    #[test]
    fn zero_means_no_limit() {
        let limiter = RateLimiter::new(0, Duration::from_secs(60));
        for _ in 0..100 {
            assert!(limiter.check(key(1)).is_ok());
        }
        assert_eq!(limiter.clients(), 0);
    }

    #[test]
    fn each_of_150_000_clients_keeps_its_own_limit() {
        let limiter = RateLimiter::new(1, Duration::from_secs(3600));
        for n in 0..150_000 {
            assert!(limiter.check(key(n)).is_ok());
        }
        assert_eq!(limiter.clients(), 150_000);
        assert!(limiter.check(key(7)).is_err());
        assert!(limiter.check(key(149_999)).is_err());
        assert!(limiter.check(key(150_000)).is_ok());
    }

    #[test]
    fn idle_clients_are_forgotten() {
        let limiter = RateLimiter::new(1, Duration::from_millis(20));
        for n in 0..1000 {
            assert!(limiter.check(key(n)).is_ok());
        }
        std::thread::sleep(Duration::from_millis(100));
        limiter.forget_idle();
        assert_eq!(limiter.clients(), 0, "every allowance is full again");
        assert!(limiter.check(key(7)).is_ok());
    }
}
