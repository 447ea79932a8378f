//! The SQLite database file: readers' comments and article views. Every write is committed
//! (and, with `synchronous=FULL`, on disk) before the function that made it returns, so an
//! answer sent after it is never lost to a crash.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use news_contract::{Comment, ReplyPage};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, TransactionBehavior};

/// The schema, one step per entry; `PRAGMA user_version` is how many a database has had.
/// Step 2: a view counts once per client and article in the ranking's window (`client` is
/// the client's key: an IPv4 address or an IPv6 /64), so one client cannot move the ranking.
/// Step 3: likes of comments (contract v2): who liked what, and each comment's count beside it.
/// Step 4: replies (`parent_id`, the id of the thread's top-level comment) and why the spam
/// guard held a comment for the desk (`flag`, e.g. `links` or `banned:word`).
/// Step 5: a client's recent comments found without a scan (the spam guard's duplicates).
/// Step 6: the moderation desk (`desk/store.rs`): its accounts, sessions (token digests) and
/// audit log, and who hid a published comment when (a hidden comment is also `rejected`, so
/// that every reader's query, which asks for `published`, leaves it out without knowing).
const MIGRATIONS: &[&str] = &[
    "
    CREATE TABLE comments (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        slug TEXT NOT NULL,
        author_name TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'published', 'rejected')),
        client TEXT
    );
    CREATE INDEX comments_by_article ON comments (slug, status, created_at);
    CREATE TABLE views (
        slug TEXT NOT NULL,
        at INTEGER NOT NULL
    );
    CREATE INDEX views_by_time ON views (at, slug);
",
    "
    CREATE TABLE article_views (
        slug TEXT NOT NULL,
        client TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (slug, client)
    ) WITHOUT ROWID;
    CREATE INDEX article_views_by_time ON article_views (at);
    INSERT OR IGNORE INTO article_views (slug, client, at)
        SELECT slug, 'v1-' || rowid, at FROM views;
    DROP TABLE views;
",
    "
    ALTER TABLE comments ADD COLUMN likes INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE likes (
        comment_id TEXT NOT NULL,
        reader TEXT NOT NULL,
        PRIMARY KEY (comment_id, reader)
    );
",
    "
    ALTER TABLE comments ADD COLUMN parent_id TEXT;
    ALTER TABLE comments ADD COLUMN flag TEXT;
    CREATE INDEX comments_by_parent ON comments (parent_id, status, created_at);
",
    "
    CREATE INDEX comments_by_client ON comments (client, created_at);
",
    "
    CREATE TABLE desk_users (
        name TEXT PRIMARY KEY,
        password_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL
    );
    CREATE TABLE desk_sessions (
        token_hash TEXT PRIMARY KEY,
        user_name TEXT NOT NULL,
        csrf TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        seen_at INTEGER NOT NULL
    );
    CREATE INDEX desk_sessions_by_user ON desk_sessions (user_name);
    CREATE TABLE desk_audit (
        seq INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('approve', 'reject', 'hide')),
        comment_id TEXT NOT NULL
    );
    ALTER TABLE comments ADD COLUMN hidden_at INTEGER;
    ALTER TABLE comments ADD COLUMN hidden_by TEXT;
    CREATE INDEX comments_by_status ON comments (status, created_at);
",
];

/// `PRAGMA application_id` of this server's databases ("NEWS"): a moderation command given
/// some other SQLite file says so instead of changing it.
const APPLICATION_ID: i64 = 0x4E45_5753;

/// Readers open at once: a page of comments need not wait behind a ranking query.
const READERS: u32 = 4;

/// How long a statement waits for another process's lock (a moderation command, say)
/// before giving up with "busy".
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

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
    fn as_str(self) -> &'static str {
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

/// Why a moderation command changed nothing.
#[derive(Debug)]
pub enum ModerationError {
    /// No comment has this id.
    UnknownId(String),
    /// The database failed.
    Db(rusqlite::Error),
}

impl From<rusqlite::Error> for ModerationError {
    fn from(e: rusqlite::Error) -> Self {
        ModerationError::Db(e)
    }
}

/// The open database: one connection writes, a pool of them reads, so a page of comments
/// is held up neither by a commit waiting for the disk nor by another read (WAL lets them
/// all run side by side).
pub struct Db {
    writer: Mutex<Connection>,
    readers: r2d2::Pool<Readers>,
}

/// Opens the pool's read connections (r2d2's manager for rusqlite, whose own crate,
/// `r2d2_sqlite`, lags behind the rusqlite this server uses).
#[derive(Debug)]
pub(crate) struct Readers {
    path: PathBuf,
    flags: OpenFlags,
}

impl r2d2::ManageConnection for Readers {
    type Connection = Connection;
    type Error = rusqlite::Error;

    fn connect(&self) -> rusqlite::Result<Connection> {
        let conn = Connection::open_with_flags(&self.path, self.flags)?;
        configure(&conn)?;
        Ok(conn)
    }

    fn is_valid(&self, conn: &mut Connection) -> rusqlite::Result<()> {
        conn.execute_batch("")
    }

    fn has_broken(&self, _: &mut Connection) -> bool {
        false
    }
}

impl Db {
    /// Opens the file, creating and migrating it as needed; refuses a database that is not
    /// this server's.
    pub fn open(path: &Path) -> rusqlite::Result<Db> {
        if path.exists() {
            check_ours(path, true)?;
        }
        Db::open_with(path, OpenFlags::default())
    }

    /// Opens a database of this server that must exist already: a mistyped `--db` of a
    /// moderation command should neither create an empty one nor change another program's.
    pub fn open_existing(path: &Path) -> rusqlite::Result<Db> {
        check_ours(path, false)?;
        Db::open_with(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
    }

    fn open_with(path: &Path, flags: OpenFlags) -> rusqlite::Result<Db> {
        let mut writer = Connection::open_with_flags(path, flags)?;
        configure(&writer)?;
        migrate(&mut writer)?;
        let readers = r2d2::Pool::builder()
            .max_size(READERS)
            .min_idle(Some(1))
            .connection_timeout(BUSY_TIMEOUT)
            .build(Readers {
                path: path.to_path_buf(),
                flags: flags | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            })
            .map_err(|e| failure(format!("read connections: {e}")))?;
        Ok(Db {
            writer: Mutex::new(writer),
            readers,
        })
    }

    /// The one writing connection (the desk's store writes through it too).
    pub(crate) fn writer(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding a connection rolled back its transaction on unwind; the
        // connection itself is still good.
        self.writer.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A read connection from the pool.
    pub(crate) fn reader(&self) -> rusqlite::Result<r2d2::PooledConnection<Readers>> {
        self.readers
            .get()
            .map_err(|e| failure(format!("no read connection: {e}")))
    }

    /// How many comments there are, whatever their status.
    pub fn comment_count(&self) -> rusqlite::Result<i64> {
        self.reader()?
            .query_row("SELECT COUNT(*) FROM comments", [], |r| r.get(0))
    }

    /// Stores comments as published, in one transaction, skipping ids already present.
    pub fn import_published(&self, items: &[ArticleComment]) -> rusqlite::Result<usize> {
        let mut conn = self.writer();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut added = 0;
        {
            let mut insert = tx.prepare(
                "INSERT OR IGNORE INTO comments
                     (id, slug, author_name, body, created_at, status, likes, parent_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'published', ?6, ?7)",
            )?;
            for item in items {
                let c = &item.comment;
                // A demo like has no reader behind it: only the count is kept.
                added += insert.execute(params![
                    c.id,
                    item.slug,
                    c.author_name,
                    c.body,
                    c.created_at,
                    c.likes.unwrap_or(0),
                    item.parent_id
                ])?;
            }
        }
        tx.commit()?;
        Ok(added)
    }

    /// Stores a reader's comment unless it answers no published top-level comment of its
    /// article, or its client sent the same body at or after `duplicate_since` (RFC 3339,
    /// UTC, as `created_at` is stored). One transaction: two copies sent at once cannot both
    /// pass, nor a reply slip past its thread's rejection. Committed when this returns.
    pub fn submit(&self, new: &Submission, duplicate_since: &str) -> rusqlite::Result<Submitted> {
        let mut conn = self.writer();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if let Some(parent) = &new.parent_id {
            let found = tx
                .query_row(
                    "SELECT 1 FROM comments WHERE id = ?1 AND slug = ?2
                     AND status = 'published' AND parent_id IS NULL",
                    params![parent, new.slug],
                    |_| Ok(()),
                )
                .optional()?;
            if found.is_none() {
                return Ok(Submitted::NoSuchParent);
            }
        }
        let duplicate = tx
            .query_row(
                "SELECT 1 FROM comments WHERE client = ?1 AND created_at >= ?2 AND body = ?3",
                params![new.client, duplicate_since, new.comment.body],
                |_| Ok(()),
            )
            .optional()?;
        if duplicate.is_some() {
            return Ok(Submitted::Duplicate);
        }
        let c = &new.comment;
        tx.execute(
            "INSERT INTO comments
                 (id, slug, author_name, body, created_at, status, client, parent_id, flag)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                c.id,
                new.slug,
                c.author_name,
                c.body,
                c.created_at,
                new.status.as_str(),
                new.client,
                new.parent_id,
                new.flag
            ],
        )?;
        tx.commit()?;
        Ok(Submitted::Stored)
    }

    /// Stores a top-level comment as it is; committed when this returns.
    #[cfg(test)]
    pub fn insert_comment(
        &self,
        slug: &str,
        comment: &Comment,
        status: Status,
        client: &str,
    ) -> rusqlite::Result<()> {
        self.writer().execute(
            "INSERT INTO comments (id, slug, author_name, body, created_at, status, client)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                comment.id,
                slug,
                comment.author_name,
                comment.body,
                comment.created_at,
                status.as_str(),
                client
            ],
        )?;
        Ok(())
    }

    /// One page (from 0) of an article's published top-level comments in `order`, each with
    /// its first `replies_shown` published replies (oldest first) and their total (when it
    /// has any), and how
    /// many published top-level comments it has in all. The replies' `next` is left to the
    /// caller, who knows the paths.
    pub fn published_page(
        &self,
        slug: &str,
        order: Order,
        page: u32,
        per_page: u32,
        replies_shown: u32,
    ) -> rusqlite::Result<(Vec<Comment>, u32)> {
        let mut conn = self.reader()?;
        // One read transaction, so the totals and the items agree.
        let tx = conn.transaction()?;
        let total: u32 = tx.query_row(
            "SELECT COUNT(*) FROM comments
             WHERE slug = ?1 AND status = 'published' AND parent_id IS NULL",
            [slug],
            |r| r.get(0),
        )?;
        let order_by = match order {
            Order::Newest => "created_at DESC, seq DESC",
            Order::MostLiked => "likes DESC, created_at DESC, seq DESC",
        };
        let mut items = {
            let mut stmt = tx.prepare(&format!(
                "SELECT id, author_name, body, created_at, likes FROM comments
                 WHERE slug = ?1 AND status = 'published' AND parent_id IS NULL
                 ORDER BY {order_by}
                 LIMIT ?2 OFFSET ?3"
            ))?;
            let rows = stmt.query_map(
                params![slug, per_page, i64::from(page) * i64::from(per_page)],
                comment_with_likes,
            )?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        for c in &mut items {
            let (replies, total) = replies_of(&tx, &c.id, 0, replies_shown)?;
            // Absent means none, as for likes: a thread without replies reads as in v1.
            c.replies = (total > 0).then_some(ReplyPage {
                items: replies,
                total,
                next: None,
            });
        }
        tx.finish()?;
        Ok((items, total))
    }

    /// `limit` published replies to the comment `parent`, oldest first, after the first
    /// `offset`, and how many it has in all; `None` when `parent` is not a published
    /// top-level comment of article `slug`.
    pub fn replies(
        &self,
        slug: &str,
        parent: &str,
        offset: u32,
        limit: u32,
    ) -> rusqlite::Result<Option<(Vec<Comment>, u32)>> {
        let mut conn = self.reader()?;
        let tx = conn.transaction()?;
        let found = tx
            .query_row(
                "SELECT 1 FROM comments WHERE id = ?1 AND slug = ?2
                 AND status = 'published' AND parent_id IS NULL",
                params![parent, slug],
                |_| Ok(()),
            )
            .optional()?;
        let page = match found {
            Some(()) => Some(replies_of(&tx, parent, offset, limit)?),
            None => None,
        };
        tx.finish()?;
        Ok(page)
    }

    /// Comments waiting for a moderator, oldest first.
    pub fn pending(&self) -> rusqlite::Result<Vec<ArticleComment>> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare(
            "SELECT id, author_name, body, created_at, slug, parent_id, flag FROM comments
             WHERE status = 'pending' ORDER BY created_at, seq",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ArticleComment {
                comment: comment_from_row(r)?,
                slug: r.get(4)?,
                parent_id: r.get(5)?,
                flag: r.get(6)?,
            })
        })?;
        rows.collect()
    }

    /// Sets the status of every comment named, or of none if one of them does not exist.
    /// (The commands now go through `desk::store::moderate`, which also writes the audit row.)
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn set_status(&self, ids: &[String], status: Status) -> Result<(), ModerationError> {
        let mut conn = self.writer();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        for id in ids {
            let changed = tx.execute(
                "UPDATE comments SET status = ?1 WHERE id = ?2",
                params![status.as_str(), id],
            )?;
            if changed == 0 {
                // Dropping the transaction rolls back the ids already done.
                return Err(ModerationError::UnknownId(id.clone()));
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Records (`on`) or takes back one reader's like of a published comment of article
    /// `slug`, and returns the comment's count after it; `None` when there is no such
    /// comment. The like row and the count change in one transaction (the count moves only
    /// when a row was added or removed), so concurrent likes are neither lost nor doubled.
    pub fn set_like(
        &self,
        slug: &str,
        id: &str,
        reader: &str,
        on: bool,
    ) -> rusqlite::Result<Option<u32>> {
        let mut conn = self.writer();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let published = tx
            .query_row(
                "SELECT 1 FROM comments WHERE id = ?1 AND slug = ?2 AND status = 'published'",
                params![id, slug],
                |_| Ok(()),
            )
            .optional()?;
        if published.is_none() {
            return Ok(None);
        }
        let changed = if on {
            tx.execute(
                "INSERT OR IGNORE INTO likes (comment_id, reader) VALUES (?1, ?2)",
                params![id, reader],
            )?
        } else {
            tx.execute(
                "DELETE FROM likes WHERE comment_id = ?1 AND reader = ?2",
                params![id, reader],
            )?
        };
        if changed > 0 {
            tx.execute(
                "UPDATE comments SET likes = likes + ?2 WHERE id = ?1",
                params![id, if on { 1 } else { -1 }],
            )?;
        }
        let likes: u32 = tx.query_row("SELECT likes FROM comments WHERE id = ?1", [id], |r| {
            r.get(0)
        })?;
        tx.commit()?;
        Ok(Some(likes))
    }

    /// Counts a view of an article by `client` at `at` (Unix seconds), unless that client's
    /// view of it is already counted after `since`; true when it counted.
    pub fn record_view(
        &self,
        slug: &str,
        client: &str,
        at: i64,
        since: i64,
    ) -> rusqlite::Result<bool> {
        let changed = self.writer().execute(
            "INSERT INTO article_views (slug, client, at) VALUES (?1, ?2, ?3)
             ON CONFLICT (slug, client) DO UPDATE SET at = excluded.at
             WHERE article_views.at < ?4",
            params![slug, client, at, since],
        )?;
        Ok(changed > 0)
    }

    /// Slugs by number of clients who viewed them since `since`, most viewed first (ties:
    /// most recently viewed first), at most `limit`.
    pub fn most_viewed(&self, since: i64, limit: u32) -> rusqlite::Result<Vec<String>> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare(
            "SELECT slug FROM article_views WHERE at >= ?1
             GROUP BY slug ORDER BY COUNT(*) DESC, MAX(at) DESC, slug LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![since, limit], |r| r.get(0))?;
        rows.collect()
    }

    /// Forgets views older than `before`: only a recent window is ever ranked.
    pub fn prune_views(&self, before: i64) -> rusqlite::Result<usize> {
        self.writer()
            .execute("DELETE FROM article_views WHERE at < ?1", [before])
    }
}

/// Refuses a file that is not a database of this server (another program's SQLite file,
/// or no SQLite file at all), before anything is written to it. A file of no tables is
/// accepted where `empty_is_ours` (a new database being created).
fn check_ours(path: &Path, empty_is_ours: bool) -> rusqlite::Result<()> {
    let probe = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let id: i64 = probe.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let version: i64 = probe.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let tables: i64 = probe.query_row(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'",
        [],
        |r| r.get(0),
    )?;
    let has_comments: bool = probe.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'comments')",
        [],
        |r| r.get(0),
    )?;
    // Databases made before the application id was set: version 1 and a comments table.
    let ours = id == APPLICATION_ID
        || (id == 0 && version >= 1 && has_comments)
        || (id == 0 && version == 0 && tables == 0 && empty_is_ours);
    if ours {
        Ok(())
    } else {
        Err(failure(format!(
            "{} is not a database of news-server (nothing was changed)",
            path.display()
        )))
    }
}

fn comment_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Comment> {
    Ok(Comment {
        id: r.get(0)?,
        author_name: r.get(1)?,
        body: r.get(2)?,
        created_at: r.get(3)?,
        likes: None,
        replies: None,
    })
}

/// A comment of columns 0 to 3 with its likes in column 4; absent means none (contract
/// v2), so pages without likes stay as they were.
fn comment_with_likes(r: &rusqlite::Row<'_>) -> rusqlite::Result<Comment> {
    let likes: u32 = r.get(4)?;
    Ok(Comment {
        likes: (likes > 0).then_some(likes),
        ..comment_from_row(r)?
    })
}

/// See [`Db::replies`]; `parent` is known to be a published top-level comment.
fn replies_of(
    conn: &Connection,
    parent: &str,
    offset: u32,
    limit: u32,
) -> rusqlite::Result<(Vec<Comment>, u32)> {
    let total: u32 = conn.query_row(
        "SELECT COUNT(*) FROM comments WHERE parent_id = ?1 AND status = 'published'",
        [parent],
        |r| r.get(0),
    )?;
    if total <= offset || limit == 0 {
        return Ok((Vec::new(), total));
    }
    let mut stmt = conn.prepare(
        "SELECT id, author_name, body, created_at, likes FROM comments
         WHERE parent_id = ?1 AND status = 'published'
         ORDER BY created_at, seq
         LIMIT ?2 OFFSET ?3",
    )?;
    let rows = stmt.query_map(params![parent, limit, offset], comment_with_likes)?;
    Ok((rows.collect::<rusqlite::Result<Vec<_>>>()?, total))
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // WAL: readers (the server's, the moderation commands') do not wait for the writer.
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(failure(format!("journal_mode stayed {mode}")));
    }
    // FULL: a commit is on disk (WAL synced) before it returns, not only in the OS cache.
    conn.pragma_update(None, "synchronous", "FULL")?;
    Ok(())
}

fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    // IMMEDIATE: two processes starting at once cannot both run the same step.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let done = usize::try_from(version)
        .ok()
        .filter(|&v| v <= MIGRATIONS.len())
        .ok_or_else(|| {
            failure(format!(
                "database schema {version} is not one this server knows (0 to {})",
                MIGRATIONS.len()
            ))
        })?;
    for step in &MIGRATIONS[done..] {
        tx.execute_batch(step)?;
    }
    tx.pragma_update(None, "user_version", MIGRATIONS.len() as i64)?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit()
}

/// An error of ours in rusqlite's type, so that callers handle one kind.
fn failure(message: String) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_ERROR),
        Some(message),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_db(name: &str) -> (Db, std::path::PathBuf) {
        let path =
            std::env::temp_dir().join(format!("news-server-unit-{}-{name}.db", std::process::id()));
        remove(&path);
        (Db::open(&path).unwrap(), path)
    }

    fn remove(path: &Path) {
        for suffix in ["", "-wal", "-shm"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            let _ = std::fs::remove_file(p);
        }
    }

    fn comment(id: &str, at: &str) -> Comment {
        Comment {
            id: id.into(),
            author_name: "An".into(),
            body: "Hay".into(),
            created_at: at.into(),
            likes: None,
            replies: None,
        }
    }

    #[test]
    fn migrates_once_and_pages_newest_first() {
        let (db, path) = temp_db("pages");
        let version: i64 = db
            .reader()
            .unwrap()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, MIGRATIONS.len() as i64);
        let reader = db.reader().unwrap();
        for conn in [&*db.writer(), &*reader] {
            let mode: String = conn
                .pragma_query_value(None, "journal_mode", |r| r.get(0))
                .unwrap();
            assert_eq!(mode, "wal");
            let sync: i64 = conn
                .pragma_query_value(None, "synchronous", |r| r.get(0))
                .unwrap();
            assert_eq!(sync, 2, "FULL");
        }
        for (id, at) in [
            ("c-1", "2023-01-01T00:00:00Z"),
            ("c-3", "2023-01-03T00:00:00Z"),
            ("c-2", "2023-01-02T00:00:00Z"),
        ] {
            db.insert_comment("a", &comment(id, at), Status::Published, "t")
                .unwrap();
        }
        db.insert_comment(
            "a",
            &comment("c-4", "2023-01-04T00:00:00Z"),
            Status::Pending,
            "t",
        )
        .unwrap();
        let (items, total) = db.published_page("a", Order::Newest, 0, 2, 3).unwrap();
        assert_eq!(total, 3);
        let ids: Vec<_> = items.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["c-3", "c-2"]);
        let (items, _) = db.published_page("a", Order::Newest, 1, 2, 3).unwrap();
        assert_eq!(items[0].id, "c-1");
        drop(db);
        // Reopening runs no step twice.
        let db = Db::open(&path).unwrap();
        assert_eq!(db.comment_count().unwrap(), 4);
        drop(db);
        remove(&path);
    }

    #[test]
    fn moderation_is_all_or_nothing() {
        let (db, path) = temp_db("moderation");
        db.insert_comment(
            "a",
            &comment("c-1", "2023-01-01T00:00:00Z"),
            Status::Pending,
            "t",
        )
        .unwrap();
        let err = db
            .set_status(&["c-1".into(), "c-9".into()], Status::Published)
            .unwrap_err();
        assert!(matches!(err, ModerationError::UnknownId(id) if id == "c-9"));
        assert_eq!(db.pending().unwrap().len(), 1);
        db.set_status(&["c-1".into()], Status::Published).unwrap();
        assert!(db.pending().unwrap().is_empty());
        drop(db);
        remove(&path);
    }

    #[test]
    fn likes_count_each_reader_once_and_only_on_published_comments() {
        let (db, path) = temp_db("likes");
        let at = "2023-01-01T00:00:00Z";
        db.insert_comment("a", &comment("c-1", at), Status::Published, "t")
            .unwrap();
        db.insert_comment("a", &comment("c-2", at), Status::Pending, "t")
            .unwrap();
        assert_eq!(db.set_like("a", "c-1", "r1", true).unwrap(), Some(1));
        assert_eq!(db.set_like("a", "c-1", "r1", true).unwrap(), Some(1));
        assert_eq!(db.set_like("a", "c-1", "r2", true).unwrap(), Some(2));
        assert_eq!(db.set_like("a", "c-1", "r3", false).unwrap(), Some(2));
        assert_eq!(db.set_like("a", "c-1", "r1", false).unwrap(), Some(1));
        assert_eq!(db.set_like("a", "c-2", "r1", true).unwrap(), None);
        assert_eq!(db.set_like("b", "c-1", "r1", true).unwrap(), None);
        assert_eq!(db.set_like("a", "c-9", "r1", true).unwrap(), None);
        let (items, _) = db.published_page("a", Order::Newest, 0, 10, 3).unwrap();
        assert_eq!(items[0].likes, Some(1));
        db.set_like("a", "c-1", "r2", false).unwrap();
        let (items, _) = db.published_page("a", Order::Newest, 0, 10, 3).unwrap();
        assert_eq!(items[0].likes, None, "none is written as absent");
        drop(db);
        remove(&path);
    }

    fn submission(id: &str, body: &str, parent: Option<&str>) -> Submission {
        Submission {
            slug: "a".into(),
            comment: Comment {
                body: body.into(),
                ..comment(id, "2023-01-01T00:00:10Z")
            },
            status: Status::Published,
            client: "198.51.100.1".into(),
            parent_id: parent.map(String::from),
            flag: None,
        }
    }

    #[test]
    fn replies_hang_under_published_top_level_comments_and_duplicates_are_refused() {
        let (db, path) = temp_db("threads");
        let since = "2023-01-01T00:00:00Z";
        assert_eq!(
            db.submit(&submission("t-1", "Chủ đề", None), since)
                .unwrap(),
            Submitted::Stored
        );
        assert_eq!(
            db.submit(&submission("r-1", "Trả lời", Some("t-1")), since)
                .unwrap(),
            Submitted::Stored
        );
        for parent in ["r-1", "t-9"] {
            assert_eq!(
                db.submit(&submission("r-2", "Khác", Some(parent)), since)
                    .unwrap(),
                Submitted::NoSuchParent,
                "{parent}"
            );
        }
        assert_eq!(
            db.submit(&submission("t-2", "Chủ đề", None), since)
                .unwrap(),
            Submitted::Duplicate
        );
        assert_eq!(
            db.submit(&submission("t-2", "Chủ đề", None), "2023-01-01T00:00:11Z")
                .unwrap(),
            Submitted::Stored,
            "older than the window"
        );
        let (items, total) = db.published_page("a", Order::Newest, 0, 10, 3).unwrap();
        assert_eq!(total, 2, "top-level only");
        let thread = items.iter().find(|c| c.id == "t-1").unwrap();
        let replies = thread.replies.as_ref().unwrap();
        assert_eq!((replies.items[0].id.as_str(), replies.total), ("r-1", 1));
        assert!(items
            .iter()
            .find(|c| c.id == "t-2")
            .unwrap()
            .replies
            .is_none());
        assert!(db.replies("a", "r-1", 0, 10).unwrap().is_none());
        assert!(db.replies("b", "t-1", 0, 10).unwrap().is_none());
        assert_eq!(db.replies("a", "t-1", 3, 10).unwrap(), Some((vec![], 1)));
        assert_eq!(db.set_like("a", "t-1", "x", true).unwrap(), Some(1));
        let (items, _) = db.published_page("a", Order::MostLiked, 0, 10, 3).unwrap();
        assert_eq!(items[0].id, "t-1");
        drop(db);
        remove(&path);
    }

    #[test]
    fn views_rank_by_clients_then_recency_within_the_window() {
        let (db, path) = temp_db("views");
        for (slug, client, at) in [
            ("a", "1", 10),
            ("b", "1", 11),
            ("b", "2", 12),
            ("c", "1", 13),
            ("old", "1", 1),
            ("old", "2", 2),
        ] {
            assert!(db.record_view(slug, client, at, at - 100).unwrap());
        }
        // One client viewing "a" a thousand times in the window is still one view.
        for at in 14..1014 {
            assert!(!db.record_view("a", "1", at, at - 10_000).unwrap());
        }
        assert_eq!(db.most_viewed(5, 10).unwrap(), ["b", "c", "a"]);
        // After the window, the same client's view counts again (refreshed, not added).
        assert!(db.record_view("a", "1", 20_000, 20_000 - 10_000).unwrap());
        assert_eq!(db.most_viewed(5, 10).unwrap(), ["b", "a", "c"]);
        assert_eq!(db.prune_views(5).unwrap(), 2);
        drop(db);
        remove(&path);
    }

    #[test]
    fn another_programs_database_is_refused_and_left_as_it_was() {
        let path =
            std::env::temp_dir().join(format!("news-server-unit-{}-other.db", std::process::id()));
        remove(&path);
        {
            let other = Connection::open(&path).unwrap();
            other
                .execute_batch("CREATE TABLE notes (x TEXT); PRAGMA user_version = 7;")
                .unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        for result in [Db::open_existing(&path), Db::open(&path)] {
            let err = result.err().expect("refused").to_string();
            assert!(err.contains("not a database of news-server"), "{err}");
        }
        assert_eq!(std::fs::read(&path).unwrap(), before, "not changed");
        let mode: String = Connection::open(&path)
            .unwrap()
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "delete", "not switched to WAL");
        remove(&path);
        // Not SQLite at all.
        std::fs::write(&path, b"plain text, not a database").unwrap();
        assert!(Db::open_existing(&path).is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"plain text, not a database");
        remove(&path);
        // Ours: made by `serve`, then opened by a moderation command.
        let (db, path) = temp_db("ours");
        drop(db);
        assert!(Db::open_existing(&path).is_ok());
        remove(&path);
    }
}
