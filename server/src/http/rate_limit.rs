//! How often one client may act (post a comment, like, count a view, try a login): a burst
//! of `limit`, then one more each `window / limit` (GCRA). Two places keep the count:
//! - one server on SQLite: its own memory (the `governor` crate). A check costs the same
//!   whatever the number of clients: one hash-map entry, no scan, and the entries of
//!   clients gone quiet are dropped by [`RateLimiter::forget_idle`] on a timer;
//! - several servers on PostgreSQL: the database's `rate_limits` table (`db::Store::
//!   rate_check`, one row per key, locked while it is counted), so that a client who
//!   spreads its requests over the servers spends one allowance. The database, rather than
//!   a store beside it (Redis), because the servers already share it and these actions are
//!   few per reader: one more service to run and to keep would buy nothing measurable.

use std::fmt::Display;
use std::hash::Hash;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};

use crate::db::Db;
use crate::http::blocking::with_db;
use crate::http::error::ApiError;

/// A per-key limit; a limit of 0 turns it off.
pub enum RateLimiter<K: Hash + Eq + Clone> {
    /// No limit.
    Off,
    /// Counted in this server's memory.
    Local(DefaultKeyedRateLimiter<K>, DefaultClock),
    /// Counted in the database every server shares.
    Shared {
        /// The `rate_limits` row family.
        bucket: &'static str,
        /// Actions at once.
        burst: u32,
        /// The refill of one action.
        period: Duration,
        /// The same limit counted in this server's memory, used while the database cannot
        /// be reached ([`RateLimiter::or_in_memory`]): a search, which needs nothing else
        /// of it, still answers, still limited (per server, then). The other actions need
        /// the database anyway: they go without, and fail at once.
        fallback: Option<Box<RateLimiter<K>>>,
    },
}

impl<K: Hash + Eq + Clone + Display + Send + 'static> RateLimiter<K> {
    /// At most `limit` actions at once per key, refilled over `window`, kept in the
    /// database (`bucket`) when `shared`. The command line has already refused a window that
    /// a quota cannot hold.
    pub fn new(bucket: &'static str, limit: u32, window: Duration, shared: bool) -> Self {
        let Some(burst) = NonZeroU32::new(limit) else {
            return RateLimiter::Off;
        };
        let period = (window / burst.get()).max(Duration::from_millis(1));
        let quota = Quota::with_period(period)
            .unwrap_or_else(|| Quota::per_second(burst))
            .allow_burst(burst);
        let local = RateLimiter::Local(
            DefaultKeyedRateLimiter::keyed(quota),
            DefaultClock::default(),
        );
        if shared {
            return RateLimiter::Shared {
                bucket,
                burst: burst.get(),
                period,
                fallback: None,
            };
        }
        local
    }

    /// The same, counted in memory while a shared count cannot be reached.
    pub fn or_in_memory(self) -> Self {
        match self {
            RateLimiter::Shared {
                bucket,
                burst,
                period,
                fallback: None,
            } => {
                let local = RateLimiter::new(bucket, burst, period * burst, false);
                RateLimiter::Shared {
                    bucket,
                    burst,
                    period,
                    fallback: Some(Box::new(local)),
                }
            }
            other => other,
        }
    }

    /// Counts one action of `key`: `Ok(Err(secs))` when it must wait that many seconds (at
    /// least 1); `Err` when the shared count could not be reached (503), unless it is
    /// counted in memory then ([`RateLimiter::or_in_memory`]).
    pub async fn check(&self, db: &Db, key: K) -> Result<Result<(), u64>, ApiError> {
        match self {
            RateLimiter::Off => Ok(Ok(())),
            RateLimiter::Local(..) => Ok(self.check_local(key)),
            RateLimiter::Shared {
                bucket,
                burst,
                period,
                fallback,
            } => {
                let quota = crate::db::Quota {
                    bucket,
                    burst: *burst,
                    period_ms: i64::try_from(period.as_millis()).unwrap_or(i64::MAX),
                };
                let shared_key = key.to_string();
                match (
                    with_db(db, move |db| db.rate_check(quota, &shared_key)).await,
                    fallback,
                ) {
                    (Err(_), Some(fallback)) => Ok(fallback.check_local(key)),
                    (counted, _) => counted,
                }
            }
        }
    }

    /// Drops the keys whose allowance is full again (they would pass anyway); the shared
    /// ones are swept from the database by the upkeep (`db::Store::rate_prune`).
    pub fn forget_idle(&self) {
        match self {
            RateLimiter::Local(limiter, _) => {
                limiter.retain_recent();
                limiter.shrink_to_fit();
            }
            RateLimiter::Shared {
                fallback: Some(fallback),
                ..
            } => fallback.forget_idle(),
            RateLimiter::Shared { .. } => {}
            RateLimiter::Off => {}
        }
    }

    /// How many keys are remembered in memory.
    #[cfg(test)]
    pub fn clients(&self) -> usize {
        match self {
            RateLimiter::Local(limiter, _) => limiter.len(),
            _ => 0,
        }
    }

    /// The in-memory count (none for the other kinds).
    fn check_local(&self, key: K) -> Result<(), u64> {
        match self {
            RateLimiter::Local(limiter, clock) => limiter.check_key(&key).map_err(|not_until| {
                let wait = not_until.wait_time_from(clock.now());
                (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1)
            }),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::client::ClientKey;
    use std::net::{IpAddr, Ipv4Addr};

    fn key(n: u32) -> ClientKey {
        ClientKey::of(IpAddr::V4(Ipv4Addr::from(0x0a00_0000 + n)))
    }

    #[test]
    fn a_burst_then_one_per_share_of_the_window() {
        let limiter = RateLimiter::new("t", 2, Duration::from_secs(600), false);
        assert!(limiter.check_local(key(1)).is_ok());
        assert!(limiter.check_local(key(1)).is_ok());
        // The next slot frees 300 s (600 / 2) after the burst.
        let wait = limiter.check_local(key(1)).unwrap_err();
        assert!((299..=300).contains(&wait), "{wait}");
        // Another client has its own allowance.
        assert!(limiter.check_local(key(2)).is_ok());
    }

    #[test]
    fn zero_means_no_limit() {
        let limiter = RateLimiter::new("t", 0, Duration::from_secs(60), false);
        for _ in 0..100 {
            assert!(limiter.check_local(key(1)).is_ok());
        }
        assert_eq!(limiter.clients(), 0);
    }

    #[test]
    fn each_of_150_000_clients_keeps_its_own_limit() {
        let limiter = RateLimiter::new("t", 1, Duration::from_secs(3600), false);
        for n in 0..150_000 {
            assert!(limiter.check_local(key(n)).is_ok());
        }
        assert_eq!(limiter.clients(), 150_000);
        assert!(limiter.check_local(key(7)).is_err());
        assert!(limiter.check_local(key(149_999)).is_err());
        assert!(limiter.check_local(key(150_000)).is_ok());
    }

    #[test]
    fn idle_clients_are_forgotten() {
        let limiter = RateLimiter::new("t", 1, Duration::from_millis(20), false);
        for n in 0..1000 {
            assert!(limiter.check_local(key(n)).is_ok());
        }
        std::thread::sleep(Duration::from_millis(100));
        limiter.forget_idle();
        assert_eq!(limiter.clients(), 0, "every allowance is full again");
        assert!(limiter.check_local(key(7)).is_ok());
    }
}
