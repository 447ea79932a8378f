//! The paragraph-HTML allowlist of the contract, as presentation. A standard HTML parser
//! turns untrusted HTML into nodes (the browser's own in the app, html5ever in the server);
//! [`sanitize_tree`] walks them, asking [`classify`] and the contract's URL rule what may
//! stay, into [`Inline`] nodes, and [`render`] writes those as HTML that holds nothing else.

use contract::url::{is_app_relative, safe_href};
use maud::{Markup, PreEscaped};

/// A sanitised piece of inline content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Text, escaped when written.
    Text(String),
    /// An allowed element.
    Element {
        /// One of the allowlist's tags.
        tag: &'static str,
        /// Only on `a`, already checked by `safe_href`.
        href: Option<String>,
        /// Its content.
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

/// Sanitised nodes as HTML. Relative links are resolved under `base_path` (the app's path
/// prefix, without trailing slash) so that `chinh-tri/x` opens the article in the app.
pub fn render(nodes: &[Inline], base_path: &str) -> Markup {
    let mut out = String::new();
    write(nodes, base_path, &mut out);
    PreEscaped(out)
}

/// Appends sanitised nodes as HTML. The one writer of the crate not in `html!`: maud cannot
/// name a tag from data, and a branch per allowed tag (with a string per element) cost the
/// wasm 800 bytes more than this walk (twiggy). Every text goes
/// through the escaper; the tags are the allowlist's constants; `tests/properties.rs`
/// checks that no string gets out as markup.
pub fn write(nodes: &[Inline], base_path: &str, out: &mut String) {
    for node in nodes {
        match node {
            Inline::Text(t) => esc(out, t),
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
                        esc(out, base_path);
                        out.push('/');
                    }
                    esc(out, href);
                    out.push_str("\" rel=\"noopener\"");
                }
                out.push('>');
                if *tag != "br" {
                    write(children, base_path, out);
                    out.push_str("</");
                    out.push_str(tag);
                    out.push('>');
                }
            }
        }
    }
}

/// Appends `s` escaped for text and double-quoted attribute values alike (maud's escaper).
fn esc(out: &mut String, s: &str) {
    maud::Render::render_to(s, out)
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
            el("sup", None, vec![text("2")]),
        ];
        assert_eq!(
            render(&nodes, "/tin").into_string(),
            "a &lt; b &amp; &quot;c&quot; 'd' &lt;script&gt;\
             <a href=\"/tin/chinh-tri/x?a=1&amp;b=&quot;2&quot;\" rel=\"noopener\"><strong>đậm</strong></a>\
             <br><a href=\"https://a.b/\" rel=\"noopener\">ngoài</a><sup>2</sup>"
        );
    }
}
