//! The SQLite engine (`--db FILE`): one file, one server. One connection writes, a pool of
//! them reads, so a page of comments is held up neither by a commit waiting for the disk
//! nor by another read (WAL lets them all run side by side); with `synchronous=FULL` a
//! commit is on disk before the call that made it returns.
//!
//! This file opens the file and says which connection each [`Store`] call takes (the writer
//! for anything that writes, a reader otherwise); the calls are in the files by job:
//! `comments`, `likes`, `views`, `limits` (rate limits, secrets), `accounts` (the desk's
//! users and sessions), `desk` (moderation), and `schema`; `backup` is `news-server backup`.

mod accounts;
pub mod backup;
mod comments;
mod desk;
mod likes;
mod limits;
mod schema;
mod views;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use contract::Comment;
use rusqlite::{Connection, OpenFlags};

use super::{ArticleComment, ModerationError, Order, Quota, Result, Store, Submission, Submitted};
use crate::db::desk_rows::{Action, AuditRow, DeskComment, LiveAction, Session, User};

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
            schema::check_ours(path, true)?;
        }
        Sqlite::open_with(path, OpenFlags::default())
    }

    /// Opens a database of this server that must exist already.
    pub fn open_existing(path: &Path) -> Result<Sqlite> {
        schema::check_ours(path, false)?;
        Sqlite::open_with(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
    }

    fn open_with(path: &Path, flags: OpenFlags) -> Result<Sqlite> {
        let mut writer = Connection::open_with_flags(path, flags)?;
        configure(&writer)?;
        schema::migrate(&mut writer)?;
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
        comments::count(&*self.reader()?)
    }

    fn import_published(&self, items: &[ArticleComment]) -> Result<usize> {
        comments::import_published(&mut self.writer(), items)
    }

    fn submit(&self, new: &Submission, duplicate_since: &str) -> Result<Submitted> {
        comments::submit(&mut self.writer(), new, duplicate_since)
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
        comments::published_page(&mut conn, slug, order, page, per_page, replies_shown)
    }

    fn replies(
        &self,
        slug: &str,
        parent: &str,
        offset: u32,
        limit: u32,
    ) -> Result<Option<(Vec<Comment>, u32)>> {
        comments::replies(&mut *self.reader()?, slug, parent, offset, limit)
    }

    fn pending(&self) -> Result<Vec<ArticleComment>> {
        comments::pending(&*self.reader()?)
    }

    fn set_like(&self, slug: &str, id: &str, reader: &str, on: bool) -> Result<Option<u32>> {
        likes::set_like(&mut self.writer(), slug, id, reader, on)
    }

    fn record_view(&self, slug: &str, client: &str, at: i64, since: i64) -> Result<bool> {
        views::record_view(&self.writer(), slug, client, at, since)
    }

    fn most_viewed(&self, since: i64, limit: u32) -> Result<Vec<String>> {
        views::most_viewed(&*self.reader()?, since, limit)
    }

    fn prune_views(&self, before: i64) -> Result<usize> {
        views::prune_views(&self.writer(), before)
    }

    fn rate_check(&self, quota: Quota<'_>, key: &str) -> Result<std::result::Result<(), u64>> {
        limits::rate_check(&mut self.writer(), quota, key)
    }

    fn rate_prune(&self) -> Result<usize> {
        limits::rate_prune(&self.writer())
    }

    fn secret(&self, name: &str, make: &dyn Fn() -> String) -> Result<String> {
        limits::secret(&self.writer(), name, make)
    }

    fn add_user(&self, name: &str, hash: &str, now: i64) -> Result<bool> {
        accounts::add_user(&self.writer(), name, hash, now)
    }

    fn remove_user(&self, name: &str) -> Result<bool> {
        accounts::remove_user(&mut self.writer(), name)
    }

    fn users(&self) -> Result<Vec<User>> {
        accounts::users(&*self.reader()?)
    }

    fn password_hash(&self, name: &str) -> Result<Option<String>> {
        accounts::password_hash(&*self.reader()?, name)
    }

    fn create_session(
        &self,
        token_hash: &str,
        user: &str,
        csrf: &str,
        now: i64,
        limits: (i64, i64),
    ) -> Result<()> {
        accounts::create_session(&mut self.writer(), token_hash, user, csrf, now, limits)
    }

    fn touch_session(
        &self,
        token_hash: &str,
        now: i64,
        limits: (i64, i64),
    ) -> Result<Option<Session>> {
        accounts::touch_session(&mut self.writer(), token_hash, now, limits)
    }

    fn sweep_sessions(&self, limits: (i64, i64)) -> Result<usize> {
        accounts::sweep_sessions(&self.writer(), limits)
    }

    fn delete_session(&self, token_hash: &str) -> Result<()> {
        accounts::delete_session(&self.writer(), token_hash)
    }

    fn moderate(
        &self,
        ids: &[String],
        action: Action,
        actor: &str,
        now: i64,
        only_pending: bool,
    ) -> std::result::Result<usize, ModerationError> {
        desk::moderate(&mut self.writer(), ids, action, actor, now, only_pending)
    }

    fn queue(&self, limit: u32) -> Result<Vec<DeskComment>> {
        desk::comments(&*self.reader()?, "pending", limit)
    }

    fn pending_counts(&self) -> Result<Vec<(String, u32)>> {
        desk::pending_counts(&*self.reader()?)
    }

    fn published(&self, limit: u32) -> Result<Vec<DeskComment>> {
        desk::comments(&*self.reader()?, "published", limit)
    }

    fn audit(&self, limit: u32) -> Result<Vec<AuditRow>> {
        desk::audit(&*self.reader()?, limit)
    }

    fn audit_live(
        &self,
        now: i64,
        actor: &str,
        action: LiveAction,
        slug: &str,
        entry: &str,
    ) -> Result<()> {
        desk::audit_live(&self.writer(), now, actor, action, slug, entry)
    }
}

/// The settings of every connection: how long to wait for a lock, WAL, `synchronous=FULL`.
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // WAL: readers (the server's, the moderation commands') do not wait for the writer.
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(schema::failure(format!("journal_mode stayed {mode}")));
    }
    // FULL: a commit is on disk (WAL synced) before it returns, not only in the OS cache.
    conn.pragma_update(None, "synchronous", "FULL")?;
    Ok(())
}
