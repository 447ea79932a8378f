//! The root component: provides the config and picks the page for the route.

use contract::routes::Route;
use leptos::prelude::*;

use crate::article::ArticlePage;
use crate::config::Config;
use crate::front::FrontPage;
use crate::route;
use crate::ui::NotFound;

/// The whole app inside the mount element, under its root class `news-app`.
#[component]
pub fn App(config: Config) -> impl IntoView {
    let route = route::initial(&config);
    provide_context(config);
    let page = match route {
        Route::Article { slug, .. } => view! { <ArticlePage slug/> }.into_any(),
        Route::Home => view! { <FrontPage/> }.into_any(),
        Route::Category { slug } => view! { <FrontPage category=slug/> }.into_any(),
        Route::NotFound => view! { <NotFound/> }.into_any(),
    };
    view! {
        <div class="news-app" lang="vi">
            <div class="na-layout">
                <div class="na-main">{page}</div>
            </div>
        </div>
    }
}
