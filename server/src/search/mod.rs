//! The search index behind `search.json` (contract v3): derived from the content folder like
//! the content index, filled at start (in the background, once the content index is ready)
//! and kept current by the same watcher (`site::live_index`), never the source of truth. Each server keeps its own in memory, so
//! several servers behind a balancer share nothing for it.
//!
//! tantivy, an embedded full-text library, does the indexing and matching; the text rules
//! are `search_text`'s (the same the app's static search will use), plugged in as its
//! tokenizers ([`analyzer`]); the order of results is ours ([`ranking`]).

pub mod analyzer;
pub mod document;
pub mod index;
pub mod ranking;

pub use index::SearchIndex;

/// Searches a client may send at once (`search.json`, limited like view beacons).
pub const SEARCHES_PER_CLIENT: u32 = 30;
/// The time over which that allowance refills: one search a second.
pub const SEARCHES_WINDOW: std::time::Duration = std::time::Duration::from_secs(30);
