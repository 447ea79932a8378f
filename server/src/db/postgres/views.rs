//! Views on PostgreSQL: a client's view of an article counted once per window, the
//! most-read ranking over the window, and the views older than it forgotten.

use postgres::Client;

use crate::db::sql;
use crate::db::Result;

/// See [`crate::db::Store::record_view`].
pub(super) fn record_view(
    conn: &mut Client,
    slug: &str,
    client: &str,
    at: i64,
    since: i64,
) -> Result<bool> {
    let changed = conn.execute(sql::RECORD_VIEW.postgres, &[&slug, &client, &at, &since])?;
    Ok(changed > 0)
}

/// See [`crate::db::Store::most_viewed`].
pub(super) fn most_viewed(conn: &mut Client, since: i64, limit: u32) -> Result<Vec<String>> {
    let rows = conn.query(sql::MOST_VIEWED.postgres, &[&since, &i64::from(limit)])?;
    Ok(rows.iter().map(|r| r.get(0)).collect())
}

/// See [`crate::db::Store::prune_views`].
pub(super) fn prune_views(conn: &mut Client, before: i64) -> Result<usize> {
    Ok(conn.execute(sql::PRUNE_VIEWS.postgres, &[&before])? as usize)
}
