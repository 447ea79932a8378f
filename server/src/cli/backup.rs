//! `news-server backup`: an SQLite database copied while a server uses it (the copy itself
//! is `db::backup`); a PostgreSQL database is refused, naming the tools that copy one.

use std::path::Path;

use crate::db::backup::{self, Pace};
use crate::db::Location;

/// What `backup` says of a PostgreSQL database.
pub const POSTGRES_REFUSED: &str = "backup copies an SQLite file; back up PostgreSQL with \
    pg_dump (one database, e.g. pg_dump -Fc -f news.dump URL) or pg_basebackup (the whole \
    cluster): see docs/deploy.md";

/// Copies `db` into `out` and prints what was copied.
pub fn run(db: &Location, out: &Path, pace: Pace) -> Result<(), String> {
    let file = match db {
        Location::Postgres(_) => return Err(POSTGRES_REFUSED.into()),
        Location::Sqlite(file) if is_postgres_url(file) => return Err(POSTGRES_REFUSED.into()),
        Location::Sqlite(file) => file,
    };
    let copied = backup::copy(file, out, pace).map_err(|e| format!("backup: {e}"))?;
    println!(
        "backed up {} into {}: {} pages, {} B in {:.2} s ({} step{})",
        file.display(),
        out.display(),
        copied.pages,
        copied.bytes,
        copied.elapsed.as_secs_f64(),
        copied.steps,
        if copied.steps == 1 { "" } else { "s" }
    );
    Ok(())
}

/// A PostgreSQL URL given as a file (`--db postgres://…`).
fn is_postgres_url(file: &Path) -> bool {
    let text = file.to_string_lossy();
    text.starts_with("postgres://") || text.starts_with("postgresql://")
}
