//! Likes on PostgreSQL: one reader's like of a published comment recorded or taken back,
//! and the comment's count moved with it, under a lock on the comment's row (servers that
//! count at once take turns on it).

use postgres::Client;

use crate::db::columns::Columns;
use crate::db::sql;
use crate::db::Result;

/// See [`crate::db::Store::set_like`].
pub(super) fn set_like(
    conn: &mut Client,
    slug: &str,
    id: &str,
    reader: &str,
    on: bool,
) -> Result<Option<u32>> {
    let mut tx = conn.transaction()?;
    // The comment's row is held: its count moves one like at a time.
    let held = format!("{} FOR UPDATE", sql::IS_PUBLISHED.postgres);
    if tx.query_opt(held.as_str(), &[&id, &slug])?.is_none() {
        return Ok(None);
    }
    let like = if on { sql::LIKE } else { sql::UNLIKE };
    let changed = tx.execute(like.postgres, &[&id, &reader])?;
    let step: i64 = match (changed, on) {
        (0, _) => 0,
        (_, true) => 1,
        (_, false) => -1,
    };
    let likes = tx
        .query_one(sql::ADD_LIKES.postgres, &[&id, &step])?
        .int(0)?;
    tx.commit()?;
    Ok(Some(u32::try_from(likes).unwrap_or(0)))
}
