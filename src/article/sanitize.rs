//! Paragraph HTML → safe HTML, with the browser's own parser (no HTML parser in the wasm).
//! The untrusted string is parsed inside a `<template>`, whose content is inert: nothing in
//! it loads or runs. The nodes are walked and only the contract's allowlist is rebuilt.

use contract::html::{classify, render, safe_href, Inline, Verdict};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlTemplateElement, Node};

/// Deeper nesting than this is flattened to its text, so hostile input cannot exhaust the stack.
const MAX_DEPTH: usize = 24;

/// Safe HTML for `html`, relative links resolved under `base_path`.
pub fn sanitize(html: &str, base_path: &str) -> String {
    let mut nodes = Vec::new();
    if let Ok(el) = leptos::prelude::document().create_element("template") {
        let template: HtmlTemplateElement = el.unchecked_into();
        template.set_inner_html(html);
        walk(&template.content(), 0, &mut nodes);
    }
    let mut out = String::with_capacity(html.len());
    render(&nodes, base_path, &mut out);
    out
}

fn walk(parent: &Node, depth: usize, out: &mut Vec<Inline>) {
    let mut next = parent.first_child();
    while let Some(node) = next {
        next = node.next_sibling();
        match node.node_type() {
            Node::TEXT_NODE => out.extend(node.node_value().map(Inline::Text)),
            Node::ELEMENT_NODE => element(node.unchecked_ref(), depth, out),
            _ => {}
        }
    }
}

fn element(el: &Element, depth: usize, out: &mut Vec<Inline>) {
    if depth >= MAX_DEPTH {
        out.extend(el.text_content().map(Inline::Text));
        return;
    }
    match classify(&el.local_name()) {
        Verdict::Drop => {}
        Verdict::Unwrap => walk(el, depth + 1, out),
        Verdict::Keep(tag) => {
            let href = (tag == "a")
                .then(|| el.get_attribute("href"))
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
