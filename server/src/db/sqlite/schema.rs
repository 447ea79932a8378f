//! The SQLite schema: its migration steps (`PRAGMA user_version` counts them), the check
//! that a file is this server's database before anything is written to it, and the
//! migration itself.

use std::path::Path;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::db::rules;

/// The schema, one step per entry; `PRAGMA user_version` is how many a database has had.
/// Step 2: a view counts once per client and article in the ranking's window (`client` is
/// the client's key: an IPv4 address or an IPv6 /64), so one client cannot move the ranking.
/// Step 3: likes of comments (contract v2): who liked what, and each comment's count beside it.
/// Step 4: replies (`parent_id`, the id of the thread's top-level comment) and why the spam
/// guard held a comment for the desk (`flag`, e.g. `links` or `banned:word`).
/// Step 5: a client's recent comments found without a scan (the spam guard's duplicates).
/// Step 6: the moderation desk (`desk/`): its accounts, sessions (token digests) and
/// audit log, and who hid a published comment when (a hidden comment is also `rejected`, so
/// that every reader's query, which asks for `published`, leaves it out without knowing).
/// Step 7: what several servers share (on PostgreSQL; SQLite has them too, so that the
/// schema is one): rate limits (`rate_limits`, GCRA's theoretical arrival time per key) and
/// secrets (`secrets`, the login form's signing key, which now survives a restart); and a
/// page of an article's comments in either order read from an index, not sorted per request.
/// Step 8: each article's number of published top-level comments (`comment_counts`), kept
/// by triggers on `comments` whoever writes it (a reader, the desk, a command, a script),
/// so that a page's `total` is one row, not a count of every comment per request.
/// Step 9: the audit log records live coverage's actions from the desk (`live-add`, with
/// the entry's id in `comment_id`; `live-end`) and their article (`slug`); SQLite cannot
/// change a CHECK, so the table is made anew and its rows copied.
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
    "
    CREATE TABLE desk_audit_9 (
        seq INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL
            CHECK (action IN ('approve', 'reject', 'hide', 'live-add', 'live-end')),
        comment_id TEXT NOT NULL,
        slug TEXT
    );
    INSERT INTO desk_audit_9 (seq, at, actor, action, comment_id)
        SELECT seq, at, actor, action, comment_id FROM desk_audit;
    DROP TABLE desk_audit;
    ALTER TABLE desk_audit_9 RENAME TO desk_audit;
",
];

/// `PRAGMA application_id` of this server's databases ("NEWS"): a moderation command given
/// some other SQLite file says so instead of changing it.
const APPLICATION_ID: i64 = 0x4E45_5753;

/// Refuses a file that is not a database of this server (another program's SQLite file,
/// or no SQLite file at all), before anything is written to it. A file of no tables is
/// accepted where `empty_is_ours` (a new database being created).
pub(super) fn check_ours(path: &Path, empty_is_ours: bool) -> rusqlite::Result<()> {
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

/// Brings the schema up to date, one process at a time.
pub(super) fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    // IMMEDIATE: two processes starting at once cannot both run the same step.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let done = rules::steps_done(version, MIGRATIONS.len()).map_err(failure)?;
    for step in &MIGRATIONS[done..] {
        tx.execute_batch(step)?;
    }
    tx.pragma_update(None, "user_version", MIGRATIONS.len() as i64)?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit()
}

/// An error of ours in rusqlite's type, so that callers handle one kind.
pub(super) fn failure(message: String) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_ERROR),
        Some(message),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Step 9 makes the audit log anew: a database of step 8 keeps its rows and then takes
    /// live coverage's actions.
    #[test]
    fn step_9_keeps_the_audit_log_and_takes_live_actions() {
        let mut conn = Connection::open_in_memory().unwrap();
        for step in &MIGRATIONS[..8] {
            conn.execute_batch(step).unwrap();
        }
        conn.pragma_update(None, "user_version", 8).unwrap();
        conn.execute_batch(
            "INSERT INTO desk_audit (at, actor, action, comment_id) VALUES (1, 'a', 'hide', 'c-1')",
        )
        .unwrap();
        let live = "INSERT INTO desk_audit (at, actor, action, comment_id, slug)
                    VALUES (2, 'a', 'live-add', 'e-1', 'bai')";
        assert!(
            conn.execute_batch(live).is_err(),
            "step 8 has no such column"
        );
        migrate(&mut conn).unwrap();
        conn.execute_batch(live).unwrap();
        let bad = "INSERT INTO desk_audit (at, actor, action, comment_id) VALUES (3, 'a', 'x', '')";
        assert!(conn.execute_batch(bad).is_err(), "the CHECK stays");
        let rows: Vec<(i64, String, Option<String>)> = conn
            .prepare("SELECT seq, action, slug FROM desk_audit ORDER BY seq")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            rows,
            [
                (1, "hide".to_string(), None),
                (2, "live-add".to_string(), Some("bai".to_string()))
            ]
        );
    }
}
