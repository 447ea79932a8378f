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
    /// (v3) What draws a video block (`crate::video::video`); `None` draws its poster in its
    /// place, marked `.na-video-poster`. The shell's first stage passes `None`: the player's
    /// template (about 1 KB brotli) stays out of the first view's wasm, and the app, which
    /// draws the player, puts it in when it adopts that page.
    pub video: Option<fn(&contract::Video, &Render) -> maud::Markup>,
}
