//! Paragraph HTML → safe HTML, with the browser's own parser (no HTML parser in the wasm).
//! The untrusted string is parsed inside a `<template>`, whose content is inert: nothing in
//! it loads or runs. The contract's walk then rebuilds only its allowlist.

use contract::html::{render, sanitize_tree, HtmlNode, NodeKind};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlTemplateElement, Node};

/// Safe HTML for `html`, relative links resolved under `base_path`.
pub fn sanitize(html: &str, base_path: &str) -> String {
    let mut nodes = Vec::new();
    if let Ok(el) = leptos::prelude::document().create_element("template") {
        let template: HtmlTemplateElement = el.unchecked_into();
        template.set_inner_html(html);
        nodes = sanitize_tree(&Dom(template.content().into()));
    }
    let mut out = String::with_capacity(html.len());
    render(&nodes, base_path, &mut out);
    out
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
