//! `news-server`: the reference server of the news app (`news-server --help`).

mod api;
mod app;
mod cli;
mod clock;
mod db;
mod desk;
mod http;
mod search;
mod serve;
mod site;
mod state;
mod upkeep;

use std::process::ExitCode;

use crate::cli::{Command, ServeOptions};

fn main() -> ExitCode {
    init_logs();
    let command = match cli::parse(std::env::args_os().skip(1)) {
        Ok(c) => c,
        // The help asked for (on stdout, exit code 0) or a usage error (stderr, 2).
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    let result = match command {
        Command::Serve(opts) => serve(*opts),
        Command::Pending { db } => cli::moderation::pending(&db),
        Command::Approve { db, ids } => {
            cli::moderation::set_status(&db, &ids, db::Status::Published)
        }
        Command::Reject { db, ids } => cli::moderation::set_status(&db, &ids, db::Status::Rejected),
        Command::UserAdd { db, name } => desk::users::add(&db, &name),
        Command::UserRemove { db, name } => desk::users::remove(&db, &name),
        Command::UserList { db } => desk::users::list(&db),
        Command::Prerender(opts) => return prerender(&opts),
        Command::Compress { dist } => compress(&dist),
        Command::SearchIndex { content, out } => {
            site::prerender::write_search_index(&content, &out).map(|r| {
                println!(
                    "indexed {} articles into {} in {:.1} s: {} files written",
                    r.articles,
                    out.join(contract::paths::STATIC_SEARCH_DIR).display(),
                    r.elapsed.as_secs_f64(),
                    r.written
                );
            })
        }
        Command::Live(sub) => cli::live::run(&sub),
        Command::Backup { db, out, pace } => cli::backup::run(&db, &out, pace),
        Command::Archive(opts) => site::archive::write_archive(&opts).map(|r| {
            println!(
                "wrote {} articles, {} comments and {} list pages into {}",
                r.articles,
                r.comments,
                r.list_pages,
                opts.out.display()
            );
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("news-server: {why}");
            ExitCode::FAILURE
        }
    }
}

/// The exit status of a `prerender` run that wrote every good page but skipped files (each
/// named on stderr): a publishing pipeline can tell it from success (0) and from a run that
/// failed (1).
const SKIPPED_FILES: u8 = 3;

/// `news-server prerender`: its report on stdout; each skipped file again on stderr, sorted,
/// and the status [`SKIPPED_FILES`] when there is one.
fn prerender(opts: &site::prerender::Options) -> ExitCode {
    match site::prerender::run(opts) {
        Ok(mut report) => {
            println!("{report}");
            if report.skipped_files.is_empty() {
                return ExitCode::SUCCESS;
            }
            report.skipped_files.sort();
            for line in &report.skipped_files {
                eprintln!("news-server: prerender skipped {line}");
            }
            ExitCode::from(SKIPPED_FILES)
        }
        Err(why) => {
            eprintln!("news-server: {why}");
            ExitCode::FAILURE
        }
    }
}

/// The server's messages and request logs (`tracing`) as lines on stderr. `RUST_LOG` chooses
/// what (tracing-subscriber's `EnvFilter` syntax); by default this server's own messages
/// from INFO up and tower-http's warnings and errors (a 5xx answer among them), without
/// a line per request: a reverse proxy in front keeps the access log, and a line per
/// request costs throughput. `RUST_LOG=info` adds one line per answer (status, latency).
/// What the commands print as their result (`pending`'s list, `listening on …`) stays on
/// stdout, where scripts read it.
fn init_logs() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("news_server=info,tower_http=warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

/// `.br` and `.gz` beside the build's text and wasm files.
fn compress(dist: &std::path::Path) -> Result<(), String> {
    let report = http::compress::write_all(dist)?;
    println!(
        "compressed {} files of {}: {} B, {} B as brotli",
        report.files,
        dist.display(),
        report.bytes,
        report.brotli
    );
    Ok(())
}

/// `serve`: see `serve.rs`.
fn serve(opts: ServeOptions) -> Result<(), String> {
    serve::run(opts)
}
