//! A live SQLite database copied into another file with SQLite's online backup API, while
//! the server keeps writing: in steps of a few pages with a pause between them, from one
//! snapshot, into a temporary file beside the destination that is renamed over it once
//! whole and on disk (a reader of the destination never sees half a copy).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::{schema, BUSY_TIMEOUT};
use crate::db::{Error, Result};

/// How the copy goes.
#[derive(Debug, Clone, Copy)]
pub struct Pace {
    /// Pages copied per step.
    pub pages_per_step: u32,
    /// The pause after each step, leaving the disk to the server.
    pub pause: Duration,
}

/// What was copied.
#[derive(Debug)]
pub struct Copied {
    /// The database's pages.
    pub pages: u64,
    /// The copy's size.
    pub bytes: u64,
    /// The steps it took.
    pub steps: u64,
    /// How long it took, rename included.
    pub elapsed: Duration,
}

/// Copies the database `from` (this server's, in use or not) into `to`.
pub fn copy(from: &Path, to: &Path, pace: Pace) -> Result<Copied> {
    let started = Instant::now();
    if !from.is_file() {
        return Err(Error::Other(format!(
            "{}: no such database file",
            from.display()
        )));
    }
    if same_file(from, to) {
        return Err(Error::Other(
            "the backup cannot overwrite its own database".into(),
        ));
    }
    schema::check_ours(from, false)?;
    let temp = temp_beside(to);
    let result = copy_into(from, &temp, pace);
    let (pages, steps) = match result {
        Ok(counts) => counts,
        Err(e) => {
            remove_with_sidecars(&temp);
            return Err(e);
        }
    };
    let bytes = finish(&temp, to).inspect_err(|_| remove_with_sidecars(&temp))?;
    Ok(Copied {
        pages,
        bytes,
        steps,
        elapsed: started.elapsed(),
    })
}

/// The backup proper, into a new file `temp`: the pages and the steps taken.
fn copy_into(from: &Path, temp: &Path, pace: Pace) -> Result<(u64, u64)> {
    let source = Connection::open_with_flags(
        from,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    source.busy_timeout(BUSY_TIMEOUT)?;
    remove_with_sidecars(temp);
    let mut dest = Connection::open(temp)?;
    // One read transaction over every step: in WAL mode it holds no writer back, and the
    // copy is the database as it was when it began. Between steps without it, the backup
    // API starts over whenever another process (the server) commits, so under a steady
    // stream of comments it might never end.
    let wal = source
        .pragma_query_value(None, "journal_mode", |r| r.get::<_, String>(0))?
        .eq_ignore_ascii_case("wal");
    if wal {
        source.execute_batch("BEGIN")?;
        source.query_row("SELECT COUNT(*) FROM sqlite_schema", [], |r| {
            r.get::<_, i64>(0)
        })?;
    }
    let pages_per_step = i32::try_from(pace.pages_per_step.max(1)).unwrap_or(i32::MAX);
    let mut steps = 0;
    let pages = {
        let backup = Backup::new(&source, &mut dest)?;
        loop {
            steps += 1;
            // More, Busy or Locked: step again after the pause.
            if backup.step(pages_per_step)? == StepResult::Done {
                break;
            }
            std::thread::sleep(pace.pause);
        }
        backup.progress().pagecount
    };
    if wal {
        source.execute_batch("COMMIT")?;
    }
    dest.close().map_err(|(_, e)| e)?;
    Ok((u64::try_from(pages).unwrap_or(0), steps))
}

/// Makes `temp` durable and renames it over `to`; the copy's size.
fn finish(temp: &Path, to: &Path) -> Result<u64> {
    let io = |e: std::io::Error| Error::Other(format!("{}: {e}", to.display()));
    let file = std::fs::File::open(temp).map_err(io)?;
    file.sync_all().map_err(io)?;
    let bytes = file.metadata().map_err(io)?.len();
    std::fs::rename(temp, to).map_err(io)?;
    // The rename itself on disk: the folder's entry.
    if let Some(dir) = to.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(io)?;
    }
    Ok(bytes)
}

/// A temporary name in the destination's folder (a rename does not cross file systems).
fn temp_beside(to: &Path) -> PathBuf {
    let name = to
        .file_name()
        .map_or_else(|| "backup".into(), |n| n.to_string_lossy().into_owned());
    to.with_file_name(format!(".{name}.partial-{}", std::process::id()))
}

/// Removes a database file and the journal files SQLite may have left beside it.
fn remove_with_sidecars(path: &Path) {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

/// Whether both paths name one existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
