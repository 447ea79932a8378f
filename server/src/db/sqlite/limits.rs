//! What every server on a database must agree on, on SQLite (which has them too, so that
//! the schema is one and the signing key survives a restart): rate limits, GCRA's
//! theoretical arrival time per key on the database's clock, and named secrets.

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use crate::db::{rules, sql};
use crate::db::{Quota, Result};

/// SQLite's clock in Unix milliseconds.
const NOW_MS: &str = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";

/// See [`crate::db::Store::rate_check`].
pub(super) fn rate_check(
    conn: &mut Connection,
    quota: Quota<'_>,
    key: &str,
) -> Result<std::result::Result<(), u64>> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let now: i64 = tx.query_row(&format!("SELECT {NOW_MS}"), [], |r| r.get(0))?;
    let tat: Option<i64> = tx
        .query_row(
            "SELECT tat FROM rate_limits WHERE bucket = ?1 AND key = ?2",
            params![quota.bucket, key],
            |r| r.get(0),
        )
        .optional()?;
    let verdict = rules::gcra(quota, tat.unwrap_or(0), now);
    if let Ok(new_tat) = verdict {
        tx.execute(
            "INSERT INTO rate_limits (bucket, key, tat) VALUES (?1, ?2, ?3)
             ON CONFLICT (bucket, key) DO UPDATE SET tat = excluded.tat",
            params![quota.bucket, key, new_tat],
        )?;
    }
    tx.commit()?;
    Ok(verdict.map(|_| ()))
}

/// See [`crate::db::Store::rate_prune`].
pub(super) fn rate_prune(conn: &Connection) -> Result<usize> {
    Ok(conn.execute(&format!("DELETE FROM rate_limits WHERE tat < {NOW_MS}"), [])?)
}

/// See [`crate::db::Store::secret`].
pub(super) fn secret(conn: &Connection, name: &str, make: &dyn Fn() -> String) -> Result<String> {
    conn.execute(sql::MAKE_SECRET.sqlite, params![name, make()])?;
    Ok(conn.query_row(sql::SECRET.sqlite, [name], |r| r.get(0))?)
}
