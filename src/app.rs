//! The root component: provides the config and navigation, lays out the main column and
//! the sidebar, and picks the page for the route.

use contract::paths::Route;
use leptos::prelude::*;
use web_sys::HtmlElement;

use crate::article::ArticlePage;
use crate::config::Config;
use crate::front::FrontPage;
use crate::most_read::MostRead;
use crate::route::{self, Arrival};
use crate::ui::NotFound;

/// Mounts the whole app into `el`, for the page at the current URL reached by `arrival`.
pub fn mount(el: HtmlElement, config: Config, arrival: Arrival) {
    leptos::mount::mount_to(el, move || App(AppProps { config, arrival })).forget();
}

/// The whole app inside the mount element, under its root class `news-app`.
#[component]
pub fn App(config: Config, arrival: Arrival) -> impl IntoView {
    let nav = route::provide(&config, arrival);
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
