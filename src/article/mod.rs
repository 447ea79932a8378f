//! The article page: fetch, then breadcrumb, title, lead, time, body and byline.

mod render;
pub mod sanitize;

use std::rc::Rc;

use contract::Article;
use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::comforts::Comforts;
use crate::comments::Comments;
use crate::config::Config;
use crate::first_screen;
use crate::head;
use crate::kept;
use crate::route;
use crate::takeover;
use crate::ui::{load, ErrorView, Loading, NotFound};

pub use render::with_render;

/// Loads the article `slug` and shows it, or the not-found or error view.
#[component]
pub fn ArticlePage(slug: String) -> impl IntoView {
    let config = expect_context::<Config>();
    let (article, retry) = load(move || {
        let (config, slug) = (config.clone(), slug.clone());
        async move { api::article(&config, &slug).await }
    });
    move || {
        let state = article.get();
        if state.is_some() {
            // Whatever came (the article, or why not), the frame that shows it ends the
            // first screen: the sidebar waits for it.
            request_animation_frame(first_screen::painted);
        }
        page(state, retry)
    }
}

/// The page for the article's fetch `state`.
fn page(state: Option<Result<Rc<Article>, ApiError>>, retry: UnsyncCallback<()>) -> AnyView {
    match state {
        None => view! { <Loading/> }.into_any(),
        Some(Ok(article)) => {
            takeover::settled(takeover::ARTICLE);
            // Not one after the other: the first comments with the comments' code.
            if article.comments_enabled() {
                api::prefetch_comments(&expect_context::<Config>(), &article.slug);
            }
            let (slug, info) = (article.slug.clone(), article.comments);
            let shown = article.clone();
            view! {
                <ArticleView article/>
                <Comforts article=shown/>
                <Comments slug info/>
            }
            .into_any()
        }
        // A prerendered article that is gone: the page must say so.
        Some(Err(ApiError::NotFound)) => {
            takeover::done();
            view! { <NotFound/> }.into_any()
        }
        // A prerendered article stays on screen, better than any error (and so do its title
        // and the tab's); the hidden app stays as it was. Otherwise the error.
        Some(Err(_)) if takeover::pending() => view! { <Loading/> }.into_any(),
        Some(Err(error)) => view! { <ErrorView error retry page=true/> }.into_any(),
    }
}

/// The article itself, from already-fetched data.
#[component]
pub fn ArticleView(article: Rc<Article>) -> impl IntoView {
    let config = expect_context::<Config>();
    head::article(&config, &article);
    api::count_view(&config, &article.slug);
    route::arrived();
    // A mark for the benchmark: the frame after the article is in the DOM.
    request_animation_frame(|| {
        if let Some(perf) = window().performance() {
            let _ = perf.mark("news:article");
        }
    });
    let saved = api::saved(&article.slug);
    if !saved {
        kept::article(&config, article.clone());
    }
    let html = with_render(&config, |r| page::article::article_read(&article, r, saved));
    view! { <article class="na-article" aria-labelledby="na-title" inner_html=html></article> }
}
