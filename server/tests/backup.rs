//! `news-server backup` on a live SQLite database: taken while writers post, restored (a new
//! server started on the copy), every comment acknowledged before it began is there, and
//! the copy's `integrity_check` is `ok`. PostgreSQL is refused, naming pg_dump.

mod common;

use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::json;

use common::*;

/// Writers posting at once.
const WRITERS: usize = 3;
/// Comments acknowledged before the backup begins (the database then has ~100 pages).
const BEFORE: usize = 150;

/// Posts comments to [`XUAN_HONG`] until `stop`, each id answered 201 pushed on `acked`.
fn writer(addr: String, w: usize, acked: Arc<Mutex<Vec<String>>>, stop: Arc<AtomicBool>) {
    let path = format!("/api/articles/{XUAN_HONG}/comments");
    let mut n = 0;
    while !stop.load(Ordering::Relaxed) {
        n += 1;
        let body = json!({
            "author_name": format!("Người viết {w}"),
            "body": format!("Bình luận {n} của người viết {w}: {}", "chữ ".repeat(100)),
            "website": "",
        })
        .to_string();
        let r = request(
            &addr,
            "POST",
            &path,
            &[("Content-Type", "application/json")],
            body.as_bytes(),
        );
        assert_eq!(r.status, 201, "{}", r.text());
        let id = r.json()["comment"]["id"].as_str().unwrap().to_string();
        acked.lock().unwrap().push(id);
    }
}

/// The command's output, or a failure when it has not ended within `limit` (a backup that
/// starts over at each write would never end: the test must not hang on it).
fn finish_within(mut child: Child, limit: Duration) -> Output {
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the backup did not end within {limit:?}");
        }
        thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// Every published comment's id on the article, following `next`.
fn all_ids(addr: &str) -> Vec<String> {
    let mut path = Some(format!("articles/{XUAN_HONG}/comments.json"));
    let mut found = Vec::new();
    while let Some(p) = path {
        let page = request(addr, "GET", &format!("/api/{p}"), &[], b"").json();
        found.extend(ids(&page));
        path = page["next"].as_str().map(String::from);
    }
    found
}

#[test]
fn a_backup_under_writes_restores_every_comment_acknowledged_before_it() {
    if on_postgres() {
        return;
    }
    let mut server = Server::start(&["--auto-publish", "--rate-limit", "0"]);
    let acked = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let (addr, acked, stop) = (server.addr.clone(), acked.clone(), stop.clone());
            thread::spawn(move || writer(addr, w, acked, stop))
        })
        .collect();
    while acked.lock().unwrap().len() < BEFORE {
        thread::sleep(Duration::from_millis(10));
    }
    let before = acked.lock().unwrap().clone();

    // Two pages a step, a pause after each: the copy takes many steps while the writers go on.
    let out_dir = TempDir::new();
    let copy = out_dir.0.join("copy.db");
    let backup = Command::new(BIN)
        .args(["backup", "--pages-per-step", "2", "--pause-ms", "5", "--db"])
        .arg(server.db())
        .arg("--out")
        .arg(&copy)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = finish_within(backup, Duration::from_secs(120));
    let during = acked.lock().unwrap().len() - before.len();
    stop.store(true, Ordering::Relaxed);
    for w in writers {
        w.join().unwrap();
    }
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{out:?}");
    eprintln!("{}writes acknowledged during the backup: {during}", report);
    assert!(report.starts_with("backed up "), "{report}");
    let steps: u64 = report
        .rsplit_once('(')
        .and_then(|(_, s)| s.split(' ').next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("{report}"));
    assert!(steps > 10, "copied in steps: {report}");
    assert!(during > 0, "the writers were not held by the backup");
    // Only the copy in its folder: the temporary file was renamed, no journal is left.
    let names: Vec<_> = std::fs::read_dir(&out_dir.0)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n != "dist")
        .collect();
    assert_eq!(names, ["copy.db"]);

    let conn = rusqlite::Connection::open(&copy).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    drop(conn);

    // Restored: a new server on the copy.
    let restored_dir = TempDir::new();
    let mut args = app_args(&restored_dir, &content_dir());
    args.extend(["--db".into(), copy.display().to_string()]);
    let (mut restored, addr) = spawn(&args);
    let found = all_ids(&addr);
    restored.kill().unwrap();
    restored.wait().unwrap();
    let missing: Vec<_> = before.iter().filter(|id| !found.contains(id)).collect();
    assert!(
        missing.is_empty(),
        "acknowledged before the backup, not in it: {missing:?}"
    );
    // Nothing of what came after the copy's snapshot (a writer's answer may have been on its
    // way when it began), nothing twice.
    let mut distinct = found.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), found.len());
    assert!(
        found.len() <= before.len() + during + WRITERS,
        "{} found",
        found.len()
    );
}

#[test]
fn postgres_is_refused_with_the_tools_that_back_it_up() {
    let dir = TempDir::new();
    let out = dir.0.join("copy.db");
    for db in [
        ["--database-url", "postgres://news@127.0.0.1:5432/news"],
        ["--db", "postgresql://news@127.0.0.1/news"],
    ] {
        let run = Command::new(BIN)
            .arg("backup")
            .args(db)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        assert!(!run.status.success());
        let err = String::from_utf8_lossy(&run.stderr);
        assert!(err.contains("pg_dump"), "{err}");
        assert!(!out.exists());
    }
    // A missing database is not created by its backup.
    let missing = dir.0.join("missing.db");
    let run = Command::new(BIN)
        .args(["backup", "--db"])
        .arg(&missing)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(!run.status.success());
    assert!(!missing.exists() && !out.exists());
}
