//! The database: readers' comments, likes and views, and the moderation desk's accounts,
//! sessions and audit log, in one of two engines behind one interface ([`Store`]):
//! - SQLite (`--db FILE`, the default): one file, embedded, for one server;
//! - PostgreSQL (`--database-url postgres://…`): for several servers behind a load
//!   balancer, which then share everything a reader or a moderator does, the rate limits
//!   included (see [`Store::rate_check`]).
//!
//! Both keep the same tables and columns (the schema is agreed once: `sqlite/schema.rs` and
//! `postgres/schema.rs` each write it in their own dialect), and every write is committed
//! before the call that made it returns, so an answer sent after it is never lost to a crash.
//! What the engines share is written once: the SQL whose text differs only in placeholders
//! (`sql.rs`), what rows read as (`columns.rs`) and the decisions outside SQL (`rules.rs`);
//! each engine's folder has its connections, its schema and its calls, one file per job.

mod columns;
pub mod desk_rows;
pub mod error;
mod postgres;
pub mod rows;
mod rules;
mod sql;
mod sqlite;

pub use error::{Error, Result};
pub use rows::{ArticleComment, ModerationError, Order, Quota, Status, Submission, Submitted};
pub use sqlite::backup;

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use contract::Comment;

use desk_rows::{Action, AuditRow, DeskComment, LiveAction, Session, User};

/// Where the database is, as the command line gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// An SQLite file (`--db`).
    Sqlite(PathBuf),
    /// A PostgreSQL connection string (`--database-url`), `postgres://` or key=value.
    Postgres(String),
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Sqlite(path) => write!(f, "{}", path.display()),
            // The URL may carry a password: only where it points is shown.
            Location::Postgres(url) => match url.parse::<::postgres::Config>() {
                Ok(config) => {
                    let hosts: Vec<String> = config
                        .get_hosts()
                        .iter()
                        .map(|h| match h {
                            ::postgres::config::Host::Tcp(name) => name.clone(),
                            ::postgres::config::Host::Unix(path) => path.display().to_string(),
                        })
                        .collect();
                    write!(
                        f,
                        "PostgreSQL {} database {}",
                        hosts.join(","),
                        config.get_dbname().unwrap_or("(default)")
                    )
                }
                Err(_) => f.write_str("PostgreSQL (unreadable --database-url)"),
            },
        }
    }
}

/// What the database does, whichever engine keeps it. Every call blocks (run it on the
/// blocking pool: `http::blocking::with_db`) and is committed when it returns.
pub trait Store: Send + Sync {
    /// How long a request may wait for a call, past which it is answered 503 whatever the
    /// call does (PostgreSQL, a database over the network); `None`: as long as it takes
    /// (SQLite's calls are bounded by its own busy timeout).
    fn answer_within(&self) -> Option<std::time::Duration> {
        None
    }
    /// The database answers (for `/healthz`).
    fn ping(&self) -> Result<()>;
    /// How many comments there are, whatever their status.
    fn comment_count(&self) -> Result<i64>;
    /// Stores comments as published, in one transaction, skipping ids already present.
    fn import_published(&self, items: &[ArticleComment]) -> Result<usize>;
    /// Stores a reader's comment unless it answers no published top-level comment of its
    /// article, or its client sent the same body at or after `duplicate_since` (RFC 3339,
    /// UTC, as `created_at` is stored). Two copies sent at once cannot both pass, nor a
    /// reply slip past its thread's rejection.
    fn submit(&self, new: &Submission, duplicate_since: &str) -> Result<Submitted>;
    /// One page (from 0) of an article's published top-level comments in `order`, each with
    /// its first `replies_shown` published replies (oldest first) and their total (when it
    /// has any), and how many published top-level comments it has in all. The replies'
    /// `next` is left to the caller, who knows the paths.
    fn published_page(
        &self,
        slug: &str,
        order: Order,
        page: u32,
        per_page: u32,
        replies_shown: u32,
    ) -> Result<(Vec<Comment>, u32)>;
    /// `limit` published replies to the comment `parent`, oldest first, after the first
    /// `offset`, and how many it has in all; `None` when `parent` is not a published
    /// top-level comment of article `slug`.
    fn replies(
        &self,
        slug: &str,
        parent: &str,
        offset: u32,
        limit: u32,
    ) -> Result<Option<(Vec<Comment>, u32)>>;
    /// Comments waiting for a moderator, oldest first.
    fn pending(&self) -> Result<Vec<ArticleComment>>;
    /// Records (`on`) or takes back one reader's like of a published comment of article
    /// `slug`, and returns the comment's count after it; `None` when there is no such
    /// comment. Concurrent likes are neither lost nor doubled.
    fn set_like(&self, slug: &str, id: &str, reader: &str, on: bool) -> Result<Option<u32>>;
    /// Counts a view of an article by `client` at `at` (Unix seconds), unless that client's
    /// view of it is already counted after `since`; true when it counted.
    fn record_view(&self, slug: &str, client: &str, at: i64, since: i64) -> Result<bool>;
    /// Slugs by number of clients who viewed them since `since`, most viewed first (ties:
    /// most recently viewed first), at most `limit`.
    fn most_viewed(&self, since: i64, limit: u32) -> Result<Vec<String>>;
    /// Forgets views older than `before`: only a recent window is ever ranked.
    fn prune_views(&self, before: i64) -> Result<usize>;
    /// Spends one action of `key` under `quota`, or says in how many seconds (at least 1)
    /// one is allowed. The time is the database's, so servers whose clocks differ agree.
    fn rate_check(&self, quota: Quota<'_>, key: &str) -> Result<std::result::Result<(), u64>>;
    /// Forgets the keys whose allowance is full again (they would pass anyway).
    fn rate_prune(&self) -> Result<usize>;
    /// The secret named `name`, made by `make` the first time any server asks: every server
    /// on the database signs with the same key.
    fn secret(&self, name: &str, make: &dyn Fn() -> String) -> Result<String>;

    /// Adds a desk account; false when the name is taken.
    fn add_user(&self, name: &str, hash: &str, now: i64) -> Result<bool>;
    /// Removes an account and ends its sessions; false when there was none.
    fn remove_user(&self, name: &str) -> Result<bool>;
    /// Every account, by name.
    fn users(&self) -> Result<Vec<User>>;
    /// The stored PHC hash of an account's password.
    fn password_hash(&self, name: &str) -> Result<Option<String>>;
    /// Starts a session (the token's digest is its key); sessions past `expired_before`
    /// (idle) or `born_before` (absolute) are swept on the way.
    fn create_session(
        &self,
        token_hash: &str,
        user: &str,
        csrf: &str,
        now: i64,
        limits: (i64, i64),
    ) -> Result<()>;
    /// The session of a token digest if it is still alive (seen after `expired_before`,
    /// made after `born_before`, its account still there), marked as seen `now`; a dead one
    /// is deleted.
    fn touch_session(
        &self,
        token_hash: &str,
        now: i64,
        limits: (i64, i64),
    ) -> Result<Option<Session>>;
    /// Deletes the sessions past their idle (`seen_at` before the first) or absolute limit.
    fn sweep_sessions(&self, limits: (i64, i64)) -> Result<usize>;
    /// Ends a session.
    fn delete_session(&self, token_hash: &str) -> Result<()>;
    /// Approves, rejects or hides comments, each with its audit row, all in one
    /// transaction. From the desk (`only_pending`) a comment no longer pending (another
    /// moderator was quicker) is skipped; from the command line any status changes, and an
    /// unknown id changes nothing. Returns how many changed.
    fn moderate(
        &self,
        ids: &[String],
        action: Action,
        actor: &str,
        now: i64,
        only_pending: bool,
    ) -> std::result::Result<usize, ModerationError>;
    /// Pending comments and replies, newest first, at most `limit`.
    fn queue(&self, limit: u32) -> Result<Vec<DeskComment>>;
    /// Pending comments per article, most first.
    fn pending_counts(&self) -> Result<Vec<(String, u32)>>;
    /// Published comments, newest first, at most `limit`.
    fn published(&self, limit: u32) -> Result<Vec<DeskComment>>;
    /// The newest audit rows first, at most `limit`.
    fn audit(&self, limit: u32) -> Result<Vec<AuditRow>>;
    /// Records a live coverage's action on `slug` (`entry`: the added entry's id, or empty).
    fn audit_live(
        &self,
        now: i64,
        actor: &str,
        action: LiveAction,
        slug: &str,
        entry: &str,
    ) -> Result<()>;
}

/// The open database. A clone is another handle on the same engine (its pools), so a
/// handler can hand one to the blocking pool (`http::blocking::with_db`).
#[derive(Clone)]
pub struct Db {
    store: Arc<dyn Store>,
    shared: bool,
}

impl std::ops::Deref for Db {
    type Target = dyn Store;

    fn deref(&self) -> &Self::Target {
        &*self.store
    }
}

impl Db {
    /// Opens the database, creating and migrating it as needed; refuses one that is not
    /// this server's.
    pub fn open(at: &Location) -> Result<Db> {
        Ok(match at {
            Location::Sqlite(path) => Db {
                store: Arc::new(sqlite::Sqlite::open(path)?),
                shared: false,
            },
            Location::Postgres(url) => Db {
                store: Arc::new(postgres::Postgres::open(url, true)?),
                shared: true,
            },
        })
    }

    /// Opens a database of this server that must exist already: a mistyped `--db` of a
    /// moderation command should neither create an empty one nor change another program's.
    pub fn open_existing(at: &Location) -> Result<Db> {
        Ok(match at {
            Location::Sqlite(path) => Db {
                store: Arc::new(sqlite::Sqlite::open_existing(path)?),
                shared: false,
            },
            Location::Postgres(url) => Db {
                store: Arc::new(postgres::Postgres::open(url, false)?),
                shared: true,
            },
        })
    }

    /// Other servers may use this database too (PostgreSQL): what one server counts (rate
    /// limits) must then be counted in it rather than in the server's memory.
    pub fn is_shared(&self) -> bool {
        self.shared
    }
}

#[cfg(test)]
mod tests;
