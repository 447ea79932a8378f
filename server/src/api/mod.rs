//! The contract's endpoints under `/api/`: articles and images from the content folder,
//! comments and replies, likes, live coverage's entries, view counting and the most-read ranking, search, and the
//! spam guard a comment passes before it is stored.

pub mod articles;
pub mod comments;
pub mod likes;
pub mod live;
pub mod ranking;
pub mod ranking_cache;
pub mod reader;
pub mod search;
pub mod spam;
