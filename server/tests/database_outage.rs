//! PostgreSQL going away under load, as an operator's restart does it: two servers on a
//! cluster of the test's own, writers posting comments throughout, the cluster stopped for
//! several seconds and started again. Every answer comes within the server's bound (2 s,
//! `db::postgres::ANSWER_WITHIN`; a generous margin here), as 201 or as 503 with
//! `Retry-After` and a Vietnamese message; nothing acknowledged is lost; posting works
//! again soon after, without restarting the servers; articles (JSON, pages) and searches
//! are served throughout. And a server started while the database is unreachable says so and exits.

mod common;

use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use common::cluster::Cluster;
use common::*;

/// The server's bound (2 s) and a margin for a loaded machine: no answer may take longer.
const SLOWEST: Duration = Duration::from_secs(5);
/// How long the database stays away: longer than the bound, so that requests meet it.
const OUTAGE: Duration = Duration::from_secs(6);
/// How soon after the database is back each writer must have posted again.
const RECOVERY: Duration = Duration::from_secs(10);

/// One answer as a writer saw it.
struct Answer {
    status: u16,
    took: Duration,
    /// When it was sent, from the test's start.
    sent: Duration,
    retry_after: Option<String>,
    body: String,
}

#[test]
fn postgres_stopped_under_load_answers_503_quickly_and_loses_nothing() {
    let Some(cluster) = Cluster::start() else {
        return;
    };
    // The rate limit is on (a shared count: a second database call per comment), and far
    // above what the writers send.
    let flags = [
        "--auto-publish",
        "--trusted-proxy",
        "127.0.0.1",
        "--rate-limit",
        "1000",
        "--rate-window-secs",
        "1",
    ];
    let first = Server::start_on_postgres(&cluster.url, &flags);
    let log_path = first.dir.0.join("second.log");
    let (second, second_addr) =
        spawn_with_log(&first.args, std::fs::File::create(&log_path).unwrap());
    let _second = Killed(second);
    let addrs = [first.addr.clone(), second_addr];

    let start = Instant::now();
    let stop = AtomicBool::new(false);
    let acked: Mutex<Vec<(String, String)>> = Mutex::default();
    let answers: Mutex<Vec<Answer>> = Mutex::default();
    let articles_served = AtomicUsize::new(0);
    let (mut stopped_at, mut resumed_at) = (Duration::ZERO, Duration::ZERO);
    std::thread::scope(|scope| {
        for writer in 0..4usize {
            let (addrs, stop, acked, answers) = (&addrs, &stop, &acked, &answers);
            scope.spawn(move || {
                let client = format!("198.51.100.{}", writer + 10);
                for n in 0.. {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let body = format!("Bạn đọc {writer} góp ý lần {n}");
                    let sent = start.elapsed();
                    let r = post_comment_as(&addrs[n % 2], &client, &body)
                        .unwrap_or_else(|| panic!("no answer to {body:?}"));
                    let took = start.elapsed() - sent;
                    if r.status == 201 {
                        let id = r.json()["comment"]["id"].as_str().unwrap().to_string();
                        acked.lock().unwrap().push((id, body));
                    }
                    answers.lock().unwrap().push(Answer {
                        status: r.status,
                        took,
                        sent,
                        retry_after: r.header("retry-after").map(String::from),
                        body: r.text(),
                    });
                    if r.status != 201 {
                        // A reader waits before sending again; so does this writer, less.
                        std::thread::sleep(Duration::from_millis(100));
                    }
                }
            });
        }
        // A reader of articles throughout: their JSON (files), their pages (which show the
        // comments and the most-read list when the database answers, and are served without
        // them when it does not), and searches (an index in memory; on PostgreSQL the rate
        // limit is counted in the database, and in memory while it is away).
        {
            let (addrs, stop, served) = (&addrs, &stop, &articles_served);
            scope.spawn(move || {
                let paths = [
                    format!("/api/articles/{KHOI}.json"),
                    format!("/chinh-tri/{KHOI}"),
                    "/api/search.json?q=h%E1%BB%99i".to_string(),
                ];
                for n in 0.. {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let path = &paths[n % 3];
                    let sent = Instant::now();
                    let r = try_request(&addrs[n % 2], "GET", path, &[], b"")
                        .unwrap_or_else(|| panic!("no answer to {path}"));
                    assert_eq!(r.status, 200, "{path} without the database: {}", r.text());
                    assert!(
                        sent.elapsed() <= SLOWEST,
                        "{path} took {:?}",
                        sent.elapsed()
                    );
                    served.fetch_add(1, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(50));
                }
            });
        }
        let acked_before = |n: usize| acked.lock().unwrap().len() >= n;
        let deadline = Instant::now() + Duration::from_secs(60);
        while !acked_before(40) {
            assert!(Instant::now() < deadline, "the writers never got going");
            std::thread::sleep(Duration::from_millis(20));
        }
        cluster.stop();
        stopped_at = start.elapsed();
        std::thread::sleep(OUTAGE);
        cluster.resume();
        resumed_at = start.elapsed();
        // Until every writer has posted again, or the time allowed is over.
        let deadline = Instant::now() + RECOVERY + Duration::from_secs(5);
        loop {
            let posted_again = {
                let answers = answers.lock().unwrap();
                answers
                    .iter()
                    .filter(|a| a.sent > resumed_at && a.status == 201)
                    .count()
            };
            if posted_again >= 8 || Instant::now() > deadline {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        stop.store(true, Ordering::SeqCst);
    });

    let answers = answers.into_inner().unwrap();
    let acked = acked.into_inner().unwrap();
    let refused = answers.iter().filter(|a| a.status == 503).count();
    let slowest = answers.iter().map(|a| a.took).max().unwrap();
    let back = answers
        .iter()
        .filter(|a| a.sent > resumed_at && a.status == 201)
        .map(|a| a.sent + a.took - resumed_at)
        .min();
    eprintln!(
        "outage of {OUTAGE:?} at {stopped_at:.1?}: {} answers, {} comments acknowledged, \
         {refused} answered 503, slowest answer {slowest:.2?}, posting again {back:.2?} after \
         the restart, {} reads served (article JSON, pages, searches)",
        answers.len(),
        acked.len(),
        articles_served.load(Ordering::SeqCst)
    );
    for a in &answers {
        assert!(
            a.took <= SLOWEST,
            "an answer took {:?} (sent at {:?})",
            a.took,
            a.sent
        );
        match a.status {
            201 => {}
            503 => {
                assert_eq!(a.retry_after.as_deref(), Some("5"), "{}", a.body);
                let message: serde_json::Value = serde_json::from_str(&a.body).unwrap();
                let message = message["error"].as_str().unwrap();
                assert!(
                    message.contains("thử lại"),
                    "a Vietnamese message: {message}"
                );
            }
            other => panic!("answered {other}: {}", a.body),
        }
    }
    assert!(refused > 0, "the outage was met by the writers");
    let back = back.expect("no comment acknowledged after the restart");
    assert!(
        back <= RECOVERY,
        "posting again only {back:?} after the restart"
    );
    // Every acknowledged comment is stored, once.
    for (id, body) in &acked {
        let rows = first.sql_value(
            "SELECT COUNT(*) FROM comments WHERE id = $1 AND body = $2",
            &[id, body],
        );
        assert_eq!(rows, "1", "{id} {body}");
    }
    for addr in &addrs {
        let r = try_request(addr, "GET", "/healthz", &[], b"").unwrap();
        assert_eq!(r.status, 200, "{addr} healthy again");
    }
    // The operator reads a line when it went away and one when it came back, not one per
    // request. (On a loaded machine a checkout may also time out once just after the
    // restart, while the pool replaces its dead connections: a second pair, "saturated".)
    let log = std::fs::read_to_string(&log_path).unwrap();
    let count = |what: &str| log.lines().filter(|l| l.contains(what)).count();
    let (away, back) = (
        count("PostgreSQL unreachable"),
        count("PostgreSQL answers again"),
    );
    for line in log.lines().filter(|l| l.contains("PostgreSQL")) {
        eprintln!("the log: {line}");
    }
    assert!((1..=2).contains(&away) && back == away, "{log}");
    assert!(refused >= 10 * away, "{refused} answered 503: {log}");
}

#[test]
fn a_server_started_while_the_database_is_unreachable_says_so_and_exits() {
    // A loopback port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = TempDir::new();
    let started = Instant::now();
    let mut child = Command::new(BIN)
        .arg("serve")
        .args(["--addr", "127.0.0.1:0", "--dist"])
        .arg(dir.0.join("dist"))
        .arg("--content")
        .arg(content_dir())
        .arg("--database-url")
        .arg(format!("postgres://news@127.0.0.1:{port}/news"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("still running after 30 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(out.stdout.is_empty(), "it never listened");
    assert!(
        stderr.contains("cannot connect to PostgreSQL")
            && stderr.contains("127.0.0.1 database news")
            && stderr.contains("Connection refused")
            && stderr.contains("Restart="),
        "{stderr}"
    );
}

/// A server killed when the test ends, whether it passed or not.
struct Killed(std::process::Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
