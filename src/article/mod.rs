//! The article page: fetch, then breadcrumb, title, lead, time, body and byline.

mod blocks;
pub mod sanitize;

use std::rc::Rc;

use contract::routes::{category_path, home_path};
use contract::{Article, Summary};
use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::config::Config;
use crate::head;
use crate::route;
use crate::text;
use crate::ui::{load, ErrorView, Loading, NotFound, Time};

pub use blocks::{Body, Figure};

/// Loads the article `slug` and shows it, or the not-found or error view.
#[component]
pub fn ArticlePage(slug: String) -> impl IntoView {
    let config = expect_context::<Config>();
    let (article, retry) = load(move || {
        let (config, slug) = (config.clone(), slug.clone());
        async move { api::article(&config, &slug).await }
    });
    move || match article.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Ok(article)) => view! { <ArticleView article/> }.into_any(),
        Some(Err(ApiError::NotFound)) => view! { <NotFound/> }.into_any(),
        Some(Err(error)) => view! { <ErrorView error retry/> }.into_any(),
    }
}

/// The article itself, from already-fetched data.
#[component]
pub fn ArticleView(article: Rc<Article>) -> impl IntoView {
    let config = expect_context::<Config>();
    head::article(&config, &article);
    route::arrived();
    let base = &config.base_path;
    let category = article.category.clone();
    let authors = article
        .authors
        .iter()
        .map(|a| a.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let related: Vec<Summary> = article
        .related
        .iter()
        .filter(|s| s.is_linkable())
        .cloned()
        .collect();
    view! {
        <article class="na-article" aria-labelledby="na-title">
            <nav class="na-breadcrumb" aria-label=text::BREADCRUMB>
                <ol>
                    <li>
                        <a href=home_path(base)>{text::HOME}</a>
                    </li>
                    <li>
                        <a href=category_path(base, &category.slug)>{category.name.clone()}</a>
                    </li>
                </ol>
            </nav>
            <header class="na-header">
                <p class="na-category">{category.name}</p>
                <h1 id="na-title" class="na-title" tabindex="-1">{article.title.clone()}</h1>
                <p class="na-meta">
                    <Time datetime=article.published_at.clone()/>
                </p>
                {article.lead.clone().map(|lead| view! { <p class="na-lead">{lead}</p> })}
            </header>
            {article.hero.clone().map(|image| view! { <Figure image lazy=false/> })}
            <div class="na-body">
                <Body blocks=article.body.clone()/>
            </div>
            <footer class="na-footer">
                {(!authors.is_empty())
                    .then(|| {
                        view! {
                            <p class="na-byline">
                                <span class="na-visually-hidden">{text::AUTHORS} ": "</span>
                                {authors}
                            </p>
                        }
                    })}
                {(!article.tags.is_empty())
                    .then(|| {
                        view! {
                            <ul class="na-tags" aria-label=text::TAGS>
                                {article
                                    .tags
                                    .iter()
                                    .map(|t| view! { <li>{t.name.clone()}</li> })
                                    .collect_view()}
                            </ul>
                        }
                    })}
            </footer>
            {(!related.is_empty())
                .then(|| {
                    view! {
                        <section class="na-related" aria-labelledby="na-related-title">
                            <h2 id="na-related-title">{text::RELATED}</h2>
                            <ul>
                                {related
                                    .into_iter()
                                    .map(|s| {
                                        let href = s.path(base);
                                        view! {
                                            <li>
                                                <a href=href>{s.title}</a>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </section>
                    }
                })}
        </article>
    }
}
