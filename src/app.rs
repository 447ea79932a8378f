//! The root component: provides the config and navigation, lays out the main column and
//! the sidebar, and picks the page for the route.

use contract::paths::Route;
use leptos::prelude::*;

use crate::article::ArticlePage;
use crate::config::Config;
use crate::front::FrontPage;
use crate::most_read::MostRead;
use crate::route;
use crate::ui::NotFound;

/// The whole app inside the mount element, under its root class `news-app`.
#[component]
pub fn App(config: Config) -> impl IntoView {
    let nav = route::provide(&config);
    provide_context(config.clone());
    let page = move || match nav.route.get() {
        Route::Article { slug, .. } => view! { <ArticlePage slug/> }.into_any(),
        Route::Home => view! { <FrontPage/> }.into_any(),
        Route::Category { slug } => view! { <FrontPage category=slug/> }.into_any(),
        Route::NotFound => view! { <NotFound/> }.into_any(),
    };
    route::listen(nav, &config);
    view! {
        <div class="news-app" lang="vi">
            <div class="na-layout">
                <div class="na-main">{page}</div>
                <aside class="na-aside">
                    <MostRead/>
                </aside>
            </div>
        </div>
    }
}
