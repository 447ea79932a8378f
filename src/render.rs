//! The bridge to the `page` crate, which writes every region's static HTML: this app's base
//! path, sanitiser (the browser's parser) and image URLs.

use page::render::Media;
use page::{Markup, Render};

use crate::article::sanitize::sanitize;
use crate::config::Config;

/// HTML written by a `page` template with this app's sanitiser and image URLs, and the media
/// blocks' templates (`page::media::ALL` in the app's part; the main part passes `Media::NONE`, so
/// that they are not in the first view's wasm).
pub fn with_render(config: &Config, media: Media, f: impl FnOnce(&Render) -> Markup) -> String {
    let image_src = |src: &str| contract::url::safe_href(src).map(|s| config.api_url(&s));
    let render = Render {
        base_path: &config.base_path,
        paragraph: &sanitize,
        image_src: &image_src,
        media,
    };
    f(&render).into_string()
}
