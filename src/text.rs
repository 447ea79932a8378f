//! Every word the app shows: the Vietnamese locale is `contract::text`, shared with the
//! prerenderer (`news-server prerender`) so that a prerendered page says exactly what the
//! app says.

pub use contract::text::*;
