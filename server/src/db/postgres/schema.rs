//! The PostgreSQL schema: its migration steps (`news_schema.version` counts them), taken
//! one server at a time under an advisory lock, and the refusal of a database that holds
//! another program's tables.

use postgres::Client;

use crate::db::rules;
use crate::db::{Error, Result};

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
    "
    ALTER TABLE desk_audit DROP CONSTRAINT desk_audit_action_check;
    ALTER TABLE desk_audit ADD CONSTRAINT desk_audit_action_check
        CHECK (action IN ('approve', 'reject', 'hide', 'live-add', 'live-end'));
    ALTER TABLE desk_audit ADD COLUMN slug TEXT;
",
];

/// The advisory lock servers starting at once take to migrate one at a time ("NEWS").
const MIGRATION_LOCK: i64 = 0x4E45_5753;

/// Makes an empty database this server's where `create`, refuses another program's, and
/// brings the schema up to date, one server at a time.
pub(super) fn migrate(conn: &mut Client, create: bool) -> Result<()> {
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
    let done = rules::steps_done(version, MIGRATIONS.len()).map_err(Error::Other)?;
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
