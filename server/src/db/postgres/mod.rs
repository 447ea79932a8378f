//! The PostgreSQL engine (`--database-url`): for several servers on one database. Each
//! call takes a connection from a pool (r2d2, as the SQLite readers) and runs in its own
//! transaction; a commit is durable when it returns (PostgreSQL's `synchronous_commit`,
//! on by default: see the README's deployment section).
//!
//! Where SQLite's one writer serialises everything, here concurrent servers do: a client's
//! submissions take an advisory lock on the client's key (the duplicate check and the
//! insert cannot interleave), a like locks its comment's row, a rate limit its key's row.

use std::time::Duration;

use contract::{Comment, ReplyPage};
use postgres::{GenericClient, IsolationLevel, NoTls, Row};
use r2d2_postgres::PostgresConnectionManager;

use super::{
    ArticleComment, Error, ModerationError, Order, Quota, Result, Store, Submission, Submitted,
};
use crate::db::desk_rows::{Action, AuditRow, DeskComment, Session, User};

/// The schema, one step per entry; `news_schema.version` is how many a database has had.
/// Step 1 is SQLite's steps 1 to 7 at once (the same tables and columns; numbers are
/// BIGINT, and the text that is ordered is compared byte by byte, `COLLATE "C"`, as
/// SQLite compares it, whatever the database's locale). Step 2 is SQLite's step 8: each
/// article's number of published top-level comments, kept by a trigger.
const MIGRATIONS: &[&str] = &[
    "
    CREATE TABLE comments (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        slug TEXT COLLATE \"C\" NOT NULL,
        author_name TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at TEXT COLLATE \"C\" NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'published', 'rejected')),
        client TEXT,
        likes BIGINT NOT NULL DEFAULT 0,
        parent_id TEXT,
        flag TEXT,
        hidden_at BIGINT,
        hidden_by TEXT
    );
    CREATE INDEX comments_by_article ON comments (slug, status, created_at);
    CREATE INDEX comments_by_parent ON comments (parent_id, status, created_at);
    CREATE INDEX comments_by_client ON comments (client, created_at);
    CREATE INDEX comments_by_status ON comments (status, created_at);
    CREATE INDEX comments_newest ON comments (slug, created_at DESC, seq DESC)
        WHERE status = 'published' AND parent_id IS NULL;
    CREATE INDEX comments_top ON comments (slug, likes DESC, created_at DESC, seq DESC)
        WHERE status = 'published' AND parent_id IS NULL;
    CREATE TABLE article_views (
        slug TEXT COLLATE \"C\" NOT NULL,
        client TEXT NOT NULL,
        at BIGINT NOT NULL,
        PRIMARY KEY (slug, client)
    );
    CREATE INDEX article_views_by_time ON article_views (at, slug);
    CREATE TABLE likes (
        comment_id TEXT NOT NULL,
        reader TEXT NOT NULL,
        PRIMARY KEY (comment_id, reader)
    );
    CREATE TABLE desk_users (
        name TEXT COLLATE \"C\" PRIMARY KEY,
        password_hash TEXT NOT NULL,
        created_at BIGINT NOT NULL
    );
    CREATE TABLE desk_sessions (
        token_hash TEXT PRIMARY KEY,
        user_name TEXT NOT NULL,
        csrf TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        seen_at BIGINT NOT NULL
    );
    CREATE INDEX desk_sessions_by_user ON desk_sessions (user_name);
    CREATE TABLE desk_audit (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at BIGINT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('approve', 'reject', 'hide')),
        comment_id TEXT NOT NULL
    );
    CREATE TABLE rate_limits (
        bucket TEXT NOT NULL,
        key TEXT NOT NULL,
        tat BIGINT NOT NULL,
        PRIMARY KEY (bucket, key)
    );
    CREATE TABLE secrets (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
",
    "
    CREATE TABLE comment_counts (
        slug TEXT COLLATE \"C\" PRIMARY KEY,
        published BIGINT NOT NULL
    );
    INSERT INTO comment_counts (slug, published)
        SELECT slug, COUNT(*) FROM comments
        WHERE status = 'published' AND parent_id IS NULL GROUP BY slug;
    CREATE FUNCTION comment_counts_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'published' AND OLD.parent_id IS NULL THEN
            UPDATE comment_counts SET published = published - 1 WHERE slug = OLD.slug;
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.status = 'published' AND NEW.parent_id IS NULL THEN
            INSERT INTO comment_counts (slug, published) VALUES (NEW.slug, 1)
                ON CONFLICT (slug) DO UPDATE SET published = comment_counts.published + 1;
        END IF;
        RETURN NULL;
    END $$;
    CREATE TRIGGER comment_counts AFTER INSERT OR DELETE OR UPDATE OF status ON comments
        FOR EACH ROW EXECUTE FUNCTION comment_counts_change();
",
];

/// The advisory lock servers starting at once take to migrate one at a time ("NEWS").
const MIGRATION_LOCK: i64 = 0x4E45_5753;

/// Connections one server keeps: blocking calls beyond it wait up to [`WAIT`].
const POOL_SIZE: u32 = 16;

/// How long a call waits for a connection (or to connect) before it fails with 503.
const WAIT: Duration = Duration::from_secs(5);

/// The database's clock in Unix milliseconds: one clock for every server.
const NOW_MS: &str = "(extract(epoch from clock_timestamp()) * 1000)::bigint";

type Pool = r2d2::Pool<PostgresConnectionManager<NoTls>>;

/// The open database.
pub struct Postgres {
    pool: Pool,
}

impl Postgres {
    /// Connects and migrates; `create` says whether an empty database may be made this
    /// server's (`serve`) or must be one already (the moderation commands). A database
    /// with tables of another program is refused, untouched.
    pub fn open(url: &str, create: bool) -> Result<Postgres> {
        let mut config: postgres::Config = url
            .parse()
            .map_err(|e| Error::Other(format!("--database-url: {e}")))?;
        config.connect_timeout(WAIT);
        if config.get_application_name().is_none() {
            config.application_name("news-server");
        }
        let manager = PostgresConnectionManager::new(config, NoTls);
        let pool = r2d2::Pool::builder()
            .max_size(POOL_SIZE)
            .min_idle(Some(1))
            .connection_timeout(WAIT)
            .build(manager)?;
        let db = Postgres { pool };
        db.migrate(create)?;
        Ok(db)
    }

    fn conn(&self) -> Result<r2d2::PooledConnection<PostgresConnectionManager<NoTls>>> {
        Ok(self.pool.get()?)
    }

    fn migrate(&self, create: bool) -> Result<()> {
        let mut conn = self.conn()?;
        let mut tx = conn.transaction()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
        let ours: bool = tx
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM information_schema.tables
                 WHERE table_schema = current_schema() AND table_name = 'news_schema')",
                &[],
            )?
            .get(0);
        if !ours {
            let tables: i64 = tx
                .query_one(
                    "SELECT COUNT(*) FROM information_schema.tables
                     WHERE table_schema = current_schema()",
                    &[],
                )?
                .get(0);
            if tables > 0 || !create {
                return Err(Error::Other(
                    "this PostgreSQL database is not a database of news-server (nothing was changed)"
                        .into(),
                ));
            }
            tx.batch_execute(
                "CREATE TABLE news_schema (version BIGINT NOT NULL);
                 INSERT INTO news_schema VALUES (0);",
            )?;
        }
        let version: i64 = tx.query_one("SELECT version FROM news_schema", &[])?.get(0);
        let done = usize::try_from(version)
            .ok()
            .filter(|&v| v <= MIGRATIONS.len())
            .ok_or_else(|| {
                Error::Other(format!(
                    "database schema {version} is not one this server knows (0 to {})",
                    MIGRATIONS.len()
                ))
            })?;
        for step in &MIGRATIONS[done..] {
            tx.batch_execute(step)?;
        }
        tx.execute(
            "UPDATE news_schema SET version = $1",
            &[&(MIGRATIONS.len() as i64)],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Comments of `status` with what they answer, newest first.
    fn desk_comments(&self, status: &str, limit: u32) -> Result<Vec<DeskComment>> {
        let rows = self.conn()?.query(
            "SELECT c.id, c.slug, c.author_name, c.body, c.created_at, c.flag,
                    p.author_name, p.body
             FROM comments c LEFT JOIN comments p ON p.id = c.parent_id
             WHERE c.status = $1 ORDER BY c.created_at DESC, c.seq DESC LIMIT $2",
            &[&status, &i64::from(limit)],
        )?;
        Ok(rows
            .iter()
            .map(|r| {
                let parent_author: Option<String> = r.get(6);
                let parent_body: Option<String> = r.get(7);
                DeskComment {
                    id: r.get(0),
                    slug: r.get(1),
                    author_name: r.get(2),
                    body: r.get(3),
                    created_at: r.get(4),
                    flag: r.get(5),
                    parent: parent_author.zip(parent_body),
                }
            })
            .collect())
    }
}

/// A comment of columns 0 to 3 with its likes in column 4; none is absent (contract v2).
fn comment_with_likes(r: &Row) -> Comment {
    let likes: i64 = r.get(4);
    Comment {
        id: r.get(0),
        author_name: r.get(1),
        body: r.get(2),
        created_at: r.get(3),
        likes: u32::try_from(likes).ok().filter(|&n| n > 0),
        replies: None,
    }
}

/// See [`Store::replies`]; `parent` is known to be a published top-level comment.
fn replies_of(
    conn: &mut impl GenericClient,
    parent: &str,
    offset: u32,
    limit: u32,
) -> Result<(Vec<Comment>, u32)> {
    let total: i64 = conn
        .query_one(
            "SELECT COUNT(*) FROM comments WHERE parent_id = $1 AND status = 'published'",
            &[&parent],
        )?
        .get(0);
    let total = u32::try_from(total).unwrap_or(u32::MAX);
    if total <= offset || limit == 0 {
        return Ok((Vec::new(), total));
    }
    let rows = conn.query(
        "SELECT id, author_name, body, created_at, likes FROM comments
         WHERE parent_id = $1 AND status = 'published'
         ORDER BY created_at, seq
         LIMIT $2 OFFSET $3",
        &[&parent, &i64::from(limit), &i64::from(offset)],
    )?;
    Ok((rows.iter().map(comment_with_likes).collect(), total))
}

/// Whether `parent` is a published top-level comment of `slug`; `lock` holds it so (a
/// moderator's hide waits) until the transaction ends.
fn is_thread(conn: &mut impl GenericClient, slug: &str, parent: &str, lock: bool) -> Result<bool> {
    let sql = if lock {
        "SELECT 1 FROM comments WHERE id = $1 AND slug = $2
         AND status = 'published' AND parent_id IS NULL FOR SHARE"
    } else {
        "SELECT 1 FROM comments WHERE id = $1 AND slug = $2
         AND status = 'published' AND parent_id IS NULL"
    };
    Ok(conn.query_opt(sql, &[&parent, &slug])?.is_some())
}

impl Store for Postgres {
    fn ping(&self) -> Result<()> {
        self.conn()?.simple_query("SELECT 1")?;
        Ok(())
    }

    fn comment_count(&self) -> Result<i64> {
        Ok(self
            .conn()?
            .query_one("SELECT COUNT(*) FROM comments", &[])?
            .get(0))
    }

    fn import_published(&self, items: &[ArticleComment]) -> Result<usize> {
        let mut conn = self.conn()?;
        let mut tx = conn.transaction()?;
        let insert = tx.prepare(
            "INSERT INTO comments
                 (id, slug, author_name, body, created_at, status, likes, parent_id)
             VALUES ($1, $2, $3, $4, $5, 'published', $6, $7)
             ON CONFLICT (id) DO NOTHING",
        )?;
        let mut added = 0;
        for item in items {
            let c = &item.comment;
            // A demo like has no reader behind it: only the count is kept.
            added += tx.execute(
                &insert,
                &[
                    &c.id,
                    &item.slug,
                    &c.author_name,
                    &c.body,
                    &c.created_at,
                    &i64::from(c.likes.unwrap_or(0)),
                    &item.parent_id,
                ],
            )?;
        }
        tx.commit()?;
        Ok(added as usize)
    }

    fn submit(&self, new: &Submission, duplicate_since: &str) -> Result<Submitted> {
        let mut conn = self.conn()?;
        let mut tx = conn.transaction()?;
        // Two copies from one client, on two servers at once, wait for each other here.
        tx.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
            &[&new.client],
        )?;
        if let Some(parent) = &new.parent_id {
            if !is_thread(&mut tx, &new.slug, parent, true)? {
                return Ok(Submitted::NoSuchParent);
            }
        }
        let duplicate = tx.query_opt(
            "SELECT 1 FROM comments WHERE client = $1 AND created_at >= $2 AND body = $3",
            &[&new.client, &duplicate_since, &new.comment.body],
        )?;
        if duplicate.is_some() {
            return Ok(Submitted::Duplicate);
        }
        let c = &new.comment;
        tx.execute(
            "INSERT INTO comments
                 (id, slug, author_name, body, created_at, status, client, parent_id, flag)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            &[
                &c.id,
                &new.slug,
                &c.author_name,
                &c.body,
                &c.created_at,
                &new.status.as_str(),
                &new.client,
                &new.parent_id,
                &new.flag,
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
        let mut conn = self.conn()?;
        // One snapshot, so the totals and the items agree.
        let mut tx = conn
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()?;
        let total: i64 = tx
            .query_opt(
                "SELECT published FROM comment_counts WHERE slug = $1",
                &[&slug],
            )?
            .map_or(0, |r| r.get(0));
        let order_by = match order {
            Order::Newest => "created_at DESC, seq DESC",
            Order::MostLiked => "likes DESC, created_at DESC, seq DESC",
        };
        let rows = tx.query(
            &format!(
                "SELECT id, author_name, body, created_at, likes FROM comments
                 WHERE slug = $1 AND status = 'published' AND parent_id IS NULL
                 ORDER BY {order_by}
                 LIMIT $2 OFFSET $3"
            ),
            &[
                &slug,
                &i64::from(per_page),
                &(i64::from(page) * i64::from(per_page)),
            ],
        )?;
        let mut items: Vec<Comment> = rows.iter().map(comment_with_likes).collect();
        // Every thread's first replies in one round trip, not two per comment.
        let ids: Vec<&str> = items.iter().map(|c| c.id.as_str()).collect();
        let replies = tx.query(
            "SELECT id, author_name, body, created_at, likes, parent_id, total FROM (
                 SELECT id, author_name, body, created_at, likes, parent_id, seq,
                     row_number() OVER (PARTITION BY parent_id ORDER BY created_at, seq) AS n,
                     COUNT(*) OVER (PARTITION BY parent_id) AS total
                 FROM comments WHERE parent_id = ANY($1) AND status = 'published'
             ) r WHERE n <= $2 ORDER BY created_at, seq",
            &[&ids, &i64::from(replies_shown)],
        )?;
        for c in &mut items {
            let mine: Vec<&Row> = replies
                .iter()
                .filter(|r| r.get::<_, &str>(5) == c.id)
                .collect();
            // Absent means none, as for likes: a thread without replies reads as in v1.
            c.replies = mine.first().map(|first| ReplyPage {
                items: mine.iter().map(|r| comment_with_likes(r)).collect(),
                total: u32::try_from(first.get::<_, i64>(6)).unwrap_or(u32::MAX),
                next: None,
            });
        }
        tx.commit()?;
        Ok((items, u32::try_from(total).unwrap_or(u32::MAX)))
    }

    fn replies(
        &self,
        slug: &str,
        parent: &str,
        offset: u32,
        limit: u32,
    ) -> Result<Option<(Vec<Comment>, u32)>> {
        let mut conn = self.conn()?;
        let mut tx = conn
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()?;
        let page = if is_thread(&mut tx, slug, parent, false)? {
            Some(replies_of(&mut tx, parent, offset, limit)?)
        } else {
            None
        };
        tx.commit()?;
        Ok(page)
    }

    fn pending(&self) -> Result<Vec<ArticleComment>> {
        let rows = self.conn()?.query(
            "SELECT id, author_name, body, created_at, 0::bigint, slug, parent_id, flag
             FROM comments WHERE status = 'pending' ORDER BY created_at, seq",
            &[],
        )?;
        Ok(rows
            .iter()
            .map(|r| ArticleComment {
                comment: comment_with_likes(r),
                slug: r.get(5),
                parent_id: r.get(6),
                flag: r.get(7),
            })
            .collect())
    }

    fn set_like(&self, slug: &str, id: &str, reader: &str, on: bool) -> Result<Option<u32>> {
        let mut conn = self.conn()?;
        let mut tx = conn.transaction()?;
        // The comment's row is held: its count moves one like at a time.
        let published = tx.query_opt(
            "SELECT 1 FROM comments WHERE id = $1 AND slug = $2 AND status = 'published'
             FOR UPDATE",
            &[&id, &slug],
        )?;
        if published.is_none() {
            return Ok(None);
        }
        let changed = if on {
            tx.execute(
                "INSERT INTO likes (comment_id, reader) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                &[&id, &reader],
            )?
        } else {
            tx.execute(
                "DELETE FROM likes WHERE comment_id = $1 AND reader = $2",
                &[&id, &reader],
            )?
        };
        let step: i64 = if changed == 0 {
            0
        } else if on {
            1
        } else {
            -1
        };
        let likes: i64 = tx
            .query_one(
                "UPDATE comments SET likes = likes + $2 WHERE id = $1 RETURNING likes",
                &[&id, &step],
            )?
            .get(0);
        tx.commit()?;
        Ok(Some(u32::try_from(likes).unwrap_or(0)))
    }

    fn record_view(&self, slug: &str, client: &str, at: i64, since: i64) -> Result<bool> {
        let changed = self.conn()?.execute(
            "INSERT INTO article_views (slug, client, at) VALUES ($1, $2, $3)
             ON CONFLICT (slug, client) DO UPDATE SET at = excluded.at
             WHERE article_views.at < $4",
            &[&slug, &client, &at, &since],
        )?;
        Ok(changed > 0)
    }

    fn most_viewed(&self, since: i64, limit: u32) -> Result<Vec<String>> {
        let rows = self.conn()?.query(
            "SELECT slug FROM article_views WHERE at >= $1
             GROUP BY slug ORDER BY COUNT(*) DESC, MAX(at) DESC, slug LIMIT $2",
            &[&since, &i64::from(limit)],
        )?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    fn prune_views(&self, before: i64) -> Result<usize> {
        Ok(self
            .conn()?
            .execute("DELETE FROM article_views WHERE at < $1", &[&before])? as usize)
    }

    fn rate_check(&self, quota: Quota<'_>, key: &str) -> Result<std::result::Result<(), u64>> {
        let mut conn = self.conn()?;
        let mut tx = conn.transaction()?;
        // The row exists before it is locked, so two servers' first actions queue on it.
        tx.execute(
            "INSERT INTO rate_limits (bucket, key, tat) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING",
            &[&quota.bucket, &key],
        )?;
        let row = tx.query_one(
            &format!(
                "SELECT tat, {NOW_MS} FROM rate_limits WHERE bucket = $1 AND key = $2 FOR UPDATE"
            ),
            &[&quota.bucket, &key],
        )?;
        let verdict = super::rules::gcra(quota, row.get(0), row.get(1));
        if let Ok(tat) = verdict {
            tx.execute(
                "UPDATE rate_limits SET tat = $3 WHERE bucket = $1 AND key = $2",
                &[&quota.bucket, &key, &tat],
            )?;
        }
        tx.commit()?;
        Ok(verdict.map(|_| ()))
    }

    fn rate_prune(&self) -> Result<usize> {
        Ok(self.conn()?.execute(
            &format!("DELETE FROM rate_limits WHERE tat < {NOW_MS}"),
            &[],
        )? as usize)
    }

    fn secret(&self, name: &str, make: &dyn Fn() -> String) -> Result<String> {
        let mut conn = self.conn()?;
        conn.execute(
            "INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            &[&name, &make()],
        )?;
        Ok(conn
            .query_one("SELECT value FROM secrets WHERE name = $1", &[&name])?
            .get(0))
    }

    fn add_user(&self, name: &str, hash: &str, now: i64) -> Result<bool> {
        let added = self.conn()?.execute(
            "INSERT INTO desk_users (name, password_hash, created_at) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING",
            &[&name, &hash, &now],
        )?;
        Ok(added > 0)
    }

    fn remove_user(&self, name: &str) -> Result<bool> {
        let mut conn = self.conn()?;
        let mut tx = conn.transaction()?;
        let removed = tx.execute("DELETE FROM desk_users WHERE name = $1", &[&name])?;
        tx.execute("DELETE FROM desk_sessions WHERE user_name = $1", &[&name])?;
        tx.commit()?;
        Ok(removed > 0)
    }

    fn users(&self) -> Result<Vec<User>> {
        let rows = self
            .conn()?
            .query("SELECT name, created_at FROM desk_users ORDER BY name", &[])?;
        Ok(rows
            .iter()
            .map(|r| User {
                name: r.get(0),
                created_at: r.get(1),
            })
            .collect())
    }

    fn password_hash(&self, name: &str) -> Result<Option<String>> {
        Ok(self
            .conn()?
            .query_opt(
                "SELECT password_hash FROM desk_users WHERE name = $1",
                &[&name],
            )?
            .map(|r| r.get(0)))
    }

    fn create_session(
        &self,
        token_hash: &str,
        user: &str,
        csrf: &str,
        now: i64,
        (expired_before, born_before): (i64, i64),
    ) -> Result<()> {
        let mut conn = self.conn()?;
        let mut tx = conn.transaction()?;
        tx.execute(
            "DELETE FROM desk_sessions WHERE seen_at < $1 OR created_at < $2",
            &[&expired_before, &born_before],
        )?;
        tx.execute(
            "INSERT INTO desk_sessions (token_hash, user_name, csrf, created_at, seen_at)
             VALUES ($1, $2, $3, $4, $4)",
            &[&token_hash, &user, &csrf, &now],
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
        let mut conn = self.conn()?;
        let mut tx = conn.transaction()?;
        let row = tx.query_opt(
            "SELECT s.user_name, s.csrf, s.created_at, s.seen_at FROM desk_sessions s
             JOIN desk_users u ON u.name = s.user_name WHERE s.token_hash = $1 FOR UPDATE OF s",
            &[&token_hash],
        )?;
        let alive = row
            .filter(|r| r.get::<_, i64>(3) >= expired_before && r.get::<_, i64>(2) >= born_before);
        let session = match alive {
            Some(r) => {
                tx.execute(
                    "UPDATE desk_sessions SET seen_at = $2 WHERE token_hash = $1",
                    &[&token_hash, &now],
                )?;
                Some(Session {
                    user: r.get(0),
                    csrf: r.get(1),
                })
            }
            None => {
                tx.execute(
                    "DELETE FROM desk_sessions WHERE token_hash = $1",
                    &[&token_hash],
                )?;
                None
            }
        };
        tx.commit()?;
        Ok(session)
    }

    fn sweep_sessions(&self, (expired_before, born_before): (i64, i64)) -> Result<usize> {
        Ok(self.conn()?.execute(
            "DELETE FROM desk_sessions WHERE seen_at < $1 OR created_at < $2",
            &[&expired_before, &born_before],
        )? as usize)
    }

    fn delete_session(&self, token_hash: &str) -> Result<()> {
        self.conn()?.execute(
            "DELETE FROM desk_sessions WHERE token_hash = $1",
            &[&token_hash],
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
        let mut conn = self.conn()?;
        let mut tx = conn.transaction()?;
        let mut changed = 0;
        for id in ids {
            let n = if action == Action::Hide {
                tx.execute(
                    "UPDATE comments SET status = 'rejected', hidden_at = $2, hidden_by = $3
                     WHERE id = $1 AND status = 'published'",
                    &[id, &now, &actor],
                )?
            } else if only_pending {
                tx.execute(
                    "UPDATE comments SET status = $2 WHERE id = $1 AND status = 'pending'",
                    &[id, &status],
                )?
            } else {
                tx.execute(
                    "UPDATE comments SET status = $2 WHERE id = $1",
                    &[id, &status],
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
                "INSERT INTO desk_audit (at, actor, action, comment_id) VALUES ($1, $2, $3, $4)",
                &[&now, &actor, &action.as_str(), id],
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
        let rows = self.conn()?.query(
            "SELECT slug, COUNT(*) FROM comments WHERE status = 'pending'
             GROUP BY slug ORDER BY COUNT(*) DESC, slug",
            &[],
        )?;
        Ok(rows
            .iter()
            .map(|r| {
                let n: i64 = r.get(1);
                (r.get(0), u32::try_from(n).unwrap_or(u32::MAX))
            })
            .collect())
    }

    fn published(&self, limit: u32) -> Result<Vec<DeskComment>> {
        self.desk_comments("published", limit)
    }

    fn audit(&self, limit: u32) -> Result<Vec<AuditRow>> {
        let rows = self.conn()?.query(
            "SELECT a.at, a.actor, a.action, a.comment_id, c.slug, c.body
             FROM desk_audit a LEFT JOIN comments c ON c.id = a.comment_id
             ORDER BY a.seq DESC LIMIT $1",
            &[&i64::from(limit)],
        )?;
        Ok(rows
            .iter()
            .map(|r| {
                let slug: Option<String> = r.get(4);
                let body: Option<String> = r.get(5);
                AuditRow {
                    at: r.get(0),
                    actor: r.get(1),
                    action: r.get(2),
                    comment_id: r.get(3),
                    comment: slug.zip(body),
                }
            })
            .collect())
    }
}
