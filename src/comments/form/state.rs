//! What the comment form holds and how each event changes it: what the reader typed, the
//! messages for the fields, and where a submission is. No view here: the component
//! (`mod.rs`) shows this state and sends what `typed` gives it.

use contract::comments::{
    check_body, check_name, CommentCreated, CommentStatus, FieldErrors, NewComment, BODY_MAX,
};
use contract::Comment;

use super::super::draft;
use crate::api::PostError;
use crate::text;

/// Where a submission is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Status {
    /// Nothing sent yet, or the reader is typing again.
    #[default]
    Idle,
    /// On its way.
    Sending,
    /// Accepted, waiting for a moderator.
    Pending,
    /// Accepted and shown.
    Published,
    /// Refused by the browser's or the server's checks.
    CheckFields,
    /// 429: try again after this many seconds.
    TooFast(u32),
    /// No answer, or an unexpected one.
    Failed,
}

/// Everything the form holds, in one signal: one signal type instead of seven saves the
/// wasm the reactive code of each.
#[derive(Debug, Clone, Default)]
pub struct FormState {
    /// The name field.
    pub name: String,
    /// The comment box.
    pub body: String,
    /// The honeypot.
    pub website: String,
    /// Messages next to the fields.
    pub errors: FieldErrors,
    /// Messages follow the typing only once the reader has tried to send.
    pub tried: bool,
    /// Where a submission is.
    pub status: Status,
    /// The top-level comment a reply answers.
    pub parent: Option<String>,
}

impl FormState {
    /// A form with the reader's draft for the article `slug`, or for its thread `parent`.
    pub fn drafted(slug: &str, parent: Option<String>) -> Self {
        let key = draft::key(slug, parent.clone());
        FormState {
            name: draft::load(&key, "name"),
            body: draft::load(&key, "body"),
            parent,
            ..FormState::default()
        }
    }

    /// What to send now, or `None` while a submission is on its way.
    pub fn typed(&self) -> Option<NewComment> {
        (self.status != Status::Sending).then(|| NewComment {
            author_name: self.name.clone(),
            body: self.body.clone(),
            website: self.website.clone(),
            parent_id: self.parent.clone(),
        })
    }

    /// Shows the messages of a refused submission (the browser's checks or a 422).
    pub fn refuse(&mut self, errors: FieldErrors) {
        self.tried = true;
        self.errors = errors;
        self.status = Status::CheckFields;
    }

    /// Applies the server's answer; the comment when it is already published. What was
    /// typed is cleared only after a 201.
    pub fn answer(&mut self, result: Result<CommentCreated, PostError>) -> Option<Comment> {
        match result {
            Ok(created) => {
                self.body.clear();
                self.name.clear();
                self.tried = false;
                if created.status == CommentStatus::Published {
                    self.status = Status::Published;
                    return Some(created.comment);
                }
                self.status = Status::Pending;
            }
            Err(PostError::Invalid(found)) => self.refuse(found),
            Err(PostError::TooFast(secs)) => self.status = Status::TooFast(secs),
            Err(PostError::Failed) => self.status = Status::Failed,
        }
        None
    }

    /// The reader typed `value` into `field` ("body" or "name").
    pub fn input(&mut self, field: &str, value: String) {
        if field == "body" {
            if self.tried {
                self.errors.body = check_body(&value).map(str::to_string);
            }
            self.body = value;
        } else {
            if self.tried {
                self.errors.author_name = check_name(&value).map(str::to_string);
            }
            self.name = value;
        }
    }
}

/// The status line's words.
pub fn status_text(status: Status) -> String {
    match status {
        Status::Idle | Status::Sending => String::new(),
        Status::Pending => text::SENT_PENDING.into(),
        Status::Published => text::SENT_PUBLISHED.into(),
        Status::CheckFields => text::CHECK_FIELDS.into(),
        Status::TooFast(secs) if secs > 90 => {
            format!("{} {} phút.", text::TOO_FAST, secs.div_ceil(60))
        }
        Status::TooFast(secs) => format!("{} {secs} giây.", text::TOO_FAST),
        Status::Failed => text::SEND_FAILED.into(),
    }
}

/// The count shown under the comment box once fewer than 200 characters remain.
pub fn count_text(body: &str) -> Option<String> {
    let used = body.trim().chars().count();
    match BODY_MAX.checked_sub(used) {
        Some(left) if left <= 200 => Some(format!("{} {left} {}", text::CHARS_LEFT, text::CHARS)),
        Some(_) => None,
        None => Some(format!(
            "{} {} {}",
            text::CHARS_OVER,
            used - BODY_MAX,
            text::CHARS
        )),
    }
}
