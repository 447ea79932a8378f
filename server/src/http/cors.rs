//! Who may use the server from a page of another origin (`--allow-origin`): CORS answers
//! for the allowed origins, and no cross-origin write from any other.
//!
//! A portal that embeds the app loads `boot.js`, the module script, the wasm and the JSON
//! from this server's origin: a browser fetches all of them in CORS mode, and posts
//! comments and likes after a preflight. tower-http's `CorsLayer` answers those for the
//! allowed origins. Browsers send some writes without asking first (`sendBeacon` with no
//! body is a "simple" request: a view would be counted whatever the answer), so a write
//! that names a foreign origin is refused here before any handler runs.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::header::{CONTENT_TYPE, ETAG, HOST, IF_NONE_MATCH, ORIGIN, RETRY_AFTER, VARY};
use axum::http::{HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower::{Layer, ServiceExt};
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::api::reader::READER_TOKEN;
use crate::http::error::ApiError;

/// How long a browser may reuse a preflight's answer: a reader's likes and comments during
/// one visit cost one preflight, and an origin removed from the list stops working within
/// minutes (browsers cap it anyway: Chromium at 2 hours).
pub const MAX_AGE: Duration = Duration::from_secs(600);

/// The origins allowed besides the server's own, and their CORS answers.
#[derive(Debug, Clone)]
pub struct Policy {
    /// Each as a browser writes it in `Origin`.
    origins: Vec<HeaderValue>,
    /// `None` when no origin is allowed: no CORS headers at all.
    cors: Option<CorsLayer>,
}

impl Policy {
    /// The policy for origins already checked by [`parse_origin`].
    pub fn new(origins: &[String]) -> Arc<Policy> {
        let origins: Vec<HeaderValue> = origins
            .iter()
            .filter_map(|o| HeaderValue::from_str(o).ok())
            .collect();
        let cors = (!origins.is_empty()).then(|| {
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins.clone()))
                .allow_methods([Method::GET, Method::HEAD, Method::POST, Method::DELETE])
                // (v3) A live coverage's poll is a conditional GET: `If-None-Match` with
                // the `ETag` of the entries it has.
                .allow_headers([CONTENT_TYPE, READER_TOKEN, IF_NONE_MATCH])
                // The app reads it on a 429 to tell the reader when to try again.
                .expose_headers([RETRY_AFTER, ETAG])
                .max_age(MAX_AGE)
        });
        Arc::new(Policy { origins, cors })
    }

    fn allows(&self, origin: &HeaderValue) -> bool {
        self.origins.iter().any(|o| o == origin)
    }

    /// An answer that would carry CORS headers for another `Origin` must say so to caches.
    fn vary(&self, mut res: Response) -> Response {
        if self.cors.is_some() {
            res.headers_mut()
                .append(VARY, HeaderValue::from_static("origin"));
        }
        res
    }
}

/// The middleware: an allowed origin gets CORS answers (preflights included), any other
/// origin none, and a foreign origin's POST or DELETE a 403. A request without `Origin`
/// (curl, a server, a same-origin GET) passes as before. tower-http's layer is called only
/// for a listed origin because on its own it answers any origin's `OPTIONS` with the
/// allowed methods and headers, and adds `Access-Control-Expose-Headers` to every answer.
pub async fn gate(State(policy): State<Arc<Policy>>, req: Request, next: Next) -> Response {
    let Some(origin) = req.headers().get(ORIGIN).cloned() else {
        return policy.vary(next.run(req).await);
    };
    if let Some(cors) = policy.cors.as_ref().filter(|_| policy.allows(&origin)) {
        return match cors.layer(next).oneshot(req).await {
            Ok(res) => res,
            Err(never) => match never {},
        };
    }
    let writes = req.method() == Method::POST || req.method() == Method::DELETE;
    if writes && !same_origin(&origin, req.headers().get(HOST)) {
        return ApiError::CrossOrigin.into_response();
    }
    policy.vary(next.run(req).await)
}

/// True when `Origin` names the host the request was sent to: the server's own pages. The
/// scheme is not compared (behind a TLS proxy the server speaks plain HTTP).
pub(crate) fn same_origin(origin: &HeaderValue, host: Option<&HeaderValue>) -> bool {
    let (Ok(origin), Some(Ok(host))) = (origin.to_str(), host.map(|h| h.to_str())) else {
        return false;
    };
    let Some((scheme, authority)) = origin.split_once("://") else {
        return false;
    };
    let default = default_port(scheme);
    let strip = |a: &str| {
        let a = a.to_ascii_lowercase();
        match default.and_then(|p| a.strip_suffix(p)) {
            Some(bare) => bare.to_string(),
            None => a,
        }
    };
    strip(authority) == strip(host)
}

fn default_port(scheme: &str) -> Option<&'static str> {
    match scheme.to_ascii_lowercase().as_str() {
        "http" => Some(":80"),
        "https" => Some(":443"),
        _ => None,
    }
}

/// Reads an `--allow-origin` value: `scheme://host[:port]` (http or https, no path),
/// returned as a browser writes it in `Origin` (lower case, no default port), since the
/// header is compared byte for byte.
pub fn parse_origin(value: &str) -> Result<String, String> {
    let shape = "an origin is scheme://host[:port] with no path, e.g. https://portal.example.vn";
    if value == "*" {
        return Err("`*` is not allowed: name each origin (any page could post otherwise)".into());
    }
    let Some((scheme, authority)) = value.split_once("://") else {
        return Err(format!("{value:?}: {shape}"));
    };
    let scheme = scheme.to_ascii_lowercase();
    let Some(default) = default_port(&scheme) else {
        return Err(format!("{value:?}: the scheme must be http or https"));
    };
    if authority.contains(['/', '?', '#', '@']) || authority.chars().any(char::is_whitespace) {
        return Err(format!("{value:?}: {shape}"));
    }
    // An IPv6 literal keeps its colons inside the brackets.
    let port_at = authority
        .rfind(':')
        .filter(|&i| !authority[i..].contains(']'));
    let (host, port) = match port_at {
        Some(i) => (&authority[..i], Some(&authority[i + 1..])),
        None => (authority, None),
    };
    let host_ok = if let Some(inner) = host.strip_prefix('[') {
        inner
            .strip_suffix(']')
            .is_some_and(|ip| ip.parse::<std::net::Ipv6Addr>().is_ok())
    } else {
        !host.is_empty()
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
    };
    if !host_ok {
        return Err(format!("{value:?}: {shape}"));
    }
    let mut origin = format!("{scheme}://{}", host.to_ascii_lowercase());
    if let Some(port) = port {
        let n: u16 = port
            .parse()
            .ok()
            .filter(|&n| {
                n > 0 && !port.starts_with('0') && port.bytes().all(|b| b.is_ascii_digit())
            })
            .ok_or_else(|| format!("{value:?}: the port must be a number from 1 to 65535"))?;
        if format!(":{n}") != default {
            origin.push_str(&format!(":{n}"));
        }
    }
    Ok(origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_read_as_browsers_write_them() {
        for (given, read) in [
            ("https://portal.example.vn", "https://portal.example.vn"),
            ("HTTPS://Portal.Example.VN", "https://portal.example.vn"),
            ("https://portal.example.vn:443", "https://portal.example.vn"),
            ("http://localhost:80", "http://localhost"),
            ("http://localhost:8081", "http://localhost:8081"),
            ("http://127.0.0.1:9", "http://127.0.0.1:9"),
            ("http://[::1]:3000", "http://[::1]:3000"),
        ] {
            assert_eq!(parse_origin(given).as_deref(), Ok(read), "{given}");
        }
        for bad in [
            "*",
            "null",
            "portal.example.vn",
            "https://",
            "https://portal.example.vn/",
            "https://portal.example.vn/tin-tuc",
            "https://portal.example.vn?a",
            "https://user@portal.example.vn",
            "ftp://portal.example.vn",
            "https://portal.example.vn:0",
            "https://portal.example.vn:65536",
            "https://portal.example.vn:08",
            "https://portal.example.vn:+8",
            "https://portal.example.vn:",
            "https://portal example.vn",
            "http://[::1",
        ] {
            assert!(parse_origin(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_same_origin_is_the_host_the_request_went_to() {
        let h = |s: &'static str| HeaderValue::from_static(s);
        assert!(same_origin(
            &h("http://127.0.0.1:8080"),
            Some(&h("127.0.0.1:8080"))
        ));
        assert!(same_origin(
            &h("https://Tin.Example.vn"),
            Some(&h("tin.example.vn:443"))
        ));
        assert!(same_origin(
            &h("http://tin.example.vn:80"),
            Some(&h("tin.example.vn"))
        ));
        assert!(!same_origin(
            &h("http://localhost:8080"),
            Some(&h("127.0.0.1:8080"))
        ));
        assert!(!same_origin(
            &h("http://127.0.0.1:8081"),
            Some(&h("127.0.0.1:8080"))
        ));
        assert!(!same_origin(&h("null"), Some(&h("127.0.0.1:8080"))));
        assert!(!same_origin(&h("http://127.0.0.1:8080"), None));
    }
}
