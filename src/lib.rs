//! A news article page as a Leptos CSR app. Data flows one way: the mount element's
//! attributes become a [`config::Config`], the URL a route, the route an API call, the
//! answer a view.

pub mod api;
pub mod app;
pub mod article;
pub mod comforts;
pub mod comments;
pub mod config;
pub mod first_screen;
pub mod front;
pub mod head;
pub mod kept;
pub mod life;
pub mod most_read;
pub mod render;
pub mod route;
pub mod takeover;
pub mod text;
pub mod ui;

use wasm_bindgen::JsCast;

/// Starts the app in the first `[data-news-app]` element of the page. When that element
/// already holds the article of the URL (prerendered, or rendered by the server), the app
/// renders away from the document and adopts that page once it has the same on screen
/// (`takeover`); otherwise it takes the element's place of its loading line.
pub fn start() {
    let Some(mount) = config::find_mount() else {
        leptos::logging::error!("news-app: no [data-news-app] element to mount into");
        return;
    };
    let config = config::Config::from_element(&mount);
    let slug = match route::initial(&config) {
        contract::paths::Route::Article { slug, .. } => Some(slug),
        _ => None,
    };
    let page = takeover::static_page(&mount, slug.as_deref());
    let mount: web_sys::HtmlElement = mount.unchecked_into();
    // The page's one owner of its life, which the app hands down to its regions.
    let life = life::Life::default();
    let (holder, adopt) = match page {
        // Rendered away from the document, to adopt the page.
        Some(page) => {
            let Ok(holder) = leptos::prelude::document().create_element("div") else {
                return;
            };
            (holder.unchecked_into(), Some(page))
        }
        None => {
            mount.set_text_content(None);
            (mount, None)
        }
    };
    app::mount(holder.clone(), config, route::Arrival::Load, life);
    if let Some(root) = holder.first_element_child() {
        match adopt {
            Some(page) => life.adopt(takeover::Takeover::new(page, root)),
            // Before the article's data is read: that comes after this task.
            None if slug.is_some() => life.first_screen(root),
            None => {}
        }
    }
}
