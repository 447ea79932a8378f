//! The command line, parsed by hand: five subcommands and a few flags do not need a parser
//! crate.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::app::Config;
use crate::cors;

/// What `--help` and a usage error print.
pub const USAGE: &str = "\
usage:
  news-server serve [--addr 127.0.0.1:8080] [--dist dist] [--content public/api] [--db news.db]
                    [--auto-publish] [--rate-limit 5] [--rate-window-secs 600]
                    [--allow-origin https://portal.example.vn]...
  news-server pending [--db news.db]          list comments waiting for moderation
  news-server approve ID... [--db news.db]    publish them
  news-server reject ID... [--db news.db]     never show them
  news-server prerender [--dist dist] [--content public/api] [--base-path /sub/path]
                                              write dist/{category}/{slug}/index.html
                                              for every article (after a build)

serve prints one line, `listening on http://ADDR`, once it accepts connections
(with --addr 127.0.0.1:0 the port is the system's choice). --rate-limit 0 turns
the per-client comment limit off.

--allow-origin ORIGIN (repeatable; none by default) lets pages of ORIGIN, such as
a portal that embeds the app, use this server from the browser: CORS answers for
the app's files and every GET, preflights for the POSTs and DELETEs of comments,
likes and views. ORIGIN is scheme://host[:port] with no path, as browsers send it
in `Origin`. A POST or DELETE whose Origin is neither listed nor this server's own
(its Host) is refused with 403; requests without Origin (curl) are not affected.";

/// The default database file.
const DEFAULT_DB: &str = "news.db";

/// `serve`'s options.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Where to listen.
    pub addr: SocketAddr,
    /// The database file.
    pub db: PathBuf,
    /// Everything the router needs.
    pub config: Config,
}

/// A parsed command line.
#[derive(Debug, Clone)]
pub enum Command {
    /// `--help`.
    Help,
    /// Run the server.
    Serve(ServeOptions),
    /// List pending comments.
    Pending {
        /// The database file.
        db: PathBuf,
    },
    /// Publish comments.
    Approve {
        /// The database file.
        db: PathBuf,
        /// Comment ids.
        ids: Vec<String>,
    },
    /// Write the article pages of a build.
    Prerender {
        /// The build (`index.html` is the shell; pages are written under it).
        dist: PathBuf,
        /// The content folder.
        content: PathBuf,
        /// The app's path prefix the build was made for (`""` at the root).
        base_path: String,
    },
    /// Reject comments.
    Reject {
        /// The database file.
        db: PathBuf,
        /// Comment ids.
        ids: Vec<String>,
    },
}

/// Reads the arguments after the program name.
pub fn parse(args: &[String]) -> Result<Command, String> {
    let Some((sub, rest)) = args.split_first() else {
        return Err("no command".into());
    };
    if rest.iter().any(|a| a == "--help" || a == "-h") {
        return Ok(Command::Help);
    }
    match sub.as_str() {
        "-h" | "--help" | "help" => Ok(Command::Help),
        "serve" => parse_serve(rest).map(Command::Serve),
        "pending" => {
            let (db, ids) = parse_moderation(rest)?;
            if let Some(extra) = ids.first() {
                return Err(format!("pending takes no argument, got {extra}"));
            }
            Ok(Command::Pending { db })
        }
        "approve" | "reject" => {
            let (db, ids) = parse_moderation(rest)?;
            if ids.is_empty() {
                return Err(format!("{sub} needs at least one comment id"));
            }
            Ok(if sub == "approve" {
                Command::Approve { db, ids }
            } else {
                Command::Reject { db, ids }
            })
        }
        "prerender" => parse_prerender(rest),
        other => Err(format!("unknown command {other}")),
    }
}

fn parse_prerender(args: &[String]) -> Result<Command, String> {
    let (mut dist, mut content, mut base_path) = (
        PathBuf::from("dist"),
        PathBuf::from("public/api"),
        String::new(),
    );
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--dist" => dist = PathBuf::from(value),
            "--content" => content = PathBuf::from(value),
            "--base-path" => base_path = news_contract::routes::normalize_base(value),
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(Command::Prerender {
        dist,
        content,
        base_path,
    })
}

fn parse_serve(args: &[String]) -> Result<ServeOptions, String> {
    let mut opts = ServeOptions {
        addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
        db: PathBuf::from(DEFAULT_DB),
        config: Config {
            dist: PathBuf::from("dist"),
            content: PathBuf::from("public/api"),
            auto_publish: false,
            rate_limit: 5,
            rate_window: Duration::from_secs(600),
            allow_origins: Vec::new(),
        },
    };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        if flag == "--auto-publish" {
            opts.config.auto_publish = true;
            continue;
        }
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--addr" => opts.addr = parse_value(flag, value)?,
            "--dist" => opts.config.dist = PathBuf::from(value),
            "--content" => opts.config.content = PathBuf::from(value),
            "--db" => opts.db = PathBuf::from(value),
            "--allow-origin" => {
                let origin =
                    cors::parse_origin(value).map_err(|why| format!("--allow-origin {why}"))?;
                if !opts.config.allow_origins.contains(&origin) {
                    opts.config.allow_origins.push(origin);
                }
            }
            "--rate-limit" => opts.config.rate_limit = parse_value(flag, value)?,
            "--rate-window-secs" => {
                let secs: u64 = parse_value(flag, value)?;
                if secs == 0 {
                    return Err("--rate-window-secs must be at least 1".into());
                }
                opts.config.rate_window = Duration::from_secs(secs);
            }
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(opts)
}

/// `--db PATH` anywhere among the ids.
fn parse_moderation(args: &[String]) -> Result<(PathBuf, Vec<String>), String> {
    let mut db = PathBuf::from(DEFAULT_DB);
    let mut ids = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if arg == "--db" {
            db = PathBuf::from(it.next().ok_or("--db needs a value")?);
        } else if arg.starts_with("--") {
            return Err(format!("unknown option {arg}"));
        } else {
            ids.push(arg.clone());
        }
    }
    Ok((db, ids))
}

fn parse_value<T: std::str::FromStr>(flag: &str, value: &str) -> Result<T, String> {
    value
        .parse()
        .map_err(|_| format!("{flag}: cannot read {value:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn serve_defaults_and_flags() {
        let Command::Serve(o) = parse(&args("serve")).unwrap() else {
            panic!("not serve")
        };
        assert_eq!(o.addr.to_string(), "127.0.0.1:8080");
        assert_eq!(o.config.rate_limit, 5);
        assert!(!o.config.auto_publish);
        let Command::Serve(o) = parse(&args(
            "serve --addr 127.0.0.1:0 --db x.db --auto-publish --rate-limit 9 --rate-window-secs 3",
        ))
        .unwrap() else {
            panic!("not serve")
        };
        assert_eq!(o.addr.port(), 0);
        assert_eq!(o.db, PathBuf::from("x.db"));
        assert!(o.config.auto_publish);
        assert_eq!(o.config.rate_limit, 9);
        assert_eq!(o.config.rate_window, Duration::from_secs(3));
        assert!(
            o.config.allow_origins.is_empty(),
            "no other origin by default"
        );
    }

    #[test]
    fn allowed_origins_repeat_and_are_normalised() {
        let Command::Serve(o) = parse(&args(
            "serve --allow-origin https://Portal.example.vn:443 --allow-origin http://localhost:8081 \
             --allow-origin https://portal.example.vn",
        ))
        .unwrap() else {
            panic!("not serve")
        };
        assert_eq!(
            o.config.allow_origins,
            ["https://portal.example.vn", "http://localhost:8081"]
        );
        let err = parse(&args(
            "serve --allow-origin https://portal.example.vn/tin-tuc",
        ))
        .unwrap_err();
        assert!(err.starts_with("--allow-origin "), "{err}");
        assert!(err.contains("scheme://host[:port]"), "{err}");
    }

    #[test]
    fn moderation_commands() {
        let Command::Approve { db, ids } = parse(&args("approve c-1 --db m.db c-2")).unwrap()
        else {
            panic!("not approve")
        };
        assert_eq!(db, PathBuf::from("m.db"));
        assert_eq!(ids, ["c-1", "c-2"]);
        assert!(matches!(
            parse(&args("pending")).unwrap(),
            Command::Pending { .. }
        ));
    }

    #[test]
    fn prerender_takes_a_normalised_base_path() {
        let Command::Prerender {
            base_path, dist, ..
        } = parse(&args("prerender --dist d --base-path /tin-tuc/ban-doc/")).unwrap()
        else {
            panic!("not prerender")
        };
        assert_eq!(base_path, "/tin-tuc/ban-doc");
        assert_eq!(dist, PathBuf::from("d"));
    }

    #[test]
    fn mistakes_are_errors() {
        for bad in [
            "",
            "frobnicate",
            "serve --addr nowhere",
            "serve --rate-limit",
            "serve --port 1",
            "serve --rate-window-secs 0",
            "serve --allow-origin",
            "serve --allow-origin *",
            "serve --allow-origin portal.example.vn",
            "approve",
            "reject --db x.db",
            "pending c-1",
            "approve c-1 --force",
            "prerender --dist",
            "prerender --db x.db",
        ] {
            assert!(parse(&args(bad)).is_err(), "{bad}");
        }
    }
}
