//! A news article page as a Leptos CSR app. Data flows one way: the mount element's
//! attributes become a [`config::Config`], the URL a route, the route an API call, the
//! answer a view.

pub mod api;
pub mod app;
pub mod article;
pub mod comments;
pub mod config;
pub mod front;
pub mod head;
pub mod most_read;
pub mod route;
pub mod takeover;
pub mod text;
pub mod ui;

use wasm_bindgen::JsCast;

/// Mounts the app into the first `[data-news-app]` element of the page.
pub fn start() {
    let Some(mount) = config::find_mount() else {
        leptos::logging::error!("news-app: no [data-news-app] element to mount into");
        return;
    };
    let config = config::Config::from_element(&mount);
    // The mount element holds a loading line for the seconds before the wasm runs, or a
    // prerendered article, which stays until the app has the same on screen.
    let slug = match route::initial(&config) {
        contract::paths::Route::Article { slug, .. } => Some(slug),
        _ => None,
    };
    takeover::adopt(&mount, slug.as_deref());
    let mount: web_sys::HtmlElement = mount.unchecked_into();
    leptos::mount::mount_to(mount, move || app::App(app::AppProps { config })).forget();
}
