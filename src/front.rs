//! The front page and category pages: the most-read list (the contract's only list), filtered
//! by category on a category page.

use contract::routes::home_path;
use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::config::Config;
use crate::text;
use crate::ui::{load, ErrorView, Loading, NotFound, Time};

/// The list of articles, all of them or those of `category`.
#[component]
pub fn FrontPage(#[prop(optional)] category: Option<String>) -> impl IntoView {
    let config = expect_context::<Config>();
    let (list, retry) = load({
        let config = config.clone();
        move || {
            let config = config.clone();
            async move { api::most_read(&config).await }
        }
    });
    move || {
        let base = config.base_path.clone();
        match list.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(ApiError::NotFound)) => view! { <NotFound/> }.into_any(),
            Some(Err(error)) => view! { <ErrorView error retry/> }.into_any(),
            Some(Ok(items)) => {
                let items: Vec<_> = items
                    .iter()
                    .filter(|s| {
                        category.is_none()
                            || s.category.as_ref().map(|c| &c.slug) == category.as_ref()
                    })
                    .cloned()
                    .collect();
                let heading = match &category {
                    None => text::LATEST.to_string(),
                    Some(slug) => items
                        .first()
                        .and_then(|s| s.category.as_ref())
                        .map_or_else(|| slug.clone(), |c| c.name.clone()),
                };
                if category.is_some() && items.is_empty() {
                    return view! { <NotFound/> }.into_any();
                }
                if !config.embedded() {
                    document().set_title(&heading);
                }
                view! {
                    <section class="na-front" aria-labelledby="na-front-title">
                        <nav class="na-breadcrumb" aria-label=text::BREADCRUMB>
                            <ol>
                                <li>
                                    <a href=home_path(&base)>{text::HOME}</a>
                                </li>
                            </ol>
                        </nav>
                        <h1 id="na-front-title" class="na-title" tabindex="-1">{heading}</h1>
                        <ol class="na-list">
                            {items
                                .into_iter()
                                .map(|s| {
                                    let href = s.path(&base);
                                    view! {
                                        <li>
                                            <h2 class="na-list-title">
                                                <a href=href>{s.title}</a>
                                            </h2>
                                            {s.published_at.map(|t| view! { <Time datetime=t short=true/> })}
                                            {s.lead.map(|l| view! { <p>{l}</p> })}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ol>
                    </section>
                }
                    .into_any()
            }
        }
    }
}
