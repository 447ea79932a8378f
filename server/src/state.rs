//! What the server was told at start and what every handler reaches.

use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::api::ranking_cache::{self, Ranking};
use crate::api::spam::SpamGuard;
use crate::db::Db;
use crate::desk::settings::Desk;
use crate::http::client::{ClientKey, TrustedProxies};
use crate::http::cors;
use crate::http::rate_limit::RateLimiter;
use crate::http::security;
use crate::search::{self, SearchIndex};
use crate::site::content_folder::Content;
use crate::site::live_entries::LiveFiles;
use crate::site::live_index::LiveIndex;

/// What `serve` was told on its command line, beyond the address.
#[derive(Debug, Clone)]
pub struct Config {
    /// The built app (`index.html`, `404.html`, hashed files).
    pub dist: PathBuf,
    /// The content folder (articles, lists, images).
    pub content: PathBuf,
    /// Publish comments at once instead of holding them for a moderator.
    pub auto_publish: bool,
    /// Comments a client may post at once; 0 for no limit.
    pub rate_limit: u32,
    /// The time over which that allowance refills.
    pub rate_window: Duration,
    /// Reverse proxies whose `X-Forwarded-For` names the client.
    pub trusted_proxies: Vec<IpAddr>,
    /// CSP sources that may frame the pages.
    pub frame_ancestors: String,
    /// A request (head and body) must have arrived and been answered within it.
    pub read_timeout: Duration,
    /// The most-read ranking is computed again at most this often.
    pub ranking_refresh: Duration,
    /// The app's public address (`--site-url`), ending in `/`.
    pub site_url: Option<String>,
    /// Other origins whose pages may use the server (`--allow-origin`), as in `Origin`.
    pub allow_origins: Vec<String>,
    /// The newsroom's banned words (`--banned-words`, or beside the database).
    pub banned_words: Option<PathBuf>,
    /// Likes (and unlikes) a client may send at once; 0 for no limit.
    pub like_rate_limit: u32,
    /// The time over which that allowance refills.
    pub like_rate_window: Duration,
    /// The moderation desk's path (`--desk-path`), without a trailing slash.
    pub desk_path: String,
    /// A desk session unused this long ends.
    pub desk_idle: Duration,
    /// A desk session ends this long after login.
    pub desk_max: Duration,
}

/// What every handler reaches.
pub struct AppState {
    /// The database.
    pub db: Db,
    /// The content folder.
    pub content: Content,
    /// Live coverage's entries files, as last read.
    pub live: LiveFiles,
    /// The built app's folder.
    pub dist: PathBuf,
    /// Comments per client.
    pub limiter: RateLimiter<ClientKey>,
    /// View beacons per client.
    pub view_limiter: RateLimiter<ClientKey>,
    /// Likes per client.
    pub like_limiter: RateLimiter<ClientKey>,
    /// Searches per client.
    pub search_limiter: RateLimiter<ClientKey>,
    /// The search index, kept current with the content index.
    pub search: Arc<SearchIndex>,
    /// The content index, for which pages exist (a topic's).
    pub index: Arc<LiveIndex>,
    /// The articles of a page of results, as of a list page (`--page-size`).
    pub page_size: usize,
    /// Holds comments with banned words or many links for a moderator.
    pub spam: SpamGuard,
    /// Who the client of a request is.
    pub clients: TrustedProxies,
    /// Whether new comments are published at once.
    pub auto_publish: bool,
    /// The most-read list, as last ranked.
    pub ranking: Ranking,
    /// The app's public address (`--site-url`).
    pub site_url: Option<String>,
    /// The security headers of every answer.
    pub headers: security::Headers,
    /// Which other origins get CORS answers and may write.
    pub cors: Arc<cors::Policy>,
    /// The moderation desk's settings and login limiters.
    pub desk: Desk,
}

/// The state as handlers share it.
pub type Shared = Arc<AppState>;

impl AppState {
    /// The state for `config` over an open database, the search and content indexes; the rate limits
    /// are counted in the database when other servers may share it. Fails only when the
    /// login form's signing key cannot be read from the database.
    pub fn new(
        config: &Config,
        db: Db,
        search: Arc<SearchIndex>,
        index: Arc<LiveIndex>,
        page_size: usize,
    ) -> Result<Shared, String> {
        let shared = db.is_shared();
        let desk = Desk::new(
            &db,
            &config.desk_path,
            config.desk_idle,
            config.desk_max,
            config.site_url.as_deref(),
        )?;
        Ok(Arc::new(AppState {
            db,
            content: Content::new(config.content.clone()),
            live: LiveFiles::default(),
            dist: config.dist.clone(),
            limiter: RateLimiter::new("comments", config.rate_limit, config.rate_window, shared),
            view_limiter: RateLimiter::new(
                "views",
                ranking_cache::VIEWS_PER_CLIENT,
                ranking_cache::VIEWS_WINDOW,
                shared,
            ),
            like_limiter: RateLimiter::new(
                "likes",
                config.like_rate_limit,
                config.like_rate_window,
                shared,
            ),
            // A search needs the database only for its count: it goes on without it.
            search_limiter: RateLimiter::new(
                "searches",
                search::SEARCHES_PER_CLIENT,
                search::SEARCHES_WINDOW,
                shared,
            )
            .or_in_memory(),
            search,
            index,
            page_size,
            spam: SpamGuard::new(config.banned_words.clone()),
            clients: TrustedProxies::new(config.trusted_proxies.clone()),
            auto_publish: config.auto_publish,
            ranking: Ranking::new(config.ranking_refresh),
            site_url: config.site_url.clone(),
            headers: security::Headers::new(&config.frame_ancestors),
            cors: cors::Policy::new(&config.allow_origins),
            desk,
        }))
    }
}
