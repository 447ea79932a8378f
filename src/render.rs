//! The bridge to the `page` crate, which writes every region's static HTML: this app's base
//! path, sanitiser (the browser's parser) and image URLs.

use page::{Markup, Render};

use crate::article::sanitize::sanitize;
use crate::config::Config;

/// The player's template (v3), for the app's part: the main part passes `None` (a video
/// block is then its poster until the app adopts the page), so that the template is not in
/// the first view's wasm.
pub type Video = Option<fn(&contract::Video, &Render) -> Markup>;

/// HTML written by a `page` template with this app's sanitiser and image URLs, and `video`.
pub fn with_render(config: &Config, video: Video, f: impl FnOnce(&Render) -> Markup) -> String {
    let image_src = |src: &str| contract::url::safe_href(src).map(|s| config.api_url(&s));
    let render = Render {
        base_path: &config.base_path,
        paragraph: &sanitize,
        image_src: &image_src,
        video,
    };
    f(&render).into_string()
}
