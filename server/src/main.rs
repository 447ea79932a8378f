//! `news-server`: the reference server of the news app (`news-server --help`).

mod api;
mod app;
mod cli;
mod clock;
mod db;
mod desk;
mod http;
mod site;
mod state;
mod upkeep;

use std::io::Write;
use std::process::ExitCode;

use crate::cli::{Command, ServeOptions};
use crate::db::Db;
use crate::site::content_folder::Content;
use crate::state::AppState;

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
        Command::Prerender(opts) => site::prerender::run(&opts).map(|report| println!("{report}")),
        Command::Compress { dist } => compress(&dist),
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

fn serve(opts: ServeOptions) -> Result<(), String> {
    if !opts.config.content.is_dir() {
        return Err(format!(
            "content folder {} not found",
            opts.config.content.display()
        ));
    }
    if !opts.config.dist.join("index.html").is_file() {
        tracing::warn!(
            "{} has no index.html: the app's pages will be 404",
            opts.config.dist.display()
        );
    }
    let db = Db::open(&opts.db).map_err(|e| format!("database {}: {e}", opts.db))?;
    seed_demo_comments(&db, &Content::new(opts.config.content.clone()))?;
    if let Some(words) = &opts.config.banned_words {
        if words.is_file() {
            tracing::info!(
                "banned words: {} (read again when it changes)",
                words.display()
            );
        } else {
            tracing::info!(
                "no banned words yet: {} is read when it appears",
                words.display()
            );
        }
    }
    let week_ago = clock::now_unix() - api::ranking::MOST_READ_WINDOW_SECS;
    db.prune_views(week_ago)
        .map_err(|e| format!("database: {e}"))?;
    let started = std::time::Instant::now();
    let index =
        site::live_index::LiveIndex::start(&opts.config.content, opts.site.page_size, true)?;
    tracing::info!(
        "content index: {} articles in {} ms, kept current as files change",
        index.get().len(),
        started.elapsed().as_millis()
    );
    let site = site::index_routes::SiteState::new(
        index,
        opts.config.content.clone(),
        opts.config.site_url.clone(),
        opts.site.site_name.clone(),
        opts.site.sitemap_urls,
        opts.config.desk_path.clone(),
    );
    let state = AppState::new(&opts.config, db)?;
    // One file per connection: the soft limit (often 1,024) would be reached long before
    // the per-client cap matters.
    if let Err(e) = rlimit::increase_nofile_limit(u64::MAX) {
        tracing::warn!("cannot raise the open-file limit: {e}");
    }

    // The last reference to the state is dropped here, after the runtime: PostgreSQL's
    // synchronous connections each own a small runtime, which must not be dropped from
    // inside an async task.
    let last = state.clone();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("runtime: {e}"))?;
    let result = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(opts.addr)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", opts.addr))?;
        let local = listener.local_addr().map_err(|e| e.to_string())?;
        // The one line on stdout: tests and scripts read the port from it.
        let mut out = std::io::stdout().lock();
        writeln!(out, "listening on http://{local}")
            .and_then(|()| out.flush())
            .map_err(|e| e.to_string())?;
        drop(out);
        tokio::spawn(upkeep::upkeep(
            state.clone(),
            api::ranking::MOST_READ_WINDOW_SECS,
        ));
        let router = app::router(state, opts.config.read_timeout, site);
        http::listener::serve(listener, router, opts.listen, shutdown_signal()).await;
        Ok(())
    });
    // A database call under way finishes (it is short); nothing else is waited for.
    runtime.shutdown_timeout(std::time::Duration::from_secs(5));
    drop(last);
    result
}

/// A database without any comment gets the demo's static comment pages, so that the demo
/// looks the same served from here as from a static host.
fn seed_demo_comments(db: &Db, content: &Content) -> Result<(), String> {
    let count = db.comment_count().map_err(|e| format!("database: {e}"))?;
    if count > 0 {
        return Ok(());
    }
    let items = content.demo_comments();
    let added = db
        .import_published(&items)
        .map_err(|e| format!("database: importing demo comments: {e}"))?;
    if added > 0 {
        tracing::info!("imported {added} demo comments as published");
    }
    Ok(())
}

/// Ctrl-C or SIGTERM: stop accepting, finish the requests under way.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        let Ok(mut term) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        else {
            let _ = tokio::signal::ctrl_c().await;
            return;
        };
        tokio::select! {
            ctrl_c = tokio::signal::ctrl_c() => {
                // No Ctrl-C handler to be had: SIGTERM alone ends the server.
                if ctrl_c.is_err() {
                    term.recv().await;
                }
            }
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
}
