//! The static search index (contract v3, `docs/contract.md`): files a plain CDN serves under
//! `search/`, written by `prerender`, read by the app when the host has no `search.json`.
//! The same syllables and folding as the server's index ([`crate::syllables`]), and the
//! same order of results ([`crate::rank`]'s weights, [`rank`]); a query fetches only the files of its own syllables.
//!
//! - `search/index.bin`: the format's version, how many articles, how many a docs file holds.
//! - `search/terms/{name}.bin`: for a folded syllable, each exact form it was written in
//!   and, per field (title, lead, body), the articles holding that form.
//! - `search/pairs/{name}.bin`: for a folded syllable, each folded syllable that follows it
//!   somewhere and, per field, the articles where the two are in a row (what a phrase is
//!   made of: a query's syllables in a row are each pair of neighbours in a row).
//! - `search/docs/{k}.json`: the summaries of articles `k × per_file` onwards, as the
//!   lists give them (`{"items": [Summary]}`).
//!
//! Articles are numbered oldest first, so that publishing one more article changes only
//! the files of its own syllables and the last docs file, not every file (a CDN uploads
//! what changed).

mod files;
mod rank;
mod search;
mod sets;

pub use files::{file_name, Entry, Info, Postings, Variant, INFO_VERSION};
pub use rank::{rank, Ranked};
pub use search::{files_of, rank_files, Needed};
pub use sets::DocSet;

/// Why a file of the index could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError(pub &'static str);

/// The fields searched, in this order in every file: title, lead, body.
pub const FIELDS: usize = 3;
