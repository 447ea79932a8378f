//! Moderation on PostgreSQL: comments approved, rejected or hidden, each with its audit
//! row, in one transaction; the desk's lists (the queue, the published comments, pending
//! counts per article) and the audit log.

use postgres::Client;

use crate::db::desk_rows::{Action, AuditRow, DeskComment, LiveAction};
use crate::db::{columns, sql};
use crate::db::{ModerationError, Result};

/// See [`crate::db::Store::moderate`].
pub(super) fn moderate(
    conn: &mut Client,
    ids: &[String],
    action: Action,
    actor: &str,
    now: i64,
    only_pending: bool,
) -> std::result::Result<usize, ModerationError> {
    let status = action.status().as_str();
    let mut tx = conn.transaction()?;
    let mut changed = 0;
    for id in ids {
        let n = if action == Action::Hide {
            tx.execute(sql::HIDE.postgres, &[id, &now, &actor])?
        } else if only_pending {
            tx.execute(sql::DECIDE_PENDING.postgres, &[id, &status])?
        } else {
            tx.execute(sql::SET_STATUS.postgres, &[id, &status])?
        };
        if n == 0 {
            if !only_pending {
                // Dropping the transaction rolls back the ids already done.
                return Err(ModerationError::UnknownId(id.clone()));
            }
            continue;
        }
        tx.execute(
            sql::AUDIT_ENTRY.postgres,
            &[&now, &actor, &action.as_str(), id],
        )?;
        changed += 1;
    }
    tx.commit()?;
    Ok(changed)
}

/// Comments of `status` with what they answer, newest first.
pub(super) fn comments(conn: &mut Client, status: &str, limit: u32) -> Result<Vec<DeskComment>> {
    let rows = conn.query(sql::DESK_COMMENTS.postgres, &[&status, &i64::from(limit)])?;
    columns::postgres_all(&rows, columns::desk_comment)
}

/// See [`crate::db::Store::pending_counts`].
pub(super) fn pending_counts(conn: &mut Client) -> Result<Vec<(String, u32)>> {
    let rows = conn.query(sql::PENDING_COUNTS.postgres, &[])?;
    columns::postgres_all(&rows, columns::slug_count)
}

/// See [`crate::db::Store::audit`].
pub(super) fn audit(conn: &mut Client, limit: u32) -> Result<Vec<AuditRow>> {
    let rows = conn.query(sql::AUDIT.postgres, &[&i64::from(limit)])?;
    columns::postgres_all(&rows, columns::audit_row)
}

/// See [`crate::db::Store::audit_live`].
pub(super) fn audit_live(
    conn: &mut Client,
    now: i64,
    actor: &str,
    action: LiveAction,
    slug: &str,
    entry: &str,
) -> Result<()> {
    conn.execute(
        sql::AUDIT_LIVE.postgres,
        &[&now, &actor, &action.as_str(), &entry, &slug],
    )?;
    Ok(())
}
