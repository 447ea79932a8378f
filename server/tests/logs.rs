//! The server's logs (`tracing` on stderr): the one line on stdout stays as scripts read
//! it, and `RUST_LOG=info` adds a line per answer with its status.

mod common;

use common::*;

fn serve(rust_log: Option<&str>) -> (std::process::Child, String, TempDir) {
    let dir = TempDir::new();
    let (child, addr) = serve_logged(&content_dir(), &dir, rust_log);
    (child, addr, dir)
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
