//! A database failure, whichever engine had it, and a database call's result.

use std::fmt;

/// A database failure, whichever engine had it.
#[derive(Debug)]
pub enum Error {
    /// SQLite's.
    Sqlite(rusqlite::Error),
    /// PostgreSQL's.
    Postgres(::postgres::Error),
    /// No connection could be had from the pool in time.
    Pool(r2d2::Error),
    /// Ours (a database of another program, a schema from the future).
    Other(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Sqlite(e) => e.fmt(f),
            // Its Display is only the kind ("db error"); the server's message is in the source.
            Error::Postgres(e) => match e.as_db_error() {
                Some(db) => write!(f, "{}: {}", db.code().code(), db.message()),
                None => e.fmt(f),
            },
            Error::Pool(e) => write!(f, "no database connection: {e}"),
            Error::Other(message) => f.write_str(message),
        }
    }
}

impl Error {
    /// The database is away (no connection in time, a connection lost, the server shutting
    /// down) rather than a call gone wrong: the engine logs that once, not each request.
    pub fn is_unreachable(&self) -> bool {
        match self {
            Error::Pool(_) => true,
            // SQLSTATE classes 08 (connection exception) and 57 (operator intervention:
            // terminated by a shutdown, cannot connect now).
            Error::Postgres(e) => {
                e.is_closed()
                    || e.as_db_error().is_some_and(|db| {
                        let code = db.code().code();
                        code.starts_with("08") || code.starts_with("57")
                    })
            }
            Error::Sqlite(_) | Error::Other(_) => false,
        }
    }
}

impl std::error::Error for Error {}

impl Error {
    /// The database's disk (or quota) is full: SQLite's `SQLITE_FULL`, PostgreSQL's
    /// `disk_full` (53100). Nothing was written; the same write succeeds once space is freed.
    pub fn is_disk_full(&self) -> bool {
        match self {
            Error::Sqlite(e) => e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull),
            Error::Postgres(e) => e.code() == Some(&::postgres::error::SqlState::DISK_FULL),
            Error::Pool(_) | Error::Other(_) => false,
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Sqlite(e)
    }
}

impl From<::postgres::Error> for Error {
    fn from(e: ::postgres::Error) -> Self {
        Error::Postgres(e)
    }
}

impl From<r2d2::Error> for Error {
    fn from(e: r2d2::Error) -> Self {
        Error::Pool(e)
    }
}

/// A database call's result.
pub type Result<T> = std::result::Result<T, Error>;
