//! (v3) Every media block's template, for those that draw an article whole: the server, the
//! app's article view. Apart from `render`, which the templates use, so that neither holds
//! the other.

use crate::render::Media;

/// Every block drawn whole.
pub const ALL: Media = Media {
    video: Some(crate::video::video),
    gallery: Some(crate::gallery::gallery),
};

#[cfg(test)]
impl crate::render::Render<'static> {
    /// The templates' tests' renderer: links under `base_path`, paragraphs empty, a safe
    /// image `src` under `/api/`, every block drawn. Here, not in `render`, which the
    /// blocks' templates use.
    pub(crate) fn test(base_path: &'static str) -> crate::render::Render<'static> {
        crate::render::Render {
            base_path,
            paragraph: &|_| Vec::new(),
            image_src: &|s| contract::url::safe_href(s).map(|s| format!("/api/{s}")),
            media: ALL,
        }
    }
}
