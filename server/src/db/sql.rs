//! The SQL both engines run, written once: every statement whose text is the same in SQLite
//! and PostgreSQL but for its placeholders. Each is written with SQLite's `?N`; its
//! PostgreSQL text, with `$N`, is made from it at compile time ([`Sql`]). What a dialect
//! says its own way stays in the engine's folder: the schema, the database's clock, a rate
//! limit's read-modify-write, and PostgreSQL's row locks (`FOR SHARE`, `FOR UPDATE`), which
//! it appends to a statement of this file (SQLite's one writer needs none).
//!
//! The columns a statement reads are named in the order `db::columns` reads them.

use crate::db::Order;

/// One statement in each engine's placeholder style.
#[derive(Debug, Clone, Copy)]
pub struct Sql {
    /// With `?1`, `?2`…: rusqlite binds by those numbers.
    pub sqlite: &'static str,
    /// With `$1`, `$2`…: the same numbers.
    pub postgres: &'static str,
}

/// `text` with every `?` that starts a numbered placeholder turned into `$` (the same
/// length: the bytes of `text` are copied one for one). No statement here has a `?` of
/// its own.
const fn dollars<const N: usize>(text: &str) -> [u8; N] {
    let bytes = text.as_bytes();
    let mut out = [0u8; N];
    let mut i = 0;
    while i < N {
        out[i] = if bytes[i] == b'?' && i + 1 < N && bytes[i + 1].is_ascii_digit() {
            b'$'
        } else {
            bytes[i]
        };
        i += 1;
    }
    out
}

/// A statement for both engines from its SQLite text, at compile time.
macro_rules! both {
    ($text:expr) => {{
        const SQLITE: &str = $text;
        const POSTGRES: [u8; SQLITE.len()] = dollars(SQLITE);
        Sql {
            sqlite: SQLITE,
            postgres: match std::str::from_utf8(&POSTGRES) {
                Ok(text) => text,
                Err(_) => panic!("a statement is UTF-8 with ASCII placeholders"),
            },
        }
    }};
}

// Readers' comments (`db/*/comments.rs`).

/// How many comments there are, whatever their status.
pub const COMMENT_COUNT: Sql = both!("SELECT COUNT(*) FROM comments");

/// A published comment of the demo content, skipped when its id is there already: (id,
/// slug, author_name, body, created_at, likes, parent_id).
pub const IMPORT_PUBLISHED: Sql = both!(
    "INSERT INTO comments
         (id, slug, author_name, body, created_at, status, likes, parent_id)
     VALUES (?1, ?2, ?3, ?4, ?5, 'published', ?6, ?7)
     ON CONFLICT (id) DO NOTHING"
);

/// A row when comment ?1 is a published top-level comment of article ?2 (a thread).
pub const IS_THREAD: Sql = both!(
    "SELECT 1 FROM comments WHERE id = ?1 AND slug = ?2
     AND status = 'published' AND parent_id IS NULL"
);

/// A row when client ?1 sent body ?3 at or after ?2.
pub const DUPLICATE: Sql =
    both!("SELECT 1 FROM comments WHERE client = ?1 AND created_at >= ?2 AND body = ?3");

/// A reader's comment: (id, slug, author_name, body, created_at, status, client, parent_id,
/// flag).
pub const SUBMIT: Sql = both!(
    "INSERT INTO comments
         (id, slug, author_name, body, created_at, status, client, parent_id, flag)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
);

/// Article ?1's number of published top-level comments (no row: none).
pub const PUBLISHED_COUNT: Sql = both!("SELECT published FROM comment_counts WHERE slug = ?1");

/// A page of article ?1's published top-level comments, ?2 from ?3 on, newest first: id,
/// author_name, body, created_at, likes (read from the index `comments_newest`).
const PAGE_NEWEST: Sql = both!(
    "SELECT id, author_name, body, created_at, likes FROM comments
     WHERE slug = ?1 AND status = 'published' AND parent_id IS NULL
     ORDER BY created_at DESC, seq DESC
     LIMIT ?2 OFFSET ?3"
);

/// The same page most liked first, ties newest first (the index `comments_top`).
const PAGE_MOST_LIKED: Sql = both!(
    "SELECT id, author_name, body, created_at, likes FROM comments
     WHERE slug = ?1 AND status = 'published' AND parent_id IS NULL
     ORDER BY likes DESC, created_at DESC, seq DESC
     LIMIT ?2 OFFSET ?3"
);

/// A page of top-level comments in `order`: (slug, limit, offset).
pub fn page(order: Order) -> Sql {
    match order {
        Order::Newest => PAGE_NEWEST,
        Order::MostLiked => PAGE_MOST_LIKED,
    }
}

/// How many published replies comment ?1 has.
pub const REPLY_COUNT: Sql =
    both!("SELECT COUNT(*) FROM comments WHERE parent_id = ?1 AND status = 'published'");

/// Comment ?1's published replies, oldest first, ?2 from ?3 on: id, author_name, body,
/// created_at, likes.
pub const REPLIES: Sql = both!(
    "SELECT id, author_name, body, created_at, likes FROM comments
     WHERE parent_id = ?1 AND status = 'published'
     ORDER BY created_at, seq
     LIMIT ?2 OFFSET ?3"
);

/// Comments waiting for a moderator, oldest first: id, author_name, body, created_at, slug,
/// parent_id, flag.
pub const PENDING: Sql = both!(
    "SELECT id, author_name, body, created_at, slug, parent_id, flag FROM comments
     WHERE status = 'pending' ORDER BY created_at, seq"
);

// Likes (`db/*/likes.rs`).

/// A row when comment ?1 of article ?2 is published (PostgreSQL appends `FOR UPDATE`).
pub const IS_PUBLISHED: Sql =
    both!("SELECT 1 FROM comments WHERE id = ?1 AND slug = ?2 AND status = 'published'");

/// Reader ?2 likes comment ?1 (nothing when they did already).
pub const LIKE: Sql =
    both!("INSERT INTO likes (comment_id, reader) VALUES (?1, ?2) ON CONFLICT DO NOTHING");

/// Reader ?2 no longer likes comment ?1.
pub const UNLIKE: Sql = both!("DELETE FROM likes WHERE comment_id = ?1 AND reader = ?2");

/// Comment ?1's count moved by ?2, and the count after it.
pub const ADD_LIKES: Sql =
    both!("UPDATE comments SET likes = likes + ?2 WHERE id = ?1 RETURNING likes");

// Views and the ranking (`db/*/views.rs`).

/// A view of article ?1 by client ?2 at ?3, unless that client's view of it is counted
/// after ?4.
pub const RECORD_VIEW: Sql = both!(
    "INSERT INTO article_views (slug, client, at) VALUES (?1, ?2, ?3)
     ON CONFLICT (slug, client) DO UPDATE SET at = excluded.at
     WHERE article_views.at < ?4"
);

/// Slugs by clients who viewed them since ?1, then most recent view, at most ?2.
pub const MOST_VIEWED: Sql = both!(
    "SELECT slug FROM article_views WHERE at >= ?1
     GROUP BY slug ORDER BY COUNT(*) DESC, MAX(at) DESC, slug LIMIT ?2"
);

/// Views older than ?1 go.
pub const PRUNE_VIEWS: Sql = both!("DELETE FROM article_views WHERE at < ?1");

// Secrets (`db/*/limits.rs`).

/// Secret ?1 is ?2 unless it has a value already.
pub const MAKE_SECRET: Sql =
    both!("INSERT INTO secrets (name, value) VALUES (?1, ?2) ON CONFLICT DO NOTHING");

/// Secret ?1's value.
pub const SECRET: Sql = both!("SELECT value FROM secrets WHERE name = ?1");

// The desk's accounts and sessions (`db/*/accounts.rs`).

/// Account ?1 with password hash ?2, made at ?3, unless the name is taken.
pub const ADD_USER: Sql = both!(
    "INSERT INTO desk_users (name, password_hash, created_at) VALUES (?1, ?2, ?3)
     ON CONFLICT DO NOTHING"
);

/// Account ?1 goes.
pub const REMOVE_USER: Sql = both!("DELETE FROM desk_users WHERE name = ?1");

/// Account ?1's sessions end.
pub const END_SESSIONS_OF: Sql = both!("DELETE FROM desk_sessions WHERE user_name = ?1");

/// Every account by name: name, created_at.
pub const USERS: Sql = both!("SELECT name, created_at FROM desk_users ORDER BY name");

/// Account ?1's password hash.
pub const PASSWORD_HASH: Sql = both!("SELECT password_hash FROM desk_users WHERE name = ?1");

/// Sessions idle since before ?1 or made before ?2 go.
pub const SWEEP_SESSIONS: Sql =
    both!("DELETE FROM desk_sessions WHERE seen_at < ?1 OR created_at < ?2");

/// A session: (token_hash, user_name, csrf, now), seen when made.
pub const CREATE_SESSION: Sql = both!(
    "INSERT INTO desk_sessions (token_hash, user_name, csrf, created_at, seen_at)
     VALUES (?1, ?2, ?3, ?4, ?4)"
);

/// The session of token digest ?1 while its account exists: user_name, csrf, created_at,
/// seen_at (PostgreSQL appends `FOR UPDATE OF s`).
pub const SESSION: Sql = both!(
    "SELECT s.user_name, s.csrf, s.created_at, s.seen_at FROM desk_sessions s
     JOIN desk_users u ON u.name = s.user_name WHERE s.token_hash = ?1"
);

/// Session ?1 seen at ?2.
pub const SEE_SESSION: Sql = both!("UPDATE desk_sessions SET seen_at = ?2 WHERE token_hash = ?1");

/// Session ?1 ends.
pub const DELETE_SESSION: Sql = both!("DELETE FROM desk_sessions WHERE token_hash = ?1");

// Moderation (`db/*/desk.rs`).

/// Published comment ?1 hidden at ?2 by ?3.
pub const HIDE: Sql = both!(
    "UPDATE comments SET status = 'rejected', hidden_at = ?2, hidden_by = ?3
     WHERE id = ?1 AND status = 'published'"
);

/// Pending comment ?1 gets status ?2 (nothing when it is no longer pending).
pub const DECIDE_PENDING: Sql =
    both!("UPDATE comments SET status = ?2 WHERE id = ?1 AND status = 'pending'");

/// Comment ?1 gets status ?2, whatever it had.
pub const SET_STATUS: Sql = both!("UPDATE comments SET status = ?2 WHERE id = ?1");

/// The audit row of a moderation: (at, actor, action, comment_id).
pub const AUDIT_ENTRY: Sql =
    both!("INSERT INTO desk_audit (at, actor, action, comment_id) VALUES (?1, ?2, ?3, ?4)");

/// Comments of status ?1, newest first, at most ?2, with what they answer: id, slug,
/// author_name, body, created_at, flag, the parent's author_name and body.
pub const DESK_COMMENTS: Sql = both!(
    "SELECT c.id, c.slug, c.author_name, c.body, c.created_at, c.flag,
            p.author_name, p.body
     FROM comments c LEFT JOIN comments p ON p.id = c.parent_id
     WHERE c.status = ?1 ORDER BY c.created_at DESC, c.seq DESC LIMIT ?2"
);

/// Pending comments per article, most first: slug, count.
pub const PENDING_COUNTS: Sql = both!(
    "SELECT slug, COUNT(*) FROM comments WHERE status = 'pending'
     GROUP BY slug ORDER BY COUNT(*) DESC, slug"
);

/// The audit row of a live coverage's action: (at, actor, action, entry id or '', slug).
pub const AUDIT_LIVE: Sql = both!(
    "INSERT INTO desk_audit (at, actor, action, comment_id, slug) VALUES (?1, ?2, ?3, ?4, ?5)"
);

/// The newest ?1 audit rows: at, actor, action, comment_id, the comment's slug and body
/// while it exists, and the article of a live coverage's action.
pub const AUDIT: Sql = both!(
    "SELECT a.at, a.actor, a.action, a.comment_id, c.slug, c.body, a.slug
     FROM desk_audit a LEFT JOIN comments c ON c.id = a.comment_id
     ORDER BY a.seq DESC LIMIT ?1"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_text_is_sqlite_text_with_dollar_placeholders() {
        assert_eq!(
            SEE_SESSION.postgres,
            "UPDATE desk_sessions SET seen_at = $2 WHERE token_hash = $1"
        );
        assert_eq!(CREATE_SESSION.postgres.matches("$4").count(), 2);
        for sql in [SUBMIT, DESK_COMMENTS, AUDIT, page(Order::MostLiked)] {
            assert!(!sql.postgres.contains('?'), "{}", sql.postgres);
            assert_eq!(sql.sqlite.replace('?', "$"), sql.postgres);
        }
    }
}
