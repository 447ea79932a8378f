//! The database's behaviour, the same tests on each engine: SQLite always, PostgreSQL when
//! `NEWS_TEST_DATABASE_URL` names a server where the tests may create databases (the test
//! command starts one; `NEWS_TEST_REQUIRE_POSTGRES=1` makes its absence a failure).
//!
//! This file holds what the tests share (a throw-away database of each engine, the rows
//! they store); the tests are in one file per job, as in the engines' folders.

use std::path::{Path, PathBuf};

use contract::Comment;

use super::*;

mod accounts;
mod comments;
mod desk;
mod likes;
mod limits;
mod schema;
mod views;

/// A throw-away database of one engine, removed on drop.
struct TestDb {
    db: Option<Db>,
    engine: &'static str,
    gone: Box<dyn FnMut()>,
}

impl std::ops::Deref for TestDb {
    type Target = Db;

    fn deref(&self) -> &Db {
        self.db.as_ref().unwrap()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        self.db.take();
        (self.gone)();
    }
}

fn sqlite_file(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("news-server-unit-{}-{name}.db", std::process::id()))
}

fn remove_sqlite(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
}

/// The PostgreSQL server of the tests, when there is one: its URL (`postgres://…/db`).
fn postgres_server() -> Option<String> {
    match std::env::var("NEWS_TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var("NEWS_TEST_REQUIRE_POSTGRES").as_deref() != Ok("1"),
                "NEWS_TEST_REQUIRE_POSTGRES=1 but no NEWS_TEST_DATABASE_URL"
            );
            None
        }
    }
}

/// A new empty PostgreSQL database named after the test, and its URL.
fn postgres_database(server: &str, name: &str) -> (String, Box<dyn FnMut()>) {
    let db_name = format!("news_unit_{}_{name}", std::process::id());
    let mut admin = ::postgres::Client::connect(server, ::postgres::NoTls).unwrap();
    // One statement a call: DROP and CREATE DATABASE refuse to run in a transaction.
    admin
        .batch_execute(&format!("DROP DATABASE IF EXISTS {db_name} WITH (FORCE)"))
        .unwrap();
    admin
        .batch_execute(&format!("CREATE DATABASE {db_name}"))
        .unwrap();
    let base = server.rsplit_once('/').expect("postgres://…/db").0;
    let server = server.to_string();
    let drop_it = move || {
        if let Ok(mut admin) = ::postgres::Client::connect(&server, ::postgres::NoTls) {
            let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {db_name} WITH (FORCE)"));
        }
    };
    (
        format!("{base}/news_unit_{}_{name}", std::process::id()),
        Box::new(drop_it),
    )
}

/// A fresh database of each engine there is, named after the test.
fn engines(name: &str) -> Vec<TestDb> {
    let path = sqlite_file(name);
    remove_sqlite(&path);
    let mut all = vec![TestDb {
        db: Some(Db::open(&Location::Sqlite(path.clone())).unwrap()),
        engine: "sqlite",
        gone: Box::new(move || remove_sqlite(&path)),
    }];
    if let Some(server) = postgres_server() {
        let (url, gone) = postgres_database(&server, name);
        all.push(TestDb {
            db: Some(Db::open(&Location::Postgres(url)).unwrap()),
            engine: "postgres",
            gone,
        });
    }
    all
}

fn comment(id: &str, at: &str) -> Comment {
    Comment {
        id: id.into(),
        author_name: "An".into(),
        body: format!("Bình luận {id}"),
        created_at: at.into(),
        likes: None,
        replies: None,
    }
}

fn submission(id: &str, body: &str, parent: Option<&str>) -> Submission {
    Submission {
        slug: "a".into(),
        comment: Comment {
            body: body.into(),
            ..comment(id, "2023-01-01T00:00:10Z")
        },
        status: Status::Published,
        client: "198.51.100.1".into(),
        parent_id: parent.map(String::from),
        flag: None,
    }
}

/// Stores a top-level comment of article `slug` as it is.
fn put(db: &Db, slug: &str, id: &str, at: &str, status: Status) {
    let new = Submission {
        slug: slug.into(),
        comment: comment(id, at),
        status,
        client: format!("client-{id}"),
        parent_id: None,
        flag: None,
    };
    assert_eq!(db.submit(&new, at).unwrap(), Submitted::Stored);
}
