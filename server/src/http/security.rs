//! The security headers of every answer: no type sniffing and a referrer policy for all;
//! for pages, the Content-Security-Policy docs/deploy.md documents (its section
//! "Content-Security-Policy": the app runs under it) with the `frame-ancestors` the
//! operator chose; for SVG, a policy under which its scripts never run (an SVG opened
//! directly is a document on the site's origin).

use axum::http::header::{
    CONTENT_SECURITY_POLICY, CONTENT_TYPE, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::HeaderValue;
use axum::response::Response;

/// The policy of the app's pages, without `frame-ancestors` (docs/deploy.md,
/// "Content-Security-Policy").
pub const PAGE_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'self'; \
    object-src 'none'";
/// The policy of an SVG image: no script, no plugin, no form, nothing loaded.
pub const SVG_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

/// The headers added to answers, made once at start.
#[derive(Debug, Clone)]
pub struct Headers {
    page_policy: HeaderValue,
    frame_options: Option<HeaderValue>,
}

impl Headers {
    /// For pages that `frame_ancestors` (CSP sources, checked by the command line) may frame.
    pub fn new(frame_ancestors: &str) -> Self {
        let policy = format!("{PAGE_POLICY}; frame-ancestors {frame_ancestors}");
        // X-Frame-Options, for browsers without CSP 2, can say only "this origin": sent only
        // when that is the whole policy, since any other value would forbid what CSP allows.
        let frame_options =
            (frame_ancestors == "'self'").then(|| HeaderValue::from_static("SAMEORIGIN"));
        Headers {
            page_policy: HeaderValue::from_str(&policy)
                .unwrap_or_else(|_| HeaderValue::from_static(PAGE_POLICY)),
            frame_options,
        }
    }

    /// Adds the headers `res` should carry.
    pub fn apply(&self, res: &mut Response) {
        let kind = res
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(|v| v.trim().to_ascii_lowercase())
            .unwrap_or_default();
        let headers = res.headers_mut();
        headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
        headers.insert(
            REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        );
        match kind.as_str() {
            // A page that brought its own policy (the moderation desk's, stricter) keeps it.
            "text/html" if !headers.contains_key(CONTENT_SECURITY_POLICY) => {
                headers.insert(CONTENT_SECURITY_POLICY, self.page_policy.clone());
                if let Some(v) = &self.frame_options {
                    headers.insert(X_FRAME_OPTIONS, v.clone());
                }
            }
            "image/svg+xml" => {
                headers.insert(
                    CONTENT_SECURITY_POLICY,
                    HeaderValue::from_static(SVG_POLICY),
                );
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(kind: &str) -> Response {
        let mut res = Response::new(axum::body::Body::empty());
        res.headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_str(kind).unwrap());
        res
    }

    #[test]
    fn pages_get_the_policy_with_the_chosen_frame_ancestors() {
        let own = Headers::new("'self'");
        let mut page = answer("text/html; charset=utf-8");
        own.apply(&mut page);
        let csp = page.headers()[CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.starts_with(PAGE_POLICY) && csp.ends_with("frame-ancestors 'self'"));
        assert_eq!(page.headers()[X_FRAME_OPTIONS], "SAMEORIGIN");

        let portal = Headers::new("'self' https://portal.example.vn");
        let mut page = answer("text/html");
        portal.apply(&mut page);
        assert!(page.headers()[CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .ends_with("frame-ancestors 'self' https://portal.example.vn"));
        assert!(page.headers().get(X_FRAME_OPTIONS).is_none());

        let mut svg = answer("image/svg+xml");
        own.apply(&mut svg);
        assert_eq!(svg.headers()[CONTENT_SECURITY_POLICY], SVG_POLICY);
        let mut json = answer("application/json");
        own.apply(&mut json);
        assert!(json.headers().get(CONTENT_SECURITY_POLICY).is_none());
        assert_eq!(json.headers()[X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(
            json.headers()[REFERRER_POLICY],
            "strict-origin-when-cross-origin"
        );
    }
}
