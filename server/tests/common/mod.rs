//! Shared by the integration tests: the built `news-server` binary over real HTTP on
//! 127.0.0.1. Each test starts its own server on a free port with its own database file and
//! a small app folder, and talks to it with a minimal HTTP/1.1 client (one request per
//! connection).
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use serde_json::{json, Value};

pub mod cluster;

pub const BIN: &str = env!("CARGO_BIN_EXE_news-server");
/// Has 4 demo comments, the newest `c-0015`.
pub const KHOI: &str = "khoi-thi-dua-cac-co-quan-cong-tac-dang-tong-ket-nam-2022";
/// Has no demo comment.
pub const XUAN_HONG: &str = "tiep-nhan-hon-500-don-vi-mau-trong-ngay-hoi-xuan-hong";
/// Its demo comments are on two static pages.
pub const HOI_AN: &str = "pho-co-hoi-an-lung-linh-dem-ram-thang-gieng";
/// `"comments": {"enabled": false}`.
pub const CLOSED: &str = "quang-nam-day-manh-cai-cach-hanh-chinh-nam-2023";

pub fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/api")
}

/// A folder of its own under the system's temp dir, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new() -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let dir = std::env::temp_dir().join(format!(
            "news-server-test-{}-{}-{nanos}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(dir.join("dist")).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub const INDEX_HTML: &str = "<!doctype html><title>index</title><div data-news-app></div>";
pub const NOT_FOUND_HTML: &str = "<!doctype html><title>404</title><div data-news-app></div>";

/// A small app build in `dir/dist`; the flags that serve it and the content folder.
pub fn app_args(dir: &TempDir, content: &Path) -> Vec<String> {
    let dist = dir.0.join("dist");
    std::fs::write(dist.join("index.html"), INDEX_HTML).unwrap();
    std::fs::write(dist.join("404.html"), NOT_FOUND_HTML).unwrap();
    std::fs::write(dist.join("boot.js"), "// boot").unwrap();
    std::fs::write(dist.join("news-app-0123456789abcdef.js"), "// app").unwrap();
    std::fs::write(dist.join("news-app-0123456789abcdef_bg.wasm"), b"\0asm").unwrap();
    std::fs::write(dist.join("base-fedcba9876543210.css"), "p{}").unwrap();
    vec![
        "--dist".into(),
        dist.display().to_string(),
        "--content".into(),
        content.display().to_string(),
    ]
}

/// A running server; killed (and its folder removed) on drop.
pub struct Server {
    pub child: Child,
    pub addr: String,
    pub args: Vec<String>,
    pub database: TestDatabase,
    // Last, so the folder goes after the process that uses it.
    pub dir: TempDir,
}

impl Server {
    pub fn start(extra: &[&str]) -> Server {
        Server::start_with_content(&content_dir(), extra)
    }

    pub fn start_with_content(content: &Path, extra: &[&str]) -> Server {
        let dir = TempDir::new();
        let database = TestDatabase::new(&dir.0);
        Server::start_in(dir, database, content, extra)
    }

    /// A server on a database of its own in the PostgreSQL server at `server_url` (a
    /// cluster the test made: `cluster::Cluster`).
    pub fn start_on_postgres(server_url: &str, extra: &[&str]) -> Server {
        let database = TestDatabase::in_postgres(server_url);
        Server::start_in(TempDir::new(), database, &content_dir(), extra)
    }

    fn start_in(dir: TempDir, database: TestDatabase, content: &Path, extra: &[&str]) -> Server {
        let mut args = app_args(&dir, content);
        args.extend(database.args.iter().cloned());
        args.extend(extra.iter().map(|s| s.to_string()));
        let (child, addr) = spawn(&args);
        Server {
            child,
            addr,
            args,
            database,
            dir,
        }
    }

    /// The SQLite file (tests of SQLite's own behaviour only).
    pub fn db(&self) -> PathBuf {
        self.dir.0.join("news.db")
    }

    /// SIGKILL, no chance to flush anything, then a new process on the same database.
    pub fn kill_9_and_restart(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
        let (child, addr) = spawn(&self.args);
        self.child = child;
        self.addr = addr;
    }

    pub fn get(&self, path: &str) -> Resp {
        request(&self.addr, "GET", path, &[], b"")
    }

    pub fn post_json(&self, path: &str, body: &Value) -> Resp {
        self.post(path, Some("application/json"), body.to_string().as_bytes())
    }

    pub fn post(&self, path: &str, content_type: Option<&str>, body: &[u8]) -> Resp {
        let headers: Vec<(&str, &str)> = content_type
            .map(|t| ("Content-Type", t))
            .into_iter()
            .collect();
        request(&self.addr, "POST", path, &headers, body)
    }

    pub fn comment(&self, slug: &str, name: &str, body: &str) -> Resp {
        self.post_json(
            &format!("/api/articles/{slug}/comments"),
            &json!({"author_name": name, "body": body, "website": ""}),
        )
    }

    pub fn comments(&self, slug: &str) -> Value {
        let r = self.get(&format!("/api/articles/{slug}/comments.json"));
        assert_eq!(r.status, 200, "{}", r.text());
        r.json()
    }

    /// Runs a moderation subcommand on this server's database.
    pub fn cli(&self, args: &[&str]) -> Output {
        Command::new(BIN)
            .args(args)
            .args(&self.database.args)
            .output()
            .unwrap()
    }

    pub fn pending(&self) -> String {
        let out = self.cli(&["pending"]);
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `serve` and reads the port from its one line of output.
pub fn spawn(args: &[String]) -> (Child, String) {
    spawn_via(Command::new(BIN), args, Stdio::null())
}

/// [`spawn`] with its log (stderr) sent to `log`.
pub fn spawn_with_log(args: &[String], log: impl Into<Stdio>) -> (Child, String) {
    spawn_via(Command::new(BIN), args, log.into())
}

/// [`spawn`] with the binary run by `command` (`nsenter … BIN`, say), its log to `stderr`.
pub fn spawn_via(mut command: Command, args: &[String], stderr: Stdio) -> (Child, String) {
    let mut child = command
        .arg("serve")
        .args(["--addr", "127.0.0.1:0"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .unwrap();
    let mut line = String::new();
    let stdout = child.stdout.take().unwrap();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let addr = line
        .trim()
        .strip_prefix("listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_string();
    assert!(!addr.ends_with(":0"), "the real port is printed");
    (child, addr)
}

/// `serve` of `content` on a SQLite file in `dir`, with its log (stderr) kept for
/// [`stderr_after_kill`] and `RUST_LOG` as given (the default filter when `None`).
pub fn serve_logged(content: &Path, dir: &TempDir, rust_log: Option<&str>) -> (Child, String) {
    std::fs::write(dir.0.join("dist/index.html"), INDEX_HTML).unwrap();
    std::fs::write(dir.0.join("dist/404.html"), NOT_FOUND_HTML).unwrap();
    let mut cmd = Command::new(BIN);
    cmd.args(["serve", "--addr", "127.0.0.1:0", "--content"])
        .arg(content)
        .arg("--dist")
        .arg(dir.0.join("dist"))
        .arg("--db")
        .arg(dir.0.join("news.db"))
        .env_remove("RUST_LOG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(filter) = rust_log {
        cmd.env("RUST_LOG", filter);
    }
    let mut child = cmd.spawn().unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .strip_prefix("listening on http://")
        .unwrap_or_else(|| panic!("first line {line:?}"))
        .trim_end()
        .to_string();
    (child, addr)
}

/// Everything a [`serve_logged`] server wrote on stderr, once killed.
pub fn stderr_after_kill(mut child: Child) -> String {
    let _ = child.kill();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let _ = child.wait();
    err
}

#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

pub fn request(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Resp {
    request_on(
        TcpStream::connect(addr).unwrap(),
        addr,
        method,
        path,
        headers,
        body,
    )
}

/// One request, or `None` when the server could not be reached or did not answer whole
/// (it was killed, or is stopping).
pub fn try_request(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Option<Resp> {
    let mut stream = TcpStream::connect(addr).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .ok()?;
    stream
        .write_all(&message(addr, method, path, headers, body))
        .ok()?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).ok()?;
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let resp = parse_response(&raw);
    // Whole: as long as it said (these answers are not chunked).
    let declared: usize = resp
        .header("content-length")
        .map_or(Ok(0), str::parse)
        .ok()?;
    (raw.len() - end - 4 >= declared).then_some(resp)
}

/// A connection to `addr` from the loopback address `from` (127.0.0.2, …: another client).
pub fn connect_from(from: [u8; 4], addr: &str) -> TcpStream {
    use socket2::{Domain, Socket, Type};
    let socket = Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
    socket
        .bind(&std::net::SocketAddr::from((from, 0)).into())
        .unwrap();
    let target: std::net::SocketAddr = addr.parse().unwrap();
    socket.connect(&target.into()).unwrap();
    socket.into()
}

/// One request on an open connection.
pub fn request_on(
    mut stream: TcpStream,
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Resp {
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    // The server may answer (413) and close before reading all of a large body.
    let _ = stream.write_all(&message(addr, method, path, headers, body));
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    parse_response(&raw)
}

/// A request's bytes: one request per connection.
fn message(addr: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let mut message = head.into_bytes();
    message.extend_from_slice(body);
    message
}

/// Every value of a header (`Set-Cookie` comes once per cookie).
pub fn header_values<'a>(r: &'a Resp, name: &str) -> Vec<&'a str> {
    r.headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
        .collect()
}

/// The moderation desk's default path.
pub const DESK: &str = "/quan-tri";

/// A browser of the moderation desk: a client address and a cookie jar.
pub struct DeskClient {
    pub addr: String,
    pub from: [u8; 4],
    pub cookies: Vec<(String, String)>,
    /// Extra headers sent with every request (Origin, Sec-Fetch-Site, …).
    pub extra: Vec<(String, String)>,
}

impl DeskClient {
    pub fn new(server: &Server) -> DeskClient {
        DeskClient::from_ip(server, [127, 0, 0, 1])
    }

    pub fn from_ip(server: &Server, from: [u8; 4]) -> DeskClient {
        DeskClient {
            addr: server.addr.clone(),
            from,
            cookies: Vec::new(),
            extra: Vec::new(),
        }
    }

    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.cookies
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn send(&mut self, method: &str, path: &str, body: &str) -> Resp {
        let jar = self
            .cookies
            .iter()
            .map(|(n, v)| format!("{n}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        let mut headers: Vec<(&str, &str)> = self
            .extra
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        if !jar.is_empty() {
            headers.push(("Cookie", &jar));
        }
        if method == "POST" {
            headers.push(("Content-Type", "application/x-www-form-urlencoded"));
        }
        let stream = connect_from(self.from, &self.addr);
        let r = request_on(stream, &self.addr, method, path, &headers, body.as_bytes());
        for set in header_values(&r, "set-cookie") {
            let pair = set.split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            self.cookies.retain(|(n, _)| n != name);
            if !set.contains("Max-Age=0") {
                self.cookies.push((name.to_string(), value.to_string()));
            }
        }
        r
    }

    pub fn get(&mut self, path: &str) -> Resp {
        self.send("GET", path, "")
    }

    /// Posts `fields` as a form.
    pub fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Resp {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        self.send("POST", path, &body)
    }

    /// Loads the login form and posts it.
    pub fn login(&mut self, name: &str, password: &str) -> Resp {
        let form = self.get(&format!("{DESK}/dang-nhap"));
        let token = csrf_of(&form.text());
        self.post(
            &format!("{DESK}/dang-nhap"),
            &[("csrf", &token), ("ten", name), ("mat-khau", password)],
        )
    }

    /// The session's CSRF token, from the queue page.
    pub fn csrf(&mut self) -> String {
        let page = self.get(&format!("{DESK}/"));
        assert_eq!(page.status, 200, "{}", page.text());
        csrf_of(&page.text())
    }
}

/// The first CSRF token of a page's forms.
pub fn csrf_of(html: &str) -> String {
    let at = html
        .find(r#"name="csrf" value=""#)
        .unwrap_or_else(|| panic!("no CSRF field in {html}"));
    let rest = &html[at + r#"name="csrf" value=""#.len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

impl Server {
    /// `user add NAME` with the password on standard input (not a terminal).
    pub fn add_user(&self, name: &str, password: &str) -> Output {
        let mut child = Command::new(BIN)
            .args(["user", "add", name])
            .args(&self.database.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // A refused name ends the command before it reads: the pipe may be closed.
        let _ = writeln!(child.stdin.take().unwrap(), "{password}");
        child.wait_with_output().unwrap()
    }

    /// Rows of a query on the server's database, whichever engine, each value as text
    /// (`None` for NULL); `$1`, `$2`… are `params`, in order.
    pub fn sql(&self, sql: &str, params: &[&str]) -> Vec<Vec<Option<String>>> {
        self.database.query(sql, params)
    }

    /// The one value of a one-row, one-column query.
    pub fn sql_value(&self, sql: &str, params: &[&str]) -> String {
        let rows = self.sql(sql, params);
        assert_eq!(rows.len(), 1, "{sql}: {rows:?}");
        rows[0][0].clone().unwrap_or_default()
    }
}

pub fn parse_response(raw: &[u8]) -> Resp {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(raw)));
    let head = std::str::from_utf8(&raw[..split]).unwrap();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.contains("chunked"))
    {
        body = dechunk(&body);
    }
    Resp {
        status,
        headers,
        body,
    }
}

pub fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let eol = raw.windows(2).position(|w| w == b"\r\n").unwrap();
        let size_text = std::str::from_utf8(&raw[..eol]).unwrap();
        let size = usize::from_str_radix(size_text.split(';').next().unwrap().trim(), 16).unwrap();
        raw = &raw[eol + 2..];
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&raw[..size]);
        raw = &raw[size + 2..];
    }
}

pub fn ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

pub fn assert_nosniff(r: &Resp) {
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"), "{r:?}");
}

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
