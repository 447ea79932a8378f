//! Opening a database: SQLite's settings, a reopen that does not migrate again (servers
//! starting at once included), and another program's database refused and left as it was.

use super::*;

#[test]
fn sqlite_is_wal_synchronous_full_and_reopens_without_migrating_again() {
    let path = sqlite_file("reopen");
    remove_sqlite(&path);
    let at = Location::Sqlite(path.clone());
    let db = sqlite::Sqlite::open(&path).unwrap();
    assert_eq!(db.pragma("journal_mode"), ["wal", "wal"]);
    assert_eq!(db.pragma("synchronous"), ["2", "2"], "FULL");
    assert_eq!(db.pragma("user_version")[0], "9");
    drop(db);
    let db = Db::open(&at).unwrap();
    put(&db, "a", "c-1", "2023-01-01T00:00:00Z", Status::Published);
    drop(db);
    assert_eq!(Db::open(&at).unwrap().comment_count().unwrap(), 1);
    remove_sqlite(&path);
}

#[test]
fn postgres_reopens_without_migrating_again() {
    let Some(server) = postgres_server() else {
        return;
    };
    let (url, mut gone) = postgres_database(&server, "reopen");
    let at = Location::Postgres(url.clone());
    // Three servers starting at once: one migrates, the others wait and find it done.
    let starts: Vec<_> = (0..3)
        .map(|_| {
            let at = at.clone();
            std::thread::spawn(move || Db::open(&at).map(|_| ()))
        })
        .collect();
    for start in starts {
        start.join().unwrap().unwrap();
    }
    let db = Db::open(&at).unwrap();
    put(&db, "a", "c-1", "2023-01-01T00:00:00Z", Status::Published);
    drop(db);
    assert_eq!(Db::open(&at).unwrap().comment_count().unwrap(), 1);
    let mut client = ::postgres::Client::connect(&url, ::postgres::NoTls).unwrap();
    let version: i64 = client
        .query_one("SELECT version FROM news_schema", &[])
        .unwrap()
        .get(0);
    assert_eq!(version, 3);
    drop(client);
    gone();
}

#[test]
fn another_programs_sqlite_file_is_refused_and_left_as_it_was() {
    let path = sqlite_file("other");
    remove_sqlite(&path);
    {
        let other = rusqlite::Connection::open(&path).unwrap();
        other
            .execute_batch("CREATE TABLE notes (x TEXT); PRAGMA user_version = 7;")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let at = Location::Sqlite(path.clone());
    for result in [Db::open_existing(&at), Db::open(&at)] {
        let err = result.err().expect("refused").to_string();
        assert!(err.contains("not a database of news-server"), "{err}");
    }
    assert_eq!(std::fs::read(&path).unwrap(), before, "not changed");
    let mode: String = rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete", "not switched to WAL");
    remove_sqlite(&path);
    // Not SQLite at all.
    std::fs::write(&path, b"plain text, not a database").unwrap();
    assert!(Db::open_existing(&at).is_err());
    assert_eq!(std::fs::read(&path).unwrap(), b"plain text, not a database");
    remove_sqlite(&path);
    // Ours: made by `serve`, then opened by a moderation command.
    drop(Db::open(&at).unwrap());
    assert!(Db::open_existing(&at).is_ok());
    remove_sqlite(&path);
}

#[test]
fn another_programs_postgres_database_is_refused_and_left_as_it_was() {
    let Some(server) = postgres_server() else {
        return;
    };
    let (url, mut gone) = postgres_database(&server, "other");
    let mut client = ::postgres::Client::connect(&url, ::postgres::NoTls).unwrap();
    client
        .batch_execute("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('giữ nguyên')")
        .unwrap();
    let at = Location::Postgres(url.clone());
    for result in [Db::open_existing(&at), Db::open(&at)] {
        let err = result.err().expect("refused").to_string();
        assert!(err.contains("not a database of news-server"), "{err}");
    }
    let tables: i64 = client
        .query_one(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(tables, 1, "nothing created");
    drop(client);
    gone();
    // An empty database is made ours by `serve`, not by a moderation command.
    let (url, mut gone) = postgres_database(&server, "empty");
    let at = Location::Postgres(url);
    assert!(Db::open_existing(&at).is_err());
    drop(Db::open(&at).unwrap());
    assert!(Db::open_existing(&at).is_ok());
    gone();
}
