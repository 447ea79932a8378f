//! Wall-clock time as the database stores it (RFC 3339 in UTC, to the second), and comment
//! ids. Dates are formatted by the `time` crate; they are parsed by the contract's own
//! parser (`contract::time`), so that the server accepts exactly the timestamps the app
//! does. Ids come from the operating system's random source.

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// Seconds since the Unix epoch, now.
pub fn now_unix() -> i64 {
    OffsetDateTime::now_utc().unix_timestamp()
}

/// The first second RFC 3339 can write (0000-01-01T00:00:00Z).
const FIRST_SECOND: i64 = -62_167_219_200;
/// The last second RFC 3339 can write (9999-12-31T23:59:59Z).
const LAST_SECOND: i64 = 253_402_300_799;

/// `2023-02-02T09:30:00Z` for a Unix timestamp. One fixed width and zone, so that the
/// database orders these strings as it would order the instants; an instant beyond the
/// four-digit years is written as the nearest one within them.
pub fn rfc3339_utc(unix_secs: i64) -> String {
    OffsetDateTime::from_unix_timestamp(unix_secs.clamp(FIRST_SECOND, LAST_SECOND))
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        // Unreachable: every clamped second is in range and has no fraction to write.
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into())
}

/// The same instant as an RFC 3339 timestamp with any offset, in the stored form.
pub fn normalize_rfc3339(s: &str) -> Option<String> {
    contract::time::parse_rfc3339(s).map(rfc3339_utc)
}

/// A new comment id, `c-` and 16 hex digits from the operating system's random source
/// (64 bits: a collision is as unlikely as the database's primary key makes it harmless).
pub fn new_comment_id() -> Result<String, getrandom::Error> {
    Ok(format!("c-{:016x}", getrandom::u64()?))
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
        assert_eq!(rfc3339_utc(LAST_SECOND), "9999-12-31T23:59:59Z");
        assert_eq!(rfc3339_utc(i64::MAX), "9999-12-31T23:59:59Z");
        assert_eq!(rfc3339_utc(i64::MIN), "0000-01-01T00:00:00Z");
        for t in [0, 1, 86_399, 951_782_400, 1_675_330_200, 4_102_444_800] {
            assert_eq!(contract::time::parse_rfc3339(&rfc3339_utc(t)), Some(t));
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
        let a = new_comment_id().unwrap();
        let b = new_comment_id().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), 18);
        assert!(a.starts_with("c-"));
        assert!(a[2..].bytes().all(|c| c.is_ascii_hexdigit()));
    }
}
