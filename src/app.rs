//! The root component: provides the config and navigation, lays out the main column and
//! the sidebar, and picks the page for the route.

use contract::routes::Route;
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
    let (c1, c2, c3, c4) = (config.clone(), config.clone(), config.clone(), config);
    view! {
        <div
            class="news-app"
            lang="vi"
            on:click=move |ev| route::on_click(ev, nav, &c1)
            on:mouseover=move |ev| route::on_intent(ev.into(), &c2)
            on:focusin=move |ev| route::on_intent(ev.into(), &c3)
            on:touchstart=move |ev| route::on_intent(ev.into(), &c4)
        >
            <div class="na-layout">
                <div class="na-main">{page}</div>
                <aside class="na-aside">
                    <MostRead/>
                </aside>
            </div>
        </div>
    }
}
