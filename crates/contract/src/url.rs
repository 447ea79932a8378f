//! The contract's URL rules: which link targets and image sources may be used at all, and
//! which of them point inside the app.

/// A link target kept only if it is http, https or relative; `None` for anything else
/// (`javascript:`, `data:`, `vbscript:`, in any case, with spaces or control characters).
pub fn safe_href(raw: &str) -> Option<String> {
    // Browsers drop tabs and newlines anywhere in a URL and trim C0 controls and spaces.
    let cleaned: String = raw
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let cleaned = cleaned.trim_matches(|c: char| c <= ' ');
    if cleaned.is_empty() || cleaned.chars().any(|c| c.is_control()) {
        return None;
    }
    // The scheme is what precedes the first `:` before any `/`, `?` or `#`. Bytes and
    // `get`, not string indexing: no slicing panic (and its formatting) in the wasm.
    let bytes = cleaned.as_bytes();
    let end = bytes
        .iter()
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(bytes.len());
    match bytes[..end].iter().position(|&b| b == b':') {
        None => Some(cleaned.to_string()),
        Some(colon) => {
            let scheme = &bytes[..colon];
            (scheme.eq_ignore_ascii_case(b"http") || scheme.eq_ignore_ascii_case(b"https"))
                .then(|| cleaned.to_string())
        }
    }
}

/// True for a checked href that points inside the app (no scheme, no host, no leading `/`).
pub fn is_app_relative(href: &str) -> bool {
    !href.contains(':')
        && !href.starts_with('/')
        && !href.starts_with('#')
        && !href.starts_with('?')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_http_https_and_relative_survive() {
        for ok in [
            "https://baoquangnam.vn/x",
            "HTTP://a.b",
            "chinh-tri/abc",
            "/x",
            "//cdn.example/x",
            "?q=1",
            "#top",
            "a/b:c",
        ] {
            assert_eq!(safe_href(ok).as_deref(), Some(ok), "{ok}");
        }
        assert_eq!(
            safe_href("  https://a.b/c  ").as_deref(),
            Some("https://a.b/c")
        );
    }

    #[test]
    fn hrefs_that_could_run_script_are_dropped() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "   javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "jav\r\nascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "DATA:text/html;base64,PHNjcmlwdD4=",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "mailto:a@b.c",
            "",
            "   ",
            "java\u{0}script:alert(1)",
        ] {
            assert_eq!(safe_href(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn app_relative_links() {
        assert!(is_app_relative("van-hoa/le-hoi"));
        for not in ["/abs", "https://x", "#frag", "?q", "//host/x"] {
            assert!(!is_app_relative(not), "{not}");
        }
    }
}
