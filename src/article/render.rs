//! The bridge to `contract::markup`, which writes the article's static content as HTML (a
//! function per block kind; an unknown block renders nothing): this app's sanitiser, image
//! URLs and words.

use contract::markup::Render;

use super::sanitize::sanitize;
use crate::config::Config;
use crate::text;

/// HTML written by `contract::markup` with this app's sanitiser, image URLs and words.
pub fn with_render(config: &Config, f: impl FnOnce(&Render, &mut String)) -> String {
    let paragraph = |html: &str| sanitize(html, &config.base_path);
    let image_src = |src: &str| contract::html::safe_href(src).map(|s| config.api_url(&s));
    let render = Render {
        paragraph: &paragraph,
        image_src: &image_src,
        credit_prefix: text::PHOTO_CREDIT,
        words: text::WORDS,
    };
    let mut out = String::new();
    f(&render, &mut out);
    out
}
