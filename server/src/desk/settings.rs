//! What the desk was told at start (`--desk-path`, session lifetimes) and its login
//! limiters: the part of the desk the server's state holds, so it imports no handler.

use std::time::Duration;

use crate::db::Db;
use crate::desk::auth::{self, LoginKey};
use crate::http::client::ClientKey;
use crate::http::error::ApiError;
use crate::http::rate_limit::RateLimiter;

/// The desk's default path.
pub const DEFAULT_PATH: &str = "/quan-tri";

/// A session unused this long ends (30 minutes): a desk left open on a shared computer.
pub const DEFAULT_IDLE_SECS: u64 = 30 * 60;

/// A session ends this long after login whatever its use (12 hours: one working day).
pub const DEFAULT_MAX_SECS: u64 = 12 * 3600;

/// Login attempts per account at once, then one more each [`ACCOUNT_REFILL`].
pub const ACCOUNT_ATTEMPTS: u32 = 5;

/// How often an account's allowance of attempts grows by one.
pub const ACCOUNT_REFILL: Duration = Duration::from_secs(60);

/// Login attempts per client at once (it may try several names), then one each
/// [`CLIENT_REFILL`].
pub const CLIENT_ATTEMPTS: u32 = 20;

/// How often a client's allowance of attempts grows by one.
pub const CLIENT_REFILL: Duration = Duration::from_secs(30);

/// The longest name keyed by the account limiter: longer ones are not accounts anyway.
const MAX_NAME_BYTES: usize = 64;

/// What the desk was told at start and its login limiters.
pub struct Desk {
    /// Its path, without a trailing slash (`/quan-tri`).
    pub path: String,
    idle_secs: i64,
    /// A session ends this long after login, in seconds.
    pub max_secs: i64,
    /// Signs the login form's CSRF nonce.
    pub login_key: LoginKey,
    per_account: RateLimiter<String>,
    per_client: RateLimiter<ClientKey>,
    /// The site is public over https (`--site-url https://…`): cookies are always Secure.
    pub https_site: bool,
}

impl Desk {
    /// The desk at `path` with sessions ending after `idle` unused or `max` in all; its
    /// login key and (when other servers share the database) its login limits are the
    /// database's.
    pub fn new(
        db: &Db,
        path: &str,
        idle: Duration,
        max: Duration,
        site_url: Option<&str>,
    ) -> Result<Desk, String> {
        let key = db
            .secret(auth::LOGIN_KEY_SECRET, &LoginKey::generate)
            .map_err(|e| format!("database: the desk's login key: {e}"))?;
        let shared = db.is_shared();
        Ok(Desk {
            path: path.to_string(),
            idle_secs: i64::try_from(idle.as_secs()).unwrap_or(i64::MAX),
            max_secs: i64::try_from(max.as_secs()).unwrap_or(i64::MAX),
            login_key: LoginKey::from_stored(&key),
            per_account: RateLimiter::new(
                "login-account",
                ACCOUNT_ATTEMPTS,
                ACCOUNT_REFILL * ACCOUNT_ATTEMPTS,
                shared,
            ),
            per_client: RateLimiter::new(
                "login-client",
                CLIENT_ATTEMPTS,
                CLIENT_REFILL * CLIENT_ATTEMPTS,
                shared,
            ),
            https_site: site_url.is_some_and(|u| u.starts_with("https://")),
        })
    }

    /// Drops the limiters' entries whose allowance is full again.
    pub fn forget_idle(&self) {
        self.per_account.forget_idle();
        self.per_client.forget_idle();
    }

    /// The oldest `seen_at` and `created_at` a live session may have now.
    pub fn limits(&self, now: i64) -> (i64, i64) {
        (
            now.saturating_sub(self.idle_secs),
            now.saturating_sub(self.max_secs),
        )
    }

    /// Spends one login attempt of the client and of the account, or says in how many
    /// seconds one may be tried. Every attempt counts, a right one too: the limiter has no
    /// way to look without spending, and a password checked while the account is held would
    /// still tell a guesser when the guess is right.
    pub async fn attempt(
        &self,
        db: &Db,
        client: ClientKey,
        name: &str,
    ) -> Result<Result<(), u64>, ApiError> {
        if let Err(secs) = self.per_client.check(db, client).await? {
            return Ok(Err(secs));
        }
        let mut key = name.to_lowercase();
        if key.len() > MAX_NAME_BYTES {
            key = key.chars().take(MAX_NAME_BYTES).collect();
        }
        self.per_account.check(db, key).await
    }
}

/// A `--desk-path`: `/` and segments of `a-z 0-9 -`, not under `/api`; no trailing slash.
pub fn parse_path(value: &str) -> Result<String, String> {
    let path = value.trim_end_matches('/');
    let segments_ok = path.strip_prefix('/').is_some_and(|rest| {
        rest.split('/').all(|s| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
    });
    if !segments_ok || path == "/api" || path.starts_with("/api/") {
        return Err(format!(
            "{value:?} must be like /quan-tri (lowercase letters, digits, -), not under /api"
        ));
    }
    Ok(path.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn desk_paths() {
        assert_eq!(parse_path("/quan-tri/").unwrap(), "/quan-tri");
        assert_eq!(
            parse_path("/toa-soan/ban-duyet").unwrap(),
            "/toa-soan/ban-duyet"
        );
        for bad in [
            "", "/", "quan-tri", "/api", "/api/x", "/Quan", "/a//b", "/a b",
        ] {
            assert!(parse_path(bad).is_err(), "{bad}");
        }
    }
}
