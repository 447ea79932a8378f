//! The front page (newest articles) and category pages (the same list, one category).

use contract::paths::home_path;
use contract::Summary;
use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::config::Config;
use crate::head;
use crate::route;
use crate::text;
use crate::ui::{load, ErrorView, Loading, NotFound};

/// The list of articles, newest first: all of them, or those of `category`.
#[component]
pub fn FrontPage(#[prop(optional)] category: Option<String>) -> impl IntoView {
    let config = expect_context::<Config>();
    let (list, retry) = load({
        let config = config.clone();
        move || {
            let config = config.clone();
            async move {
                // A host without `latest.json` still has a front page: the most read.
                match api::latest(&config).await {
                    Err(ApiError::NotFound) => api::most_read(&config).await,
                    other => other,
                }
            }
        }
    });
    move || match list.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(error)) => view! { <ErrorView error retry page=true/> }.into_any(),
        Some(Ok(all)) => {
            let items: Vec<Summary> = all
                .iter()
                .filter(|s| {
                    category.is_none() || s.category.as_ref().map(|c| &c.slug) == category.as_ref()
                })
                .cloned()
                .collect();
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
            route::arrived();
            view! { <List heading items base=config.base_path.clone()/> }.into_any()
        }
    }
}

#[component]
fn List(heading: String, items: Vec<Summary>, base: String) -> impl IntoView {
    let html = page::lists::summaries(&items, &base, "na-list").into_string();
    view! {
        <section class="na-front" aria-labelledby="na-title">
            <nav class="na-breadcrumb" aria-label=text::BREADCRUMB>
                <ol>
                    <li>
                        <a href=home_path(&base)>{text::HOME}</a>
                    </li>
                </ol>
            </nav>
            <h1 id="na-title" class="na-title" tabindex="-1">{heading}</h1>
            {items.is_empty().then(|| view! { <p>{text::EMPTY_LIST}</p> })}
            <div inner_html=html></div>
        </section>
    }
}
