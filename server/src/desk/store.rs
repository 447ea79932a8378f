//! The desk's rows in the database (schema step 5 in `db.rs`): accounts, sessions, the
//! audit log, and the moderation writes, each with its audit row in the same transaction,
//! so that nothing is ever changed without a record of who did it.

use rusqlite::{params, OptionalExtension, TransactionBehavior};

use crate::db::{Db, ModerationError};

/// What a moderator did to a comment, as the audit log names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Published a pending comment.
    Approve,
    /// Refused a pending comment.
    Reject,
    /// Took a published comment away from readers.
    Hide,
}

impl Action {
    /// The audit log's word for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Approve => "approve",
            Action::Reject => "reject",
            Action::Hide => "hide",
        }
    }
}

/// A moderator's account, as `user list` shows it.
#[derive(Debug, Clone)]
pub struct User {
    /// The login name.
    pub name: String,
    /// When it was made (Unix seconds).
    pub created_at: i64,
}

/// A live session.
#[derive(Debug, Clone)]
pub struct Session {
    /// Who is logged in.
    pub user: String,
    /// The synchronizer token every form of this session carries.
    pub csrf: String,
}

/// A comment as the desk lists it.
#[derive(Debug, Clone)]
pub struct DeskComment {
    /// Its id.
    pub id: String,
    /// The article's slug.
    pub slug: String,
    /// The reader's name.
    pub author_name: String,
    /// The reader's text.
    pub body: String,
    /// When it was posted (RFC 3339, UTC).
    pub created_at: String,
    /// Why the spam guard held it (`links`, `banned:word`), if it did.
    pub flag: Option<String>,
    /// The comment it answers, for a reply: (author, body), when that one exists.
    pub parent: Option<(String, String)>,
}

/// One row of the audit log, with what is left of its comment.
#[derive(Debug, Clone)]
pub struct AuditRow {
    /// When (Unix seconds).
    pub at: i64,
    /// Who: a desk account, or «dòng lệnh» for the command line.
    pub actor: String,
    /// What.
    pub action: String,
    /// Which comment.
    pub comment_id: String,
    /// Its article and the start of its text, when the comment still exists.
    pub comment: Option<(String, String)>,
}

/// Adds an account; false when the name is taken.
pub fn add_user(db: &Db, name: &str, hash: &str, now: i64) -> rusqlite::Result<bool> {
    let added = db.writer().execute(
        "INSERT OR IGNORE INTO desk_users (name, password_hash, created_at) VALUES (?1, ?2, ?3)",
        params![name, hash, now],
    )?;
    Ok(added > 0)
}

/// Removes an account and ends its sessions; false when there was none.
pub fn remove_user(db: &Db, name: &str) -> rusqlite::Result<bool> {
    let mut conn = db.writer();
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let removed = tx.execute("DELETE FROM desk_users WHERE name = ?1", [name])?;
    tx.execute("DELETE FROM desk_sessions WHERE user_name = ?1", [name])?;
    tx.commit()?;
    Ok(removed > 0)
}

/// Every account, by name.
pub fn users(db: &Db) -> rusqlite::Result<Vec<User>> {
    let conn = db.reader()?;
    let mut stmt = conn.prepare("SELECT name, created_at FROM desk_users ORDER BY name")?;
    let rows = stmt.query_map([], |r| {
        Ok(User {
            name: r.get(0)?,
            created_at: r.get(1)?,
        })
    })?;
    rows.collect()
}

/// The stored PHC hash of an account's password.
pub fn password_hash(db: &Db, name: &str) -> rusqlite::Result<Option<String>> {
    db.reader()?
        .query_row(
            "SELECT password_hash FROM desk_users WHERE name = ?1",
            [name],
            |r| r.get(0),
        )
        .optional()
}

/// Starts a session (the token's digest is its key); sessions past `expired_before`
/// (idle) or `born_before` (absolute) are swept on the way.
pub fn create_session(
    db: &Db,
    token_hash: &str,
    user: &str,
    csrf: &str,
    now: i64,
    (expired_before, born_before): (i64, i64),
) -> rusqlite::Result<()> {
    let mut conn = db.writer();
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
    tx.commit()
}

/// The session of a token digest if it is still alive (seen after `expired_before`, made
/// after `born_before`, its account still there), marked as seen `now`; a dead one is
/// deleted.
pub fn touch_session(
    db: &Db,
    token_hash: &str,
    now: i64,
    (expired_before, born_before): (i64, i64),
) -> rusqlite::Result<Option<Session>> {
    let mut conn = db.writer();
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
        Some((user, csrf, created, seen)) if seen >= expired_before && created >= born_before => {
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

/// Deletes the sessions past their idle (`seen_at` before the first) or absolute limit.
pub fn sweep_sessions(
    db: &Db,
    (expired_before, born_before): (i64, i64),
) -> rusqlite::Result<usize> {
    db.writer().execute(
        "DELETE FROM desk_sessions WHERE seen_at < ?1 OR created_at < ?2",
        params![expired_before, born_before],
    )
}

/// Ends a session.
pub fn delete_session(db: &Db, token_hash: &str) -> rusqlite::Result<()> {
    db.writer().execute(
        "DELETE FROM desk_sessions WHERE token_hash = ?1",
        [token_hash],
    )?;
    Ok(())
}

/// Approves or rejects comments, each with its audit row, all in one transaction. From
/// the desk (`only_pending`) a comment no longer pending (another moderator was quicker) is
/// skipped; from the command line any status changes, and an unknown id changes nothing.
/// Returns how many changed.
pub fn moderate(
    db: &Db,
    ids: &[String],
    action: Action,
    actor: &str,
    now: i64,
    only_pending: bool,
) -> Result<usize, ModerationError> {
    let status = match action {
        Action::Approve => "published",
        Action::Reject | Action::Hide => "rejected",
    };
    let mut conn = db.writer();
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

const DESK_COLUMNS: &str = "c.id, c.slug, c.author_name, c.body, c.created_at, c.flag,
    p.author_name, p.body";

fn desk_comment(r: &rusqlite::Row<'_>) -> rusqlite::Result<DeskComment> {
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
}

/// Pending comments and replies, newest first, at most `limit`.
pub fn queue(db: &Db, limit: u32) -> rusqlite::Result<Vec<DeskComment>> {
    let conn = db.reader()?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {DESK_COLUMNS} FROM comments c LEFT JOIN comments p ON p.id = c.parent_id
         WHERE c.status = 'pending' ORDER BY c.created_at DESC, c.seq DESC LIMIT ?1"
    ))?;
    let rows = stmt.query_map([limit], desk_comment)?;
    rows.collect()
}

/// Pending comments per article, most first.
pub fn pending_counts(db: &Db) -> rusqlite::Result<Vec<(String, u32)>> {
    let conn = db.reader()?;
    let mut stmt = conn.prepare(
        "SELECT slug, COUNT(*) FROM comments WHERE status = 'pending'
         GROUP BY slug ORDER BY COUNT(*) DESC, slug",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

/// Published comments, newest first, at most `limit` (the desk filters them: SQLite's
/// LIKE folds the case of ASCII letters only, and Vietnamese names are mostly not ASCII).
pub fn published(db: &Db, limit: u32) -> rusqlite::Result<Vec<DeskComment>> {
    let conn = db.reader()?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {DESK_COLUMNS} FROM comments c LEFT JOIN comments p ON p.id = c.parent_id
         WHERE c.status = 'published' ORDER BY c.created_at DESC, c.seq DESC LIMIT ?1"
    ))?;
    let rows = stmt.query_map([limit], desk_comment)?;
    rows.collect()
}

/// The newest audit rows first, at most `limit`.
pub fn audit(db: &Db, limit: u32) -> rusqlite::Result<Vec<AuditRow>> {
    let conn = db.reader()?;
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
    rows.collect()
}
