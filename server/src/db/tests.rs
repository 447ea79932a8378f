//! The database's behaviour, the same tests on each engine: SQLite always, PostgreSQL when
//! `NEWS_TEST_DATABASE_URL` names a server where the tests may create databases (the test
//! command starts one; `NEWS_TEST_REQUIRE_POSTGRES=1` makes its absence a failure).

use std::path::{Path, PathBuf};

use contract::Comment;

use super::*;
use crate::db::desk_rows::Action;

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

#[test]
fn migrates_once_and_pages_newest_first() {
    for t in engines("pages") {
        for (id, at) in [
            ("c-1", "2023-01-01T00:00:00Z"),
            ("c-3", "2023-01-03T00:00:00Z"),
            ("c-2", "2023-01-02T00:00:00Z"),
        ] {
            put(&t, "a", id, at, Status::Published);
        }
        put(&t, "a", "c-4", "2023-01-04T00:00:00Z", Status::Pending);
        let (items, total) = t.published_page("a", Order::Newest, 0, 2, 3).unwrap();
        assert_eq!(total, 3, "{}", t.engine);
        let ids: Vec<_> = items.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["c-3", "c-2"], "{}", t.engine);
        let (items, _) = t.published_page("a", Order::Newest, 1, 2, 3).unwrap();
        assert_eq!(items[0].id, "c-1", "{}", t.engine);
        assert_eq!(t.comment_count().unwrap(), 4);
    }
}

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
fn moderation_is_all_or_nothing_and_audited() {
    for t in engines("moderation") {
        put(&t, "a", "c-1", "2023-01-01T00:00:00Z", Status::Pending);
        let err = t
            .moderate(
                &["c-1".into(), "c-9".into()],
                Action::Approve,
                "x",
                5,
                false,
            )
            .unwrap_err();
        assert!(matches!(err, ModerationError::UnknownId(id) if id == "c-9"));
        assert_eq!(t.pending().unwrap().len(), 1, "{}", t.engine);
        assert!(t.audit(10).unwrap().is_empty(), "{}", t.engine);
        // From the desk, the unknown one is skipped.
        let changed = t
            .moderate(
                &["c-1".into(), "c-9".into()],
                Action::Approve,
                "bt",
                7,
                true,
            )
            .unwrap();
        assert_eq!(changed, 1);
        assert!(t.pending().unwrap().is_empty());
        let audit = t.audit(10).unwrap();
        assert_eq!(
            (
                audit[0].actor.as_str(),
                audit[0].action.as_str(),
                audit[0].at
            ),
            ("bt", "approve", 7)
        );
        let (_, total) = t.published_page("a", Order::Newest, 0, 10, 3).unwrap();
        assert_eq!(total, 1, "{}: counted once published", t.engine);
        assert_eq!(
            t.moderate(&["c-1".into()], Action::Hide, "bt", 8, true)
                .unwrap(),
            1
        );
        let (items, total) = t.published_page("a", Order::Newest, 0, 10, 3).unwrap();
        assert!(items.is_empty(), "{}: hidden", t.engine);
        assert_eq!(total, 0, "{}: and no longer counted", t.engine);
    }
}

#[test]
fn likes_count_each_reader_once_and_only_on_published_comments() {
    for t in engines("likes") {
        let at = "2023-01-01T00:00:00Z";
        put(&t, "a", "c-1", at, Status::Published);
        put(&t, "a", "c-2", at, Status::Pending);
        assert_eq!(t.set_like("a", "c-1", "r1", true).unwrap(), Some(1));
        assert_eq!(t.set_like("a", "c-1", "r1", true).unwrap(), Some(1));
        assert_eq!(t.set_like("a", "c-1", "r2", true).unwrap(), Some(2));
        assert_eq!(t.set_like("a", "c-1", "r3", false).unwrap(), Some(2));
        assert_eq!(t.set_like("a", "c-1", "r1", false).unwrap(), Some(1));
        assert_eq!(t.set_like("a", "c-2", "r1", true).unwrap(), None);
        assert_eq!(t.set_like("b", "c-1", "r1", true).unwrap(), None);
        assert_eq!(t.set_like("a", "c-9", "r1", true).unwrap(), None);
        let (items, _) = t.published_page("a", Order::Newest, 0, 10, 3).unwrap();
        assert_eq!(items[0].likes, Some(1), "{}", t.engine);
        t.set_like("a", "c-1", "r2", false).unwrap();
        let (items, _) = t.published_page("a", Order::Newest, 0, 10, 3).unwrap();
        assert_eq!(
            items[0].likes, None,
            "{}: none is written as absent",
            t.engine
        );
    }
}

#[test]
fn concurrent_likes_are_neither_lost_nor_doubled() {
    for t in engines("concurrent_likes") {
        put(&t, "a", "c-1", "2023-01-01T00:00:00Z", Status::Published);
        let db: &Db = &t;
        std::thread::scope(|s| {
            for reader in 0..8 {
                s.spawn(move || {
                    for _ in 0..3 {
                        db.set_like("a", "c-1", &format!("r{reader}"), true)
                            .unwrap();
                    }
                });
            }
        });
        assert_eq!(
            t.set_like("a", "c-1", "r0", true).unwrap(),
            Some(8),
            "{}",
            t.engine
        );
    }
}

#[test]
fn replies_hang_under_published_top_level_comments_and_duplicates_are_refused() {
    for t in engines("threads") {
        let since = "2023-01-01T00:00:00Z";
        let stored = |s: Submission, since: &str| t.submit(&s, since).unwrap();
        assert_eq!(
            stored(submission("t-1", "Chủ đề", None), since),
            Submitted::Stored
        );
        assert_eq!(
            stored(submission("r-1", "Trả lời", Some("t-1")), since),
            Submitted::Stored
        );
        for parent in ["r-1", "t-9"] {
            assert_eq!(
                stored(submission("r-2", "Khác", Some(parent)), since),
                Submitted::NoSuchParent,
                "{} {parent}",
                t.engine
            );
        }
        assert_eq!(
            stored(submission("t-2", "Chủ đề", None), since),
            Submitted::Duplicate
        );
        assert_eq!(
            stored(submission("t-2", "Chủ đề", None), "2023-01-01T00:00:11Z"),
            Submitted::Stored,
            "older than the window"
        );
        let (items, total) = t.published_page("a", Order::Newest, 0, 10, 3).unwrap();
        assert_eq!(total, 2, "top-level only");
        let thread = items.iter().find(|c| c.id == "t-1").unwrap();
        let replies = thread.replies.as_ref().unwrap();
        assert_eq!((replies.items[0].id.as_str(), replies.total), ("r-1", 1));
        assert!(items
            .iter()
            .find(|c| c.id == "t-2")
            .unwrap()
            .replies
            .is_none());
        assert!(t.replies("a", "r-1", 0, 10).unwrap().is_none());
        assert!(t.replies("b", "t-1", 0, 10).unwrap().is_none());
        assert_eq!(t.replies("a", "t-1", 3, 10).unwrap(), Some((vec![], 1)));
        assert_eq!(t.set_like("a", "t-1", "x", true).unwrap(), Some(1));
        let (items, _) = t.published_page("a", Order::MostLiked, 0, 10, 3).unwrap();
        assert_eq!(items[0].id, "t-1", "{}", t.engine);
    }
}

#[test]
fn the_same_body_sent_at_once_from_one_client_is_stored_once() {
    for t in engines("duplicates_at_once") {
        let db: &Db = &t;
        let outcomes: Vec<Submitted> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..6)
                .map(|n| {
                    s.spawn(move || {
                        db.submit(
                            &submission(&format!("d-{n}"), "Cùng một nội dung", None),
                            "2023-01-01T00:00:00Z",
                        )
                        .unwrap()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let stored = outcomes.iter().filter(|o| **o == Submitted::Stored).count();
        assert_eq!(stored, 1, "{}: {outcomes:?}", t.engine);
        assert_eq!(t.comment_count().unwrap(), 1);
    }
}

#[test]
fn views_rank_by_clients_then_recency_within_the_window() {
    for t in engines("views") {
        for (slug, client, at) in [
            ("a", "1", 10),
            ("b", "1", 11),
            ("b", "2", 12),
            ("c", "1", 13),
            ("old", "1", 1),
            ("old", "2", 2),
        ] {
            assert!(t.record_view(slug, client, at, at - 100).unwrap());
        }
        // One client viewing "a" a hundred times in the window is still one view.
        for at in 14..114 {
            assert!(!t.record_view("a", "1", at, at - 10_000).unwrap());
        }
        assert_eq!(
            t.most_viewed(5, 10).unwrap(),
            ["b", "c", "a"],
            "{}",
            t.engine
        );
        // After the window, the same client's view counts again (refreshed, not added).
        assert!(t.record_view("a", "1", 20_000, 20_000 - 10_000).unwrap());
        assert_eq!(
            t.most_viewed(5, 10).unwrap(),
            ["b", "a", "c"],
            "{}",
            t.engine
        );
        assert_eq!(t.prune_views(5).unwrap(), 2);
    }
}

#[test]
fn rate_limits_in_the_database_allow_a_burst_then_one_per_period() {
    for t in engines("rate_limits") {
        let quota = Quota {
            bucket: "comments",
            burst: 2,
            period_ms: 300_000,
        };
        assert_eq!(t.rate_check(quota, "k1").unwrap(), Ok(()));
        assert_eq!(t.rate_check(quota, "k1").unwrap(), Ok(()));
        let wait = t.rate_check(quota, "k1").unwrap().unwrap_err();
        assert!((299..=300).contains(&wait), "{}: {wait}", t.engine);
        // Another key, or another bucket, has its own allowance.
        assert_eq!(t.rate_check(quota, "k2").unwrap(), Ok(()));
        let likes = Quota {
            bucket: "likes",
            ..quota
        };
        assert_eq!(t.rate_check(likes, "k1").unwrap(), Ok(()));
        // A short period refills: after it the key is forgotten and passes again.
        let quick = Quota {
            bucket: "views",
            burst: 1,
            period_ms: 30,
        };
        assert_eq!(t.rate_check(quick, "k1").unwrap(), Ok(()));
        assert!(t.rate_check(quick, "k1").unwrap().is_err());
        std::thread::sleep(std::time::Duration::from_millis(60));
        assert!(t.rate_prune().unwrap() >= 1, "{}", t.engine);
        assert_eq!(t.rate_check(quick, "k1").unwrap(), Ok(()));
    }
}

#[test]
fn a_secret_is_made_once_and_kept() {
    for t in engines("secrets") {
        let first = t.secret("k", &|| "one".into()).unwrap();
        let second = t.secret("k", &|| "two".into()).unwrap();
        assert_eq!(
            (first.as_str(), second.as_str()),
            ("one", "one"),
            "{}",
            t.engine
        );
    }
}

#[test]
fn sessions_live_until_idle_or_too_old_and_die_with_their_account() {
    for t in engines("sessions") {
        assert!(t.add_user("bt", "hash", 1).unwrap());
        assert!(!t.add_user("bt", "other", 2).unwrap(), "name taken");
        assert_eq!(t.password_hash("bt").unwrap().as_deref(), Some("hash"));
        t.create_session("s1", "bt", "csrf", 100, (0, 0)).unwrap();
        let s = t.touch_session("s1", 150, (90, 50)).unwrap().unwrap();
        assert_eq!((s.user.as_str(), s.csrf.as_str()), ("bt", "csrf"));
        // Seen at 150: idle past 160 means dead, and gone.
        assert!(t.touch_session("s1", 200, (160, 50)).unwrap().is_none());
        assert!(
            t.touch_session("s1", 200, (0, 0)).unwrap().is_none(),
            "deleted"
        );
        t.create_session("s2", "bt", "c2", 300, (0, 0)).unwrap();
        assert!(t.remove_user("bt").unwrap());
        assert!(
            t.touch_session("s2", 301, (0, 0)).unwrap().is_none(),
            "{}",
            t.engine
        );
        assert!(t.users().unwrap().is_empty());
    }
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
