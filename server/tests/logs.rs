//! The server's logs (`tracing` on stderr): the one line on stdout stays as scripts read
//! it, and `RUST_LOG=info` adds a line per answer with its status.

mod common;

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};

use common::*;

fn serve(rust_log: Option<&str>) -> (std::process::Child, String, TempDir) {
    let dir = TempDir::new();
    std::fs::write(dir.0.join("dist/index.html"), INDEX_HTML).unwrap();
    std::fs::write(dir.0.join("dist/404.html"), NOT_FOUND_HTML).unwrap();
    let mut cmd = Command::new(BIN);
    cmd.args(["serve", "--addr", "127.0.0.1:0", "--content"])
        .arg(content_dir())
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
    (child, addr, dir)
}

fn stderr_after_kill(mut child: std::process::Child) -> String {
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

#[test]
fn messages_go_to_stderr_and_requests_are_logged_when_asked() {
    let (child, addr, _dir) = serve(None);
    assert_eq!(
        request(&addr, "GET", "/api/latest.json", &[], b"").status,
        200
    );
    let err = stderr_after_kill(child);
    assert!(err.contains("INFO"), "{err}");
    assert!(
        err.contains("banned words"),
        "the server's own messages: {err}"
    );
    assert!(
        !err.contains("/api/latest.json"),
        "no line per request by default: {err}"
    );

    let (child, addr, _dir) = serve(Some("info"));
    assert_eq!(
        request(&addr, "GET", "/api/latest.json", &[], b"").status,
        200
    );
    assert_eq!(
        request(&addr, "GET", "/nowhere/at/all", &[], b"").status,
        404
    );
    let err = stderr_after_kill(child);
    let line = |path: &str| {
        err.lines()
            .find(|l| l.contains(path) && l.contains("finished processing request"))
            .unwrap_or_else(|| panic!("no line for {path}: {err}"))
            .to_string()
    };
    assert!(line("/api/latest.json").contains("status=200"), "{err}");
    assert!(line("/nowhere/at/all").contains("status=404"), "{err}");
    assert!(line("/api/latest.json").contains("method=GET"), "{err}");
}
