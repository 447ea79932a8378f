//! The app's root: sets the page's frame (the main column and the sidebar, written by
//! `page::layout`), provides the config and navigation, and mounts the page for the route
//! and «Đọc nhiều» into the frame; hands the page's life (`life`) down to the regions and
//! to navigation.

use contract::paths::Route;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

use crate::article::ArticlePage;
use crate::config::Config;
use crate::front::FrontPage;
use crate::life::Life;
use crate::most_read::MostRead;
use crate::route::{self, Arrival};
use crate::search::{self, SearchPage};
use crate::ui::NotFound;

/// The page's frame, `page::layout::app_frame` rendered by the build script (`build.rs`).
const FRAME: &str = include_str!(concat!(env!("OUT_DIR"), "/frame.html"));

/// Mounts the whole app into `el`, for the page at the current URL reached by `arrival`,
/// the page whose life `life` owns: sets the page's frame in `el` (the same a served page
/// has), then mounts the page for the route into its main column and «Đọc nhiều» after its
/// heading: two roots under one owner, which holds the app's context.
pub fn mount(el: HtmlElement, config: Config, arrival: Arrival, life: Life) {
    el.set_inner_html(FRAME);
    search::place(&el, &config);
    let slot = |selector: &str| -> Option<HtmlElement> {
        Some(el.query_selector(selector).ok()??.unchecked_into())
    };
    let (Some(main), Some(most_read)) = (slot(".na-main"), slot(".na-most-read")) else {
        return;
    };
    // The executor, before the owner's code spawns anything (`mount_to` starts it too).
    _ = any_spawner::Executor::init_wasm_bindgen();
    let owner = Owner::new();
    owner.with(move || {
        let nav = route::provide(&config, arrival, life);
        provide_context(config.clone());
        crate::masthead::place(&el, &config);
        route::listen(nav, &config, life);
        search::listen(nav, &config, life);
        let page = move || match nav.route.get() {
            Route::Article { slug, .. } => view! { <ArticlePage slug life/> }.into_any(),
            Route::Home => view! { <FrontPage/> }.into_any(),
            Route::Category { slug } => view! { <FrontPage category=slug/> }.into_any(),
            Route::Search { query, page } => view! { <SearchPage query pages=page/> }.into_any(),
            Route::Topic { slug, .. } => view! { <FrontPage topic=slug/> }.into_any(),
            Route::NotFound => view! { <NotFound/> }.into_any(),
        };
        // Each root's owner is a child of `owner`: both see its context.
        leptos::mount::mount_to(main, move || page).forget();
        leptos::mount::mount_to(most_read, move || view! { <MostRead life/> }).forget();
    });
    // The app lives as long as the page: its owner is never dropped.
    std::mem::forget(owner);
}
