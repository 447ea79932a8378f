//! The command line, parsed by clap (derive): every subcommand has its own `--help`, and a
//! bad value ends the process with exit code 2 and a message naming the flag, as clap does.
//! The parsed arguments are turned into [`Command`], which is what `main` runs.

mod args;
pub mod backup;
pub mod live;
pub mod moderation;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;

use crate::db::Location;
use crate::state::Config;

use args::{Cli, ServeArgs, Sub, UserSub, BANNED_WORDS_FILE};

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
    /// Write a content folder's static search index into an API folder.
    SearchIndex { content: PathBuf, out: PathBuf },
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
    /// Add a live coverage's entry, or end it.
    Live(live::LiveSub),
    /// Write a synthetic archive.
    Archive(crate::site::archive::Options),
    /// Copy a live SQLite database.
    Backup {
        /// The database.
        db: Location,
        /// The copy.
        out: PathBuf,
        /// How fast.
        pace: crate::db::backup::Pace,
    },
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
        Sub::SearchIndex { content, out } => Command::SearchIndex { content, out },
        Sub::User(UserSub::Add { name, db }) => Command::UserAdd {
            db: db.location(),
            name,
        },
        Sub::User(UserSub::Remove { name, db }) => Command::UserRemove {
            db: db.location(),
            name,
        },
        Sub::User(UserSub::List(db)) => Command::UserList { db: db.location() },
        Sub::Backup(a) => Command::Backup {
            db: a.db.location(),
            out: a.out,
            pace: crate::db::backup::Pace {
                pages_per_step: a.pages_per_step,
                pause: Duration::from_millis(a.pause_ms),
            },
        },
        Sub::Live(sub) => Command::Live(sub),
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
    fn backup_command() {
        let Command::Backup { db, out, pace } =
            parse(args("backup --db m.db --out copy.db --pause-ms 0")).unwrap()
        else {
            panic!("not backup")
        };
        assert_eq!(db, Location::Sqlite(PathBuf::from("m.db")));
        assert_eq!(out, PathBuf::from("copy.db"));
        assert_eq!((pace.pages_per_step, pace.pause), (1024, Duration::ZERO));
        for bad in [
            "backup",
            "backup --db m.db",
            "backup --out c.db --pages-per-step 0",
        ] {
            assert!(parse(args(bad)).is_err(), "{bad}");
        }
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
