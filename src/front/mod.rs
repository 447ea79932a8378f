//! The front page (newest articles), category pages (one category's) and topic pages (one
//! tag's, v3: `topics/{slug}.json`, headed by the tag's name), a page of their list at a time (contract v2 `SummaryPage`). This view shows the first page; the pages
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

/// The list of articles, newest first: all of them, those of `category`, or those of the
/// tag `topic`.
#[component]
pub fn FrontPage(
    #[prop(optional)] category: Option<String>,
    #[prop(optional)] topic: Option<String>,
) -> impl IntoView {
    let config = expect_context::<Config>();
    let nav = route::nav();
    let wanted = route::list_pages();
    let rest = Rc::new(RefCell::new(Rest::default()));
    // The topic's name: its list's (v3 `name`), else its newest article's tag's (a
    // portal's list without it).
    let name = Rc::new(RefCell::new(None::<String>));
    let (list, retry) = load({
        let (config, rest, name) = (config.clone(), rest.clone(), name.clone());
        let (category, topic) = (category.clone(), topic.clone());
        move || {
            let (config, rest, name) = (config.clone(), rest.clone(), name.clone());
            let (category, topic) = (category.clone(), topic.clone());
            async move {
                let (items, more, named) = first(&config, category, topic.as_deref()).await?;
                if let (Some(slug), Some(newest)) = (&topic, items.first()) {
                    *name.borrow_mut() = Some(match named {
                        Some(named) => named,
                        None => topic_name(&config, slug, &newest.slug).await,
                    });
                }
                *rest.borrow_mut() = more;
                Ok(Rc::new(items))
            }
        }
    });
    // A view's closure must be `Send`; this page's state never leaves its thread.
    let (rest, name) = (SendWrapper::new(rest), SendWrapper::new(name));
    move || match list.get() {
        None => view! { <Loading/> }.into_any(),
        // A topic no article has (a category's page has other lists to fall back on).
        Some(Err(ApiError::NotFound)) if topic.is_some() => view! { <NotFound/> }.into_any(),
        Some(Err(error)) => view! { <ErrorView error retry page=true/> }.into_any(),
        Some(Ok(items)) => {
            let heading = match (&category, &topic) {
                (_, Some(slug)) => match name.borrow().clone() {
                    Some(name) => {
                        head::topic(&config, &name, slug);
                        name
                    }
                    None => return view! { <NotFound/> }.into_any(),
                },
                (None, None) => {
                    head::front(&config);
                    text::FRONT_TITLE.to_string()
                }
                (Some(_), None) => match items.first().and_then(|s| s.category.as_ref()) {
                    Some(c) => {
                        head::page(&config, &c.name);
                        c.name.clone()
                    }
                    None => return view! { <NotFound/> }.into_any(),
                },
            };
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
/// [`MAX_LIST_PAGES`]) while a filtered list has shown nothing yet; with the name the
/// first page gives (a topic's). One call site for the API, in a loop: each `.await` is a
/// state of the future.
async fn first(
    config: &Config,
    category: Option<String>,
    topic: Option<&str>,
) -> Result<(Vec<Summary>, Rest, Option<String>), ApiError> {
    let mut path = match (&category, topic) {
        (_, Some(slug)) => paths::topic_page_json(slug, None),
        (Some(slug), None) => paths::category_json(slug),
        (None, None) => paths::LATEST.to_string(),
    };
    let mut only = None;
    let mut name = None;
    let mut items = Vec::new();
    let mut read = 0;
    loop {
        match api::summaries(config, &path).await {
            // No such list (said by its first page only): the next one to filter.
            Err(ApiError::NotFound) if read == 0 && topic.is_none() && path != paths::MOST_READ => {
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
                name = name.or(page.name);
                read += 1;
                items.extend(page.items.into_iter().filter(|s| shows(s, only.as_deref())));
                match page.next {
                    Some(next) if items.is_empty() && read < MAX_LIST_PAGES => path = next,
                    next => return Ok((items, (next, only, read), name)),
                }
            }
        }
    }
}

/// The name of the tag `slug`, as the article `newest` (which has it) names it; the slug
/// itself when that article cannot be read.
async fn topic_name(config: &Config, slug: &str, newest: &str) -> String {
    api::article(config, newest)
        .await
        .ok()
        .and_then(|a| {
            a.tags
                .iter()
                .find(|t| t.slug == slug)
                .map(|t| t.name.clone())
        })
        .unwrap_or_else(|| slug.to_string())
}

/// True when the list shows `item`: every item, or `only` those of that category.
fn shows(item: &Summary, only: Option<&str>) -> bool {
    only.is_none() || item.category.as_ref().map(|c| c.slug.as_str()) == only
}
