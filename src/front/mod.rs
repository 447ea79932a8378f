//! The front page (newest articles) and category pages (one category's), a page of their
//! list at a time (contract v2 `SummaryPage`). This view shows the first page; the pages
//! after it are an island (`island`: with the release build's `split` feature a part of the
//! wasm of its own, fetched when the list has more): «Xem thêm», and the pages an address
//! asks for (`?trang=N`), so that Back and a reload come back to them.

mod island;

use std::cell::RefCell;
use std::rc::Rc;

use contract::paths::{self, MAX_LIST_PAGES};
use contract::Summary;
use leptos::__reexports::send_wrapper::SendWrapper;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiError};
use crate::config::Config;
use crate::head;
use crate::route;
use crate::text;
use crate::ui::{load, ErrorView, Loading, NotFound};

/// What the first load leaves for the island: the next page's path, the category whose
/// items alone are shown (when its page filters another list), and the pages read.
type Rest = (Option<String>, Option<String>, u32);

/// The list of articles, newest first: all of them, or those of `category`.
#[component]
pub fn FrontPage(#[prop(optional)] category: Option<String>) -> impl IntoView {
    let config = expect_context::<Config>();
    let nav = route::nav();
    let wanted = route::list_pages();
    let rest = Rc::new(RefCell::new(Rest::default()));
    let (list, retry) = load({
        let (config, rest, category) = (config.clone(), rest.clone(), category.clone());
        move || {
            let (config, rest, category) = (config.clone(), rest.clone(), category.clone());
            async move {
                let (items, more) = first(&config, category).await?;
                *rest.borrow_mut() = more;
                Ok(Rc::new(items))
            }
        }
    });
    // A view's closure must be `Send`; this page's state never leaves its thread.
    let rest = SendWrapper::new(rest);
    move || match list.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(error)) => view! { <ErrorView error retry page=true/> }.into_any(),
        Some(Ok(items)) => {
            let heading = match &category {
                None => text::FRONT_TITLE.to_string(),
                Some(_) => match items.first().and_then(|s| s.category.as_ref()) {
                    Some(c) => c.name.clone(),
                    None => return view! { <NotFound/> }.into_any(),
                },
            };
            head::page(
                &config,
                if category.is_some() {
                    &heading
                } else {
                    text::SITE_TITLE
                },
            );
            let (next, only, read) = rest.borrow().clone();
            let html = page::lists::front(&heading, &items, &config.base_path, next.is_some())
                .into_string();
            match next {
                // The scroll and focus of the way the reader came wait for the pages the
                // address asks for (Back to a list shown with «Xem thêm»).
                Some(next) => {
                    let config = config.clone();
                    spawn_local(async move {
                        let shown = island::mount(config, next, only, read, wanted).await.await;
                        if let Some(nav) = nav.filter(|_| shown) {
                            nav.arrived();
                        }
                    });
                }
                None => route::arrived(),
            }
            view! { <div inner_html=html></div> }.into_any()
        }
    }
}

/// The first page of the list with something to show: the category's own list, else (a
/// portal without `categories/{slug}.json`) its articles among the newest, else among the
/// most read; the front page's, the newest, else the most read. Pages are followed (up to
/// [`MAX_LIST_PAGES`]) while a filtered list has shown nothing yet. One call site for the
/// API, in a loop: each `.await` is a state of the future, in the first view's wasm.
async fn first(
    config: &Config,
    category: Option<String>,
) -> Result<(Vec<Summary>, Rest), ApiError> {
    let mut path = category
        .as_deref()
        .map_or_else(|| paths::LATEST.to_string(), paths::category_json);
    let mut only = None;
    let mut items = Vec::new();
    let mut read = 0;
    loop {
        match api::summaries(config, &path).await {
            // No such list (said by its first page only): the next one to filter.
            Err(ApiError::NotFound) if read == 0 && path != paths::MOST_READ => {
                only = category.clone();
                path = if path == paths::LATEST {
                    paths::MOST_READ
                } else {
                    paths::LATEST
                }
                .to_string();
            }
            result => {
                let page = result?;
                read += 1;
                items.extend(page.items.into_iter().filter(|s| shows(s, only.as_deref())));
                match page.next {
                    Some(next) if items.is_empty() && read < MAX_LIST_PAGES => path = next,
                    next => return Ok((items, (next, only, read))),
                }
            }
        }
    }
}

/// True when the list shows `item`: every item, or `only` those of that category.
fn shows(item: &Summary, only: Option<&str>) -> bool {
    only.is_none() || item.category.as_ref().map(|c| c.slug.as_str()) == only
}
