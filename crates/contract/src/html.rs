//! The paragraph-HTML allowlist of the contract. A standard HTML parser turns untrusted HTML
//! into nodes (the browser's own in the app, html5ever in the prerenderer); [`sanitize_tree`]
//! walks them, asking [`classify`] and [`safe_href`] what may stay, into [`Inline`] nodes,
//! and [`render`] writes those back as HTML that holds nothing else.

/// A sanitised piece of inline content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Element {
        tag: &'static str,
        /// Only on `a`, already checked by [`safe_href`].
        href: Option<String>,
        children: Vec<Inline>,
    },
}

/// What happens to an element found in paragraph HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Rebuilt as this tag (attributes dropped, `href` checked on `a`).
    Keep(&'static str),
    /// Replaced by its content.
    Unwrap,
    /// Removed with its content: never reader text (scripts, styles, frames, forms' raw text).
    Drop,
}

const ALLOWED: [&str; 9] = ["a", "strong", "b", "em", "i", "u", "br", "sub", "sup"];

/// Deeper nesting than this is flattened to its text, so hostile input cannot exhaust the stack.
pub const MAX_DEPTH: usize = 24;

/// One node of a parsed HTML tree, as [`sanitize_tree`] reads it.
pub trait HtmlNode: Sized {
    /// The node's children, in document order.
    fn children(&self) -> Vec<Self>;
    /// What the node is.
    fn kind(&self) -> NodeKind;
    /// The value of an element's attribute.
    fn attr(&self, name: &str) -> Option<String>;
    /// All the text under the node.
    fn text_content(&self) -> String;
}

/// The kinds of node the sanitiser tells apart (comments and the rest are dropped).
pub enum NodeKind {
    /// Text, with its value.
    Text(String),
    /// An element, with its local name.
    Element(String),
    /// Anything else.
    Other,
}

/// The allowlisted content under `parent` (not `parent` itself).
pub fn sanitize_tree<N: HtmlNode>(parent: &N) -> Vec<Inline> {
    let mut out = Vec::new();
    walk(parent, 0, &mut out);
    out
}

fn walk<N: HtmlNode>(parent: &N, depth: usize, out: &mut Vec<Inline>) {
    for node in parent.children() {
        match node.kind() {
            NodeKind::Text(text) => out.push(Inline::Text(text)),
            NodeKind::Element(name) => element(&node, &name, depth, out),
            NodeKind::Other => {}
        }
    }
}

fn element<N: HtmlNode>(el: &N, name: &str, depth: usize, out: &mut Vec<Inline>) {
    if depth >= MAX_DEPTH {
        out.push(Inline::Text(el.text_content()));
        return;
    }
    match classify(name) {
        Verdict::Drop => {}
        Verdict::Unwrap => walk(el, depth + 1, out),
        Verdict::Keep(tag) => {
            let href = (tag == "a")
                .then(|| el.attr("href"))
                .flatten()
                .and_then(|h| safe_href(&h));
            if tag == "a" && href.is_none() {
                // A link to nowhere safe is just its text.
                return walk(el, depth + 1, out);
            }
            let mut children = Vec::new();
            walk(el, depth + 1, &mut children);
            out.push(Inline::Element {
                tag,
                href,
                children,
            });
        }
    }
}

/// The verdict for an element of this local name (any case).
pub fn classify(local_name: &str) -> Verdict {
    let name = local_name.to_ascii_lowercase();
    if let Some(tag) = ALLOWED.iter().find(|t| **t == name) {
        return Verdict::Keep(tag);
    }
    match name.as_str() {
        "script" | "style" | "template" | "noscript" | "iframe" | "object" | "embed" | "frame"
        | "frameset" | "noframes" | "xmp" | "plaintext" | "title" | "head" | "select"
        | "textarea" | "math" | "svg" => Verdict::Drop,
        _ => Verdict::Unwrap,
    }
}

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
    let end = cleaned.find(['/', '?', '#']).unwrap_or(cleaned.len());
    match cleaned[..end].find(':') {
        None => Some(cleaned.to_string()),
        Some(colon) => {
            let scheme = cleaned[..colon].to_ascii_lowercase();
            (scheme == "http" || scheme == "https").then(|| cleaned.to_string())
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

/// Appends `s` with `&`, `<`, `>`, `"` and `'` escaped, for text and attribute values alike.
pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// Writes sanitised nodes as HTML. Relative links are resolved under `base_path` (the app's
/// path prefix, without trailing slash) so that `chinh-tri/x` opens the article in the app.
pub fn render(nodes: &[Inline], base_path: &str, out: &mut String) {
    for node in nodes {
        match node {
            Inline::Text(t) => escape_into(out, t),
            Inline::Element {
                tag,
                href,
                children,
            } => {
                out.push('<');
                out.push_str(tag);
                if let Some(href) = href {
                    out.push_str(" href=\"");
                    if is_app_relative(href) {
                        escape_into(out, base_path);
                        out.push('/');
                    }
                    escape_into(out, href);
                    out.push_str("\" rel=\"noopener\"");
                }
                out.push('>');
                if *tag != "br" {
                    render(children, base_path, out);
                    out.push_str("</");
                    out.push_str(tag);
                    out.push('>');
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn el(tag: &'static str, href: Option<&str>, children: Vec<Inline>) -> Inline {
        Inline::Element {
            tag,
            href: href.map(str::to_string),
            children,
        }
    }
    fn text(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn allowlist_keeps_exactly_the_contract_tags() {
        for tag in ["a", "strong", "b", "em", "i", "u", "br", "sub", "sup"] {
            assert_eq!(classify(tag), Verdict::Keep(tag));
            assert_eq!(classify(&tag.to_uppercase()), Verdict::Keep(tag));
        }
        for tag in [
            "span", "div", "p", "img", "font", "h1", "table", "form", "input", "button", "marquee",
            "details", "video", "base", "link", "meta",
        ] {
            assert_eq!(classify(tag), Verdict::Unwrap, "{tag}");
        }
        for tag in [
            "script", "SCRIPT", "style", "iframe", "svg", "math", "object", "embed", "template",
            "noscript", "textarea",
        ] {
            assert_eq!(classify(tag), Verdict::Drop, "{tag}");
        }
    }

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
    fn render_escapes_text_and_rebuilds_links() {
        let nodes = vec![
            text("a < b & \"c\" 'd' <script>"),
            el(
                "a",
                Some("chinh-tri/x?a=1&b=\"2\""),
                vec![el("strong", None, vec![text("đậm")])],
            ),
            el("br", None, vec![]),
            el("a", Some("https://a.b/"), vec![text("ngoài")]),
        ];
        let mut out = String::new();
        render(&nodes, "/tin", &mut out);
        assert_eq!(
            out,
            "a &lt; b &amp; &quot;c&quot; &#39;d&#39; &lt;script&gt;\
             <a href=\"/tin/chinh-tri/x?a=1&amp;b=&quot;2&quot;\" rel=\"noopener\"><strong>đậm</strong></a>\
             <br><a href=\"https://a.b/\" rel=\"noopener\">ngoài</a>"
        );
    }

    #[test]
    fn app_relative_links() {
        assert!(is_app_relative("van-hoa/le-hoi"));
        for not in ["/abs", "https://x", "#frag", "?q", "//host/x"] {
            assert!(!is_app_relative(not), "{not}");
        }
    }
}
