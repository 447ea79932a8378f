//! The «Đọc nhiều» sidebar: the most-read list in rank order. It loads on its own, so a
//! failing list never hides the article, nor the reverse.

use leptos::prelude::*;
use page::render::Media;

use crate::api;
use crate::config::Config;
use crate::life::Life;
use crate::render::with_render;
use crate::takeover::Region;
use crate::ui::{load, ErrorView, Loading};

/// The list of the sidebar, after its heading in the frame (`page::layout::app_frame`,
/// which the app mounts it into).
#[component]
pub fn MostRead(life: Life) -> impl IntoView {
    let config = expect_context::<Config>();
    let (list, retry) = load({
        let config = config.clone();
        move || {
            let config = config.clone();
            async move {
                // Below the article on a phone: drawn once the article is on screen.
                life.ready().await;
                api::most_read(&config).await
            }
        }
    });
    view! {
        {move || match list.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(error)) => {
                    life.settled(Region::MostRead);
                    view! { <ErrorView error retry/> }.into_any()
                }
                Some(Ok(items)) => {
                    life.settled(Region::MostRead);
                    life.keep_most_read(&config, items.clone());
                    let html = with_render(&config, Media::NONE, |r| page::lists::ranked(&items, r));
                    view! { <div inner_html=html></div> }.into_any()
                }
            }}
    }
}
