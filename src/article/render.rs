//! The bridge to `contract::markup`, which writes the article's static content as HTML (a
//! function per block kind; an unknown block renders nothing): this app's sanitiser and
//! image URLs.

use contract::markup::Render;

use super::sanitize::sanitize;
use crate::config::Config;

/// HTML written by `contract::markup` with this app's sanitiser and image URLs.
pub fn with_render(config: &Config, f: impl FnOnce(&Render, &mut String)) -> String {
    let paragraph = |html: &str| sanitize(html, &config.base_path);
    let image_src = |src: &str| contract::html::safe_href(src).map(|s| config.api_url(&s));
    let render = Render::new(&paragraph, &image_src);
    let mut out = String::new();
    f(&render, &mut out);
    out
}
