//! The comment list brought up to date in place: each thread (a top-level comment and its
//! replies, the template's `<li id="bl-{id}">`) is matched by its id, and only a thread whose
//! HTML changed is compared node by node with its new HTML: the same element keeps its place
//! and gets the new attributes and text, a new one is inserted, one gone is removed. So a
//! like, more replies, a reply published or the order control's arrival never replace the
//! elements a reader is on: focus and a text selection stay.

use leptos::prelude::document;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlTemplateElement, Node};

/// The class of the reply form's holder, which the app puts under the thread answered: not
/// the template's, so a patch leaves it where it is.
pub const SLOT: &str = "na-reply-slot";

/// What the list showed after the last patch: the order control's HTML, and each thread's
/// id and HTML in order.
#[derive(Default)]
pub struct Drawn {
    order: Option<String>,
    threads: Vec<(String, String)>,
}

/// Brings `root` (the list's holder: the order control, then the `<ol>` of threads) to
/// `order` and `threads`, `before` being what it showed; returns what it shows now.
pub fn patch(
    root: &Element,
    order: Option<String>,
    threads: Vec<(String, String)>,
    before: Drawn,
) -> Drawn {
    let Some(ol) = root.last_element_child() else {
        return before;
    };
    let shown = root.first_element_child().filter(|el| *el != ol);
    match (&order, shown) {
        (Some(html), Some(el)) if before.order.as_ref() != Some(html) => {
            if let Some(new) = parse(html).and_then(|f| f.first_element_child()) {
                morph(&el, &new);
            }
        }
        (Some(html), None) => {
            if let Some(new) = parse(html) {
                let _ = root.insert_before(&new, Some(&ol));
            }
        }
        (None, Some(el)) => el.remove(),
        _ => {}
    }
    patch_threads(&ol, &threads, &before.threads);
    Drawn { order, threads }
}

/// The `<ol>`'s threads keyed by id: unchanged ones untouched, changed ones morphed.
fn patch_threads(ol: &Element, threads: &[(String, String)], before: &[(String, String)]) {
    let mut at = ol.first_element_child();
    if at.is_none() {
        // All new (the first page, or another order): one parse.
        let all: String = threads.iter().map(|t| t.1.as_str()).collect();
        if let Some(new) = parse(&all) {
            let _ = ol.append_child(&new);
        }
        return;
    }
    let mut hint = 0;
    for (id, html) in threads {
        let key = format!("bl-{id}");
        // Its element: the one at hand, else one further down (moved up to here).
        let mut found = at.clone();
        while let Some(el) = found.as_ref().filter(|el| el.id() != key) {
            found = el.next_element_sibling();
        }
        let Some(el) = found else {
            if let Some(new) = parse(html) {
                let _ = ol.insert_before(&new, at.as_ref().map(|e| e.as_ref()));
            }
            continue;
        };
        if Some(&el) == at.as_ref() {
            at = el.next_element_sibling();
        } else {
            let _ = ol.insert_before(&el, at.as_ref().map(|e| e.as_ref()));
        }
        // What it showed: usually the next one drawn before.
        let old = match before.get(hint) {
            Some(b) if b.0 == *id => Some(hint),
            _ => before.iter().position(|b| b.0 == *id),
        };
        hint = old.map_or(hint, |i| i + 1);
        let old = old.map(|i| &before[i]);
        if old.is_none_or(|b| b.1 != *html) {
            if let Some(new) = parse(html).and_then(|f| f.first_element_child()) {
                morph(&el, &new);
            }
        }
    }
    while let Some(el) = at {
        at = el.next_element_sibling();
        rescue_slot(&el, ol);
        el.remove();
    }
}

/// A thread going away with the reply form under it leaves the form's holder, hidden,
/// after the list, where the app finds it again.
fn rescue_slot(thread: &Element, ol: &Element) {
    let holder = ol.parent_node();
    if let (Ok(Some(slot)), Some(holder)) = (thread.query_selector(&format!(".{SLOT}")), holder) {
        let _ = slot.set_attribute("hidden", "");
        if let Some(section) = holder.parent_node() {
            let _ = section.insert_before(&slot, holder.next_sibling().as_ref());
        }
    }
}

/// The template's HTML as inert nodes.
fn parse(html: &str) -> Option<web_sys::DocumentFragment> {
    let template: HtmlTemplateElement =
        document().create_element("template").ok()?.unchecked_into();
    template.set_inner_html(html);
    Some(template.content())
}

/// `old` made like `new` (the same element and tag): its attributes, then its children.
fn morph(old: &Element, new: &Element) {
    for name in new.get_attribute_names().iter() {
        let Some(name) = name.as_string() else {
            continue;
        };
        let value = new.get_attribute(&name).unwrap_or_default();
        if old.get_attribute(&name).as_ref() != Some(&value) {
            let _ = old.set_attribute(&name, &value);
        }
    }
    for name in old.get_attribute_names().iter() {
        if let Some(name) = name.as_string().filter(|n| !new.has_attribute(n)) {
            let _ = old.remove_attribute(&name);
        }
    }
    morph_children(old, new);
}

/// `old`'s children made like `new`'s, by position: a child of the same kind (the same tag
/// and id) is kept and patched, another one is inserted, those left over are removed. The
/// reply form's holder stays where it is.
fn morph_children(old: &Node, new: &Node) {
    let mut at = old.first_child();
    let mut next = new.first_child();
    while let Some(node) = next {
        next = node.next_sibling();
        let mut mine = at.clone();
        while let Some(kept) = mine.as_ref().filter(|n| is_slot(n)) {
            mine = kept.next_sibling();
        }
        match mine.filter(|m| same(m, &node)) {
            Some(m) => {
                if let (Some(m), Some(node)) = (m.dyn_ref::<Element>(), node.dyn_ref()) {
                    morph(m, node);
                } else if m.text_content() != node.text_content() {
                    m.set_text_content(node.text_content().as_deref());
                }
                at = m.next_sibling();
            }
            None => {
                let _ = old.insert_before(&node, at.as_ref());
            }
        }
    }
    while let Some(node) = at {
        at = node.next_sibling();
        if !is_slot(&node) {
            // `remove()` is a text node's too (ChildNode), and imported already.
            node.unchecked_ref::<Element>().remove();
        }
    }
}

/// The same kind of node: text for text, or an element of the same tag and id.
fn same(a: &Node, b: &Node) -> bool {
    match (a.dyn_ref::<Element>(), b.dyn_ref::<Element>()) {
        (Some(a), Some(b)) => a.tag_name() == b.tag_name() && a.id() == b.id(),
        (a, b) => a.is_none() && b.is_none(),
    }
}

fn is_slot(node: &Node) -> bool {
    node.dyn_ref::<Element>()
        .is_some_and(|el| el.get_attribute("class").as_deref() == Some(SLOT))
}
