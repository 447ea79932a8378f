//! Every word the app shows: the Vietnamese locale is `page::words`, shared with the pages
//! the server writes (prerendered and per request), so that they say exactly what the app
//! says.

pub use page::words::*;
