//! The pages of a list after its first, an island: with the `split` feature (the release
//! build) `mount` is a split point, whose first call fetches the part of the wasm that holds
//! this code. It reads the pages the address asks for (`?trang=N`) at once, and serves
//! «Xem thêm» with one click handler on the mount element: the next page at the end of the
//! list, the focus on its first article, what came said in the list's live region, and the
//! address updated (the same history entry), so that Back and a reload come back to it. A
//! failure is said there too, and the button stays for another try.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;

use contract::paths::MAX_LIST_PAGES;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, FocusOptions, HtmlElement};

use super::shows;
use crate::api::{self, ApiError};
use crate::config::{self, Config};
use crate::text;

/// The list on screen and where it is with its pages.
struct List {
    /// Its `<ol>`: a list drawn anew (another page, or the same again) is another.
    ol: Element,
    /// The path of its next page, if any.
    next: Option<String>,
    /// Only this category's items are shown (its page filters another list).
    only: Option<String>,
    /// Pages read: what `?trang=` says.
    read: u32,
    /// A page is on its way: «Xem thêm» pressed twice fetches once.
    busy: bool,
}

// The island's own state, outside any view: its one click handler («Xem thêm») lives on the
// mount element as long as the page, and finds the list on screen here. The main part of the
// wasm cannot hold it: its type is this part's.
thread_local! {
    static LIST: RefCell<Option<List>> = const { RefCell::new(None) };
    static WIRED: Cell<bool> = const { Cell::new(false) };
}

/// A future the caller can hold: split points cannot be `async` themselves.
pub type Shown = Pin<Box<dyn Future<Output = bool>>>;

/// Takes over the list shown after its first `read` pages (`next` the path of the one
/// after, `only` the category it keeps), reads more until the address's `wanted` pages
/// are shown; resolves to whether the list is still on screen.
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(lists, wasm_split_path = ::leptos::wasm_split)]
pub fn mount(config: Config, next: String, only: Option<String>, read: u32, wanted: u32) -> Shown {
    Box::pin(start(config, next, only, read, wanted))
}

/// Takes over the list shown after its first `read` pages (without the `split` feature).
#[cfg(not(feature = "split"))]
pub async fn mount(
    config: Config,
    next: String,
    only: Option<String>,
    read: u32,
    wanted: u32,
) -> Shown {
    Box::pin(start(config, next, only, read, wanted))
}

async fn start(config: Config, next: String, only: Option<String>, read: u32, wanted: u32) -> bool {
    let Ok(Some(ol)) = document().query_selector(".news-app .na-front .na-list") else {
        return false;
    };
    LIST.set(Some(List {
        ol: ol.clone(),
        next: Some(next),
        only,
        read,
        busy: wanted > read,
    }));
    if !WIRED.replace(true) {
        if let Some(root) = config::find_mount() {
            let config = config.clone();
            let on_click = Closure::<dyn Fn(Event)>::new(move |ev: Event| {
                let button = ev
                    .target()
                    .and_then(|t| t.dyn_into::<Element>().ok())
                    .and_then(|t| t.closest(".na-front .na-more").ok().flatten());
                if let Some(button) = button {
                    spawn_local(pressed(config.clone(), button));
                }
            });
            let _ =
                root.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
            on_click.forget();
        }
    }
    if wanted > read {
        let _ = more(&config, &ol, wanted - read).await;
        with_list(&ol, |l| l.busy = false);
    }
    ol.is_connected()
}

/// «Xem thêm» pressed.
async fn pressed(config: Config, button: Element) {
    // `closest` and `focus_with_options`, which the main part has: a call the part shared
    // with another island would be code copied into both (scripts/join-parts.mjs).
    let Ok(Some(section)) = button.closest(".na-front") else {
        return;
    };
    let find = |selector: &str| section.query_selector(selector).ok().flatten();
    let (Some(ol), Some(status)) = (find(".na-list"), find(".na-list-status")) else {
        return;
    };
    if with_list(&ol, |l| std::mem::replace(&mut l.busy, true)) != Some(false) {
        return;
    }
    status.set_text_content(Some(text::LOADING));
    let shown = ol.child_element_count();
    let result = more(&config, &ol, 1).await;
    let said = match result {
        Ok(count) => {
            let first = format!("li:nth-child({}) a", shown + 1);
            if let Ok(Some(a)) = ol.query_selector(&first) {
                let _ = a
                    .unchecked_into::<HtmlElement>()
                    .focus_with_options(&FocusOptions::new());
            }
            if with_list(&ol, |l| l.next.is_none()) == Some(true) {
                button.remove();
            }
            format!("{} {count} {}", text::LOADED_MORE, text::ARTICLES)
        }
        Err(error) => crate::ui::error_message(&error),
    };
    with_list(&ol, |l| l.busy = false);
    status.set_text_content(Some(&said));
}

/// Runs `f` on the state of the list `ol`, if it is still the one on screen.
fn with_list<T>(ol: &Element, f: impl FnOnce(&mut List) -> T) -> Option<T> {
    LIST.with_borrow_mut(|l| l.as_mut().filter(|l| l.ol == *ol).map(f))
}

/// Reads at least `pages` more pages of the list `ol` (more while a filtered list brings
/// nothing, up to [`MAX_LIST_PAGES`] at a time), puts their items at its end and the pages
/// shown in the address; how many items came.
async fn more(config: &Config, ol: &Element, pages: u32) -> Result<usize, ApiError> {
    let Some((Some(mut path), only)) = with_list(ol, |l| (l.next.clone(), l.only.clone())) else {
        return Ok(0);
    };
    let mut items = Vec::new();
    let mut read = 0;
    let next = loop {
        let page = match api::summaries(config, &path).await {
            // Named by the list's previous page: its absence is the host's fault.
            Err(ApiError::NotFound) => return Err(ApiError::Status(404)),
            other => other?,
        };
        read += 1;
        items.extend(page.items.into_iter().filter(|s| shows(s, only.as_deref())));
        match page.next {
            Some(next) if (read < pages || items.is_empty()) && read < MAX_LIST_PAGES => {
                path = next
            }
            next => break next,
        }
    };
    // The reader may have left the list meanwhile: the address is another page's now.
    let Some(read) = with_list(ol, |l| {
        l.next = next;
        l.read += read;
        l.read
    }) else {
        return Ok(0);
    };
    if ol.is_connected() {
        let html = page::lists::summary_items(&items, &config.base_path).into_string();
        let _ = ol.insert_adjacent_html("beforeend", &html);
        crate::route::keep_list_pages(read);
    }
    Ok(items.len())
}
