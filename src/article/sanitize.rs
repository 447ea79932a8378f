//! Paragraph HTML → the allowlist's nodes, with the browser's own parser (no HTML parser in
//! the wasm). The untrusted string is parsed inside a `<template>`, whose content is inert:
//! nothing in it loads or runs. The presentation's walk then keeps only its allowlist, and
//! its template writes them.

use page::inline::{sanitize_tree, HtmlNode, Inline, NodeKind};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlTemplateElement, Node};

/// The allowlisted content of `html`.
pub fn sanitize(html: &str) -> Vec<Inline> {
    let Ok(el) = leptos::prelude::document().create_element("template") else {
        return Vec::new();
    };
    let template: HtmlTemplateElement = el.unchecked_into();
    template.set_inner_html(html);
    sanitize_tree(&Dom(template.content().into()))
}

/// A DOM node, seen by the contract's sanitiser.
struct Dom(Node);

impl HtmlNode for Dom {
    fn children(&self) -> Vec<Self> {
        let mut out = Vec::new();
        let mut next = self.0.first_child();
        while let Some(node) = next {
            next = node.next_sibling();
            out.push(Dom(node));
        }
        out
    }

    fn kind(&self) -> NodeKind {
        match self.0.node_type() {
            Node::TEXT_NODE => NodeKind::Text(self.0.node_value().unwrap_or_default()),
            Node::ELEMENT_NODE => NodeKind::Element(self.0.unchecked_ref::<Element>().local_name()),
            _ => NodeKind::Other,
        }
    }

    fn attr(&self, name: &str) -> Option<String> {
        self.0.dyn_ref::<Element>()?.get_attribute(name)
    }

    fn text_content(&self) -> String {
        self.0.text_content().unwrap_or_default()
    }
}
