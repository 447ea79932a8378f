//! The article page: fetch, then breadcrumb, title, lead, time, body and byline.

pub mod sanitize;
mod stylesheet;

use std::rc::Rc;

use contract::Article;
use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::comforts::Comforts;
use crate::comments::Comments;
use crate::config::Config;
use crate::head;
use crate::life::Life;
use crate::live::Live;
use crate::render::with_render;
use crate::route;
use crate::takeover::Region;
use crate::ui::{load, ErrorView, Loading, NotFound};

/// Loads the article `slug` and shows it, or the not-found or error view.
#[component]
pub fn ArticlePage(slug: String, life: Life) -> impl IntoView {
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
            request_animation_frame(move || life.painted());
        }
        page(life, state, retry)
    }
}

/// The page for the article's fetch `state`.
fn page(
    life: Life,
    state: Option<Result<Rc<Article>, ApiError>>,
    retry: UnsyncCallback<()>,
) -> AnyView {
    match state {
        None => view! { <Loading/> }.into_any(),
        Some(Ok(article)) => {
            life.settled(Region::Article);
            // Not one after the other: the first comments with the comments' code.
            if article.comments_enabled() {
                api::prefetch_comments(&expect_context::<Config>(), &article.slug);
            }
            crate::gallery::start(&expect_context::<Config>(), &article.body);
            let (slug, info) = (article.slug.clone(), article.comments);
            let shown = article.clone();
            // (v3) A live coverage's entries, followed by an island of their own.
            let live = article.live.is_some().then(|| article.clone());
            view! {
                <ArticleView article life/>
                <Comforts article=shown/>
                {live.map(|article| view! { <Live article/> })}
                <Comments slug info life/>
            }
            .into_any()
        }
        // A prerendered article that is gone: the page must say so.
        Some(Err(ApiError::NotFound)) => {
            life.replace_page();
            view! { <NotFound/> }.into_any()
        }
        // A prerendered article stays on screen, better than any error (and so do its title
        // and the tab's); the hidden app stays as it was. Otherwise the error.
        Some(Err(_)) if life.pending() => view! { <Loading/> }.into_any(),
        Some(Err(error)) => view! { <ErrorView error retry page=true/> }.into_any(),
    }
}

/// The article itself, from already-fetched data; kept for the next visit by the page's
/// `life` (none when mounted alone).
#[component]
pub fn ArticleView(article: Rc<Article>, #[prop(optional)] life: Option<Life>) -> impl IntoView {
    let config = expect_context::<Config>();
    head::article(&config, &article);
    // v3: the media blocks' styles, which the first view's stylesheet goes without.
    stylesheet::link(&article);
    // v3: one video plays at a time, and none after the article is left.
    crate::video::serve(&article);
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
        if let Some(life) = life {
            life.keep_article(&config, article.clone());
        }
    }
    let html = with_render(&config, page::media::ALL, |r| {
        page::article::article_read(&article, r, saved)
    });
    view! { <article class="na-article" aria-labelledby="na-title" inner_html=html></article> }
}
