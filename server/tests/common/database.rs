//! The database of a test server, SQLite or PostgreSQL (`NEWS_TEST_ENGINE`).

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Whether the tests run against PostgreSQL (`NEWS_TEST_ENGINE=postgres`, with the server
/// in `NEWS_TEST_DATABASE_URL`); SQLite otherwise.
pub fn on_postgres() -> bool {
    std::env::var("NEWS_TEST_ENGINE").as_deref() == Ok("postgres")
}

/// The database of one test server: an SQLite file in its folder, or a new PostgreSQL
/// database (dropped with it).
pub struct TestDatabase {
    /// The flags that name it, for `serve` and the other commands.
    pub args: Vec<String>,
    postgres: Option<(String, String)>,
}

impl TestDatabase {
    pub fn new(dir: &Path) -> TestDatabase {
        if !on_postgres() {
            return TestDatabase {
                args: vec!["--db".into(), dir.join("news.db").display().to_string()],
                postgres: None,
            };
        }
        let server = std::env::var("NEWS_TEST_DATABASE_URL")
            .expect("NEWS_TEST_ENGINE=postgres needs NEWS_TEST_DATABASE_URL");
        TestDatabase::in_postgres(&server)
    }

    /// A new database in the PostgreSQL server at `server` (a URL ending in a database
    /// that exists, such as `/postgres`), dropped with it.
    pub fn in_postgres(server: &str) -> TestDatabase {
        static N: AtomicUsize = AtomicUsize::new(0);
        let server = server.to_string();
        let name = format!(
            "news_it_{}_{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        );
        let mut admin = postgres::Client::connect(&server, postgres::NoTls).unwrap();
        admin
            .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .unwrap();
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap();
        let url = format!("{}/{name}", server.rsplit_once('/').unwrap().0);
        TestDatabase {
            args: vec!["--database-url".into(), url.clone()],
            postgres: Some((server, url)),
        }
    }

    /// See [`Server::sql`].
    pub fn query(&self, sql: &str, params: &[&str]) -> Vec<Vec<Option<String>>> {
        match &self.postgres {
            None => {
                let path = &self.args[1];
                let conn = rusqlite::Connection::open(path).unwrap();
                conn.busy_timeout(Duration::from_secs(5)).unwrap();
                let mut stmt = conn.prepare(&sql.replace('$', "?")).unwrap();
                let columns = stmt.column_count();
                let rows = stmt
                    .query_map(rusqlite::params_from_iter(params.iter()), |r| {
                        (0..columns)
                            .map(|i| {
                                Ok(match r.get::<_, rusqlite::types::Value>(i)? {
                                    rusqlite::types::Value::Null => None,
                                    rusqlite::types::Value::Integer(n) => Some(n.to_string()),
                                    rusqlite::types::Value::Text(t) => Some(t),
                                    other => Some(format!("{other:?}")),
                                })
                            })
                            .collect::<rusqlite::Result<Vec<_>>>()
                    })
                    .unwrap();
                rows.map(Result::unwrap).collect()
            }
            Some((_, url)) => {
                // The simple protocol answers every value as text; the test's own values
                // are quoted into the statement.
                let mut sql = sql.to_string();
                for (i, p) in params.iter().enumerate().rev() {
                    sql = sql.replace(
                        &format!("${}", i + 1),
                        &format!("'{}'", p.replace('\'', "''")),
                    );
                }
                let mut client = postgres::Client::connect(url, postgres::NoTls).unwrap();
                client
                    .simple_query(&sql)
                    .unwrap()
                    .into_iter()
                    .filter_map(|m| match m {
                        postgres::SimpleQueryMessage::Row(row) => Some(
                            (0..row.len())
                                .map(|i| row.get(i).map(str::to_string))
                                .collect(),
                        ),
                        _ => None,
                    })
                    .collect()
            }
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some((server, url)) = &self.postgres {
            let name = url.rsplit_once('/').unwrap().1;
            if let Ok(mut admin) = postgres::Client::connect(server, postgres::NoTls) {
                let _ =
                    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        }
    }
}
