//! The desk's accounts and sessions on SQLite: accounts added, removed (their sessions
//! with them) and listed, a password hash looked up, and sessions made, kept alive by use,
//! swept when past their idle or absolute limit, and ended.

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use crate::db::desk_rows::{Session, User};
use crate::db::Result;
use crate::db::{columns, rules, sql};

/// See [`crate::db::Store::add_user`].
pub(super) fn add_user(conn: &Connection, name: &str, hash: &str, now: i64) -> Result<bool> {
    let added = conn.execute(sql::ADD_USER.sqlite, params![name, hash, now])?;
    Ok(added > 0)
}

/// See [`crate::db::Store::remove_user`].
pub(super) fn remove_user(conn: &mut Connection, name: &str) -> Result<bool> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let removed = tx.execute(sql::REMOVE_USER.sqlite, [name])?;
    tx.execute(sql::END_SESSIONS_OF.sqlite, [name])?;
    tx.commit()?;
    Ok(removed > 0)
}

/// See [`crate::db::Store::users`].
pub(super) fn users(conn: &Connection) -> Result<Vec<User>> {
    let mut stmt = conn.prepare(sql::USERS.sqlite)?;
    columns::sqlite_all(&mut stmt, [], columns::user)
}

/// See [`crate::db::Store::password_hash`].
pub(super) fn password_hash(conn: &Connection, name: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(sql::PASSWORD_HASH.sqlite, [name], |r| r.get(0))
        .optional()?)
}

/// See [`crate::db::Store::create_session`].
pub(super) fn create_session(
    conn: &mut Connection,
    token_hash: &str,
    user: &str,
    csrf: &str,
    now: i64,
    (expired_before, born_before): (i64, i64),
) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute(
        sql::SWEEP_SESSIONS.sqlite,
        params![expired_before, born_before],
    )?;
    tx.execute(
        sql::CREATE_SESSION.sqlite,
        params![token_hash, user, csrf, now],
    )?;
    tx.commit()?;
    Ok(())
}

/// See [`crate::db::Store::touch_session`].
pub(super) fn touch_session(
    conn: &mut Connection,
    token_hash: &str,
    now: i64,
    limits: (i64, i64),
) -> Result<Option<Session>> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let row: Option<(String, String, i64, i64)> = tx
        .query_row(sql::SESSION.sqlite, [token_hash], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    let session = match row {
        Some((user, csrf, created, seen)) if rules::session_alive(created, seen, limits) => {
            tx.execute(sql::SEE_SESSION.sqlite, params![token_hash, now])?;
            Some(Session { user, csrf })
        }
        _ => {
            tx.execute(sql::DELETE_SESSION.sqlite, [token_hash])?;
            None
        }
    };
    tx.commit()?;
    Ok(session)
}

/// See [`crate::db::Store::sweep_sessions`].
pub(super) fn sweep_sessions(
    conn: &Connection,
    (expired_before, born_before): (i64, i64),
) -> Result<usize> {
    Ok(conn.execute(
        sql::SWEEP_SESSIONS.sqlite,
        params![expired_before, born_before],
    )?)
}

/// See [`crate::db::Store::delete_session`].
pub(super) fn delete_session(conn: &Connection, token_hash: &str) -> Result<()> {
    conn.execute(sql::DELETE_SESSION.sqlite, [token_hash])?;
    Ok(())
}
