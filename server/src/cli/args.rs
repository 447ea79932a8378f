//! The command line as clap reads it (derive): each command's flags, defaults, help and
//! range checks. `cli/mod.rs` turns what is read into [`super::Command`].

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use crate::db::Location;
use crate::http::cors;

/// The default database file.
pub(super) const DEFAULT_DB: &str = "news.db";
/// The default banned-words file's name, beside the database.
pub(super) const BANNED_WORDS_FILE: &str = "banned-words.txt";
/// The largest `--rate-limit`: beyond it there is no limit worth the name.
pub(super) const MAX_RATE_LIMIT: i64 = 1000;
/// The longest `--rate-window-secs`, and of every other time setting: a day.
pub(super) const MAX_SECS: u64 = 24 * 3600;

/// What `serve --help` prints after the options.
pub(super) const SERVE_AFTER_HELP: &str = "\
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
pub(super) struct Cli {
    #[command(subcommand)]
    pub(super) command: Sub,
}

#[derive(Debug, Subcommand)]
pub(super) enum Sub {
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
    /// Write the static search index (search/…, contract v3) of a content folder into an API
    /// folder, for a static host whose pages are made elsewhere (`prerender` writes it too):
    /// only the files that changed.
    SearchIndex {
        /// The content folder.
        #[arg(long, value_name = "DIR", default_value = "public/api")]
        content: PathBuf,
        /// The API folder the host serves (`search/` is written in it).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// The accounts of the moderation desk.
    #[command(subcommand)]
    User(UserSub),
    /// Copy an SQLite database, while a server uses it, into a file that another server
    /// can be started on (SQLite's online backup API). For PostgreSQL, use pg_dump.
    Backup(BackupArgs),
    /// Live coverage: add an entry to an article's live.json, or end it.
    #[command(subcommand)]
    Live(super::live::LiveSub),
    /// Write a synthetic archive (articles with comments, paged lists, most-read) into a
    /// content folder, for tests and benchmarks: the same seed, count and --now write the
    /// same bytes.
    Archive(ArchiveArgs),
}

#[derive(Debug, Args)]
pub(super) struct ArchiveArgs {
    /// The content folder to write.
    #[arg(long, value_name = "DIR")]
    pub(super) out: PathBuf,
    /// How many articles.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=10_000_000))]
    pub(super) articles: u32,
    /// The generator's seed.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub(super) seed: u64,
    /// Articles per list page.
    #[arg(long, value_name = "N", default_value_t = crate::site::content_index::DEFAULT_PAGE_SIZE as u32,
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub(super) page_size: u32,
    /// The newest article's publication time, RFC 3339 (default: now).
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    pub(super) now: Option<i64>,
}

#[derive(Debug, Subcommand)]
pub(super) enum UserSub {
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
pub(super) struct BackupArgs {
    #[command(flatten)]
    pub(super) db: DbArg,
    /// The copy to write (replaced once the new copy is whole).
    #[arg(long, value_name = "FILE")]
    pub(super) out: PathBuf,
    /// Pages copied per step.
    #[arg(long, value_name = "N", default_value_t = 1024,
          value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub(super) pages_per_step: u32,
    /// The pause after each step, in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(0..=10_000))]
    pub(super) pause_ms: u64,
}

#[derive(Debug, Args)]
pub(super) struct DbArg {
    /// The SQLite database file (one server).
    #[arg(long, value_name = "FILE", default_value = DEFAULT_DB)]
    pub(super) db: PathBuf,
    /// A PostgreSQL database instead, which several servers can share:
    /// postgres://USER[:PASSWORD]@HOST[:PORT]/NAME, or libpq's key=value pairs.
    #[arg(long, value_name = "URL", conflicts_with = "db")]
    pub(super) database_url: Option<String>,
}

impl DbArg {
    pub(super) fn location(self) -> Location {
        match self.database_url {
            Some(url) => Location::Postgres(url),
            None => Location::Sqlite(self.db),
        }
    }
}

#[derive(Debug, Args)]
pub(super) struct PrerenderArgs {
    /// The build (its index.html is the shell; pages are written under it).
    #[arg(long, value_name = "DIR", default_value = "dist")]
    pub(super) dist: PathBuf,
    /// The content folder.
    #[arg(long, value_name = "DIR", default_value = "public/api")]
    pub(super) content: PathBuf,
    /// The app's path prefix the build was made for (none at the root).
    #[arg(long, value_name = "/sub/path", default_value = "")]
    pub(super) base_path: String,
    /// The public address of the app: pages carry their canonical address and absolute
    /// og:url and og:image (the build's data-site-url, when it has one, wins).
    #[arg(long, value_name = "URL", value_parser = parse_site_url)]
    pub(super) site_url: Option<String>,
    #[command(flatten)]
    pub(super) archive: ArchiveSiteArgs,
    /// Also write the paged lists (latest.json, categories/{slug}.json and their pages)
    /// into the build's API folder, from the articles (the content folder's own lists are
    /// left as Trunk copied them otherwise).
    #[arg(long)]
    pub(super) lists: bool,
}

/// What `prerender` and `serve` share for the lists, sitemaps and feeds.
#[derive(Debug, Args)]
pub(super) struct ArchiveSiteArgs {
    /// The publication's name, in the Google News sitemap and the feeds.
    #[arg(long, value_name = "NAME", default_value = "Tin tức")]
    pub(super) site_name: String,
    /// Articles per list page.
    #[arg(long, value_name = "N", default_value_t = crate::site::content_index::DEFAULT_PAGE_SIZE as u32,
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub(super) page_size: u32,
    /// The most addresses in one sitemap file (the protocol's limit is 50,000).
    #[arg(long, value_name = "N", default_value_t = crate::site::sitemap::MAX_URLS as u32,
          value_parser = clap::value_parser!(u32).range(1..=crate::site::sitemap::MAX_URLS as i64))]
    pub(super) sitemap_urls: u32,
}

#[derive(Debug, Args)]
pub(super) struct ServeArgs {
    /// Where to listen.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub(super) addr: SocketAddr,
    /// The app's build.
    #[arg(long, value_name = "DIR", default_value = "dist")]
    pub(super) dist: PathBuf,
    /// The content folder.
    #[arg(long, value_name = "DIR", default_value = "public/api")]
    pub(super) content: PathBuf,
    #[command(flatten)]
    pub(super) db: DbArg,
    /// Publish comments at once instead of holding them for a moderator.
    #[arg(long)]
    pub(super) auto_publish: bool,
    /// A client may post N comments at once, then one more each S/N seconds
    /// (--rate-window-secs); 0 turns it off.
    #[arg(long, value_name = "N", default_value_t = 5,
          value_parser = clap::value_parser!(u32).range(0..=MAX_RATE_LIMIT))]
    pub(super) rate_limit: u32,
    /// The window of --rate-limit (1 s to 1 day).
    #[arg(long, value_name = "S", default_value = "600", value_parser = parse_secs::<1>)]
    pub(super) rate_window_secs: Duration,
    /// The same as --rate-limit for likes and unlikes.
    #[arg(long, value_name = "N", default_value_t = 60,
          value_parser = clap::value_parser!(u32).range(0..=MAX_RATE_LIMIT))]
    pub(super) like_rate_limit: u32,
    /// The window of --like-rate-limit (1 s to 1 day).
    #[arg(long, value_name = "S", default_value = "60", value_parser = parse_secs::<1>)]
    pub(super) like_rate_window_secs: Duration,
    /// Words and phrases (one a line, # for comments) that hold a comment for a moderator
    /// even with --auto-publish (default: banned-words.txt beside the database; read again
    /// when it changes).
    #[arg(long, value_name = "FILE")]
    pub(super) banned_words: Option<PathBuf>,
    /// A reverse proxy in front of this server: its X-Forwarded-For names the client
    /// (repeatable; otherwise the header is ignored).
    #[arg(long, value_name = "IP")]
    pub(super) trusted_proxy: Vec<IpAddr>,
    /// Who may show the pages in a frame, as CSP sources (e.g. "'self'
    /// https://portal.example.vn").
    #[arg(long, value_name = "SOURCES", default_value = "'self'", value_parser = parse_sources)]
    pub(super) frame_ancestors: String,
    /// A request's head and body must arrive within S seconds.
    #[arg(long, value_name = "S", default_value = "10", value_parser = parse_secs::<1>)]
    pub(super) read_timeout_secs: Duration,
    /// Open connections per client (a trusted proxy has none).
    #[arg(long, value_name = "N", default_value_t = 64,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub(super) max_connections_per_client: u32,
    /// On SIGTERM, requests under way get S seconds to finish.
    #[arg(long, value_name = "S", default_value = "10", value_parser = parse_secs::<0>)]
    pub(super) shutdown_grace_secs: Duration,
    /// Most-read is ranked again at most every S seconds.
    #[arg(long, value_name = "S", default_value = "5", value_parser = parse_secs::<0>)]
    pub(super) ranking_refresh_secs: Duration,
    /// The public address of the app: article pages carry their canonical address and
    /// absolute og:url and og:image (the build's data-site-url, when it has one, wins); an
    /// https address also makes the desk's cookies Secure.
    #[arg(long, value_name = "URL", value_parser = parse_site_url)]
    pub(super) site_url: Option<String>,
    /// A page of ORIGIN may use this server from the browser (repeatable; see below).
    #[arg(long, value_name = "ORIGIN", value_parser = cors::parse_origin)]
    pub(super) allow_origin: Vec<String>,
    /// Where the moderation desk is.
    #[arg(long, value_name = "PATH", default_value = crate::desk::settings::DEFAULT_PATH,
          value_parser = crate::desk::settings::parse_path)]
    pub(super) desk_path: String,
    /// A desk session ends after S seconds unused.
    #[arg(long, value_name = "S", default_value_t = crate::desk::settings::DEFAULT_IDLE_SECS,
          value_parser = clap::value_parser!(u64).range(1..=MAX_SECS))]
    pub(super) desk_idle_secs: u64,
    /// A desk session ends S seconds after login.
    #[arg(long, value_name = "S", default_value_t = crate::desk::settings::DEFAULT_MAX_SECS,
          value_parser = clap::value_parser!(u64).range(1..=MAX_SECS))]
    pub(super) desk_max_secs: u64,
    #[command(flatten)]
    pub(super) archive: ArchiveSiteArgs,
}

/// Whole seconds from `MIN` to a day: a larger value is a typo, and would overflow the
/// limiter's arithmetic besides.
pub(super) fn parse_secs<const MIN: u64>(value: &str) -> Result<Duration, String> {
    let secs: u64 = value
        .parse()
        .map_err(|_| format!("{value:?} is not a whole number of seconds"))?;
    if !(MIN..=MAX_SECS).contains(&secs) {
        return Err(format!("must be from {MIN} to {MAX_SECS} seconds"));
    }
    Ok(Duration::from_secs(secs))
}

/// An absolute http(s) address, ending in `/`.
pub(super) fn parse_site_url(value: &str) -> Result<String, String> {
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
pub(super) fn parse_time(value: &str) -> Result<i64, String> {
    contract::time::parse_rfc3339(value).ok_or_else(|| format!("{value:?} is not an RFC 3339 time"))
}

/// CSP sources for `frame-ancestors`: printable ASCII without the characters that would
/// end the directive or the header.
pub(super) fn parse_sources(value: &str) -> Result<String, String> {
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
