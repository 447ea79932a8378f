//! The `serve` command: checks its folders, opens the database (seeding the demo's
//! comments into an empty one), builds the content index and the state, then runs the
//! listener on its own runtime until SIGTERM or Ctrl-C.

use std::io::Write;
use std::sync::Arc;

use crate::api::ranking::MOST_READ_WINDOW_SECS;
use crate::cli::ServeOptions;
use crate::clock;
use crate::db::Db;
use crate::search::SearchIndex;
use crate::site::content_folder::Content;
use crate::site::index_routes::SiteState;
use crate::site::live_index::LiveIndex;
use crate::state::{AppState, Shared};
use crate::{app, http, upkeep};

/// Runs the server until it is told to stop.
pub fn run(opts: ServeOptions) -> Result<(), String> {
    check_folders(&opts)?;
    let db = Db::open(&opts.db).map_err(|e| format!("database {}: {e}", opts.db))?;
    seed_demo_comments(&db, &Content::new(opts.config.content.clone()))?;
    log_banned_words(&opts);
    let week_ago = clock::now_unix() - MOST_READ_WINDOW_SECS;
    db.prune_views(week_ago)
        .map_err(|e| format!("database: {e}"))?;
    let search = Arc::new(SearchIndex::new()?);
    let site = site_state(&opts, Arc::clone(&search))?;
    let index = Arc::clone(&site.index);
    let state = AppState::new(&opts.config, db, search, index, opts.site.page_size)?;
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
    let result = runtime.block_on(listen(opts, state, site));
    // A database call under way finishes (it is short); nothing else is waited for.
    runtime.shutdown_timeout(std::time::Duration::from_secs(5));
    drop(last);
    result
}

/// The content folder must exist; a build without `index.html` only warns.
fn check_folders(opts: &ServeOptions) -> Result<(), String> {
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
    Ok(())
}

/// Says where the banned words are read from (the file may appear later).
fn log_banned_words(opts: &ServeOptions) {
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
}

/// The content index, kept current, and what the lists, sitemaps and feeds need; the
/// search index, filled in the background from the content index's articles and then kept
/// current with it.
fn site_state(opts: &ServeOptions, search: Arc<SearchIndex>) -> Result<Arc<SiteState>, String> {
    let started = std::time::Instant::now();
    search.begin_fill();
    let follower = Arc::clone(&search);
    let index = LiveIndex::start(&opts.config.content, opts.site.page_size, true, follower)?;
    tracing::info!(
        "content index: {} articles in {} ms, kept current as files change",
        index.get().len(),
        started.elapsed().as_millis()
    );
    let slugs: Vec<String> = index
        .get()
        .entries()
        .iter()
        .map(|e| e.slug.to_string())
        .collect();
    let content = opts.config.content.clone();
    std::thread::Builder::new()
        .name("search-index".into())
        .spawn(move || {
            let started = std::time::Instant::now();
            search.fill(&content, &slugs);
            tracing::info!(
                "search index: {} articles in {} ms",
                search.len(),
                started.elapsed().as_millis()
            );
        })
        .map_err(|e| format!("search index: {e}"))?;
    Ok(SiteState::new(
        index,
        opts.config.content.clone(),
        opts.config.site_url.clone(),
        opts.site.site_name.clone(),
        opts.site.sitemap_urls,
        opts.config.desk_path.clone(),
    ))
}

/// Binds, says where on stdout, starts the upkeep and serves until a shutdown signal.
async fn listen(opts: ServeOptions, state: Shared, site: Arc<SiteState>) -> Result<(), String> {
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
    tokio::spawn(upkeep::upkeep(state.clone(), MOST_READ_WINDOW_SECS));
    let router = app::router(state, opts.config.read_timeout, site);
    http::listener::serve(listener, router, opts.listen, shutdown_signal()).await;
    Ok(())
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
