//! The root component: provides the config and navigation, lays out the main column and
//! the sidebar, and picks the page for the route; hands the page's life (`life`) down to
//! the regions and to navigation.

use contract::paths::Route;
use leptos::prelude::*;
use web_sys::HtmlElement;

use crate::article::ArticlePage;
use crate::config::Config;
use crate::front::FrontPage;
use crate::life::Life;
use crate::most_read::MostRead;
use crate::route::{self, Arrival};
use crate::ui::NotFound;

/// Mounts the whole app into `el`, for the page at the current URL reached by `arrival`,
/// the page whose life `life` owns.
pub fn mount(el: HtmlElement, config: Config, arrival: Arrival, life: Life) {
    leptos::mount::mount_to(el, move || {
        App(AppProps {
            config,
            arrival,
            life,
        })
    })
    .forget();
}

/// The whole app inside the mount element, under its root class `news-app`.
#[component]
pub fn App(config: Config, arrival: Arrival, life: Life) -> impl IntoView {
    let nav = route::provide(&config, arrival, life);
    provide_context(config.clone());
    route::listen(nav, &config, life);
    let page = move || match nav.route.get() {
        Route::Article { slug, .. } => view! { <ArticlePage slug life/> }.into_any(),
        Route::Home => view! { <FrontPage/> }.into_any(),
        Route::Category { slug } => view! { <FrontPage category=slug/> }.into_any(),
        Route::NotFound => view! { <NotFound/> }.into_any(),
    };
    view! {
        <div class="news-app" lang="vi">
            <div class="na-layout">
                <div class="na-main">{page}</div>
                <aside class="na-aside">
                    <MostRead life/>
                </aside>
            </div>
        </div>
    }
}
