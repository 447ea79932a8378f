//! The «Đọc nhiều» sidebar: the most-read list in rank order. It loads on its own, so a
//! failing list never hides the article, nor the reverse.

use contract::Summary;
use leptos::prelude::*;

use crate::api;
use crate::config::Config;
use crate::text;
use crate::ui::{load, ErrorView, Loading};

/// The sidebar.
#[component]
pub fn MostRead() -> impl IntoView {
    let config = expect_context::<Config>();
    let (list, retry) = load({
        let config = config.clone();
        move || {
            let config = config.clone();
            async move { api::most_read(&config).await }
        }
    });
    view! {
        <section class="na-most-read" aria-labelledby="na-most-read-title">
            <h2 id="na-most-read-title" class="na-aside-title">{text::MOST_READ}</h2>
            {move || match list.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(error)) => view! { <ErrorView error retry/> }.into_any(),
                Some(Ok(items)) => {
                    let base = config.base_path.clone();
                    view! {
                        <ol class="na-rank">
                            {items
                                .iter()
                                .enumerate()
                                .map(|(i, s)| item(i + 1, s, &base, &config))
                                .collect_view()}
                        </ol>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

fn item(rank: usize, summary: &Summary, base: &str, config: &Config) -> impl IntoView {
    let thumb = summary.thumbnail.as_ref().and_then(|t| {
        let src = contract::html::safe_href(&t.src).map(|s| config.api_url(&s))?;
        Some(view! {
            <img
                src=src
                alt=""
                width=t.width.map(|w| w.to_string())
                height=t.height.map(|h| h.to_string())
                loading="lazy"
                decoding="async"
            />
        })
    });
    view! {
        <li>
            <a href=summary.path(base)>
                <span class="na-rank-n" aria-hidden="true">{rank}</span>
                {thumb}
                <span class="na-rank-title">{summary.title.clone()}</span>
            </a>
        </li>
    }
}
