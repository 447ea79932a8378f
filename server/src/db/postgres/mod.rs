//! The PostgreSQL engine (`--database-url`): for several servers on one database. Each
//! call takes a connection from a pool (r2d2, as the SQLite readers) and runs in its own
//! transaction; a commit is durable when it returns (PostgreSQL's `synchronous_commit`,
//! on by default: see docs/deploy.md, "The reference server, one or several").
//!
//! Where SQLite's one writer serialises everything, here concurrent servers do: a client's
//! submissions take an advisory lock on the client's key (the duplicate check and the
//! insert cannot interleave), a like locks its comment's row, a rate limit its key's row.
//!
//! This file connects and hands each [`Store`] call a connection; the calls are in the
//! files by job: `comments`, `likes`, `views`, `limits` (rate limits, secrets), `accounts`
//! (the desk's users and sessions), `desk` (moderation), and `schema`.

mod accounts;
mod comments;
mod desk;
mod likes;
mod limits;
mod reachability;
mod schema;
mod views;

use std::time::Duration;

use contract::Comment;
use postgres::NoTls;
use r2d2_postgres::PostgresConnectionManager;

use reachability::Reachability;

use super::{
    ArticleComment, Error, ModerationError, Order, Quota, Result, Store, Submission, Submitted,
};
use crate::db::desk_rows::{Action, AuditRow, DeskComment, LiveAction, Session, User};

/// Connections one server keeps: blocking calls beyond it wait for one (see [`CHECKOUT`]).
const POOL_SIZE: u32 = 16;

/// How long a request may wait for the database, all told: past it, it is answered 503
/// (`http::blocking::with_db`) even if the call is stuck, on a connection to a host that
/// vanished for instance. 2 s: longer than any call takes on a database that answers (a
/// few ms; tens under a burst), short enough that a reader whose «Gửi» fails is told at
/// once and can retry, and that a balancer's timeout never fires first.
pub const ANSWER_WITHIN: Duration = Duration::from_secs(2);

/// How long a call waits for a connection of the pool while the database answered last
/// time: the pool makes new ones meanwhile. Also the most r2d2 waits between its attempts
/// to connect (half of it), so a database that is back is seen within about a second.
const CHECKOUT: Duration = Duration::from_millis(1500);

/// The same while the database is known to be away: the pool keeps trying in the
/// background, and a request need not wait for that to fail again.
const CHECKOUT_WHILE_AWAY: Duration = Duration::from_millis(250);

/// Connecting, TLS and login included: a refused port fails at once, a host that does not
/// answer (a firewall dropping packets) within this.
const CONNECT: Duration = Duration::from_secs(1);

/// Data unacknowledged this long closes the connection (`TCP_USER_TIMEOUT`): a query on a
/// connection to a host that vanished fails then, rather than after the system's
/// retransmissions (about 15 minutes), which would hold its thread and its pool slot.
const UNACKNOWLEDGED: Duration = Duration::from_secs(5);

type Pool = r2d2::Pool<PostgresConnectionManager<NoTls>>;

/// The open database.
pub struct Postgres {
    pool: Pool,
    reachability: Reachability,
}

impl Postgres {
    /// Connects and migrates; `create` says whether an empty database may be made this
    /// server's (`serve`) or must be one already (the moderation commands). A database
    /// with tables of another program is refused, untouched. One that cannot be reached
    /// is an error at once: the caller exits, and its supervisor starts it again (see
    /// docs/deploy.md: a server that kept waiting would be listening without its tables).
    pub fn open(url: &str, create: bool) -> Result<Postgres> {
        let mut config: postgres::Config = url
            .parse()
            .map_err(|e| Error::Other(format!("--database-url: {e}")))?;
        config.connect_timeout(CONNECT);
        config.tcp_user_timeout(UNACKNOWLEDGED);
        if config.get_application_name().is_none() {
            config.application_name("news-server");
        }
        let manager = PostgresConnectionManager::new(config, NoTls);
        let reachability = Reachability::default();
        let pool = r2d2::Pool::builder()
            .max_size(POOL_SIZE)
            .min_idle(Some(1))
            .connection_timeout(CHECKOUT)
            .event_handler(Box::new(reachability.clone()))
            .error_handler(Box::new(reachability.clone()))
            .build(manager)
            .map_err(|e| {
                let why = reachability.last_error().unwrap_or_else(|| e.to_string());
                Error::Other(format!(
                    "cannot connect to PostgreSQL ({why}); is it running, and is \
                     --database-url right? Stopping here: a supervisor (systemd's Restart=) \
                     starts the server again"
                ))
            })?;
        let db = Postgres { pool, reachability };
        schema::migrate(&mut *db.conn()?, create)?;
        Ok(db)
    }

    /// A connection of the pool, checked by r2d2 with an empty query first (a connection
    /// the database closed while it was away is dropped and another one taken).
    fn conn(&self) -> Result<r2d2::PooledConnection<PostgresConnectionManager<NoTls>>> {
        let wait = if self.reachability.is_away() {
            CHECKOUT_WHILE_AWAY
        } else {
            CHECKOUT
        };
        match self.pool.get_timeout(wait) {
            Ok(conn) => {
                self.reachability.answered();
                Ok(conn)
            }
            Err(e) => {
                self.reachability.failed(&e);
                Err(e.into())
            }
        }
    }
}

impl Store for Postgres {
    fn answer_within(&self) -> Option<Duration> {
        Some(ANSWER_WITHIN)
    }

    fn ping(&self) -> Result<()> {
        self.conn()?.simple_query("SELECT 1")?;
        Ok(())
    }

    fn comment_count(&self) -> Result<i64> {
        comments::count(&mut *self.conn()?)
    }

    fn import_published(&self, items: &[ArticleComment]) -> Result<usize> {
        comments::import_published(&mut *self.conn()?, items)
    }

    fn submit(&self, new: &Submission, duplicate_since: &str) -> Result<Submitted> {
        comments::submit(&mut *self.conn()?, new, duplicate_since)
    }

    fn published_page(
        &self,
        slug: &str,
        order: Order,
        page: u32,
        per_page: u32,
        replies_shown: u32,
    ) -> Result<(Vec<Comment>, u32)> {
        let mut conn = self.conn()?;
        comments::published_page(&mut conn, slug, order, page, per_page, replies_shown)
    }

    fn replies(
        &self,
        slug: &str,
        parent: &str,
        offset: u32,
        limit: u32,
    ) -> Result<Option<(Vec<Comment>, u32)>> {
        comments::replies(&mut *self.conn()?, slug, parent, offset, limit)
    }

    fn pending(&self) -> Result<Vec<ArticleComment>> {
        comments::pending(&mut *self.conn()?)
    }

    fn set_like(&self, slug: &str, id: &str, reader: &str, on: bool) -> Result<Option<u32>> {
        likes::set_like(&mut *self.conn()?, slug, id, reader, on)
    }

    fn record_view(&self, slug: &str, client: &str, at: i64, since: i64) -> Result<bool> {
        views::record_view(&mut *self.conn()?, slug, client, at, since)
    }

    fn most_viewed(&self, since: i64, limit: u32) -> Result<Vec<String>> {
        views::most_viewed(&mut *self.conn()?, since, limit)
    }

    fn prune_views(&self, before: i64) -> Result<usize> {
        views::prune_views(&mut *self.conn()?, before)
    }

    fn rate_check(&self, quota: Quota<'_>, key: &str) -> Result<std::result::Result<(), u64>> {
        limits::rate_check(&mut *self.conn()?, quota, key)
    }

    fn rate_prune(&self) -> Result<usize> {
        limits::rate_prune(&mut *self.conn()?)
    }

    fn secret(&self, name: &str, make: &dyn Fn() -> String) -> Result<String> {
        limits::secret(&mut *self.conn()?, name, make)
    }

    fn add_user(&self, name: &str, hash: &str, now: i64) -> Result<bool> {
        accounts::add_user(&mut *self.conn()?, name, hash, now)
    }

    fn remove_user(&self, name: &str) -> Result<bool> {
        accounts::remove_user(&mut *self.conn()?, name)
    }

    fn users(&self) -> Result<Vec<User>> {
        accounts::users(&mut *self.conn()?)
    }

    fn password_hash(&self, name: &str) -> Result<Option<String>> {
        accounts::password_hash(&mut *self.conn()?, name)
    }

    fn create_session(
        &self,
        token_hash: &str,
        user: &str,
        csrf: &str,
        now: i64,
        limits: (i64, i64),
    ) -> Result<()> {
        accounts::create_session(&mut *self.conn()?, token_hash, user, csrf, now, limits)
    }

    fn touch_session(
        &self,
        token_hash: &str,
        now: i64,
        limits: (i64, i64),
    ) -> Result<Option<Session>> {
        accounts::touch_session(&mut *self.conn()?, token_hash, now, limits)
    }

    fn sweep_sessions(&self, limits: (i64, i64)) -> Result<usize> {
        accounts::sweep_sessions(&mut *self.conn()?, limits)
    }

    fn delete_session(&self, token_hash: &str) -> Result<()> {
        accounts::delete_session(&mut *self.conn()?, token_hash)
    }

    fn moderate(
        &self,
        ids: &[String],
        action: Action,
        actor: &str,
        now: i64,
        only_pending: bool,
    ) -> std::result::Result<usize, ModerationError> {
        desk::moderate(&mut *self.conn()?, ids, action, actor, now, only_pending)
    }

    fn queue(&self, limit: u32) -> Result<Vec<DeskComment>> {
        desk::comments(&mut *self.conn()?, "pending", limit)
    }

    fn pending_counts(&self) -> Result<Vec<(String, u32)>> {
        desk::pending_counts(&mut *self.conn()?)
    }

    fn published(&self, limit: u32) -> Result<Vec<DeskComment>> {
        desk::comments(&mut *self.conn()?, "published", limit)
    }

    fn audit(&self, limit: u32) -> Result<Vec<AuditRow>> {
        desk::audit(&mut *self.conn()?, limit)
    }

    fn audit_live(
        &self,
        now: i64,
        actor: &str,
        action: LiveAction,
        slug: &str,
        entry: &str,
    ) -> Result<()> {
        desk::audit_live(&mut *self.conn()?, now, actor, action, slug, entry)
    }
}
