//! SQLite on a full disk, from outside the process: the database on a small tmpfs of its
//! own, filled by a file beside it. Writes are answered 507 with the reader's message, never
//! 500 nor a hang; reads go on; once the file is removed, posting works again; every comment
//! answered 201 is in the database and none answered 507 is; `integrity_check` is `ok`.
//!
//! As root (here, CI) the tmpfs is mounted on a temporary folder and unmounted after; as
//! another user, in a user and mount namespace of its own (`unshare -rm`) that the server
//! joins (`nsenter`), the test reaching its files through `/proc/PID/root`.

mod common;

use std::io::{BufRead, BufReader, ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use common::*;

/// The small file system's size: the demo's comments and a few more fit, then the filler.
const DISK: &str = "1m";

/// A tmpfs of [`DISK`] on `dir/disk`, only for this test.
struct SmallDisk {
    /// Where it is mounted, as the server sees it.
    mount: PathBuf,
    /// Not root: the process that keeps the namespace (and the mount) alive.
    holder: Option<Child>,
}

impl SmallDisk {
    fn new(dir: &TempDir) -> SmallDisk {
        let mount = dir.0.join("disk");
        std::fs::create_dir(&mount).unwrap();
        let size = format!("size={DISK}");
        if is_root() {
            let status = Command::new("mount")
                .args(["-t", "tmpfs", "-o", &size, "tmpfs"])
                .arg(&mount)
                .status()
                .unwrap();
            assert!(status.success(), "mount -t tmpfs: {status}");
            return SmallDisk {
                mount,
                holder: None,
            };
        }
        let mut holder = Command::new("unshare")
            .args(["-rm", "sh", "-c"])
            .arg(r#"mount -t tmpfs -o "$1" tmpfs "$2" && echo mounted && exec cat"#)
            .args(["sh", &size])
            .arg(&mount)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(holder.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert_eq!(line.trim(), "mounted", "unshare -rm and mount -t tmpfs");
        SmallDisk {
            mount,
            holder: Some(holder),
        }
    }

    /// How the test reaches `name` on the disk.
    fn path(&self, name: &str) -> PathBuf {
        match &self.holder {
            None => self.mount.join(name),
            Some(holder) => Path::new(&format!("/proc/{}/root", holder.id()))
                .join(self.mount.strip_prefix("/").unwrap())
                .join(name),
        }
    }

    /// The database, once its server has stopped, where this process can open it: SQLite
    /// resolves `/proc/PID/root` to this process's own root, so from a namespace the files
    /// are copied out first (the database and its WAL, as the server left them).
    fn stopped_database(&self, name: &str, scratch: &Path) -> PathBuf {
        if self.holder.is_none() {
            return self.path(name);
        }
        for suffix in ["", "-wal"] {
            let file = format!("{name}{suffix}");
            if self.path(&file).exists() {
                std::fs::copy(self.path(&file), scratch.join(&file)).unwrap();
            }
        }
        scratch.join(name)
    }

    /// The command that runs the server where it sees the disk.
    fn server_command(&self) -> Command {
        match &self.holder {
            None => Command::new(BIN),
            Some(holder) => {
                let mut command = Command::new("nsenter");
                command
                    .args(["-U", "-m", "--preserve-credentials", "-t"])
                    .arg(holder.id().to_string())
                    .arg(BIN);
                command
            }
        }
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        match &mut self.holder {
            // Lazily: a process still holding a file does not keep the mount.
            None => {
                let _ = Command::new("umount").arg("-l").arg(&self.mount).status();
            }
            Some(holder) => {
                let _ = holder.kill();
                let _ = holder.wait();
            }
        }
    }
}

fn is_root() -> bool {
    let out = Command::new("id").arg("-u").output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim() == "0"
}

/// Fills the disk with `path`, 4 KiB (tmpfs's page) at a time, until it is refused.
fn fill(path: &Path) -> u64 {
    let mut file = std::fs::File::create(path).unwrap();
    let page = [0x55u8; 4096];
    let mut written = 0;
    loop {
        match file.write_all(&page).and_then(|()| file.sync_data()) {
            Ok(()) => written += page.len() as u64,
            Err(e) if e.raw_os_error() == Some(28) || e.kind() == ErrorKind::StorageFull => {
                return written
            }
            Err(e) => panic!("filling {}: {e}", path.display()),
        }
    }
}

/// A comment's body: long (to fill the disk sooner) and told apart by `n`.
fn body(n: usize) -> String {
    format!(
        "Bình luận số {n}: {}",
        "Người đọc viết dài về đề tài này. ".repeat(40)
    )
}

/// Posts comment `n`: its id when answered 201, `None` when 507 (with the reader's message).
fn post(server: &Server, n: usize) -> Option<String> {
    let r = server.comment(KHOI, "Độc giả", &body(n));
    match r.status {
        201 => Some(r.json()["comment"]["id"].as_str().unwrap().to_string()),
        507 => {
            let message = r.json()["error"].as_str().unwrap().to_string();
            assert!(
                message.contains("chưa được lưu") && message.contains("thử lại"),
                "{message}"
            );
            assert_eq!(r.header("cache-control"), Some("no-store"));
            None
        }
        other => panic!("comment {n}: {other} {}", r.text()),
    }
}

#[test]
fn a_full_disk_refuses_writes_with_507_and_loses_nothing_acknowledged() {
    if on_postgres() {
        return;
    }
    let dir = TempDir::new();
    let disk = SmallDisk::new(&dir);
    let db = disk.mount.join("news.db");
    let mut args = app_args(&dir, &content_dir());
    args.extend(["--db".into(), db.display().to_string()]);
    args.extend(["--auto-publish", "--rate-limit", "0"].map(String::from));
    let log_path = dir.0.join("server.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let (child, addr) = spawn_via(disk.server_command(), &args, log.into());
    let mut server = Server {
        child,
        addr,
        args,
        database: TestDatabase::new(&dir.0),
        dir: TempDir::new(),
    };

    let mut stored: Vec<String> = (0..10).map(|n| post(&server, n).unwrap()).collect();

    let filler = disk.path("filler");
    let filled = fill(&filler);
    assert!(filled > 0, "the filler took the disk's free space");
    // Until the writes are refused (the WAL's free frames may take a few first).
    let mut refused = Vec::new();
    for n in 10..400 {
        match post(&server, n) {
            Some(id) => stored.push(id),
            None => refused.push(n),
        }
        if refused.len() >= 5 {
            break;
        }
    }
    assert_eq!(refused.len(), 5, "writes refused on the full disk");
    // The server is alive and reads: the article's comments, its page.
    let page = server.comments(KHOI);
    assert!(
        page["total"].as_u64().unwrap() >= stored.len() as u64,
        "{page}"
    );
    assert_eq!(
        server.get(&format!("/api/articles/{KHOI}.json")).status,
        200
    );

    std::fs::remove_file(&filler).unwrap();
    for n in 1000..1005 {
        stored.push(post(&server, n).expect("posting again once space is freed"));
    }

    // Stopped without a chance to flush: what was acknowledged is on disk already.
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    let conn = rusqlite::Connection::open(disk.stopped_database("news.db", &dir.0)).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    for id in &stored {
        let n: i64 = conn
            .query_row("SELECT COUNT(*) FROM comments WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(n, 1, "comment {id} answered 201");
    }
    for n in &refused {
        let found: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM comments WHERE body = ?1",
                [body(*n)],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(found, 0, "comment {n} answered 507 is not stored");
    }
    drop(conn);

    // One line for the full disk, none per refused request.
    let log = std::fs::read_to_string(&log_path).unwrap();
    assert_eq!(log.matches("http::disk_full").count(), 1, "{log}");
    assert!(!log.contains("Insufficient Storage"), "{log}");
    eprintln!(
        "full disk: {} B of filler, {} comments stored, {} refused",
        filled,
        stored.len(),
        refused.len()
    );
}
