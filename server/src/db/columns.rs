//! What the rows of a query read as, once for both engines: [`Columns`] is what a row of
//! either engine gives (text, maybe text, a number), and each reading below names the
//! columns of its statement in `db::sql` by position.

use contract::Comment;

use crate::db::desk_rows::{AuditRow, DeskComment, User};
use crate::db::{ArticleComment, Result};

/// A row of either engine, column by column (from 0).
pub trait Columns {
    /// A text column that is never NULL.
    fn text(&self, i: usize) -> Result<String>;
    /// A text column that may be NULL.
    fn maybe_text(&self, i: usize) -> Result<Option<String>>;
    /// An integer column (SQLite's INTEGER, PostgreSQL's BIGINT).
    fn int(&self, i: usize) -> Result<i64>;

    /// A count, as the contract's `u32` (a count beyond it reads as its largest).
    fn count(&self, i: usize) -> Result<u32> {
        Ok(u32::try_from(self.int(i)?.max(0)).unwrap_or(u32::MAX))
    }
}

impl Columns for rusqlite::Row<'_> {
    fn text(&self, i: usize) -> Result<String> {
        Ok(self.get(i)?)
    }

    fn maybe_text(&self, i: usize) -> Result<Option<String>> {
        Ok(self.get(i)?)
    }

    fn int(&self, i: usize) -> Result<i64> {
        Ok(self.get(i)?)
    }
}

impl Columns for ::postgres::Row {
    fn text(&self, i: usize) -> Result<String> {
        Ok(self.try_get(i)?)
    }

    fn maybe_text(&self, i: usize) -> Result<Option<String>> {
        Ok(self.try_get(i)?)
    }

    fn int(&self, i: usize) -> Result<i64> {
        Ok(self.try_get(i)?)
    }
}

/// Every row of an SQLite statement run with `params`, each read by `read`.
pub fn sqlite_all<T>(
    stmt: &mut rusqlite::Statement<'_>,
    params: impl rusqlite::Params,
    read: fn(&dyn Columns) -> Result<T>,
) -> Result<Vec<T>> {
    let mut rows = stmt.query(params)?;
    let mut all = Vec::new();
    while let Some(row) = rows.next()? {
        all.push(read(row)?);
    }
    Ok(all)
}

/// Every row of a PostgreSQL query, each read by `read`.
pub fn postgres_all<T>(
    rows: &[::postgres::Row],
    read: fn(&dyn Columns) -> Result<T>,
) -> Result<Vec<T>> {
    rows.iter().map(|row| read(row)).collect()
}

/// A comment of columns 0 to 3 (id, author_name, body, created_at), without likes.
pub fn comment(r: &dyn Columns) -> Result<Comment> {
    Ok(Comment {
        id: r.text(0)?,
        author_name: r.text(1)?,
        body: r.text(2)?,
        created_at: r.text(3)?,
        likes: None,
        replies: None,
    })
}

/// A comment of columns 0 to 3 with its likes in column 4; none is absent (contract v2),
/// so pages without likes stay as they were.
pub fn comment_with_likes(r: &dyn Columns) -> Result<Comment> {
    let likes = u32::try_from(r.int(4)?).ok().filter(|&n| n > 0);
    Ok(Comment {
        likes,
        ..comment(r)?
    })
}

/// A pending comment ([`crate::db::sql::PENDING`]): the comment, then slug, parent_id, flag.
pub fn article_comment(r: &dyn Columns) -> Result<ArticleComment> {
    Ok(ArticleComment {
        comment: comment(r)?,
        slug: r.text(4)?,
        parent_id: r.maybe_text(5)?,
        flag: r.maybe_text(6)?,
    })
}

/// A comment as the desk lists it ([`crate::db::sql::DESK_COMMENTS`]).
pub fn desk_comment(r: &dyn Columns) -> Result<DeskComment> {
    Ok(DeskComment {
        id: r.text(0)?,
        slug: r.text(1)?,
        author_name: r.text(2)?,
        body: r.text(3)?,
        created_at: r.text(4)?,
        flag: r.maybe_text(5)?,
        parent: r.maybe_text(6)?.zip(r.maybe_text(7)?),
    })
}

/// An audit row and what is left of its comment ([`crate::db::sql::AUDIT`]).
pub fn audit_row(r: &dyn Columns) -> Result<AuditRow> {
    Ok(AuditRow {
        at: r.int(0)?,
        actor: r.text(1)?,
        action: r.text(2)?,
        comment_id: r.text(3)?,
        comment: r.maybe_text(4)?.zip(r.maybe_text(5)?),
        article: r.maybe_text(6)?,
    })
}

/// An account ([`crate::db::sql::USERS`]).
pub fn user(r: &dyn Columns) -> Result<User> {
    Ok(User {
        name: r.text(0)?,
        created_at: r.int(1)?,
    })
}

/// An article's slug and a count ([`crate::db::sql::PENDING_COUNTS`]).
pub fn slug_count(r: &dyn Columns) -> Result<(String, u32)> {
    Ok((r.text(0)?, r.count(1)?))
}
