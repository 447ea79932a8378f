//! The desk's rows as the database gives them (schema step 6 in `db/sqlite/schema.rs`, the
//! same tables in `db/postgres/schema.rs`): accounts, sessions, the audit log. The queries
//! are the engines' (`db::Store`: `accounts.rs` and `desk.rs` in each engine's folder); a
//! moderation is written with its audit row in one transaction, so that nothing is ever
//! changed without a record of who did it.

use crate::db::rows::Status;

/// What a moderator did to a comment, as the audit log names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Published a pending comment.
    Approve,
    /// Refused a pending comment.
    Reject,
    /// Took a published comment away from readers.
    Hide,
}

impl Action {
    /// The audit log's word for it.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Approve => "approve",
            Action::Reject => "reject",
            Action::Hide => "hide",
        }
    }

    /// The status a comment has after it.
    pub fn status(self) -> Status {
        match self {
            Action::Approve => Status::Published,
            Action::Reject | Action::Hide => Status::Rejected,
        }
    }
}

/// A moderator's account, as `user list` shows it.
#[derive(Debug, Clone)]
pub struct User {
    /// The login name.
    pub name: String,
    /// When it was made (Unix seconds).
    pub created_at: i64,
}

/// A live session.
#[derive(Debug, Clone)]
pub struct Session {
    /// Who is logged in.
    pub user: String,
    /// The synchronizer token every form of this session carries.
    pub csrf: String,
}

/// A comment as the desk lists it.
#[derive(Debug, Clone)]
pub struct DeskComment {
    /// Its id.
    pub id: String,
    /// The article's slug.
    pub slug: String,
    /// The reader's name.
    pub author_name: String,
    /// The reader's text.
    pub body: String,
    /// When it was posted (RFC 3339, UTC).
    pub created_at: String,
    /// Why the spam guard held it (`links`, `banned:word`), if it did.
    pub flag: Option<String>,
    /// The comment it answers, for a reply: (author, body), when that one exists.
    pub parent: Option<(String, String)>,
}

/// One row of the audit log, with what is left of its comment.
#[derive(Debug, Clone)]
pub struct AuditRow {
    /// When (Unix seconds).
    pub at: i64,
    /// Who: a desk account, or «dòng lệnh» for the command line.
    pub actor: String,
    /// What.
    pub action: String,
    /// Which comment (a live entry's id for `live-add`, empty for `live-end`).
    pub comment_id: String,
    /// Its article and the start of its text, when the comment still exists.
    pub comment: Option<(String, String)>,
    /// The article of a live coverage's action.
    pub article: Option<String>,
}

/// What an editor did to a live coverage from the desk, as the audit log names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiveAction {
    /// Added an entry.
    Add,
    /// Ended the coverage.
    End,
}

impl LiveAction {
    /// The audit log's word for it.
    pub fn as_str(self) -> &'static str {
        match self {
            LiveAction::Add => "live-add",
            LiveAction::End => "live-end",
        }
    }
}
