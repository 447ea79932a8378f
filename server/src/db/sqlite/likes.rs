//! Likes on SQLite: one reader's like of a published comment recorded or taken back, and
//! the comment's count moved with it, under the one write lock.

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use crate::db::sql;
use crate::db::Result;

/// See [`crate::db::Store::set_like`].
pub(super) fn set_like(
    conn: &mut Connection,
    slug: &str,
    id: &str,
    reader: &str,
    on: bool,
) -> Result<Option<u32>> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let published = tx
        .query_row(sql::IS_PUBLISHED.sqlite, params![id, slug], |_| Ok(()))
        .optional()?;
    if published.is_none() {
        return Ok(None);
    }
    let like = if on { sql::LIKE } else { sql::UNLIKE };
    let changed = tx.execute(like.sqlite, params![id, reader])?;
    // The count moves only when a row was added or removed.
    let likes: u32 = if changed > 0 {
        tx.query_row(
            sql::ADD_LIKES.sqlite,
            params![id, if on { 1 } else { -1 }],
            |r| r.get(0),
        )?
    } else {
        tx.query_row("SELECT likes FROM comments WHERE id = ?1", [id], |r| {
            r.get(0)
        })?
    };
    tx.commit()?;
    Ok(Some(likes))
}
