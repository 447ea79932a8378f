//! The SQLite engine (`--db FILE`): one file, one server. One connection writes, a pool of
//! them reads, so a page of comments is held up neither by a commit waiting for the disk
//! nor by another read (WAL lets them all run side by side); with `synchronous=FULL` a
//! commit is on disk before the call that made it returns.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use contract::{Comment, ReplyPage};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, TransactionBehavior};

use super::{ArticleComment, ModerationError, Order, Quota, Result, Store, Submission, Submitted};
use crate::db::desk_rows::{Action, AuditRow, DeskComment, Session, User};

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
/// Step 7: what several servers share (on PostgreSQL; SQLite has them too, so that the
/// schema is one): rate limits (`rate_limits`, GCRA's theoretical arrival time per key) and
/// secrets (`secrets`, the login form's signing key, which now survives a restart); and a
/// page of an article's comments in either order read from an index, not sorted per request.
/// Step 8: each article's number of published top-level comments (`comment_counts`), kept
/// by triggers on `comments` whoever writes it (a reader, the desk, a command, a script),
/// so that a page's `total` is one row, not a count of every comment per request.
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
    "
    CREATE TABLE rate_limits (
        bucket TEXT NOT NULL,
        key TEXT NOT NULL,
        tat INTEGER NOT NULL,
        PRIMARY KEY (bucket, key)
    ) WITHOUT ROWID;
    CREATE TABLE secrets (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE INDEX comments_newest ON comments (slug, created_at DESC, seq DESC)
        WHERE status = 'published' AND parent_id IS NULL;
    CREATE INDEX comments_top ON comments (slug, likes DESC, created_at DESC, seq DESC)
        WHERE status = 'published' AND parent_id IS NULL;
",
    "
    CREATE TABLE comment_counts (
        slug TEXT PRIMARY KEY,
        published INTEGER NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO comment_counts (slug, published)
        SELECT slug, COUNT(*) FROM comments
        WHERE status = 'published' AND parent_id IS NULL GROUP BY slug;
    CREATE TRIGGER comment_counts_insert AFTER INSERT ON comments
        WHEN NEW.status = 'published' AND NEW.parent_id IS NULL
    BEGIN
        INSERT INTO comment_counts (slug, published) VALUES (NEW.slug, 1)
            ON CONFLICT (slug) DO UPDATE SET published = published + 1;
    END;
    CREATE TRIGGER comment_counts_update AFTER UPDATE OF status ON comments
        WHEN NEW.parent_id IS NULL AND (OLD.status = 'published') != (NEW.status = 'published')
    BEGIN
        INSERT INTO comment_counts (slug, published)
            VALUES (NEW.slug, CASE WHEN NEW.status = 'published' THEN 1 ELSE -1 END)
            ON CONFLICT (slug) DO UPDATE SET published = published + excluded.published;
    END;
    CREATE TRIGGER comment_counts_delete AFTER DELETE ON comments
        WHEN OLD.status = 'published' AND OLD.parent_id IS NULL
    BEGIN
        UPDATE comment_counts SET published = published - 1 WHERE slug = OLD.slug;
    END;
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

/// The open file.
pub struct Sqlite {
    writer: Mutex<Connection>,
    readers: r2d2::Pool<Readers>,
}

/// Opens the pool's read connections (r2d2's manager for rusqlite, whose own crate,
/// `r2d2_sqlite`, lags behind the rusqlite this server uses).
#[derive(Debug)]
struct Readers {
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

impl Sqlite {
    /// Opens the file, creating and migrating it as needed; refuses a database that is not
    /// this server's.
    pub fn open(path: &Path) -> Result<Sqlite> {
        if path.exists() {
            check_ours(path, true)?;
        }
        Sqlite::open_with(path, OpenFlags::default())
    }

    /// Opens a database of this server that must exist already.
    pub fn open_existing(path: &Path) -> Result<Sqlite> {
        check_ours(path, false)?;
        Sqlite::open_with(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
    }

    fn open_with(path: &Path, flags: OpenFlags) -> Result<Sqlite> {
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
            })?;
        Ok(Sqlite {
            writer: Mutex::new(writer),
            readers,
        })
    }

    fn writer(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding a connection rolled back its transaction on unwind; the
        // connection itself is still good.
        self.writer.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn reader(&self) -> Result<r2d2::PooledConnection<Readers>> {
        Ok(self.readers.get()?)
    }

    #[cfg(test)]
    pub(super) fn pragma(&self, name: &str) -> Vec<String> {
        let reader = self.reader().unwrap();
        [&*self.writer(), &*reader]
            .iter()
            .map(|conn| {
                conn.pragma_query_value(None, name, |r| {
                    r.get::<_, rusqlite::types::Value>(0).map(|v| match v {
                        rusqlite::types::Value::Integer(n) => n.to_string(),
                        rusqlite::types::Value::Text(t) => t,
                        other => format!("{other:?}"),
                    })
                })
                .unwrap()
            })
            .collect()
    }
}

impl Store for Sqlite {
    fn ping(&self) -> Result<()> {
        self.reader()?.query_row("SELECT 1", [], |_| Ok(()))?;
        Ok(())
    }

    fn comment_count(&self) -> Result<i64> {
        Ok(self
            .reader()?
            .query_row("SELECT COUNT(*) FROM comments", [], |r| r.get(0))?)
    }

    fn import_published(&self, items: &[ArticleComment]) -> Result<usize> {
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

    fn submit(&self, new: &Submission, duplicate_since: &str) -> Result<Submitted> {
        let mut conn = self.writer();
        // IMMEDIATE: the checks and the insert hold the one write lock together.
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

    fn published_page(
        &self,
        slug: &str,
        order: Order,
        page: u32,
        per_page: u32,
        replies_shown: u32,
    ) -> Result<(Vec<Comment>, u32)> {
        let mut conn = self.reader()?;
        // One read transaction, so the totals and the items agree.
        let tx = conn.transaction()?;
        let total: u32 = tx
            .query_row(
                "SELECT published FROM comment_counts WHERE slug = ?1",
                [slug],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(0);
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

    fn replies(
        &self,
        slug: &str,
        parent: &str,
        offset: u32,
        limit: u32,
    ) -> Result<Option<(Vec<Comment>, u32)>> {
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

    fn pending(&self) -> Result<Vec<ArticleComment>> {
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
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn set_like(&self, slug: &str, id: &str, reader: &str, on: bool) -> Result<Option<u32>> {
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
        // The count moves only when a row was added or removed.
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

    fn record_view(&self, slug: &str, client: &str, at: i64, since: i64) -> Result<bool> {
        let changed = self.writer().execute(
            "INSERT INTO article_views (slug, client, at) VALUES (?1, ?2, ?3)
             ON CONFLICT (slug, client) DO UPDATE SET at = excluded.at
             WHERE article_views.at < ?4",
            params![slug, client, at, since],
        )?;
        Ok(changed > 0)
    }

    fn most_viewed(&self, since: i64, limit: u32) -> Result<Vec<String>> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare(
            "SELECT slug FROM article_views WHERE at >= ?1
             GROUP BY slug ORDER BY COUNT(*) DESC, MAX(at) DESC, slug LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![since, limit], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn prune_views(&self, before: i64) -> Result<usize> {
        Ok(self
            .writer()
            .execute("DELETE FROM article_views WHERE at < ?1", [before])?)
    }

    fn rate_check(&self, quota: Quota<'_>, key: &str) -> Result<std::result::Result<(), u64>> {
        let mut conn = self.writer();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let now: i64 = tx.query_row(
            "SELECT CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)",
            [],
            |r| r.get(0),
        )?;
        let tat: Option<i64> = tx
            .query_row(
                "SELECT tat FROM rate_limits WHERE bucket = ?1 AND key = ?2",
                params![quota.bucket, key],
                |r| r.get(0),
            )
            .optional()?;
        let verdict = super::gcra(quota, tat.unwrap_or(0), now);
        if let Ok(new_tat) = verdict {
            tx.execute(
                "INSERT INTO rate_limits (bucket, key, tat) VALUES (?1, ?2, ?3)
                 ON CONFLICT (bucket, key) DO UPDATE SET tat = excluded.tat",
                params![quota.bucket, key, new_tat],
            )?;
        }
        tx.commit()?;
        Ok(verdict.map(|_| ()))
    }

    fn rate_prune(&self) -> Result<usize> {
        Ok(self.writer().execute(
            "DELETE FROM rate_limits WHERE tat < CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)",
            [],
        )?)
    }

    fn secret(&self, name: &str, make: &dyn Fn() -> String) -> Result<String> {
        let conn = self.writer();
        conn.execute(
            "INSERT OR IGNORE INTO secrets (name, value) VALUES (?1, ?2)",
            params![name, make()],
        )?;
        Ok(
            conn.query_row("SELECT value FROM secrets WHERE name = ?1", [name], |r| {
                r.get(0)
            })?,
        )
    }

    fn add_user(&self, name: &str, hash: &str, now: i64) -> Result<bool> {
        let added = self.writer().execute(
            "INSERT OR IGNORE INTO desk_users (name, password_hash, created_at) VALUES (?1, ?2, ?3)",
            params![name, hash, now],
        )?;
        Ok(added > 0)
    }

    fn remove_user(&self, name: &str) -> Result<bool> {
        let mut conn = self.writer();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let removed = tx.execute("DELETE FROM desk_users WHERE name = ?1", [name])?;
        tx.execute("DELETE FROM desk_sessions WHERE user_name = ?1", [name])?;
        tx.commit()?;
        Ok(removed > 0)
    }

    fn users(&self) -> Result<Vec<User>> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare("SELECT name, created_at FROM desk_users ORDER BY name")?;
        let rows = stmt.query_map([], |r| {
            Ok(User {
                name: r.get(0)?,
                created_at: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn password_hash(&self, name: &str) -> Result<Option<String>> {
        Ok(self
            .reader()?
            .query_row(
                "SELECT password_hash FROM desk_users WHERE name = ?1",
                [name],
                |r| r.get(0),
            )
            .optional()?)
    }

    fn create_session(
        &self,
        token_hash: &str,
        user: &str,
        csrf: &str,
        now: i64,
        (expired_before, born_before): (i64, i64),
    ) -> Result<()> {
        let mut conn = self.writer();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "DELETE FROM desk_sessions WHERE seen_at < ?1 OR created_at < ?2",
            params![expired_before, born_before],
        )?;
        tx.execute(
            "INSERT INTO desk_sessions (token_hash, user_name, csrf, created_at, seen_at)
             VALUES (?1, ?2, ?3, ?4, ?4)",
            params![token_hash, user, csrf, now],
        )?;
        tx.commit()?;
        Ok(())
    }

    fn touch_session(
        &self,
        token_hash: &str,
        now: i64,
        (expired_before, born_before): (i64, i64),
    ) -> Result<Option<Session>> {
        let mut conn = self.writer();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let row: Option<(String, String, i64, i64)> = tx
            .query_row(
                "SELECT s.user_name, s.csrf, s.created_at, s.seen_at FROM desk_sessions s
                 JOIN desk_users u ON u.name = s.user_name WHERE s.token_hash = ?1",
                [token_hash],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let session = match row {
            Some((user, csrf, created, seen))
                if seen >= expired_before && created >= born_before =>
            {
                tx.execute(
                    "UPDATE desk_sessions SET seen_at = ?2 WHERE token_hash = ?1",
                    params![token_hash, now],
                )?;
                Some(Session { user, csrf })
            }
            _ => {
                tx.execute(
                    "DELETE FROM desk_sessions WHERE token_hash = ?1",
                    [token_hash],
                )?;
                None
            }
        };
        tx.commit()?;
        Ok(session)
    }

    fn sweep_sessions(&self, (expired_before, born_before): (i64, i64)) -> Result<usize> {
        Ok(self.writer().execute(
            "DELETE FROM desk_sessions WHERE seen_at < ?1 OR created_at < ?2",
            params![expired_before, born_before],
        )?)
    }

    fn delete_session(&self, token_hash: &str) -> Result<()> {
        self.writer().execute(
            "DELETE FROM desk_sessions WHERE token_hash = ?1",
            [token_hash],
        )?;
        Ok(())
    }

    fn moderate(
        &self,
        ids: &[String],
        action: Action,
        actor: &str,
        now: i64,
        only_pending: bool,
    ) -> std::result::Result<usize, ModerationError> {
        let status = action.status().as_str();
        let mut conn = self.writer();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut changed = 0;
        for id in ids {
            let n = if action == Action::Hide {
                tx.execute(
                    "UPDATE comments SET status = 'rejected', hidden_at = ?2, hidden_by = ?3
                     WHERE id = ?1 AND status = 'published'",
                    params![id, now, actor],
                )?
            } else if only_pending {
                tx.execute(
                    "UPDATE comments SET status = ?2 WHERE id = ?1 AND status = 'pending'",
                    params![id, status],
                )?
            } else {
                tx.execute(
                    "UPDATE comments SET status = ?2 WHERE id = ?1",
                    params![id, status],
                )?
            };
            if n == 0 {
                if !only_pending {
                    // Dropping the transaction rolls back the ids already done.
                    return Err(ModerationError::UnknownId(id.clone()));
                }
                continue;
            }
            tx.execute(
                "INSERT INTO desk_audit (at, actor, action, comment_id) VALUES (?1, ?2, ?3, ?4)",
                params![now, actor, action.as_str(), id],
            )?;
            changed += 1;
        }
        tx.commit()?;
        Ok(changed)
    }

    fn queue(&self, limit: u32) -> Result<Vec<DeskComment>> {
        self.desk_comments("pending", limit)
    }

    fn pending_counts(&self) -> Result<Vec<(String, u32)>> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare(
            "SELECT slug, COUNT(*) FROM comments WHERE status = 'pending'
             GROUP BY slug ORDER BY COUNT(*) DESC, slug",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn published(&self, limit: u32) -> Result<Vec<DeskComment>> {
        self.desk_comments("published", limit)
    }

    fn audit(&self, limit: u32) -> Result<Vec<AuditRow>> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare(
            "SELECT a.at, a.actor, a.action, a.comment_id, c.slug, c.body
             FROM desk_audit a LEFT JOIN comments c ON c.id = a.comment_id
             ORDER BY a.seq DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit], |r| {
            let slug: Option<String> = r.get(4)?;
            let body: Option<String> = r.get(5)?;
            Ok(AuditRow {
                at: r.get(0)?,
                actor: r.get(1)?,
                action: r.get(2)?,
                comment_id: r.get(3)?,
                comment: slug.zip(body),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Sqlite {
    /// Comments of `status` with what they answer, newest first (the desk filters them:
    /// SQLite's LIKE folds the case of ASCII letters only, and Vietnamese names are mostly
    /// not ASCII).
    fn desk_comments(&self, status: &str, limit: u32) -> Result<Vec<DeskComment>> {
        let conn = self.reader()?;
        let mut stmt = conn.prepare(
            "SELECT c.id, c.slug, c.author_name, c.body, c.created_at, c.flag,
                    p.author_name, p.body
             FROM comments c LEFT JOIN comments p ON p.id = c.parent_id
             WHERE c.status = ?1 ORDER BY c.created_at DESC, c.seq DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![status, limit], |r| {
            let parent_author: Option<String> = r.get(6)?;
            let parent_body: Option<String> = r.get(7)?;
            Ok(DeskComment {
                id: r.get(0)?,
                slug: r.get(1)?,
                author_name: r.get(2)?,
                body: r.get(3)?,
                created_at: r.get(4)?,
                flag: r.get(5)?,
                parent: parent_author.zip(parent_body),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
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
