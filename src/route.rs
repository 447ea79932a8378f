//! The current route, read from the page URL (the only module that looks at `location`).

use contract::routes::{parse_path, Route};

use crate::config::Config;

/// The route of the page as loaded; an embedded article ignores the URL.
pub fn initial(config: &Config) -> Route {
    if let Some(slug) = &config.article {
        return Route::Article {
            category: String::new(),
            slug: slug.clone(),
        };
    }
    let path = leptos::prelude::window()
        .location()
        .pathname()
        .unwrap_or_default();
    parse_path(&path, &config.base_path)
}
