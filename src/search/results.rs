//! The search results page, a part of the wasm of its own (with the `split` feature, the
//! release build): the first call of [`show`] fetches it. It reads the pages of results
//! the address asks for (`?trang=N`), draws them (`page::search::results`: the count, each
//! result with its matched words marked), and serves «Xem thêm» and «Thử lại» with one
//! click handler on the page's own element, which goes with it.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use contract::paths::{self, MAX_LIST_PAGES};
use contract::{SearchPage, SearchResult};
use leptos::prelude::*;
use leptos::task::spawn_local;
use page::render::Media;
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{Element, Event, HtmlElement, HtmlTemplateElement};

use crate::api::{self, ApiError};
use crate::config::Config;
use crate::render::with_render;
use crate::{head, route, text};

use super::static_search;

/// A future the caller can hold: split points cannot be `async` themselves.
pub type Shown = Pin<Box<dyn Future<Output = bool>>>;

/// Draws the results for `query` (`pages` pages of them) into the search page numbered
/// `run` while it is on screen; resolves to whether it still is.
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(search, wasm_split_path = ::leptos::wasm_split)]
pub fn show(config: Config, query: String, pages: u32, run: u32) -> Shown {
    Box::pin(start(config, query, pages, run))
}

/// Draws the results for `query` (without the `split` feature).
#[cfg(not(feature = "split"))]
pub async fn show(config: Config, query: String, pages: u32, run: u32) -> Shown {
    Box::pin(start(config, query, pages, run))
}

/// Where a query's results come from: the host's `search.json`, or (where it has none)
/// its static index, ranked here once.
#[derive(Clone)]
enum Source {
    Server,
    Static(Rc<static_search::Found>),
}

/// Where the results on screen are with their pages.
struct Results {
    config: Config,
    /// Its page's number ([`super::current`]).
    run: u32,
    query: String,
    /// The pages of results the address asks for.
    wanted: u32,
    /// Known once the first page came.
    source: Option<Source>,
    /// True when there are more results.
    more: bool,
    /// Pages read: what `?trang=` says.
    read: u32,
    /// A page is on its way: «Xem thêm» pressed twice fetches once.
    busy: bool,
}

async fn start(config: Config, query: String, pages: u32, run: u32) -> bool {
    let Ok(Some(el)) = document().query_selector(".news-app .na-search-page") else {
        return false;
    };
    if !super::current(run) {
        return false;
    }
    super::keep_in_box(&query);
    let title = if query.trim().is_empty() {
        text::SEARCH.to_string()
    } else {
        format!("{}: {query}", text::SEARCH)
    };
    head::page(&config, &title);
    let state = Rc::new(RefCell::new(Results {
        config,
        run,
        query,
        wanted: pages.clamp(1, MAX_LIST_PAGES),
        source: None,
        more: false,
        read: 0,
        busy: true,
    }));
    let on_click = {
        let (el, state) = (el.clone(), state.clone());
        Closure::<dyn Fn(Event)>::new(move |ev: Event| {
            let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
                return;
            };
            if target.closest(".na-more").ok().flatten().is_some() {
                spawn_local(more(el.clone(), state.clone()));
            } else if target.closest(".na-retry").ok().flatten().is_some() {
                let (el, state) = (el.clone(), state.clone());
                spawn_local(async move {
                    draw(&el, &state).await;
                });
            }
        })
    };
    let _ = el.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    // The handler lives as long as the page's element, which holds it.
    on_click.forget();
    draw(&el, &state).await;
    el.is_connected()
}

/// The first pages of results (as many as wanted), or what kept them from coming.
async fn draw(el: &Element, state: &Rc<RefCell<Results>>) {
    let (config, query, wanted, run) = {
        let s = state.borrow();
        (s.config.clone(), s.query.clone(), s.wanted, s.run)
    };
    let base = &config.base_path;
    if query.trim().is_empty() {
        let html = page::search::search_message(text::SEARCH_EMPTY, base, false);
        el.set_inner_html(&html.into_string());
        return;
    }
    let mut items: Vec<SearchResult> = Vec::new();
    let mut source = None;
    let mut read = 0;
    let answer = loop {
        match page(&config, &query, &mut source, read + 1).await {
            Ok(page) => {
                read += 1;
                items.extend(page.items);
                let more = page.next.is_some();
                if !more || read >= wanted {
                    break Ok((page.total, more));
                }
            }
            Err(error) => break Err(error),
        }
    };
    if !el.is_connected() || !super::current(run) {
        return;
    }
    let html = match answer {
        Ok((total, more)) => {
            {
                let mut s = state.borrow_mut();
                s.source = source;
                s.more = more;
                s.read = read;
                s.busy = false;
            }
            with_render(&config, Media::NONE, |r| {
                page::search::results(&query, total, &items, more, r)
            })
        }
        Err(error) => {
            let (message, retry) = match error {
                // No search on this host (a static one): nothing to retry.
                ApiError::NotFound => (text::SEARCH_OFF.to_string(), false),
                ApiError::Status(422) => (text::SEARCH_REFUSED.to_string(), false),
                other => (crate::ui::error_message(&other), true),
            };
            page::search::search_message(&message, base, retry).into_string()
        }
    };
    el.set_inner_html(&html);
}

/// «Xem thêm»: the next page at the end of the list, the focus on its first result, what
/// came said in the list's live region, and the address updated (the same history entry).
async fn more(el: Element, state: Rc<RefCell<Results>>) {
    let find = |selector: &str| el.query_selector(selector).ok().flatten();
    let (Some(ol), Some(status), Some(button)) = (
        find(".na-results"),
        find(".na-list-status"),
        find(".na-more"),
    ) else {
        return;
    };
    let (config, query, mut source, n) = {
        let mut s = state.borrow_mut();
        if !s.more || s.busy {
            return;
        }
        s.busy = true;
        (
            s.config.clone(),
            s.query.clone(),
            s.source.clone(),
            s.read + 1,
        )
    };
    status.set_text_content(Some(text::LOADING));
    let said = match page(&config, &query, &mut source, n).await {
        Ok(page) => {
            let html = with_render(&config, Media::NONE, |r| {
                page::search::result_items(&page.items, r)
            });
            // Added after the results shown, as inert nodes parsed in a `template`: the
            // calls the main part has (`insertAdjacentHTML` and `childElementCount` would be
            // calls this part shares with the lists island: code copied into both).
            let template: HtmlTemplateElement = match document().create_element("template") {
                Ok(el) => el.unchecked_into(),
                Err(_) => return,
            };
            template.set_inner_html(&html);
            let first = template.content().first_element_child();
            let _ = ol.append_child(&template.content());
            let mut s = state.borrow_mut();
            s.more = page.next.is_some();
            s.read += 1;
            if el.is_connected() {
                route::keep_address(&paths::search_path(&config.base_path, &s.query, s.read));
            }
            if !s.more {
                button.remove();
            }
            if let Some(a) = first.and_then(|li| li.query_selector("a").ok().flatten()) {
                super::focus(a.unchecked_ref::<HtmlElement>());
            }
            format!(
                "{} {} {}",
                text::LOADED_MORE,
                page.items.len(),
                text::ARTICLES
            )
        }
        Err(error) => crate::ui::error_message(&error),
    };
    state.borrow_mut().busy = false;
    status.set_text_content(Some(&said));
}

/// Page `n` of the results of `query`, from its `source` (found out on the first page: the
/// server's `search.json`, else, where the host has none, its static index).
async fn page(
    config: &Config,
    query: &str,
    source: &mut Option<Source>,
    n: u32,
) -> Result<SearchPage, ApiError> {
    if let Some(Source::Static(found)) = source {
        return static_search::page(config, found, n).await;
    }
    match api::search(config, &paths::search_json(query, n)).await {
        Err(ApiError::NotFound) if source.is_none() => {
            let found = static_search::find(config, query)
                .await?
                .ok_or(ApiError::NotFound)?;
            let found = Rc::new(found);
            *source = Some(Source::Static(found.clone()));
            static_search::page(config, &found, n).await
        }
        answer => {
            *source = Some(Source::Server);
            answer
        }
    }
}
