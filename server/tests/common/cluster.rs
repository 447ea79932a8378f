//! A throw-away PostgreSQL cluster of one test's own, which the test may stop and start
//! (the shared one of `NEWS_TEST_DATABASE_URL` is never touched): Debian's binaries found
//! as `scripts/postgres.sh` finds them, a new cluster in a temporary folder on a free
//! loopback port, trusting local connections; stopped and removed on drop.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::TempDir;

/// A cluster the test owns.
pub struct Cluster {
    bin: PathBuf,
    /// `postgres://news@127.0.0.1:PORT/postgres`.
    pub url: String,
    port: u16,
    // Last: removed after the server is stopped.
    dir: TempDir,
}

/// The newest `/usr/lib/postgresql/N/bin`, as `scripts/postgres.sh` picks it.
fn bin_dir() -> Option<PathBuf> {
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let version = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("pg_ctl").exists().then_some((version, bin))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, bin)| bin)
}

/// Runs a PostgreSQL program as the cluster's owner: as root, the `postgres` user the
/// package made (the server refuses root).
fn as_owner(program: &Path) -> Command {
    if is_root() {
        let mut command = Command::new("runuser");
        command.args(["-u", "postgres", "--"]).arg(program);
        command
    } else {
        Command::new(program)
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

fn check(what: &str, out: std::io::Result<Output>) {
    let out = out.unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(
        out.status.success(),
        "{what}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

impl Cluster {
    /// A new running cluster; `None` (with a message) where PostgreSQL is not installed,
    /// unless `NEWS_TEST_REQUIRE_POSTGRES=1` (scripts/test.sh), which makes that a failure.
    pub fn start() -> Option<Cluster> {
        let Some(bin) = bin_dir() else {
            assert!(
                std::env::var("NEWS_TEST_REQUIRE_POSTGRES").as_deref() != Ok("1"),
                "NEWS_TEST_REQUIRE_POSTGRES=1 but no /usr/lib/postgresql/*/bin/pg_ctl"
            );
            eprintln!("skipped: no PostgreSQL binaries (/usr/lib/postgresql/*/bin)");
            return None;
        };
        let dir = TempDir::new();
        if is_root() {
            check(
                "chown",
                Command::new("chown").arg("postgres").arg(&dir.0).output(),
            );
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        check(
            "initdb",
            as_owner(&bin.join("initdb"))
                .arg("-D")
                .arg(dir.0.join("data"))
                .args(["-U", "news", "-A", "trust", "-E", "UTF8"])
                .args(["--locale=C.UTF-8", "--no-sync"])
                .output(),
        );
        let cluster = Cluster {
            bin,
            url: format!("postgres://news@127.0.0.1:{port}/postgres"),
            port,
            dir,
        };
        cluster.resume();
        Some(cluster)
    }

    /// Starts the stopped server again (waiting until it accepts connections).
    pub fn resume(&self) {
        let options = format!(
            "-c listen_addresses=127.0.0.1 -p {} -k {} -c max_connections=100",
            self.port,
            self.dir.0.display()
        );
        check(
            "pg_ctl start",
            as_owner(&self.bin.join("pg_ctl"))
                .arg("-D")
                .arg(self.dir.0.join("data"))
                .arg("-l")
                .arg(self.dir.0.join("log"))
                .args(["-w", "-t", "60", "start", "-o", &options])
                .output(),
        );
    }

    /// Stops the server as an operator would for a restart (`-m fast`: the sessions are
    /// ended, the transactions under way rolled back), waiting until it is down.
    pub fn stop(&self) {
        check("pg_ctl stop", self.pg_ctl_stop("fast"));
    }

    fn pg_ctl_stop(&self, mode: &str) -> std::io::Result<Output> {
        as_owner(&self.bin.join("pg_ctl"))
            .arg("-D")
            .arg(self.dir.0.join("data"))
            .args(["-m", mode, "-w", "stop"])
            .output()
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = self.pg_ctl_stop("immediate");
    }
}
