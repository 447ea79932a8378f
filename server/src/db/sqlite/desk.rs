//! Moderation on SQLite: comments approved, rejected or hidden, each with its audit row, in
//! one transaction; the desk's lists (the queue, the published comments, pending counts per
//! article) and the audit log.

use rusqlite::{params, Connection, TransactionBehavior};

use crate::db::desk_rows::{Action, AuditRow, DeskComment, LiveAction};
use crate::db::{columns, sql};
use crate::db::{ModerationError, Result};

/// See [`crate::db::Store::moderate`].
pub(super) fn moderate(
    conn: &mut Connection,
    ids: &[String],
    action: Action,
    actor: &str,
    now: i64,
    only_pending: bool,
) -> std::result::Result<usize, ModerationError> {
    let status = action.status().as_str();
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut changed = 0;
    for id in ids {
        let n = if action == Action::Hide {
            tx.execute(sql::HIDE.sqlite, params![id, now, actor])?
        } else if only_pending {
            tx.execute(sql::DECIDE_PENDING.sqlite, params![id, status])?
        } else {
            tx.execute(sql::SET_STATUS.sqlite, params![id, status])?
        };
        if n == 0 {
            if !only_pending {
                // Dropping the transaction rolls back the ids already done.
                return Err(ModerationError::UnknownId(id.clone()));
            }
            continue;
        }
        tx.execute(
            sql::AUDIT_ENTRY.sqlite,
            params![now, actor, action.as_str(), id],
        )?;
        changed += 1;
    }
    tx.commit()?;
    Ok(changed)
}

/// Comments of `status` with what they answer, newest first (the desk filters them:
/// SQLite's LIKE folds the case of ASCII letters only, and Vietnamese names are mostly
/// not ASCII).
pub(super) fn comments(conn: &Connection, status: &str, limit: u32) -> Result<Vec<DeskComment>> {
    let mut stmt = conn.prepare(sql::DESK_COMMENTS.sqlite)?;
    columns::sqlite_all(&mut stmt, params![status, limit], columns::desk_comment)
}

/// See [`crate::db::Store::pending_counts`].
pub(super) fn pending_counts(conn: &Connection) -> Result<Vec<(String, u32)>> {
    let mut stmt = conn.prepare(sql::PENDING_COUNTS.sqlite)?;
    columns::sqlite_all(&mut stmt, [], columns::slug_count)
}

/// See [`crate::db::Store::audit`].
pub(super) fn audit(conn: &Connection, limit: u32) -> Result<Vec<AuditRow>> {
    let mut stmt = conn.prepare(sql::AUDIT.sqlite)?;
    columns::sqlite_all(&mut stmt, [limit], columns::audit_row)
}

/// See [`crate::db::Store::audit_live`].
pub(super) fn audit_live(
    conn: &Connection,
    now: i64,
    actor: &str,
    action: LiveAction,
    slug: &str,
    entry: &str,
) -> Result<()> {
    conn.execute(
        sql::AUDIT_LIVE.sqlite,
        params![now, actor, action.as_str(), entry, slug],
    )?;
    Ok(())
}
