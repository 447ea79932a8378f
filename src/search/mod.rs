//! Search (v3): the box on every page of the app (in its frame, `page::search::search_box`),
//! whose submit opens `/tim-kiem?q=…` in place, and the results page. The results' code
//! (the fetch, the template with its marks, «Xem thêm») is a part of the wasm of its own
//! (`results`), fetched on the first search: the article page never loads it.

mod results;
mod static_search;

use contract::paths::{search_action, search_path, Route};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{Element, Event, HtmlElement};

use crate::config::Config;
use crate::life::Life;
use crate::route::{self, Nav};

/// The box, when the app shows one: always on its own pages; embedded, only where the
/// portal asks for it (`data-search` on the mount element), and then the form opens the
/// app's search page under its base path as a page of its own (the app leaves the
/// portal's address alone). Otherwise it is taken out of the frame (`root`). Its form
/// names `{base}/tim-kiem`, as a served page's does (the build does not know the base).
pub fn place(root: &Element, config: &Config) {
    let Ok(Some(form)) = root.query_selector(".na-search") else {
        return;
    };
    let wanted = !config.embedded()
        || crate::config::find_mount().is_some_and(|m| m.has_attribute("data-search"));
    if wanted {
        let _ = form.set_attribute("action", &search_action(&config.base_path));
    } else {
        form.remove();
    }
}

/// Serves the box's submit in place on the app's own pages: the results of what was typed
/// at `/tim-kiem?q=…`, a new history entry, as a link is followed. An empty box goes
/// nowhere: the focus goes back to it, what was typed (spaces) stays.
pub fn listen(nav: Nav, config: &Config, life: Life) {
    if config.embedded() {
        return;
    }
    let Some(root) = crate::config::find_mount() else {
        return;
    };
    let base = config.base_path.clone();
    let handler = Closure::<dyn FnMut(Event)>::new(move |ev: Event| {
        // `closest` (the form itself), not `matches`: a web API the glue has already.
        let input = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest(".na-search").ok().flatten())
            .and_then(|form| form.query_selector("input").ok().flatten());
        let Some(input) = input else {
            return;
        };
        ev.prevent_default();
        let query = value(&input);
        if query.trim().is_empty() {
            focus(input.unchecked_ref());
            return;
        }
        let href = search_path(&base, &query, 1);
        nav.go(&href, Route::Search { query, page: 1 }, &life);
    });
    let _ = root.add_event_listener_with_callback("submit", handler.as_ref().unchecked_ref());
    // The listener lives as long as the page: the app is never unmounted.
    handler.forget();
}

/// The search page for `query`, `pages` pages of its results shown (as the address says):
/// a loading line until the results' part has drawn them; then the scroll and focus of
/// the way the reader came (Back comes back to where the reader was).
#[component]
pub fn SearchPage(query: String, pages: u32) -> impl IntoView {
    let config = expect_context::<Config>();
    let nav = route::nav();
    let run = RUN.with(|r| r.get() + 1);
    RUN.with(|r| r.set(run));
    spawn_local(async move {
        let shown = results::show(config, query, pages, run).await.await;
        if let Some(nav) = nav.filter(|_| shown) {
            nav.arrived();
        }
    });
    // Template HTML in a `div`, the view type the list pages have already (a view type of
    // its own costs the app's part its own copy of Leptos's generic code).
    let html = page::search::pending().into_string();
    view! { <div inner_html=html></div> }
}

// Which search page is the one on screen: a search left before its results came (another
// search typed at once) must not draw them into the next one's page.
thread_local! {
    static RUN: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// True while the search page numbered `run` is the one on screen.
fn current(run: u32) -> bool {
    RUN.with(|r| r.get()) == run
}

/// Puts `query` in the box's field, where the results page keeps it.
fn keep_in_box(query: &str) {
    if let Ok(Some(input)) = document().query_selector(".news-app .na-search input") {
        // The property, through `Reflect` (which the glue has), not `HtmlInputElement`'s
        // setter: no new import in the first view's JS.
        let _ = js_sys::Reflect::set(&input, &"value".into(), &query.into());
    }
}

/// What the field `input` holds.
fn value(input: &Element) -> String {
    js_sys::Reflect::get(input, &"value".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Focus on `el` without scrolling to it.
fn focus(el: &HtmlElement) {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = el.focus_with_options(&options);
}
