//! A news article page as a Leptos CSR app. Data flows one way: the mount element's
//! attributes become a [`config::Config`], the URL a route, the route an API call, the
//! answer a view.

pub mod api;
pub mod app;
pub mod article;
pub mod comforts;
pub mod comments;
pub mod config;
pub mod dom;
pub mod first_screen;
pub mod front;
pub mod gallery;
pub mod head;
pub mod kept;
pub mod life;
pub mod live;
pub mod masthead;
pub mod most_read;
pub mod render;
pub mod route;
pub mod search;
pub mod shell;
pub mod takeover;
pub mod text;
pub mod ui;
pub mod video;
pub mod whole;

use contract::paths::Route;

/// Starts the app in the first `[data-news-app]` element of the page. On an article's page
/// that does not hold its article, the main part draws it first from its JSON (`shell`),
/// so that the page then holds it as a prerendered one does; the app itself (`whole`, a
/// part of the wasm of its own) comes after, and adopts the page (`takeover`). Any other
/// page (front, category, not found, a page that holds its article, an article the first
/// stage could not draw) is the app's at once, as before.
pub fn start() {
    let Some(mount) = config::find_mount() else {
        leptos::logging::error!("news-app: no [data-news-app] element to mount into");
        return;
    };
    let config = config::Config::from_element(&mount);
    let slug = match route::initial(&config) {
        Route::Article { slug, .. } => Some(slug),
        _ => None,
    };
    let held = takeover::static_page(&mount, slug.as_deref()).is_some();
    wasm_bindgen_futures::spawn_local(async move {
        let drawn = match slug.filter(|_| !held) {
            Some(slug) => shell::draw(&mount, &config, &slug).await,
            None => held,
        };
        if whole::run(mount.clone(), config).await.is_err() && !drawn {
            // An article on the page stays readable without the app; otherwise say what
            // broke, as boot.js does when the main part fails.
            mount.set_text_content(Some(text::APP_FAILED));
            let _ = mount.set_attribute("role", "alert");
        }
    });
}
