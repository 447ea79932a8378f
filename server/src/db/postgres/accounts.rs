//! The desk's accounts and sessions on PostgreSQL: accounts added, removed (their sessions
//! with them) and listed, a password hash looked up, and sessions made, kept alive by use
//! (the session's row held while it is judged), swept when past their idle or absolute
//! limit, and ended.

use postgres::Client;

use crate::db::columns::{self, Columns};
use crate::db::desk_rows::{Session, User};
use crate::db::Result;
use crate::db::{rules, sql};

/// See [`crate::db::Store::add_user`].
pub(super) fn add_user(conn: &mut Client, name: &str, hash: &str, now: i64) -> Result<bool> {
    let added = conn.execute(sql::ADD_USER.postgres, &[&name, &hash, &now])?;
    Ok(added > 0)
}

/// See [`crate::db::Store::remove_user`].
pub(super) fn remove_user(conn: &mut Client, name: &str) -> Result<bool> {
    let mut tx = conn.transaction()?;
    let removed = tx.execute(sql::REMOVE_USER.postgres, &[&name])?;
    tx.execute(sql::END_SESSIONS_OF.postgres, &[&name])?;
    tx.commit()?;
    Ok(removed > 0)
}

/// See [`crate::db::Store::users`].
pub(super) fn users(conn: &mut Client) -> Result<Vec<User>> {
    let rows = conn.query(sql::USERS.postgres, &[])?;
    columns::postgres_all(&rows, columns::user)
}

/// See [`crate::db::Store::password_hash`].
pub(super) fn password_hash(conn: &mut Client, name: &str) -> Result<Option<String>> {
    Ok(conn
        .query_opt(sql::PASSWORD_HASH.postgres, &[&name])?
        .map(|r| r.get(0)))
}

/// See [`crate::db::Store::create_session`].
pub(super) fn create_session(
    conn: &mut Client,
    token_hash: &str,
    user: &str,
    csrf: &str,
    now: i64,
    (expired_before, born_before): (i64, i64),
) -> Result<()> {
    let mut tx = conn.transaction()?;
    tx.execute(
        sql::SWEEP_SESSIONS.postgres,
        &[&expired_before, &born_before],
    )?;
    tx.execute(
        sql::CREATE_SESSION.postgres,
        &[&token_hash, &user, &csrf, &now],
    )?;
    tx.commit()?;
    Ok(())
}

/// See [`crate::db::Store::touch_session`].
pub(super) fn touch_session(
    conn: &mut Client,
    token_hash: &str,
    now: i64,
    limits: (i64, i64),
) -> Result<Option<Session>> {
    let mut tx = conn.transaction()?;
    let held = format!("{} FOR UPDATE OF s", sql::SESSION.postgres);
    let row = tx.query_opt(held.as_str(), &[&token_hash])?;
    let alive = match row {
        Some(r) if rules::session_alive(r.int(2)?, r.int(3)?, limits) => Some(r),
        _ => None,
    };
    let session = match alive {
        Some(r) => {
            tx.execute(sql::SEE_SESSION.postgres, &[&token_hash, &now])?;
            Some(Session {
                user: r.text(0)?,
                csrf: r.text(1)?,
            })
        }
        None => {
            tx.execute(sql::DELETE_SESSION.postgres, &[&token_hash])?;
            None
        }
    };
    tx.commit()?;
    Ok(session)
}

/// See [`crate::db::Store::sweep_sessions`].
pub(super) fn sweep_sessions(
    conn: &mut Client,
    (expired_before, born_before): (i64, i64),
) -> Result<usize> {
    Ok(conn.execute(
        sql::SWEEP_SESSIONS.postgres,
        &[&expired_before, &born_before],
    )? as usize)
}

/// See [`crate::db::Store::delete_session`].
pub(super) fn delete_session(conn: &mut Client, token_hash: &str) -> Result<()> {
    conn.execute(sql::DELETE_SESSION.postgres, &[&token_hash])?;
    Ok(())
}
