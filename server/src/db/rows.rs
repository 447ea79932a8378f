//! What the readers' side of the database stores and answers, engine-neutral: a comment's
//! status, a new submission and its outcome, list orders, moderation failures and the
//! rate limits kept in the database.

use contract::Comment;

use crate::db::error::Error;

/// Where a comment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Waits for a moderator.
    Pending,
    /// Shown to readers.
    Published,
    /// Never shown.
    Rejected,
}

impl Status {
    /// The `status` column's word for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Published => "published",
            Status::Rejected => "rejected",
        }
    }
}

/// A comment and the article it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleComment {
    /// The article's slug.
    pub slug: String,
    /// The comment as readers see it.
    pub comment: Comment,
    /// The thread's top-level comment, for a reply.
    pub parent_id: Option<String>,
    /// Why the spam guard held it (`links`, `banned:word`).
    pub flag: Option<String>,
}

/// A reader's new comment, as it is to be stored.
#[derive(Debug, Clone)]
pub struct Submission {
    /// The article's slug.
    pub slug: String,
    /// The comment.
    pub comment: Comment,
    /// Published at once or held.
    pub status: Status,
    /// The client's key (see `client::ClientKey`).
    pub client: String,
    /// The top-level comment it answers.
    pub parent_id: Option<String>,
    /// Why the spam guard held it.
    pub flag: Option<String>,
}

/// What became of a [`Submission`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Submitted {
    /// Stored (committed).
    Stored,
    /// The same client sent the same body since the given time: not stored.
    Duplicate,
    /// `parent_id` is not a published top-level comment of the article: not stored.
    NoSuchParent,
}

/// The order of a list of top-level comments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Newest first (`comments.json`).
    Newest,
    /// Most liked first, ties newest first (`comments-top.json`).
    MostLiked,
}

/// Why a moderation changed nothing.
#[derive(Debug)]
pub enum ModerationError {
    /// No comment has this id.
    UnknownId(String),
    /// The database failed.
    Db(Error),
}

impl From<Error> for ModerationError {
    fn from(e: Error) -> Self {
        ModerationError::Db(e)
    }
}

impl From<rusqlite::Error> for ModerationError {
    fn from(e: rusqlite::Error) -> Self {
        ModerationError::Db(e.into())
    }
}

impl From<::postgres::Error> for ModerationError {
    fn from(e: ::postgres::Error) -> Self {
        ModerationError::Db(e.into())
    }
}

impl From<r2d2::Error> for ModerationError {
    fn from(e: r2d2::Error) -> Self {
        ModerationError::Db(e.into())
    }
}

/// A rate limit kept in the database, so that every server on it spends the same
/// allowance: `burst` actions at once, then one more every `period_ms` (GCRA, as the
/// in-process limiter counts).
#[derive(Debug, Clone, Copy)]
pub struct Quota<'a> {
    /// Which limit (`comments`, `likes`, `views`, `login-client`, `login-account`).
    pub bucket: &'a str,
    /// Actions at once.
    pub burst: u32,
    /// The refill of one action, in milliseconds.
    pub period_ms: i64,
}
