//! The live island: the entries of the article on screen, polled while the page is visible.
//! With the `split` feature (the release build) `mount` is a split point, whose first call
//! fetches the part of the wasm that holds this code.
//!
//! It fetches the entries when the page opens, then again every `max-age` seconds of the
//! answer (30 without one, never under 5), with `If-None-Match`; a hidden tab does not
//! poll, and polls at once when shown again if its time has come. New entries are never
//! put in by themselves: «N cập nhật mới» appears (a polite live region, out of the flow,
//! so that nothing moves), and only when the reader presses it do they go to the top of
//! the list, the reader's place kept, the focus on the newest. A page holds the newest
//! `page::live::SHOWN` entries: the older ones (those after the oldest shown) go at the
//! bottom, as many at a time, when the reader presses «Xem N cập nhật trước», the focus on
//! the first of them. An `ended` coverage says so and stops. A 404 is no entries yet; any
//! other failure (a poll has 20 s) waits for the next time.

use std::cell::{Cell, RefCell};

use contract::live::{LiveEntries, LiveEntry, LiveStatus};
use js_sys::{Function, Promise, Reflect};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, Event, HtmlElement};

use crate::api;
use crate::config::{self, Config};
use crate::dom;
use crate::render::with_render;

/// The poll's interval without a `max-age`, the contract's default.
const DEFAULT_SECS: u32 = 30;
/// Never more often than this, whatever the answer says.
const MIN_SECS: u32 = 5;
/// Nor less often (a day's `max-age` of an ended coverage is never waited for: it stops).
const MAX_SECS: u32 = 600;

/// The coverage on screen.
struct Coverage {
    section: Element,
    /// The ids of the entries shown.
    shown: Vec<String>,
    /// Entries come and not shown yet, newest first.
    waiting: Vec<LiveEntry>,
    /// Entries older than the oldest shown, newest first.
    older: Vec<LiveEntry>,
}

// The island's own state, outside any view: its click handler lives on the mount element
// as long as the page, and finds the coverage on screen here.
thread_local! {
    static COVERAGE: RefCell<Option<Coverage>> = const { RefCell::new(None) };
    /// Resolves the poll's wait for the page to be visible again.
    static WAKE: RefCell<Option<Function>> = const { RefCell::new(None) };
    static WIRED: Cell<bool> = const { Cell::new(false) };
}

/// Follows the coverage whose entries are at `url`, for the live view numbered `view`.
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(live, wasm_split_path = ::leptos::wasm_split)]
pub fn mount(config: Config, url: String, view: u32) {
    start(config, url, view)
}

/// Follows the coverage whose entries are at `url` (without the `split` feature).
#[cfg(not(feature = "split"))]
pub async fn mount(config: Config, url: String, view: u32) {
    start(config, url, view)
}

fn start(config: Config, url: String, view: u32) {
    let Some(root) = config::find_mount() else {
        return;
    };
    let Some(section) = section(&root, &config, view) else {
        return;
    };
    // A served page's section holds the entries it was written with.
    let shown = all(&section, "[data-na-entry]")
        .iter()
        .filter_map(|li| li.get_attribute("data-na-entry"))
        .collect();
    COVERAGE.set(Some(Coverage {
        section: section.clone(),
        shown,
        waiting: Vec::new(),
        older: Vec::new(),
    }));
    if !WIRED.replace(true) {
        wire(&root, config.clone());
    }
    spawn_local(poll(config, url, view, section));
}

/// The coverage's section on screen: a served page's, else one made after the article on
/// screen, marked as this view's (which takes it away when it ends).
fn section(root: &Element, config: &Config, view: u32) -> Option<Element> {
    if let Some(section) = find(root, ".na-live") {
        return Some(section);
    }
    let article = find(root, "article.na-article")?;
    let html = with_render(config, page::media::ALL, |r| {
        page::live::section(LiveStatus::Live, &[], r)
    });
    article.insert_adjacent_html("afterend", &html).ok()?;
    let section = article.next_element_sibling()?;
    let _ = section.set_attribute("data-na-made", &view.to_string());
    Some(section)
}

/// Polls until the coverage ends or its view does.
async fn poll(config: Config, url: String, view: u32, section: Element) {
    let on_screen = || super::alive(view) && section.is_connected();
    let mut etag: Option<String> = None;
    // A made section has nothing yet: the first entries are what the page opens with.
    let mut first = section.has_attribute("data-na-made");
    while on_screen() {
        let mut secs = DEFAULT_SECS;
        // No entries yet (404), or a failure: the next time.
        if let Ok(polled) = api::live::entries(&config, &url, etag.as_deref()).await {
            secs = polled.max_age.unwrap_or(DEFAULT_SECS);
            etag = polled.etag.or(etag);
            if let Some(doc) = polled.entries.filter(|_| on_screen()) {
                let ended = doc.status == LiveStatus::Ended;
                came(&config, doc, std::mem::take(&mut first));
                if ended {
                    return;
                }
            }
        }
        first = false;
        sleep(secs.clamp(MIN_SECS, MAX_SECS) * 1000).await;
        // A hidden tab waits to be seen; its time has come by then.
        while hidden() && on_screen() {
            visible().await;
        }
    }
}

/// An answer's entries: those after the oldest shown (after the newest `SHOWN` when none
/// is) are older, the others not shown wait for the reader (shown at once when `first` on
/// a section that had none); an ended coverage says so.
fn came(config: &Config, mut doc: LiveEntries, first: bool) {
    // Their galleries open in the gallery's dialog, as the article's do: the entries the
    // page was served with too, which every answer holds.
    crate::gallery::start(config, doc.entries.iter().flat_map(|e| &e.body));
    let Some((section, count)) = COVERAGE.with_borrow_mut(|c| {
        let c = c.as_mut()?;
        let shown = |e: &LiveEntry| c.shown.contains(&e.id);
        let end = doc.entries.iter().rposition(shown);
        let end = end.map_or(doc.entries.len().min(page::live::SHOWN), |i| i + 1);
        c.older = doc.entries.split_off(end);
        c.waiting = doc.entries.into_iter().filter(|e| !shown(e)).collect();
        Some((c.section.clone(), c.waiting.len()))
    }) else {
        return;
    };
    if doc.status == LiveStatus::Ended {
        let _ = section.set_attribute("data-na-live", "ended");
        if let Some(status) = find(&section, ".na-live-status") {
            status.set_text_content(Some(page::words::LIVE_ENDED));
        }
    }
    if first {
        show(config, false);
    } else if let Some(room) = find(&section, ".na-live-new") {
        let html = if count > 0 {
            page::live::new_button(count).into_string()
        } else {
            String::new()
        };
        room.set_inner_html(&html);
    }
    earlier(&section);
}

/// Says under the list how many older entries there are: «Xem N cập nhật trước» for the
/// next ones, or nothing. Left as it is when it says the same (a poll does not take the
/// focus off it).
// Not inlined: called from the poll and on a press, one copy (the island's bytes).
#[inline(never)]
fn earlier(section: &Element) {
    let Some(count) = COVERAGE.with_borrow(|c| Some(c.as_ref()?.older.len())) else {
        return;
    };
    let Some(ol) = find(section, ".na-live-list") else {
        return;
    };
    let p = find(section, ".na-live-earlier").or_else(|| {
        let room = page::live::earlier_room().into_string();
        let _ = ol.insert_adjacent_html("afterend", &room);
        ol.next_element_sibling()
    });
    let Some(p) = p else {
        return;
    };
    if count == 0 {
        p.remove();
        return;
    }
    let html = page::live::older_button(count.min(page::live::SHOWN)).into_string();
    if p.inner_html() != html {
        p.set_inner_html(&html);
    }
}

/// Appends the next older entries at the bottom of the list and puts the focus on the
/// first, where the button was (without scrolling to it). The last entry shown stays where
/// it was: the browser's scroll anchoring would keep the button in place instead, and
/// scroll the reader past what was appended.
// Not inlined into the click handler (the island's bytes).
#[inline(never)]
fn show_older(config: &Config) {
    let Some((section, entries)) = COVERAGE.with_borrow_mut(|c| {
        let c = c.as_mut()?;
        let rest = c.older.split_off(c.older.len().min(page::live::SHOWN));
        let entries = std::mem::replace(&mut c.older, rest);
        c.shown.extend(entries.iter().map(|e| e.id.clone()));
        Some((c.section.clone(), entries))
    }) else {
        return;
    };
    let Some(ol) = find(&section, ".na-live-list") else {
        return;
    };
    let before = all(&ol, "[data-na-entry]");
    let top = before.last().map(|li| rect(li, "top"));
    let html = list(config, &entries);
    let _ = ol.insert_adjacent_html("beforeend", &html);
    earlier(&section);
    if let (Some(last), Some(top)) = (before.last(), top) {
        scroll_by(rect(last, "top") - top);
    }
    if let Some(first) = all(&ol, "[data-na-entry]").get(before.len()) {
        focus(first);
    }
}

/// Puts the waiting entries at the top of the list, without moving what the reader is on:
/// when the list's top is above the window, the first entry still in view stays where it
/// was. With `focus`, the focus goes to the newest (without scrolling to it): a keyboard or
/// screen-reader user reads on from there, and nobody's view jumps.
// Not inlined: called from the poll and on a press, one copy (the island's bytes).
#[inline(never)]
fn show(config: &Config, focus: bool) {
    let Some((section, entries)) = COVERAGE.with_borrow_mut(|c| {
        let c = c.as_mut()?;
        let entries = std::mem::take(&mut c.waiting);
        c.shown.extend(entries.iter().map(|e| e.id.clone()));
        Some((c.section.clone(), entries))
    }) else {
        return;
    };
    if let Some(room) = find(&section, ".na-live-new") {
        room.set_inner_html("");
    }
    let Some(ol) = find(&section, ".na-live-list") else {
        return;
    };
    if entries.is_empty() {
        return;
    }
    if let Some(empty) = find(&section, ".na-empty") {
        empty.remove();
    }
    // The anchor: the first entry whose bottom is below the window's top.
    let anchor = all(&ol, "[data-na-entry]")
        .into_iter()
        .find(|li| rect(li, "bottom") > 0.0);
    let above = rect(&ol, "top") < 0.0;
    let before = anchor.as_ref().map(|a| rect(a, "top"));
    let html = list(config, &entries);
    let _ = ol.insert_adjacent_html("afterbegin", &html);
    if let (Some(anchor), Some(before), true) = (anchor, before, above) {
        scroll_by(rect(&anchor, "top") - before);
    }
    if let Some(newest) = ol.first_element_child().filter(|_| focus) {
        self::focus(&newest);
    }
}

/// The markup of `entries`: one caller of the entries' template, which inlines the
/// article's body template (each caller of its own would hold a copy).
#[inline(never)]
fn list(config: &Config, entries: &[LiveEntry]) -> String {
    with_render(config, page::media::ALL, |r| page::live::list(entries, r))
}

/// Moves the focus to `el` without scrolling to it.
fn focus(el: &Element) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = el
        .unchecked_ref::<HtmlElement>()
        .focus_with_options(&options);
}

/// One click handler on the mount element for «N cập nhật mới» and «Xem N cập nhật
/// trước», and one listener for the page becoming visible.
fn wire(root: &Element, config: Config) {
    let on_click = Closure::<dyn Fn(Event)>::new(move |ev: Event| {
        let pressed = ev.target().and_then(|t| t.dyn_into::<Element>().ok());
        let is = |class| {
            pressed
                .as_ref()
                .is_some_and(|el| el.closest(class).ok().flatten().is_some())
        };
        if is(".na-live-more") {
            show(&config, true);
        } else if is(".na-live-prev") {
            show_older(&config);
        }
    });
    let _ = root.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    on_click.forget();
    let on_visible = Closure::<dyn Fn()>::new(|| {
        if !hidden() {
            if let Some(wake) = WAKE.take() {
                let _ = wake.call0(&JsValue::NULL);
            }
        }
    });
    let _ = document()
        .add_event_listener_with_callback("visibilitychange", on_visible.as_ref().unchecked_ref());
    on_visible.forget();
}

/// `document.hidden`, read as a property (no import of its own in the first view's glue).
fn hidden() -> bool {
    Reflect::get(&document(), &JsValue::from_str("hidden")).is_ok_and(|h| h.is_truthy())
}

/// Resolves when the page is visible again.
async fn visible() {
    let promise = Promise::new(&mut |resolve, _| WAKE.set(Some(resolve)));
    let _ = JsFuture::from(promise).await;
}

async fn sleep(ms: u32) {
    let promise = Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
    });
    let _ = JsFuture::from(promise).await;
}

/// An edge of `el`'s box in the window (`getBoundingClientRect()`), through calls the glue
/// has already.
fn rect(el: &Element, edge: &str) -> f64 {
    dom::call(el, "getBoundingClientRect", None)
        .and_then(|r| Reflect::get(&r, &JsValue::from_str(edge)).ok())
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0)
}

/// Scrolls the page by `dy` pixels.
fn scroll_by(dy: f64) {
    if dy != 0.0 {
        window().scroll_to_with_x_and_y(0.0, window().scroll_y().unwrap_or(0.0) + dy);
    }
}

fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}
