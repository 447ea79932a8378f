//! The presentation of the news app: the only place where HTML is written. Every region of
//! the page (the article and its blocks, the most-read list, the front and category lists,
//! the comments, the layout of a page with its article, the head tags) is a function here,
//! used by the wasm app (which sets the result as a region's `innerHTML`, and keeps Leptos
//! for what is interactive) and by the server (prerendered and per-request pages) alike.
//!
//! The templates are maud's: every interpolated value is escaped unless it is wrapped in
//! `maud::PreEscaped`, which only the paragraph allowlist's walk uses (`inline.rs`: its tags
//! come from the allowlist's constants, its text through the same escaper).
//! `scripts/check-html.sh` fails if `PreEscaped` appears outside this crate, or if HTML is
//! concatenated by hand anywhere else.
//!
//! ```compile_fail
//! // A string is never markup by itself: it must go through a template, which escapes it.
//! let page: maud::Markup = String::from("<script>alert(1)</script>");
//! ```

pub mod article;
pub mod comforts;
pub mod comments;
pub mod desk;
pub mod desk_live;
pub mod format;
pub mod gallery;
pub mod head;
mod head_video;
pub mod inline;
pub mod layout;
pub mod lists;
pub mod live;
pub mod media;
pub mod render;
pub mod search;
pub mod time;
pub mod video;
pub mod words;

pub use maud::Markup;
pub use render::Render;
