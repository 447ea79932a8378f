//! (v3) Every media block's template, for those that draw an article whole: the server, the
//! app's article view. Apart from `render`, which the templates use, so that neither holds
//! the other.

use crate::render::Media;

/// Every block drawn whole.
pub const ALL: Media = Media {
    video: Some(crate::video::video),
    gallery: Some(crate::gallery::gallery),
};
