//! What every server on the database must agree on, on PostgreSQL: rate limits, GCRA's
//! theoretical arrival time per key read and written under a lock on the key's row, on the
//! database's clock, and named secrets made by the first server that asks.

use postgres::Client;

use crate::db::{rules, sql};
use crate::db::{Quota, Result};

/// The database's clock in Unix milliseconds: one clock for every server.
const NOW_MS: &str = "(extract(epoch from clock_timestamp()) * 1000)::bigint";

/// See [`crate::db::Store::rate_check`].
pub(super) fn rate_check(
    conn: &mut Client,
    quota: Quota<'_>,
    key: &str,
) -> Result<std::result::Result<(), u64>> {
    let mut tx = conn.transaction()?;
    // The row exists before it is locked, so two servers' first actions queue on it.
    tx.execute(
        "INSERT INTO rate_limits (bucket, key, tat) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING",
        &[&quota.bucket, &key],
    )?;
    let row = tx.query_one(
        &format!("SELECT tat, {NOW_MS} FROM rate_limits WHERE bucket = $1 AND key = $2 FOR UPDATE"),
        &[&quota.bucket, &key],
    )?;
    let verdict = rules::gcra(quota, row.get(0), row.get(1));
    if let Ok(tat) = verdict {
        tx.execute(
            "UPDATE rate_limits SET tat = $3 WHERE bucket = $1 AND key = $2",
            &[&quota.bucket, &key, &tat],
        )?;
    }
    tx.commit()?;
    Ok(verdict.map(|_| ()))
}

/// See [`crate::db::Store::rate_prune`].
pub(super) fn rate_prune(conn: &mut Client) -> Result<usize> {
    Ok(conn.execute(
        &format!("DELETE FROM rate_limits WHERE tat < {NOW_MS}"),
        &[],
    )? as usize)
}

/// See [`crate::db::Store::secret`].
pub(super) fn secret(conn: &mut Client, name: &str, make: &dyn Fn() -> String) -> Result<String> {
    conn.execute(sql::MAKE_SECRET.postgres, &[&name, &make()])?;
    Ok(conn.query_one(sql::SECRET.postgres, &[&name])?.get(0))
}
