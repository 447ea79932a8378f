//! The moderator's commands, run beside a live server on the same database file (WAL lets
//! both in; a write waits for the other's lock up to the busy timeout).

use std::io::Write;

use crate::db::desk_rows::Action;
use crate::db::{Db, Location, ModerationError, Status};

/// Prints the pending comments, oldest first, one per line, tab-separated: id, article
/// slug, created_at, author, the whole body, every line of it, with anything a terminal
/// would not show plainly written out (see [`visible`]), so that a harmless first line
/// cannot hide a link further down; then why the spam guard held it (`banned:word`,
/// `links`) and the id of the comment it replies to, each `-` when none. The new columns
/// come last so that a script reading the first five reads them as before.
pub fn pending(db_path: &Location) -> Result<(), String> {
    let db = open(db_path)?;
    let items = db.pending().map_err(|e| format!("database: {e}"))?;
    let mut out = std::io::stdout().lock();
    for item in &items {
        let c = &item.comment;
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}",
            c.id,
            item.slug,
            c.created_at,
            visible(&c.author_name),
            visible(&c.body),
            visible(item.flag.as_deref().unwrap_or("-")),
            item.parent_id.as_deref().unwrap_or("-")
        )
        .map_err(|e| e.to_string())?;
    }
    if items.is_empty() {
        eprintln!("no pending comments");
    }
    Ok(())
}

/// Who the audit log says moderated from the command line: the shell's user, whoever that is.
pub const CLI_ACTOR: &str = "dòng lệnh";

/// Sets the status of the comments `ids`: all of them, or none when one is unknown; each
/// change is in the desk's audit log, by [`CLI_ACTOR`].
pub fn set_status(db_path: &Location, ids: &[String], status: Status) -> Result<(), String> {
    let db = open(db_path)?;
    let action = match status {
        Status::Published => Action::Approve,
        Status::Rejected => Action::Reject,
        Status::Pending => return Err("a comment cannot be set pending again".into()),
    };
    let now = crate::clock::now_unix();
    match db.moderate(ids, action, CLI_ACTOR, now, false).map(|_| ()) {
        Ok(()) => {
            let verb = match action {
                Action::Approve => "approved",
                _ => "rejected",
            };
            for id in ids {
                println!("{verb} {id}");
            }
            Ok(())
        }
        Err(ModerationError::UnknownId(id)) => {
            Err(format!("unknown comment id {id}: nothing was changed"))
        }
        Err(ModerationError::Db(e)) => Err(format!("database: {e}")),
    }
}

fn open(db_path: &Location) -> Result<Db, String> {
    if matches!(db_path, Location::Sqlite(file) if !file.is_file()) {
        return Err(format!("no database at {db_path}"));
    }
    Db::open_existing(db_path).map_err(|e| format!("database {db_path}: {e}"))
}

/// A reader's text on one line of a terminal, nothing hidden: a line break as `⏎`, a
/// backslash doubled, and control, direction and invisible characters as `\u{…}` (a
/// U+202E would turn the rest of the line around, a zero-width space hide a link's dots).
fn visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => out.push_str(" ⏎ "),
            '\\' => out.push_str("\\\\"),
            c if is_hidden(c) => out.push_str(&format!("\\u{{{:04X}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Characters a terminal shows as nothing, or that change how the rest is shown.
fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
            | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
            | '\u{FFA0}' | '\u{FFF9}'..='\u{FFFB}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_a_reader_wrote_is_hidden_from_the_moderator() {
        assert_eq!(
            visible("Bài hay\n\n\nhttp://spam.example"),
            "Bài hay ⏎  ⏎  ⏎ http://spam.example"
        );
        assert_eq!(visible("An\u{202E}gnp.exe"), "An\\u{202E}gnp.exe");
        assert_eq!(
            visible("spam\u{200B}.example\t\u{0}"),
            "spam\\u{200B}.example\\u{0009}\\u{0000}"
        );
        assert_eq!(
            visible("a\\u{202E}"),
            "a\\\\u{202E}",
            "a typed escape is not mistaken for one"
        );
        assert_eq!(visible("Xin chào 😀"), "Xin chào 😀");
    }
}
