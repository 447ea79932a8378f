//! Servers that stop, die and run side by side, as a deployment has them: SIGTERM in the
//! middle of a load loses no acknowledged comment (either engine), and three servers on
//! one PostgreSQL database act as one while one of them is killed with SIGKILL.

mod common;

use std::collections::HashMap;
use std::process::Child;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use common::*;

fn beacon(addr: &str, slug: &str, client: &str) -> Option<Resp> {
    try_request(
        addr,
        "POST",
        &format!("/api/articles/{slug}/views"),
        &[("X-Forwarded-For", client)],
        b"",
    )
}

fn wait_for_exit(child: &mut Child, limit: Duration) -> std::process::ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(started.elapsed() < limit, "still running after {limit:?}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// How many rows hold comment `id`, and how many hold its body.
fn stored(s: &Server, id: &str, body: &str) -> (String, String) {
    (
        s.sql_value("SELECT COUNT(*) FROM comments WHERE id = $1", &[id]),
        s.sql_value("SELECT COUNT(*) FROM comments WHERE body = $1", &[body]),
    )
}

#[test]
fn sigterm_in_the_middle_of_a_load_loses_no_acknowledged_comment() {
    let mut s = Server::start(&[
        "--auto-publish",
        "--trusted-proxy",
        "127.0.0.1",
        "--rate-limit",
        "0",
        "--shutdown-grace-secs",
        "5",
    ]);
    let addr = s.addr.clone();
    let acked: Mutex<Vec<(String, String)>> = Mutex::default();
    let answers: Mutex<HashMap<u16, usize>> = Mutex::default();
    let sent = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for worker in 0..8 {
            let (addr, acked, answers, sent) = (&addr, &acked, &answers, &sent);
            scope.spawn(move || {
                for n in 0.. {
                    let body = format!("Ý kiến {worker}-{n} về ngày hội hiến máu");
                    sent.fetch_add(1, Ordering::SeqCst);
                    let Some(r) = post_comment_as(addr, &format!("198.51.100.{worker}"), &body)
                    else {
                        break;
                    };
                    *answers.lock().unwrap().entry(r.status).or_default() += 1;
                    if r.status == 201 {
                        let id = r.json()["comment"]["id"].as_str().unwrap().to_string();
                        acked.lock().unwrap().push((id, body));
                    }
                }
            });
        }
        while sent.load(Ordering::SeqCst) < 60 {
            std::thread::sleep(Duration::from_millis(5));
        }
        let term = std::process::Command::new("kill")
            .args(["-TERM", &s.child.id().to_string()])
            .status()
            .unwrap();
        assert!(term.success());
        let status = wait_for_exit(&mut s.child, Duration::from_secs(15));
        assert!(status.success(), "a clean exit: {status:?}");
    });
    let answers = answers.into_inner().unwrap();
    let acked = acked.into_inner().unwrap();
    assert_eq!(
        answers.keys().copied().collect::<Vec<_>>(),
        [201],
        "every answer sent was whole and a success: {answers:?}"
    );
    assert!(acked.len() >= 50, "{} acknowledged", acked.len());
    for (id, body) in &acked {
        assert_eq!(stored(&s, id, body), ("1".into(), "1".into()), "{id}");
    }
}

#[test]
fn three_servers_on_one_postgres_act_as_one_while_one_is_killed() {
    if !on_postgres() {
        // Several servers on one SQLite file is not a deployment this server supports.
        return;
    }
    let flags = [
        "--auto-publish",
        "--trusted-proxy",
        "127.0.0.1",
        "--rate-limit",
        "5",
        "--rate-window-secs",
        "600",
        "--ranking-refresh-secs",
        "0",
    ];
    let first = Server::start(&flags);
    let mut others = Killed(Vec::new());
    let mut addrs = vec![first.addr.clone()];
    for _ in 0..2 {
        let (child, addr) = spawn(&first.args);
        others.0.push(child);
        addrs.push(addr);
    }

    // A client's allowance is one, whichever server it reaches: 8 comments round the three,
    // 5 acknowledged.
    let statuses: Vec<u16> = (0..8)
        .map(|n| {
            let body = format!("Thử giới hạn lần {n}");
            post_comment_as(&addrs[n % 3], "203.0.113.9", &body)
                .unwrap()
                .status
        })
        .collect();
    let created = statuses.iter().filter(|&&s| s == 201).count();
    let refused = statuses.iter().filter(|&&s| s == 429).count();
    assert_eq!((created, refused), (5, 3), "{statuses:?}");

    // The load: 24 readers each post 4 comments and send view beacons (article k gets
    // 30, 20 and 10 readers), each request to the next server; one server is killed with
    // SIGKILL a third of the way. A request that finds a server dead goes to the next one
    // (a load balancer's retry); a comment that was stored but not acknowledged is then
    // refused as a duplicate, never stored twice.
    let dead = AtomicBool::new(false);
    let done = AtomicUsize::new(0);
    let acked: Mutex<Vec<(String, String)>> = Mutex::default();
    let duplicates = AtomicUsize::new(0);
    let retried = AtomicUsize::new(0);
    let views: Mutex<HashMap<&str, usize>> = Mutex::default();
    let slugs = [KHOI, HOI_AN, XUAN_HONG];
    let total_requests = 24 * 4 + 60;
    std::thread::scope(|scope| {
        for reader in 0..24usize {
            let (addrs, acked, duplicates, retried, views, done) =
                (&addrs, &acked, &duplicates, &retried, &views, &done);
            scope.spawn(move || {
                let client = format!("198.51.100.{}", reader + 10);
                let mut next = reader;
                // Sends to the next server, and to the one after when it does not answer.
                let mut send = |what: &dyn Fn(&str) -> Option<Resp>| -> Resp {
                    for attempt in 0..3 {
                        next += 1;
                        if let Some(r) = what(&addrs[next % 3]) {
                            return r;
                        }
                        if attempt == 0 {
                            retried.fetch_add(1, Ordering::SeqCst);
                        }
                    }
                    panic!("no server answered");
                };
                for n in 0..4 {
                    let body = format!("Bạn đọc {reader} góp ý lần {n}");
                    let r = send(&|addr| post_comment_as(addr, &client, &body));
                    done.fetch_add(1, Ordering::SeqCst);
                    match r.status {
                        201 => {
                            let id = r.json()["comment"]["id"].as_str().unwrap().to_string();
                            acked.lock().unwrap().push((id, body));
                        }
                        409 | 422 => {
                            duplicates.fetch_add(1, Ordering::SeqCst);
                        }
                        other => panic!("comment answered {other}: {}", r.text()),
                    }
                }
                // Readers 0–29 of a 60-reader audience: here, the first 24 of it.
                for (k, slug) in slugs.iter().enumerate() {
                    let audience = [30, 20, 10][k];
                    for viewer in (reader..audience).step_by(24) {
                        let viewer = format!("192.0.2.{}", viewer + 1);
                        let r = send(&|addr| beacon(addr, slug, &viewer));
                        assert_eq!(r.status, 204, "{}", r.text());
                        *views.lock().unwrap().entry(slug).or_default() += 1;
                        done.fetch_add(1, Ordering::SeqCst);
                    }
                }
            });
        }
        while done.load(Ordering::SeqCst) < total_requests / 3 {
            std::thread::sleep(Duration::from_millis(2));
        }
        others.0[0].kill().unwrap();
        others.0[0].wait().unwrap();
        dead.store(true, Ordering::SeqCst);
    });
    assert!(dead.load(Ordering::SeqCst));
    let acked = acked.into_inner().unwrap();
    let views = views.into_inner().unwrap();
    let duplicates = duplicates.load(Ordering::SeqCst);
    eprintln!(
        "3 servers, one killed: {} comments acknowledged, {duplicates} refused as duplicates \
         after a retry, {} requests retried on another server, {} beacons counted; \
         rate limit across servers: {created} of 8 acknowledged, {refused} refused",
        acked.len(),
        retried.load(Ordering::SeqCst),
        views.values().sum::<usize>()
    );
    assert_eq!(acked.len() + duplicates, 24 * 4, "every comment answered");
    assert!(
        retried.load(Ordering::SeqCst) > 0,
        "the kill happened mid-load"
    );
    // Exactly once: each acknowledged comment's id and body are in one row.
    for (id, body) in &acked {
        assert_eq!(stored(&first, id, body), ("1".into(), "1".into()), "{id}");
    }
    // A comment refused as a duplicate was stored by the attempt that got no answer: so all
    // 96 are stored, each once.
    let rows = first.sql(
        "SELECT COUNT(*), COUNT(DISTINCT body) FROM comments WHERE body LIKE 'Bạn đọc %'",
        &[],
    );
    assert_eq!(rows, [[Some("96".to_string()), Some("96".to_string())]]);
    // Every beacon counted, whichever server took it: 30, 20, 10 readers.
    for (k, slug) in slugs.iter().enumerate() {
        assert_eq!(views[slug], [30, 20, 10][k]);
        let counted = first.sql_value(
            "SELECT COUNT(*) FROM article_views WHERE slug = $1 AND client LIKE '192.0.2.%'",
            &[slug],
        );
        assert_eq!(counted, views[slug].to_string(), "{slug}");
    }
    let ranked: Vec<String> = first.get("/api/most-read.json").json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["slug"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        ranked[..3],
        slugs.map(String::from),
        "ranked by every server's beacons"
    );
    let survivor = addrs[2].clone();
    assert_eq!(
        try_request(&survivor, "GET", "/healthz", &[], b"")
            .unwrap()
            .status,
        200
    );
}

/// Servers killed when the test ends, whether it passed or not.
struct Killed(Vec<Child>);

impl Drop for Killed {
    fn drop(&mut self) {
        for child in &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

#[test]
fn healthz_turns_503_when_the_database_is_gone_and_the_balancer_can_look_elsewhere() {
    if !on_postgres() {
        // An open SQLite file cannot be taken away from the process that has it open.
        return;
    }
    let s = Server::start(&[]);
    assert_eq!(s.get("/healthz").status, 200);
    let url = s.database.args[1].clone();
    let (server, name) = url.rsplit_once('/').unwrap();
    let admin = format!("{server}/postgres");
    let mut client = postgres::Client::connect(&admin, postgres::NoTls).unwrap();
    client
        .batch_execute(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .unwrap();
    let r = s.get("/healthz");
    assert_eq!(r.status, 503, "{}", r.text());
    assert_eq!(r.text(), "database unreachable\n");
    // The readers' answers say so too, rather than hanging.
    assert_eq!(
        s.get(&format!("/api/articles/{KHOI}/comments.json")).status,
        503
    );
}
