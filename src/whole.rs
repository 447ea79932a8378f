//! The whole app, a part of the wasm of its own: Leptos, routing, the views, and through them
//! the islands. With the `split` feature (the release build) [`run`] is a split point, which
//! the main part (`start()`, the shell's first stage) calls once the article is drawn, or at
//! once on a page it does not draw: the first call fetches this part, then runs it. Without
//! the feature (the component tests, one module) it is a plain call.

use contract::paths::Route;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::config::Config;
use crate::{app, life, route, takeover};

/// The app's part did not come (the network failed after the main part's).
pub type Failed = leptos::wasm_split::SplitLoaderError;

/// Starts the app in `mount`, configured by `config` (with the `split` feature). `fallible`:
/// a part that does not come is an error to show, not a panic that ends the main part too.
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(app, fallible, wasm_split_path = ::leptos::wasm_split)]
pub fn run(mount: Element, config: Config) -> Result<(), Failed> {
    begin(mount, config);
    Ok(())
}

/// Starts the app in `mount`, configured by `config`.
#[cfg(not(feature = "split"))]
pub async fn run(mount: Element, config: Config) -> Result<(), Failed> {
    begin(mount, config);
    Ok(())
}

/// When `mount` already holds the article of the URL (prerendered, rendered by the server,
/// kept by the worker, or drawn by the shell's first stage), the app renders away from the
/// document and adopts that page once it has the same on screen (`takeover`); otherwise it
/// takes the element's place of its loading line.
fn begin(mount: Element, config: Config) {
    let slug = match route::initial(&config) {
        Route::Article { slug, .. } => Some(slug),
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
