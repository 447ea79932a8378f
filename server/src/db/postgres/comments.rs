//! Readers' comments on PostgreSQL: the demo content's import, a reader's submission (an
//! advisory lock on the client's key, its thread held while it is checked), a page of an
//! article's comments with every thread's first replies in one query, a page of replies,
//! and the comments waiting for the desk.

use contract::{Comment, ReplyPage};
use postgres::{Client, GenericClient, IsolationLevel, Row, Transaction};

use crate::db::columns::{self, Columns};
use crate::db::sql;
use crate::db::{ArticleComment, Order, Result, Submission, Submitted};

/// How many comments there are, whatever their status.
pub(super) fn count(conn: &mut Client) -> Result<i64> {
    Ok(conn.query_one(sql::COMMENT_COUNT.postgres, &[])?.get(0))
}

/// See [`crate::db::Store::import_published`].
pub(super) fn import_published(conn: &mut Client, items: &[ArticleComment]) -> Result<usize> {
    let mut tx = conn.transaction()?;
    let insert = tx.prepare(sql::IMPORT_PUBLISHED.postgres)?;
    let mut added = 0;
    for item in items {
        let c = &item.comment;
        // A demo like has no reader behind it: only the count is kept.
        added += tx.execute(
            &insert,
            &[
                &c.id,
                &item.slug,
                &c.author_name,
                &c.body,
                &c.created_at,
                &i64::from(c.likes.unwrap_or(0)),
                &item.parent_id,
            ],
        )?;
    }
    tx.commit()?;
    Ok(added as usize)
}

/// See [`crate::db::Store::submit`].
pub(super) fn submit(
    conn: &mut Client,
    new: &Submission,
    duplicate_since: &str,
) -> Result<Submitted> {
    let mut tx = conn.transaction()?;
    // Two copies from one client, on two servers at once, wait for each other here.
    tx.execute(
        "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
        &[&new.client],
    )?;
    if let Some(parent) = &new.parent_id {
        if !is_thread(&mut tx, &new.slug, parent, true)? {
            return Ok(Submitted::NoSuchParent);
        }
    }
    let duplicate = tx.query_opt(
        sql::DUPLICATE.postgres,
        &[&new.client, &duplicate_since, &new.comment.body],
    )?;
    if duplicate.is_some() {
        return Ok(Submitted::Duplicate);
    }
    let c = &new.comment;
    tx.execute(
        sql::SUBMIT.postgres,
        &[
            &c.id,
            &new.slug,
            &c.author_name,
            &c.body,
            &c.created_at,
            &new.status.as_str(),
            &new.client,
            &new.parent_id,
            &new.flag,
        ],
    )?;
    tx.commit()?;
    Ok(Submitted::Stored)
}

/// See [`crate::db::Store::published_page`].
pub(super) fn published_page(
    conn: &mut Client,
    slug: &str,
    order: Order,
    page: u32,
    per_page: u32,
    replies_shown: u32,
) -> Result<(Vec<Comment>, u32)> {
    // One snapshot, so the totals and the items agree.
    let mut tx = snapshot(conn)?;
    let total = match tx.query_opt(sql::PUBLISHED_COUNT.postgres, &[&slug])? {
        Some(row) => row.count(0)?,
        None => 0,
    };
    let offset = i64::from(page) * i64::from(per_page);
    let rows = tx.query(
        sql::page(order).postgres,
        &[&slug, &i64::from(per_page), &offset],
    )?;
    let mut items = columns::postgres_all(&rows, columns::comment_with_likes)?;
    first_replies(&mut tx, &mut items, replies_shown)?;
    tx.commit()?;
    Ok((items, total))
}

/// Gives each of `items` its first `shown` published replies and their total, when it has
/// any: every thread's in one round trip, not two per comment.
fn first_replies(tx: &mut Transaction<'_>, items: &mut [Comment], shown: u32) -> Result<()> {
    let ids: Vec<&str> = items.iter().map(|c| c.id.as_str()).collect();
    let replies = tx.query(
        "SELECT id, author_name, body, created_at, likes, parent_id, total FROM (
             SELECT id, author_name, body, created_at, likes, parent_id, seq,
                 row_number() OVER (PARTITION BY parent_id ORDER BY created_at, seq) AS n,
                 COUNT(*) OVER (PARTITION BY parent_id) AS total
             FROM comments WHERE parent_id = ANY($1) AND status = 'published'
         ) r WHERE n <= $2 ORDER BY created_at, seq",
        &[&ids, &i64::from(shown)],
    )?;
    for c in items {
        let mine: Vec<&Row> = replies
            .iter()
            .filter(|r| r.get::<_, &str>(5) == c.id)
            .collect();
        // Absent means none, as for likes: a thread without replies reads as in v1.
        c.replies = match mine.first() {
            Some(first) => Some(ReplyPage {
                items: mine
                    .iter()
                    .map(|r| columns::comment_with_likes(*r))
                    .collect::<Result<_>>()?,
                total: first.count(6)?,
                next: None,
            }),
            None => None,
        };
    }
    Ok(())
}

/// See [`crate::db::Store::replies`].
pub(super) fn replies(
    conn: &mut Client,
    slug: &str,
    parent: &str,
    offset: u32,
    limit: u32,
) -> Result<Option<(Vec<Comment>, u32)>> {
    let mut tx = snapshot(conn)?;
    let page = if is_thread(&mut tx, slug, parent, false)? {
        Some(replies_of(&mut tx, parent, offset, limit)?)
    } else {
        None
    };
    tx.commit()?;
    Ok(page)
}

/// See [`crate::db::Store::pending`].
pub(super) fn pending(conn: &mut Client) -> Result<Vec<ArticleComment>> {
    let rows = conn.query(sql::PENDING.postgres, &[])?;
    columns::postgres_all(&rows, columns::article_comment)
}

/// A read-only transaction on one snapshot.
fn snapshot(conn: &mut Client) -> Result<Transaction<'_>> {
    Ok(conn
        .build_transaction()
        .isolation_level(IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()?)
}

/// See [`crate::db::Store::replies`]; `parent` is known to be a published top-level comment.
fn replies_of(
    conn: &mut impl GenericClient,
    parent: &str,
    offset: u32,
    limit: u32,
) -> Result<(Vec<Comment>, u32)> {
    let total = conn
        .query_one(sql::REPLY_COUNT.postgres, &[&parent])?
        .count(0)?;
    if total <= offset || limit == 0 {
        return Ok((Vec::new(), total));
    }
    let rows = conn.query(
        sql::REPLIES.postgres,
        &[&parent, &i64::from(limit), &i64::from(offset)],
    )?;
    Ok((
        columns::postgres_all(&rows, columns::comment_with_likes)?,
        total,
    ))
}

/// Whether `parent` is a published top-level comment of `slug`; `lock` holds it so (a
/// moderator's hide waits) until the transaction ends.
fn is_thread(conn: &mut impl GenericClient, slug: &str, parent: &str, lock: bool) -> Result<bool> {
    let found = if lock {
        let held = format!("{} FOR SHARE", sql::IS_THREAD.postgres);
        conn.query_opt(held.as_str(), &[&parent, &slug])?
    } else {
        conn.query_opt(sql::IS_THREAD.postgres, &[&parent, &slug])?
    };
    Ok(found.is_some())
}
