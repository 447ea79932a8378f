//! Validators: an `ETag` of a body's bytes, and whether a request's `If-None-Match` names
//! one (so that an unchanged answer is a bodiless 304).

use axum::http::header::IF_NONE_MATCH;
use axum::http::HeaderMap;
use sha2::{Digest, Sha256};

/// 24 hex digits of the SHA-256 of `bytes`, unquoted: the same on every instance and build.
pub fn digest(bytes: &[u8]) -> String {
    Sha256::digest(bytes)[..12]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// True when `If-None-Match` is `*` or lists a tag `fits` accepts. Compared weakly (RFC
/// 9110 8.8.3.2, the only comparison If-None-Match uses): `fits` gets each tag without
/// `W/`, quotes kept.
pub fn none_match(headers: &HeaderMap, fits: impl Fn(&str) -> bool) -> bool {
    headers
        .get_all(IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .any(|tag| tag == "*" || fits(tag.trim_start_matches("W/")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn tags_are_compared_weakly_in_any_list() {
        let mut h = HeaderMap::new();
        let is = |t: &str| t == "\"abc\"";
        assert!(!none_match(&h, is));
        h.insert(IF_NONE_MATCH, HeaderValue::from_static("\"x\", W/\"abc\""));
        assert!(none_match(&h, is));
        h.insert(IF_NONE_MATCH, HeaderValue::from_static("\"abcd\""));
        assert!(!none_match(&h, is));
        h.insert(IF_NONE_MATCH, HeaderValue::from_static("*"));
        assert!(none_match(&h, is));
        assert_eq!(digest(b"").len(), 24);
        assert_ne!(digest(b"a"), digest(b"b"));
    }
}
