//! What the templates need from whoever renders them: the app's base path for links, the
//! paragraph sanitiser backed by a real HTML parser (the browser's in the wasm, html5ever in
//! the server), and the rule that turns an image `src` into the URL to load.

use crate::inline::Inline;

/// The caller's side of rendering.
pub struct Render<'a> {
    /// The app's path prefix, without trailing slash (`""` at the root).
    pub base_path: &'a str,
    /// A paragraph's untrusted inline HTML, parsed and kept to the allowlist.
    pub paragraph: &'a dyn Fn(&str) -> Vec<Inline>,
    /// The URL to load for an image `src`, or `None` if it is not an http(s) or relative URL.
    pub image_src: &'a dyn Fn(&str) -> Option<String>,
    /// (v3) What draws the media blocks: `media::ALL`, or [`Media::NONE`] for the shell's
    /// first stage.
    pub media: Media,
}

/// (v3) The templates of the blocks the first view's wasm goes without: a video's player and
/// a gallery's grid. Without its template a block is an empty `.na-pending`; the app, whose
/// article view has the templates, puts the block in when it adopts that page
/// (`takeover.rs`). A prerendered page holds them from the server.
#[derive(Clone, Copy)]
pub struct Media {
    pub video: Option<fn(&contract::Video, &Render) -> maud::Markup>,
    pub gallery: Option<fn(&contract::gallery::Gallery, &Render) -> maud::Markup>,
}

impl Media {
    /// No block drawn: the shell's first stage, and lists, which hold none.
    pub const NONE: Media = Media {
        video: None,
        gallery: None,
    };
}
