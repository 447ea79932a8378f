//! The router: the contract's API under `/api/` (the app's default `api_base`), the app's
//! files from `--dist` everywhere else, and the answers every handler shares.

use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{middleware, Router};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::TimeoutLayer;

use news_contract::paths::Route;

use crate::api;
use crate::client::TrustedProxies;
use crate::content::{Content, ContentError};
use crate::cors;
use crate::db::Db;
use crate::likes;
use crate::pages;
use crate::rate_limit::RateLimiter;
use crate::security;
use crate::static_files::{self, File};
use crate::views::Ranking;

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
}

/// What every handler reaches.
pub struct AppState {
    /// The database.
    pub db: Db,
    /// The content folder.
    pub content: Content,
    /// The built app's folder.
    pub dist: PathBuf,
    /// Comments per client.
    pub limiter: RateLimiter,
    /// View beacons per client.
    pub view_limiter: RateLimiter,
    /// Who the client of a request is.
    pub clients: TrustedProxies,
    /// Whether new comments are published at once.
    pub auto_publish: bool,
    /// The most-read list, as last ranked.
    pub ranking: Ranking,
    /// The app's public address (`--site-url`).
    pub site_url: Option<String>,
    headers: security::Headers,
    /// Which other origins get CORS answers and may write.
    pub cors: Arc<cors::Policy>,
}

/// The state as handlers share it.
pub type Shared = Arc<AppState>;

impl AppState {
    /// The state for `config` over an open database.
    pub fn new(config: &Config, db: Db) -> Shared {
        Arc::new(AppState {
            db,
            content: Content::new(config.content.clone()),
            dist: config.dist.clone(),
            limiter: RateLimiter::new(config.rate_limit, config.rate_window),
            view_limiter: RateLimiter::new(api::VIEWS_PER_CLIENT, api::VIEWS_WINDOW),
            clients: TrustedProxies::new(config.trusted_proxies.clone()),
            auto_publish: config.auto_publish,
            ranking: Ranking::new(config.ranking_refresh),
            site_url: config.site_url.clone(),
            headers: security::Headers::new(&config.frame_ancestors),
            cors: cors::Policy::new(&config.allow_origins),
        })
    }
}

/// Every route of the server.
pub fn router(state: Shared, read_timeout: Duration) -> Router {
    Router::new()
        .route("/api/latest.json", get(api::latest))
        .route("/api/most-read.json", get(api::most_read))
        .route("/api/articles/{file}", get(api::article))
        .route("/api/articles/{slug}/{file}", get(api::comment_page))
        .route("/api/articles/{slug}/comments", post(api::post_comment))
        .route("/api/articles/{slug}/views", post(api::post_view))
        .route(
            "/api/articles/{slug}/comments/{id}/likes",
            post(likes::like).delete(likes::unlike),
        )
        .route("/api/images/{*path}", get(api::image))
        .fallback(app_file)
        // A body that never arrives, or a handler stuck on the disk, ends with 408.
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            read_timeout,
        ))
        // Outside every route and the fallback: the app's files need CORS too.
        .layer(middleware::from_fn_with_state(
            state.cors.clone(),
            cors::gate,
        ))
        // Every answer, the CORS gate's refusals included.
        .layer(middleware::map_response_with_state(
            state.clone(),
            security_headers,
        ))
        // A bug in one handler answers that request with 500; the server goes on.
        .layer(CatchPanicLayer::custom(|_| {
            eprintln!("error: a handler panicked");
            ApiError::Internal.into_response()
        }))
        .with_state(state)
}

async fn security_headers(State(state): State<Shared>, mut res: Response) -> Response {
    state.headers.apply(&mut res);
    res
}

/// A file of the app, or `404.html` with status 404 for any path that is none: the app
/// reads deep links such as `/chinh-tri/some-article` itself. Unknown `/api/` paths get a
/// bare 404, since the app fetches them as data, not pages.
async fn app_file(State(state): State<Shared>, req: Request) -> Result<Response, ApiError> {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return Err(ApiError::MethodNotAllowed);
    }
    let path = req.uri().path();
    if path == "/api" || path.starts_with("/api/") {
        return Err(ApiError::NotFound);
    }
    // An article under its own category: its page, rendered now with the live comments and
    // ranking (rather than the build's prerendered copy, which has those of build time).
    if let Route::Article { category, slug } = news_contract::paths::parse_path(path, "") {
        if state
            .content
            .meta(&slug)
            .await
            .is_ok_and(|meta| meta.category == category)
        {
            return pages::article(&state, &slug, req.headers()).await;
        }
    }
    if let Some(file) = static_files::find(&state.dist, path)
        .await
        .map_err(internal)?
    {
        return Ok(static_files::file_response(StatusCode::OK, file));
    }
    // Unlike a static host, this server knows the routes: a page that exists is a 200 (for
    // crawlers and link previews), anything else the not-found page with a 404.
    let exists = match news_contract::paths::parse_path(path, "") {
        Route::Home => true,
        Route::Category { slug } => state.content.has_category(&slug).await.unwrap_or(false),
        Route::Article { category, slug } => state
            .content
            .meta(&slug)
            .await
            .is_ok_and(|meta| meta.category == category),
        Route::NotFound => false,
    };
    let (status, name) = if exists {
        (StatusCode::OK, "index.html")
    } else {
        (StatusCode::NOT_FOUND, "404.html")
    };
    let page = state.dist.join(name);
    match tokio::fs::read(&page).await {
        Ok(bytes) => Ok(static_files::file_response(
            status,
            File { path: page, bytes },
        )),
        Err(_) => Err(ApiError::NotFound),
    }
}

/// An answer other than success, each with a short plain-text body.
#[derive(Debug)]
pub enum ApiError {
    /// 400: the body is not JSON of the expected shape.
    BadRequest(&'static str),
    /// 403: the article takes no comments.
    Forbidden,
    /// 403: a write from a page of an origin not allowed (`--allow-origin`).
    CrossOrigin,
    /// 404.
    NotFound,
    /// 405.
    MethodNotAllowed,
    /// 413: over the body limit.
    TooLarge,
    /// 415: not `application/json`.
    UnsupportedMediaType,
    /// 429, with the seconds until the client may post again.
    TooManyRequests(u64),
    /// 503: anything that went wrong on our side (logged, not shown).
    Unavailable,
    /// 500: a bug (a handler panicked).
    Internal,
}

/// Logs an internal failure and turns it into a 503: a reader can retry a 503, and the
/// details are for the operator, not for the page.
pub fn internal(e: impl std::fmt::Display) -> ApiError {
    eprintln!("error: {e}");
    ApiError::Unavailable
}

impl From<ContentError> for ApiError {
    fn from(e: ContentError) -> Self {
        match e {
            ContentError::NotFound => ApiError::NotFound,
            ContentError::Broken(why) => internal(why),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, text) = match self {
            ApiError::BadRequest(why) => (StatusCode::BAD_REQUEST, why),
            ApiError::Forbidden => (StatusCode::FORBIDDEN, "Comments are closed"),
            ApiError::CrossOrigin => (StatusCode::FORBIDDEN, "Origin not allowed"),
            ApiError::NotFound => (StatusCode::NOT_FOUND, "Not found"),
            ApiError::MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, "Method not allowed"),
            ApiError::TooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "Body too large"),
            ApiError::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Content-Type must be application/json",
            ),
            ApiError::Unavailable => (StatusCode::SERVICE_UNAVAILABLE, "Try again later"),
            ApiError::Internal => (StatusCode::INTERNAL_SERVER_ERROR, "Internal error"),
            ApiError::TooManyRequests(secs) => {
                let body = serde_json::json!({ "retry_after": secs }).to_string();
                let mut res = json_response(StatusCode::TOO_MANY_REQUESTS, body.into_bytes());
                res.headers_mut()
                    .insert(RETRY_AFTER, HeaderValue::from(secs));
                return res;
            }
        };
        let mut res = Response::new(Body::from(text));
        *res.status_mut() = status;
        res.headers_mut().insert(
            CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        res.headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
        res
    }
}

/// A JSON answer; `no-cache` like the JSON files of a static host (data, revalidated).
pub fn json_response(status: StatusCode, body: Vec<u8>) -> Response {
    let mut res = Response::new(Body::from(body));
    *res.status_mut() = status;
    res.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    res.headers_mut().insert(
        CACHE_CONTROL,
        HeaderValue::from_static(static_files::NO_CACHE),
    );
    res
}

/// A value as a JSON answer (503 if it cannot be written, which serde should never do).
pub fn json_value<T: serde::Serialize>(status: StatusCode, value: &T) -> Response {
    match serde_json::to_vec(value) {
        Ok(body) => json_response(status, body),
        Err(e) => internal(e).into_response(),
    }
}
