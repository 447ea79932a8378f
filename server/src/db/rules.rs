//! The decisions both engines make the same way outside SQL: a rate limit's arithmetic
//! (GCRA), which schema steps a database still needs, whether a desk session is alive.

use crate::db::Quota;

/// GCRA, the arithmetic of every rate limit here (the in-process one is `governor`'s): with
/// the key's theoretical arrival time `tat` (milliseconds; 0 for a key never seen) at
/// `now`, `Ok` with the new one when the action is allowed, else `Err` with the seconds (at
/// least 1) until it would be.
pub fn gcra(quota: Quota<'_>, tat: i64, now: i64) -> std::result::Result<i64, u64> {
    let period = quota.period_ms.max(1);
    let new_tat = tat.max(now) + period;
    let allowed_at = new_tat - period * i64::from(quota.burst.max(1));
    if allowed_at <= now {
        Ok(new_tat)
    } else {
        let wait = allowed_at - now;
        Err(u64::try_from((wait + 999) / 1000)
            .unwrap_or(u64::MAX)
            .max(1))
    }
}

/// How many of an engine's `steps` migrations a database at schema `version` has had, or
/// why it is not one this server knows (a version from the future).
pub fn steps_done(version: i64, steps: usize) -> std::result::Result<usize, String> {
    usize::try_from(version)
        .ok()
        .filter(|&v| v <= steps)
        .ok_or_else(|| {
            format!("database schema {version} is not one this server knows (0 to {steps})")
        })
}

/// A session made at `created` and last seen at `seen` is alive: seen at or after
/// `expired_before` (idle limit) and made at or after `born_before` (absolute limit).
pub fn session_alive(created: i64, seen: i64, (expired_before, born_before): (i64, i64)) -> bool {
    seen >= expired_before && created >= born_before
}
