//! The command line, parsed by clap (derive): every subcommand has its own `--help`, and a
//! bad value ends the process with exit code 2 and a message naming the flag, as clap does.
//! The parsed arguments are turned into [`Command`], which is what `main` runs.

pub mod moderation;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use crate::db::Location;
use crate::http::cors;
use crate::state::Config;

/// The default database file.
const DEFAULT_DB: &str = "news.db";
/// The default banned-words file's name, beside the database.
const BANNED_WORDS_FILE: &str = "banned-words.txt";
/// The largest `--rate-limit`: beyond it there is no limit worth the name.
const MAX_RATE_LIMIT: i64 = 1000;
/// The longest `--rate-window-secs`, and of every other time setting: a day.
const MAX_SECS: u64 = 24 * 3600;

/// What `serve --help` prints after the options.
const SERVE_AFTER_HELP: &str = "\
serve prints one line, `listening on http://ADDR`, once it accepts connections
(with --addr 127.0.0.1:0 the port is the system's choice).

--allow-origin ORIGIN (repeatable; none by default) lets pages of ORIGIN, such as
a portal that embeds the app, use this server from the browser: CORS answers for
the app's files and every GET, preflights for the POSTs and DELETEs of comments,
likes and views. ORIGIN is scheme://host[:port] with no path, as browsers send it
in `Origin`. A POST or DELETE whose Origin is neither listed nor this server's own
(its Host) is refused with 403; requests without Origin (curl) are not affected.";

#[derive(Debug, Parser)]
#[command(
    name = "news-server",
    about = "Reference HTTP server of the news app: the contract's JSON, comments and views in SQLite or PostgreSQL, the app's files",
    after_help = "`news-server COMMAND --help` describes each command's options.",
    arg_required_else_help = true
)]
struct Cli {
    #[command(subcommand)]
    command: Sub,
}

#[derive(Debug, Subcommand)]
enum Sub {
    /// Run the server: the API under /api/, the app's pages and files from --dist.
    #[command(after_help = SERVE_AFTER_HELP)]
    Serve(Box<ServeArgs>),
    /// List comments waiting for moderation.
    Pending(DbArg),
    /// Publish comments.
    Approve {
        /// Comment ids.
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
        #[command(flatten)]
        db: DbArg,
    },
    /// Never show these comments.
    Reject {
        /// Comment ids.
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
        #[command(flatten)]
        db: DbArg,
    },
    /// Write dist/{category}/{slug}/index.html for every article (after a build), then
    /// compress the build as `compress` does.
    Prerender(PrerenderArgs),
    /// Write NAME.br and NAME.gz beside each .js .wasm .css .html .json .svg of a build
    /// (skipped when the copy would not be smaller or is newer than its file); `serve` sends
    /// them to browsers that accept them, and so can a static host.
    Compress {
        /// The build.
        #[arg(long, value_name = "DIR", default_value = "dist")]
        dist: PathBuf,
    },
    /// The accounts of the moderation desk.
    #[command(subcommand)]
    User(UserSub),
    /// Write a synthetic archive (articles with comments, paged lists, most-read) into a
    /// content folder, for tests and benchmarks: the same seed, count and --now write the
    /// same bytes.
    Archive(ArchiveArgs),
}

#[derive(Debug, Args)]
struct ArchiveArgs {
    /// The content folder to write.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// How many articles.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=10_000_000))]
    articles: u32,
    /// The generator's seed.
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// Articles per list page.
    #[arg(long, value_name = "N", default_value_t = crate::site::content_index::DEFAULT_PAGE_SIZE as u32,
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    page_size: u32,
    /// The newest article's publication time, RFC 3339 (default: now).
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    now: Option<i64>,
}

#[derive(Debug, Subcommand)]
enum UserSub {
    /// An account of the moderation desk: the password is asked twice on a terminal, or
    /// read as one line from stdin (10+ characters).
    Add {
        /// The login name.
        name: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// Delete an account and end its sessions.
    Remove {
        /// The login name.
        name: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// The accounts.
    List(DbArg),
}

#[derive(Debug, Args)]
struct DbArg {
    /// The SQLite database file (one server).
    #[arg(long, value_name = "FILE", default_value = DEFAULT_DB)]
    db: PathBuf,
    /// A PostgreSQL database instead, which several servers can share:
    /// postgres://USER[:PASSWORD]@HOST[:PORT]/NAME, or libpq's key=value pairs.
    #[arg(long, value_name = "URL", conflicts_with = "db")]
    database_url: Option<String>,
}

impl DbArg {
    fn location(self) -> Location {
        match self.database_url {
            Some(url) => Location::Postgres(url),
            None => Location::Sqlite(self.db),
        }
    }
}

#[derive(Debug, Args)]
struct PrerenderArgs {
    /// The build (its index.html is the shell; pages are written under it).
    #[arg(long, value_name = "DIR", default_value = "dist")]
    dist: PathBuf,
    /// The content folder.
    #[arg(long, value_name = "DIR", default_value = "public/api")]
    content: PathBuf,
    /// The app's path prefix the build was made for (none at the root).
    #[arg(long, value_name = "/sub/path", default_value = "")]
    base_path: String,
    /// The public address of the app: pages carry their canonical address and absolute
    /// og:url and og:image (the build's data-site-url, when it has one, wins).
    #[arg(long, value_name = "URL", value_parser = parse_site_url)]
    site_url: Option<String>,
    #[command(flatten)]
    archive: ArchiveSiteArgs,
    /// Also write the paged lists (latest.json, categories/{slug}.json and their pages)
    /// into the build's API folder, from the articles (the content folder's own lists are
    /// left as Trunk copied them otherwise).
    #[arg(long)]
    lists: bool,
}

/// What `prerender` and `serve` share for the lists, sitemaps and feeds.
#[derive(Debug, Args)]
struct ArchiveSiteArgs {
    /// The publication's name, in the Google News sitemap and the feeds.
    #[arg(long, value_name = "NAME", default_value = "Tin tức")]
    site_name: String,
    /// Articles per list page.
    #[arg(long, value_name = "N", default_value_t = crate::site::content_index::DEFAULT_PAGE_SIZE as u32,
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    page_size: u32,
    /// The most addresses in one sitemap file (the protocol's limit is 50,000).
    #[arg(long, value_name = "N", default_value_t = crate::site::sitemap::MAX_URLS as u32,
          value_parser = clap::value_parser!(u32).range(1..=crate::site::sitemap::MAX_URLS as i64))]
    sitemap_urls: u32,
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// Where to listen.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// The app's build.
    #[arg(long, value_name = "DIR", default_value = "dist")]
    dist: PathBuf,
    /// The content folder.
    #[arg(long, value_name = "DIR", default_value = "public/api")]
    content: PathBuf,
    #[command(flatten)]
    db: DbArg,
    /// Publish comments at once instead of holding them for a moderator.
    #[arg(long)]
    auto_publish: bool,
    /// A client may post N comments at once, then one more each S/N seconds
    /// (--rate-window-secs); 0 turns it off.
    #[arg(long, value_name = "N", default_value_t = 5,
          value_parser = clap::value_parser!(u32).range(0..=MAX_RATE_LIMIT))]
    rate_limit: u32,
    /// The window of --rate-limit (1 s to 1 day).
    #[arg(long, value_name = "S", default_value = "600", value_parser = parse_secs::<1>)]
    rate_window_secs: Duration,
    /// The same as --rate-limit for likes and unlikes.
    #[arg(long, value_name = "N", default_value_t = 60,
          value_parser = clap::value_parser!(u32).range(0..=MAX_RATE_LIMIT))]
    like_rate_limit: u32,
    /// The window of --like-rate-limit (1 s to 1 day).
    #[arg(long, value_name = "S", default_value = "60", value_parser = parse_secs::<1>)]
    like_rate_window_secs: Duration,
    /// Words and phrases (one a line, # for comments) that hold a comment for a moderator
    /// even with --auto-publish (default: banned-words.txt beside the database; read again
    /// when it changes).
    #[arg(long, value_name = "FILE")]
    banned_words: Option<PathBuf>,
    /// A reverse proxy in front of this server: its X-Forwarded-For names the client
    /// (repeatable; otherwise the header is ignored).
    #[arg(long, value_name = "IP")]
    trusted_proxy: Vec<IpAddr>,
    /// Who may show the pages in a frame, as CSP sources (e.g. "'self'
    /// https://portal.example.vn").
    #[arg(long, value_name = "SOURCES", default_value = "'self'", value_parser = parse_sources)]
    frame_ancestors: String,
    /// A request's head and body must arrive within S seconds.
    #[arg(long, value_name = "S", default_value = "10", value_parser = parse_secs::<1>)]
    read_timeout_secs: Duration,
    /// Open connections per client (a trusted proxy has none).
    #[arg(long, value_name = "N", default_value_t = 64,
          value_parser = clap::value_parser!(u32).range(1..))]
    max_connections_per_client: u32,
    /// On SIGTERM, requests under way get S seconds to finish.
    #[arg(long, value_name = "S", default_value = "10", value_parser = parse_secs::<0>)]
    shutdown_grace_secs: Duration,
    /// Most-read is ranked again at most every S seconds.
    #[arg(long, value_name = "S", default_value = "5", value_parser = parse_secs::<0>)]
    ranking_refresh_secs: Duration,
    /// The public address of the app: article pages carry their canonical address and
    /// absolute og:url and og:image (the build's data-site-url, when it has one, wins); an
    /// https address also makes the desk's cookies Secure.
    #[arg(long, value_name = "URL", value_parser = parse_site_url)]
    site_url: Option<String>,
    /// A page of ORIGIN may use this server from the browser (repeatable; see below).
    #[arg(long, value_name = "ORIGIN", value_parser = cors::parse_origin)]
    allow_origin: Vec<String>,
    /// Where the moderation desk is.
    #[arg(long, value_name = "PATH", default_value = crate::desk::settings::DEFAULT_PATH,
          value_parser = crate::desk::settings::parse_path)]
    desk_path: String,
    /// A desk session ends after S seconds unused.
    #[arg(long, value_name = "S", default_value_t = crate::desk::settings::DEFAULT_IDLE_SECS,
          value_parser = clap::value_parser!(u64).range(1..=MAX_SECS))]
    desk_idle_secs: u64,
    /// A desk session ends S seconds after login.
    #[arg(long, value_name = "S", default_value_t = crate::desk::settings::DEFAULT_MAX_SECS,
          value_parser = clap::value_parser!(u64).range(1..=MAX_SECS))]
    desk_max_secs: u64,
    #[command(flatten)]
    archive: ArchiveSiteArgs,
}

/// What `serve` makes from the content index: lists, sitemaps, feeds.
#[derive(Debug, Clone)]
pub struct SiteOptions {
    /// The publication's name.
    pub site_name: String,
    /// Articles per list page.
    pub page_size: usize,
    /// The most addresses in one sitemap file.
    pub sitemap_urls: usize,
}

/// `serve`'s options.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Where to listen.
    pub addr: SocketAddr,
    /// The database.
    pub db: Location,
    /// Everything the router needs.
    pub config: Config,
    /// How the connections are kept.
    pub listen: crate::http::listener::Limits,
    /// Lists, sitemaps and feeds.
    pub site: SiteOptions,
}

/// A parsed command line.
#[derive(Debug, Clone)]
pub enum Command {
    /// Run the server.
    Serve(Box<ServeOptions>),
    /// List pending comments.
    Pending {
        /// The database.
        db: Location,
    },
    /// Publish comments.
    Approve {
        /// The database.
        db: Location,
        /// Comment ids.
        ids: Vec<String>,
    },
    /// Write the article pages of a build.
    Prerender(crate::site::prerender::Options),
    /// Write the precompressed siblings of a build's files.
    Compress {
        /// The build.
        dist: PathBuf,
    },
    /// Reject comments.
    Reject {
        /// The database.
        db: Location,
        /// Comment ids.
        ids: Vec<String>,
    },
    /// Add an account of the moderation desk.
    UserAdd {
        /// The database.
        db: Location,
        /// The login name.
        name: String,
    },
    /// Remove an account of the moderation desk.
    UserRemove {
        /// The database.
        db: Location,
        /// The login name.
        name: String,
    },
    /// List the accounts of the moderation desk.
    UserList {
        /// The database.
        db: Location,
    },
    /// Write a synthetic archive.
    Archive(crate::site::archive::Options),
}

/// Reads the arguments after the program name; `Err` is clap's: a usage error (exit code
/// 2) or the help asked for (exit code 0), which `main` prints.
pub fn parse<I, T>(args: I) -> Result<Command, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let args = std::iter::once(std::ffi::OsString::from("news-server"))
        .chain(args.into_iter().map(Into::into));
    Ok(match Cli::try_parse_from(args)?.command {
        Sub::Serve(a) => Command::Serve(Box::new(serve_options(*a))),
        Sub::Pending(db) => Command::Pending { db: db.location() },
        Sub::Approve { ids, db } => Command::Approve {
            db: db.location(),
            ids,
        },
        Sub::Reject { ids, db } => Command::Reject {
            db: db.location(),
            ids,
        },
        Sub::Prerender(a) => Command::Prerender(crate::site::prerender::Options {
            dist: a.dist,
            content: a.content,
            base_path: contract::paths::normalize_base(&a.base_path),
            site_url: a.site_url,
            site_name: a.archive.site_name,
            lists: a.lists,
            page_size: a.archive.page_size as usize,
            sitemap_urls: a.archive.sitemap_urls as usize,
        }),
        Sub::Compress { dist } => Command::Compress { dist },
        Sub::User(UserSub::Add { name, db }) => Command::UserAdd {
            db: db.location(),
            name,
        },
        Sub::User(UserSub::Remove { name, db }) => Command::UserRemove {
            db: db.location(),
            name,
        },
        Sub::User(UserSub::List(db)) => Command::UserList { db: db.location() },
        Sub::Archive(a) => Command::Archive(crate::site::archive::Options {
            out: a.out,
            articles: a.articles as usize,
            seed: a.seed,
            page_size: a.page_size as usize,
            now: a.now.unwrap_or_else(crate::clock::now_unix),
        }),
    })
}

fn serve_options(a: ServeArgs) -> ServeOptions {
    // A repeated origin (as written or once normalised) is listed once.
    let mut allow_origins = Vec::new();
    for origin in a.allow_origin {
        if !allow_origins.contains(&origin) {
            allow_origins.push(origin);
        }
    }
    let db = a.db.location();
    // Beside the SQLite file; in the working folder for PostgreSQL (a newsroom keeps the
    // same file on every server, or names it with --banned-words).
    let banned_words = a.banned_words.unwrap_or_else(|| match &db {
        Location::Sqlite(file) => file.with_file_name(BANNED_WORDS_FILE),
        Location::Postgres(_) => PathBuf::from(BANNED_WORDS_FILE),
    });
    ServeOptions {
        addr: a.addr,
        config: Config {
            dist: a.dist,
            content: a.content,
            auto_publish: a.auto_publish,
            rate_limit: a.rate_limit,
            rate_window: a.rate_window_secs,
            trusted_proxies: a.trusted_proxy.clone(),
            frame_ancestors: a.frame_ancestors,
            read_timeout: a.read_timeout_secs,
            ranking_refresh: a.ranking_refresh_secs,
            site_url: a.site_url,
            allow_origins,
            banned_words: Some(banned_words),
            like_rate_limit: a.like_rate_limit,
            like_rate_window: a.like_rate_window_secs,
            desk_path: a.desk_path,
            desk_idle: Duration::from_secs(a.desk_idle_secs),
            desk_max: Duration::from_secs(a.desk_max_secs),
        },
        listen: crate::http::listener::Limits {
            header_timeout: a.read_timeout_secs,
            per_client: a.max_connections_per_client as usize,
            shutdown_grace: a.shutdown_grace_secs,
            trusted: a.trusted_proxy,
        },
        site: SiteOptions {
            site_name: a.archive.site_name,
            page_size: a.archive.page_size as usize,
            sitemap_urls: a.archive.sitemap_urls as usize,
        },
        db,
    }
}

/// Whole seconds from `MIN` to a day: a larger value is a typo, and would overflow the
/// limiter's arithmetic besides.
fn parse_secs<const MIN: u64>(value: &str) -> Result<Duration, String> {
    let secs: u64 = value
        .parse()
        .map_err(|_| format!("{value:?} is not a whole number of seconds"))?;
    if !(MIN..=MAX_SECS).contains(&secs) {
        return Err(format!("must be from {MIN} to {MAX_SECS} seconds"));
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
        return Err(format!("{value:?} is not an http(s) address"));
    }
    Ok(format!("{}/", value.trim_end_matches('/')))
}

/// An RFC 3339 time, as Unix seconds (the contract's parser, as for articles).
fn parse_time(value: &str) -> Result<i64, String> {
    contract::time::parse_rfc3339(value).ok_or_else(|| format!("{value:?} is not an RFC 3339 time"))
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
        return Err(format!("{value:?} is not a list of CSP sources"));
    }
    Ok(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn serve_defaults_and_flags() {
        let Command::Serve(o) = parse(args("serve")).unwrap() else {
            panic!("not serve")
        };
        assert_eq!(o.addr.to_string(), "127.0.0.1:8080");
        assert_eq!(o.config.rate_limit, 5);
        assert!(!o.config.auto_publish);
        let Command::Serve(o) = parse(args(
            "serve --addr 127.0.0.1:0 --db x.db --auto-publish --rate-limit 9 --rate-window-secs 3",
        ))
        .unwrap() else {
            panic!("not serve")
        };
        assert_eq!(o.addr.port(), 0);
        assert_eq!(o.db, Location::Sqlite(PathBuf::from("x.db")));
        assert!(o.config.auto_publish);
        assert_eq!(o.config.rate_limit, 9);
        assert_eq!(o.config.rate_window, Duration::from_secs(3));
        assert_eq!(
            o.config.banned_words,
            Some(PathBuf::from("banned-words.txt")),
            "beside the database"
        );
        let Command::Serve(o) = parse(args(
            "serve --db data/x.db --banned-words words.txt --like-rate-limit 3 --like-rate-window-secs 9",
        ))
        .unwrap() else {
            panic!("not serve")
        };
        assert_eq!(o.config.banned_words, Some(PathBuf::from("words.txt")));
        assert_eq!(o.config.like_rate_limit, 3);
        assert_eq!(o.config.like_rate_window, Duration::from_secs(9));
        let Command::Serve(o) = parse(args(
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
        let Command::Serve(o) = parse(args(
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
        let err = parse(args(
            "serve --allow-origin https://portal.example.vn/tin-tuc",
        ))
        .unwrap_err()
        .to_string();
        assert!(err.contains("--allow-origin <ORIGIN>"), "{err}");
        assert!(err.contains("scheme://host[:port]"), "{err}");
    }

    #[test]
    fn moderation_commands() {
        let Command::Approve { db, ids } = parse(args("approve c-1 --db m.db c-2")).unwrap() else {
            panic!("not approve")
        };
        assert_eq!(db, Location::Sqlite(PathBuf::from("m.db")));
        assert_eq!(ids, ["c-1", "c-2"]);
        let url = "postgres://news@127.0.0.1:5433/news";
        let Command::Reject { db, .. } =
            parse(args(&format!("reject c-1 --database-url {url}"))).unwrap()
        else {
            panic!("not reject")
        };
        assert_eq!(db, Location::Postgres(url.into()));
        let both = parse(args(&format!("pending --db m.db --database-url {url}"))).unwrap_err();
        assert_eq!(both.kind(), clap::error::ErrorKind::ArgumentConflict);
        assert!(matches!(
            parse(args("pending")).unwrap(),
            Command::Pending { .. }
        ));
    }

    #[test]
    fn user_commands() {
        let Command::UserAdd { db, name } = parse(args("user add bien-tap --db m.db")).unwrap()
        else {
            panic!("not user add")
        };
        assert_eq!(
            (db, name.as_str()),
            (Location::Sqlite(PathBuf::from("m.db")), "bien-tap")
        );
        assert!(matches!(
            parse(args("user remove bien-tap")).unwrap(),
            Command::UserRemove { .. }
        ));
        assert!(matches!(
            parse(args("user list")).unwrap(),
            Command::UserList { .. }
        ));
        let Command::Serve(o) = parse(args(
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
        let Command::Prerender(o) =
            parse(args("prerender --dist d --base-path /tin-tuc/ban-doc/")).unwrap()
        else {
            panic!("not prerender")
        };
        assert_eq!(o.base_path, "/tin-tuc/ban-doc");
        assert_eq!(o.dist, PathBuf::from("d"));
    }

    #[test]
    fn help_for_each_command_and_usage_errors_exit_with_2() {
        for help in [
            "--help",
            "serve --help",
            "user add -h",
            "prerender --help",
            "help approve",
        ] {
            let err = parse(args(help)).unwrap_err();
            assert_eq!(err.kind(), clap::error::ErrorKind::DisplayHelp, "{help}");
            assert_eq!(err.exit_code(), 0, "{help}");
        }
        let help = parse(args("serve --help")).unwrap_err().to_string();
        assert!(help.contains("--rate-limit <N>"), "{help}");
        assert!(help.contains("[default: 127.0.0.1:8080]"), "{help}");
        let err = parse(args("serve --rate-limit 1001")).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains("--rate-limit"), "{err}");
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
            assert!(parse(args(bad)).is_err(), "{bad}");
        }
    }
}
