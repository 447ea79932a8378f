//! The moderator's commands, run beside a live server on the same database file (WAL lets
//! both in; a write waits for the other's lock up to the busy timeout).

use std::io::Write;
use std::path::Path;

use crate::db::{Db, ModerationError, Status};

/// Prints the pending comments, oldest first, one per line, tab-separated:
/// id, article slug, created_at, author, first line of the body.
pub fn pending(db_path: &Path) -> Result<(), String> {
    let db = open(db_path)?;
    let items = db.pending().map_err(|e| format!("database: {e}"))?;
    let mut out = std::io::stdout().lock();
    for item in &items {
        let c = &item.comment;
        let first_line = c.body.lines().next().unwrap_or("");
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}",
            c.id,
            item.slug,
            c.created_at,
            one_line(&c.author_name),
            one_line(first_line)
        )
        .map_err(|e| e.to_string())?;
    }
    if items.is_empty() {
        eprintln!("no pending comments");
    }
    Ok(())
}

/// Sets the status of the comments `ids`: all of them, or none when one is unknown.
pub fn set_status(db_path: &Path, ids: &[String], status: Status) -> Result<(), String> {
    let db = open(db_path)?;
    match db.set_status(ids, status) {
        Ok(()) => {
            let verb = match status {
                Status::Published => "approved",
                Status::Rejected => "rejected",
                Status::Pending => "set pending",
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

fn open(db_path: &Path) -> Result<Db, String> {
    if !db_path.is_file() {
        return Err(format!("no database at {}", db_path.display()));
    }
    Db::open_existing(db_path).map_err(|e| format!("database {}: {e}", db_path.display()))
}

/// Tabs and control characters would break the columns of a listing.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}
