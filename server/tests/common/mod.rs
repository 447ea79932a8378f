//! Shared by the integration tests: the built `news-server` binary over real HTTP on
//! 127.0.0.1. Each test starts its own server on a free port with its own database file and
//! a small app folder, and talks to it with a minimal HTTP/1.1 client (one request per
//! connection).
// Each test binary uses a part of this module: what it leaves is not a warning.
#![allow(dead_code, unused_imports)]

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::{json, Value};

pub mod client;
pub mod cluster;
pub mod database;
pub mod desk;

pub use client::*;
pub use database::*;
pub use desk::*;

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
