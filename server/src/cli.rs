//! The command line, parsed by hand: six subcommands and a few flags do not need a parser
//! crate (issue 12 moves it to clap with the rest of the server's plumbing).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::cors;
use crate::state::Config;

/// What `--help` and a usage error print.
pub const USAGE: &str = "\
usage:
  news-server serve [--addr 127.0.0.1:8080] [--dist dist] [--content public/api] [--db news.db]
                    [--auto-publish] [--rate-limit 5] [--rate-window-secs 600]
                    [--trusted-proxy IP]... [--frame-ancestors SOURCES]
                    [--read-timeout-secs 10] [--max-connections-per-client 64]
                    [--shutdown-grace-secs 10] [--ranking-refresh-secs 5] [--site-url URL]
                    [--allow-origin ORIGIN]... [--banned-words FILE]
                    [--like-rate-limit 60] [--like-rate-window-secs 60]
                    [--allow-origin ORIGIN]... [--desk-path /quan-tri]
                    [--desk-idle-secs 1800] [--desk-max-secs 43200]
  news-server pending [--db news.db]          list comments waiting for moderation
  news-server approve ID... [--db news.db]    publish them
  news-server reject ID... [--db news.db]     never show them
  news-server prerender [--dist dist] [--content public/api] [--base-path /sub/path]
                        [--site-url https://bao.example.vn/tin-tuc/]
                                              write dist/{category}/{slug}/index.html
                                              for every article (after a build)
  news-server user add NAME [--db news.db]    an account of the moderation desk; the
                                              password is asked twice on a terminal, or
                                              read as one line from stdin (10+ characters)
  news-server user remove NAME [--db news.db] delete it and end its sessions
  news-server user list [--db news.db]        the accounts

serve prints one line, `listening on http://ADDR`, once it accepts connections
(with --addr 127.0.0.1:0 the port is the system's choice).
  --rate-limit N, --rate-window-secs S   a client may post N comments at once, then one
                    more each S/N seconds (0 to 1000, and 1 s to 1 day); 0 turns it off
  --like-rate-limit N, --like-rate-window-secs S   the same for likes and unlikes
  --banned-words FILE   words and phrases (one a line, # for comments) that hold a
                    comment for a moderator even with --auto-publish (default:
                    banned-words.txt beside the database; read again when it changes)
  --trusted-proxy IP   a reverse proxy in front of this server: its X-Forwarded-For names
                    the client (repeatable; otherwise the header is ignored)
  --frame-ancestors SOURCES   who may show the pages in a frame, as CSP sources
                    (default 'self'; e.g. \"'self' https://portal.example.vn\")
  --read-timeout-secs S   a request's head and body must arrive within S seconds
  --max-connections-per-client N   open connections per client (a trusted proxy has none)
  --shutdown-grace-secs S   on SIGTERM, requests under way get S seconds to finish
  --ranking-refresh-secs S   most-read is ranked again at most every S seconds
  --site-url URL    the public address of the app (serve, prerender): article pages
                    then carry their canonical address and absolute og:url and og:image
                    (the build's data-site-url, when it has one, wins); an https
                    address also makes the desk's cookies Secure
  --desk-path PATH  where the moderation desk is (default /quan-tri)
  --desk-idle-secs S, --desk-max-secs S   a desk session ends after S seconds unused
                    (default 1800), or S seconds after login (default 43200)

--allow-origin ORIGIN (repeatable; none by default) lets pages of ORIGIN, such as
a portal that embeds the app, use this server from the browser: CORS answers for
the app's files and every GET, preflights for the POSTs and DELETEs of comments,
likes and views. ORIGIN is scheme://host[:port] with no path, as browsers send it
in `Origin`. A POST or DELETE whose Origin is neither listed nor this server's own
(its Host) is refused with 403; requests without Origin (curl) are not affected.";

/// The default database file.
const DEFAULT_DB: &str = "news.db";
/// The default banned-words file's name, beside the database.
const BANNED_WORDS_FILE: &str = "banned-words.txt";

/// `serve`'s options.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Where to listen.
    pub addr: SocketAddr,
    /// The database file.
    pub db: PathBuf,
    /// Everything the router needs.
    pub config: Config,
    /// How the connections are kept.
    pub listen: crate::listener::Limits,
}

/// The largest `--rate-limit`: beyond it there is no limit worth the name.
const MAX_RATE_LIMIT: u32 = 1000;
/// The longest `--rate-window-secs`, and of every other time setting: a day.
const MAX_SECS: u64 = 24 * 3600;

/// A parsed command line.
#[derive(Debug, Clone)]
pub enum Command {
    /// `--help`.
    Help,
    /// Run the server.
    Serve(Box<ServeOptions>),
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
        /// The app's public address, when known.
        site_url: Option<String>,
    },
    /// Reject comments.
    Reject {
        /// The database file.
        db: PathBuf,
        /// Comment ids.
        ids: Vec<String>,
    },
    /// Add an account of the moderation desk.
    UserAdd {
        /// The database file.
        db: PathBuf,
        /// The login name.
        name: String,
    },
    /// Remove an account of the moderation desk.
    UserRemove {
        /// The database file.
        db: PathBuf,
        /// The login name.
        name: String,
    },
    /// List the accounts of the moderation desk.
    UserList {
        /// The database file.
        db: PathBuf,
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
        "serve" => parse_serve(rest).map(|o| Command::Serve(Box::new(o))),
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
        "user" => parse_user(rest),
        other => Err(format!("unknown command {other}")),
    }
}

fn parse_user(args: &[String]) -> Result<Command, String> {
    let Some((verb, rest)) = args.split_first() else {
        return Err("user needs add, remove or list".into());
    };
    let (db, names) = parse_moderation(rest)?;
    match (verb.as_str(), names.as_slice()) {
        ("add", [name]) => Ok(Command::UserAdd {
            db,
            name: name.clone(),
        }),
        ("remove", [name]) => Ok(Command::UserRemove {
            db,
            name: name.clone(),
        }),
        ("list", []) => Ok(Command::UserList { db }),
        ("add" | "remove", _) => Err(format!("user {verb} needs one account name")),
        ("list", _) => Err("user list takes no argument".into()),
        _ => Err(format!("unknown user command {verb}")),
    }
}

fn parse_prerender(args: &[String]) -> Result<Command, String> {
    let (mut dist, mut content, mut base_path, mut site_url) = (
        PathBuf::from("dist"),
        PathBuf::from("public/api"),
        String::new(),
        None,
    );
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--dist" => dist = PathBuf::from(value),
            "--content" => content = PathBuf::from(value),
            "--base-path" => base_path = news_contract::paths::normalize_base(value),
            "--site-url" => site_url = Some(parse_site_url(value)?),
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(Command::Prerender {
        dist,
        content,
        base_path,
        site_url,
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
            trusted_proxies: Vec::new(),
            frame_ancestors: "'self'".into(),
            read_timeout: Duration::from_secs(10),
            ranking_refresh: Duration::from_secs(5),
            site_url: None,
            allow_origins: Vec::new(),
            banned_words: None,
            like_rate_limit: 60,
            like_rate_window: Duration::from_secs(60),
            desk_path: crate::desk::DEFAULT_PATH.into(),
            desk_idle: Duration::from_secs(crate::desk::DEFAULT_IDLE_SECS),
            desk_max: Duration::from_secs(crate::desk::DEFAULT_MAX_SECS),
        },
        listen: crate::listener::Limits {
            header_timeout: Duration::from_secs(10),
            per_client: 64,
            shutdown_grace: Duration::from_secs(10),
            trusted: Vec::new(),
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
            "--rate-limit" => {
                opts.config.rate_limit = parse_value(flag, value)?;
                if opts.config.rate_limit > MAX_RATE_LIMIT {
                    return Err(format!("--rate-limit must be at most {MAX_RATE_LIMIT}"));
                }
            }
            "--rate-window-secs" => opts.config.rate_window = parse_secs(flag, value, 1)?,
            "--trusted-proxy" => opts.config.trusted_proxies.push(parse_value(flag, value)?),
            "--frame-ancestors" => opts.config.frame_ancestors = parse_sources(value)?,
            "--read-timeout-secs" => {
                opts.config.read_timeout = parse_secs(flag, value, 1)?;
                opts.listen.header_timeout = opts.config.read_timeout;
            }
            "--max-connections-per-client" => {
                opts.listen.per_client = parse_value(flag, value)?;
                if opts.listen.per_client == 0 {
                    return Err(format!("{flag} must be at least 1"));
                }
            }
            "--shutdown-grace-secs" => opts.listen.shutdown_grace = parse_secs(flag, value, 0)?,
            "--site-url" => opts.config.site_url = Some(parse_site_url(value)?),
            "--desk-path" => opts.config.desk_path = crate::desk::parse_path(value)?,
            "--desk-idle-secs" => opts.config.desk_idle = parse_secs(flag, value, 1)?,
            "--desk-max-secs" => opts.config.desk_max = parse_secs(flag, value, 1)?,
            "--ranking-refresh-secs" => {
                opts.config.ranking_refresh = parse_secs(flag, value, 0)?;
            }
            "--banned-words" => opts.config.banned_words = Some(PathBuf::from(value)),
            "--like-rate-limit" => {
                opts.config.like_rate_limit = parse_value(flag, value)?;
                if opts.config.like_rate_limit > MAX_RATE_LIMIT {
                    return Err(format!("{flag} must be at most {MAX_RATE_LIMIT}"));
                }
            }
            "--like-rate-window-secs" => {
                opts.config.like_rate_window = parse_secs(flag, value, 1)?;
            }
            other => return Err(format!("unknown option {other}")),
        }
    }
    if opts.config.banned_words.is_none() {
        opts.config.banned_words = Some(opts.db.with_file_name(BANNED_WORDS_FILE));
    }
    opts.listen.trusted = opts.config.trusted_proxies.clone();
    Ok(opts)
}

/// Whole seconds from `min` to a day: a larger value is a typo, and would overflow the
/// limiter's arithmetic besides.
fn parse_secs(flag: &str, value: &str, min: u64) -> Result<Duration, String> {
    let secs: u64 = parse_value(flag, value)?;
    if !(min..=MAX_SECS).contains(&secs) {
        return Err(format!("{flag} must be from {min} to {MAX_SECS} seconds"));
    }
    Ok(Duration::from_secs(secs))
}

/// An absolute http(s) address, ending in `/`.
fn parse_site_url(value: &str) -> Result<String, String> {
    let value = value.trim();
    let ok = (value.starts_with("https://") || value.starts_with("http://"))
        && value.len() > "https://".len()
        && !value.contains(['"', '<', '>', ' ', '\\']);
    if !ok {
        return Err(format!("--site-url: {value:?} is not an http(s) address"));
    }
    Ok(format!("{}/", value.trim_end_matches('/')))
}

/// CSP sources for `frame-ancestors`: printable ASCII without the characters that would
/// end the directive or the header.
fn parse_sources(value: &str) -> Result<String, String> {
    let value = value.trim();
    if value.is_empty()
        || !value
            .bytes()
            .all(|b| (b' '..=b'~').contains(&b) && b != b';' && b != b',')
    {
        return Err(format!(
            "--frame-ancestors: {value:?} is not a list of CSP sources"
        ));
    }
    Ok(value.to_string())
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
        assert_eq!(
            o.config.banned_words,
            Some(PathBuf::from("banned-words.txt")),
            "beside the database"
        );
        let Command::Serve(o) = parse(&args(
            "serve --db data/x.db --banned-words words.txt --like-rate-limit 3 --like-rate-window-secs 9",
        ))
        .unwrap() else {
            panic!("not serve")
        };
        assert_eq!(o.config.banned_words, Some(PathBuf::from("words.txt")));
        assert_eq!(o.config.like_rate_limit, 3);
        assert_eq!(o.config.like_rate_window, Duration::from_secs(9));
        let Command::Serve(o) = parse(&args(
            "serve --trusted-proxy 10.0.0.5 --trusted-proxy ::1 --read-timeout-secs 2 \
             --max-connections-per-client 3 --shutdown-grace-secs 0 --frame-ancestors https://portal.example.vn",
        ))
        .unwrap() else {
            panic!("not serve")
        };
        assert_eq!(o.config.trusted_proxies.len(), 2);
        assert_eq!(o.listen.trusted, o.config.trusted_proxies);
        assert_eq!(o.listen.header_timeout, Duration::from_secs(2));
        assert_eq!(o.config.read_timeout, Duration::from_secs(2));
        assert_eq!(o.listen.per_client, 3);
        assert_eq!(o.listen.shutdown_grace, Duration::ZERO);
        assert_eq!(o.config.frame_ancestors, "https://portal.example.vn");
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
    fn user_commands() {
        let Command::UserAdd { db, name } = parse(&args("user add bien-tap --db m.db")).unwrap()
        else {
            panic!("not user add")
        };
        assert_eq!((db, name.as_str()), (PathBuf::from("m.db"), "bien-tap"));
        assert!(matches!(
            parse(&args("user remove bien-tap")).unwrap(),
            Command::UserRemove { .. }
        ));
        assert!(matches!(
            parse(&args("user list")).unwrap(),
            Command::UserList { .. }
        ));
        let Command::Serve(o) = parse(&args(
            "serve --desk-path /toa-soan/ --desk-idle-secs 5 --desk-max-secs 60",
        ))
        .unwrap() else {
            panic!("not serve")
        };
        assert_eq!(o.config.desk_path, "/toa-soan");
        assert_eq!(o.config.desk_idle, Duration::from_secs(5));
        assert_eq!(o.config.desk_max, Duration::from_secs(60));
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
            "serve --rate-window-secs 18446744073709551615",
            "serve --rate-window-secs 86401",
            "serve --rate-limit 1001",
            "serve --like-rate-limit 1001",
            "serve --like-rate-window-secs 0",
            "serve --banned-words",
            "serve --rate-limit -1",
            "serve --read-timeout-secs 0",
            "serve --max-connections-per-client 0",
            "serve --trusted-proxy proxy.example",
            "serve --frame-ancestors 'self';script-src",
            "serve --frame-ancestors",
            "serve --allow-origin",
            "serve --allow-origin *",
            "serve --allow-origin portal.example.vn",
            "approve",
            "reject --db x.db",
            "pending c-1",
            "approve c-1 --force",
            "prerender --dist",
            "prerender --db x.db",
            "prerender --site-url bao.example.vn",
            "serve --site-url javascript:alert(1)",
            "user",
            "user add",
            "user add a b",
            "user list a",
            "user frobnicate",
            "serve --desk-path /api",
            "serve --desk-path quan-tri",
            "serve --desk-idle-secs 0",
        ] {
            assert!(parse(&args(bad)).is_err(), "{bad}");
        }
    }
}
