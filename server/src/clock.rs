//! Wall-clock time as the database stores it (RFC 3339 in UTC, to the second), and comment
//! ids. Hand-written: one format does not justify a date crate, nor one random id a rand crate.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch, now.
pub fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// `2023-02-02T09:30:00Z` for a Unix timestamp. One fixed width and zone, so that the
/// database orders these strings as it would order the instants.
pub fn rfc3339_utc(unix_secs: i64) -> String {
    let days = unix_secs.div_euclid(86_400);
    let secs = unix_secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// The same instant as an RFC 3339 timestamp with any offset, in the stored form.
pub fn normalize_rfc3339(s: &str) -> Option<String> {
    news_contract::time::parse_rfc3339(s).map(rfc3339_utc)
}

/// A new comment id, `c-` and 16 hex digits. The standard library's hasher keys are random
/// per process; a counter and the clock make each id differ from the last.
pub fn new_comment_id() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    h.write_u128(nanos);
    h.write_u32(std::process::id());
    format!("c-{:016x}", h.finish())
}

/// Year, month, day of a count of days since 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_utc_and_round_trips_through_the_contract_parser() {
        assert_eq!(rfc3339_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339_utc(1_675_330_200), "2023-02-02T09:30:00Z");
        assert_eq!(rfc3339_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339_utc(-1), "1969-12-31T23:59:59Z");
        for t in [0, 1, 86_399, 951_782_400, 1_675_330_200, 4_102_444_800] {
            assert_eq!(news_contract::time::parse_rfc3339(&rfc3339_utc(t)), Some(t));
        }
    }

    #[test]
    fn offsets_are_normalized_to_utc() {
        assert_eq!(
            normalize_rfc3339("2023-02-03T09:30:00+07:00").as_deref(),
            Some("2023-02-03T02:30:00Z")
        );
        assert_eq!(normalize_rfc3339("yesterday"), None);
    }

    #[test]
    fn ids_have_the_contract_shape_and_differ() {
        let a = new_comment_id();
        let b = new_comment_id();
        assert_ne!(a, b);
        assert_eq!(a.len(), 18);
        assert!(a.starts_with("c-"));
        assert!(a[2..].bytes().all(|c| c.is_ascii_hexdigit()));
    }
}
