//! Readers' comments on SQLite: the demo content's import, a reader's submission (thread
//! and duplicate checks under the one write lock), a page of an article's comments with
//! each thread's first replies, a page of replies, and the comments waiting for the desk.

use contract::{Comment, ReplyPage};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use crate::db::columns;
use crate::db::sql;
use crate::db::{ArticleComment, Order, Result, Submission, Submitted};

/// How many comments there are, whatever their status.
pub(super) fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(sql::COMMENT_COUNT.sqlite, [], |r| r.get(0))?)
}

/// See [`crate::db::Store::import_published`].
pub(super) fn import_published(conn: &mut Connection, items: &[ArticleComment]) -> Result<usize> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut added = 0;
    {
        let mut insert = tx.prepare(sql::IMPORT_PUBLISHED.sqlite)?;
        for item in items {
            let c = &item.comment;
            // A demo like has no reader behind it: only the count is kept.
            added += insert.execute(params![
                c.id,
                item.slug,
                c.author_name,
                c.body,
                c.created_at,
                c.likes.unwrap_or(0),
                item.parent_id
            ])?;
        }
    }
    tx.commit()?;
    Ok(added)
}

/// See [`crate::db::Store::submit`].
pub(super) fn submit(
    conn: &mut Connection,
    new: &Submission,
    duplicate_since: &str,
) -> Result<Submitted> {
    // IMMEDIATE: the checks and the insert hold the one write lock together.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if let Some(parent) = &new.parent_id {
        if !is_thread(&tx, &new.slug, parent)? {
            return Ok(Submitted::NoSuchParent);
        }
    }
    let duplicate = tx
        .query_row(
            sql::DUPLICATE.sqlite,
            params![new.client, duplicate_since, new.comment.body],
            |_| Ok(()),
        )
        .optional()?;
    if duplicate.is_some() {
        return Ok(Submitted::Duplicate);
    }
    let c = &new.comment;
    tx.execute(
        sql::SUBMIT.sqlite,
        params![
            c.id,
            new.slug,
            c.author_name,
            c.body,
            c.created_at,
            new.status.as_str(),
            new.client,
            new.parent_id,
            new.flag
        ],
    )?;
    tx.commit()?;
    Ok(Submitted::Stored)
}

/// See [`crate::db::Store::published_page`].
pub(super) fn published_page(
    conn: &mut Connection,
    slug: &str,
    order: Order,
    page: u32,
    per_page: u32,
    replies_shown: u32,
) -> Result<(Vec<Comment>, u32)> {
    // One read transaction, so the totals and the items agree.
    let tx = conn.transaction()?;
    let total: u32 = tx
        .query_row(sql::PUBLISHED_COUNT.sqlite, [slug], |r| r.get(0))
        .optional()?
        .unwrap_or(0);
    let mut items = {
        let mut stmt = tx.prepare(sql::page(order).sqlite)?;
        let offset = i64::from(page) * i64::from(per_page);
        let params = params![slug, per_page, offset];
        columns::sqlite_all(&mut stmt, params, columns::comment_with_likes)?
    };
    for c in &mut items {
        let (replies, total) = replies_of(&tx, &c.id, 0, replies_shown)?;
        // Absent means none, as for likes: a thread without replies reads as in v1.
        c.replies = (total > 0).then_some(ReplyPage {
            items: replies,
            total,
            next: None,
        });
    }
    tx.finish()?;
    Ok((items, total))
}

/// See [`crate::db::Store::replies`].
pub(super) fn replies(
    conn: &mut Connection,
    slug: &str,
    parent: &str,
    offset: u32,
    limit: u32,
) -> Result<Option<(Vec<Comment>, u32)>> {
    let tx = conn.transaction()?;
    let page = if is_thread(&tx, slug, parent)? {
        Some(replies_of(&tx, parent, offset, limit)?)
    } else {
        None
    };
    tx.finish()?;
    Ok(page)
}

/// See [`crate::db::Store::pending`].
pub(super) fn pending(conn: &Connection) -> Result<Vec<ArticleComment>> {
    let mut stmt = conn.prepare(sql::PENDING.sqlite)?;
    columns::sqlite_all(&mut stmt, [], columns::article_comment)
}

/// Whether `parent` is a published top-level comment of `slug`.
fn is_thread(conn: &Connection, slug: &str, parent: &str) -> Result<bool> {
    let found = conn
        .query_row(sql::IS_THREAD.sqlite, params![parent, slug], |_| Ok(()))
        .optional()?;
    Ok(found.is_some())
}

/// See [`crate::db::Store::replies`]; `parent` is known to be a published top-level comment.
fn replies_of(
    conn: &Connection,
    parent: &str,
    offset: u32,
    limit: u32,
) -> Result<(Vec<Comment>, u32)> {
    let total: u32 = conn.query_row(sql::REPLY_COUNT.sqlite, [parent], |r| r.get(0))?;
    if total <= offset || limit == 0 {
        return Ok((Vec::new(), total));
    }
    let mut stmt = conn.prepare(sql::REPLIES.sqlite)?;
    let params = params![parent, limit, offset];
    let items = columns::sqlite_all(&mut stmt, params, columns::comment_with_likes)?;
    Ok((items, total))
}
