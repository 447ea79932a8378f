//! The router: the contract's API under `/api/` (the app's default `api_base`), the app's
//! pages and files from `--dist` everywhere else, and the layers around them all.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{middleware, Router};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{
    DefaultMakeSpan, DefaultOnFailure, DefaultOnRequest, DefaultOnResponse, TraceLayer,
};
use tower_http::LatencyUnit;
use tracing::Level;

use contract::paths::{self, Route};

use crate::api::{articles, comments, likes, live, ranking, search};
use crate::desk;
use crate::http::error::{internal, ApiError};
use crate::http::static_files::{self, File};
use crate::http::{cors, disk_full, health};
use crate::site::article_per_request;
use crate::site::index_routes::{self, SiteState};
use crate::state::Shared;

/// Every route of the server.
pub fn router(state: Shared, read_timeout: Duration, site: Arc<SiteState>) -> Router {
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/api/most-read.json", get(ranking::most_read))
        .route(&format!("/api/{}", paths::SEARCH), get(search::search))
        .route("/api/articles/{file}", get(articles::article))
        // Before the comment pages' `{file}`: a static segment wins over a parameter.
        .route(
            &format!("/api/{}", paths::live_json("{slug}")),
            get(live::live_entries),
        )
        .route("/api/articles/{slug}/{file}", get(comments::comment_page))
        .route(
            "/api/articles/{slug}/comments",
            post(comments::post_comment),
        )
        .route("/api/articles/{slug}/views", post(ranking::post_view))
        .route(
            "/api/articles/{slug}/comments/{id}/likes",
            post(likes::like).delete(likes::unlike),
        )
        .route(
            "/api/articles/{slug}/comments/{id}/{file}",
            get(comments::reply_page),
        )
        .route("/api/images/{*path}", get(articles::image))
        // v3: a video block's files (MP4, WebM, HLS, WebVTT captions), ranges answered.
        .route("/api/video/{*path}", get(articles::video))
        .merge(desk::routes(&state.desk.path))
        .fallback(app_file)
        // The lists, sitemaps and feeds of the content index (`site`), before any route.
        .layer(middleware::from_fn_with_state(site, index_routes::answer))
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
        // JSON and pages made per request (comments.json, most-read.json, article pages),
        // and any file without a fresh precompressed sibling. Outside the security headers
        // and CORS so that their answers are compressed too.
        .layer(
            CompressionLayer::new()
                .br(true)
                .gzip(true)
                // Brotli's default (11) costs milliseconds a response; 4 is the usual
                // level for answers made per request, gzip's 4 is as quick.
                .quality(CompressionLevel::Precise(4)),
        )
        // A bug in one handler answers that request with 500; the server goes on.
        .layer(CatchPanicLayer::custom(|_| {
            tracing::error!("a handler panicked");
            ApiError::Internal.into_response()
        }))
        // Outermost: one span per request (method, path) around everything the request
        // logs, and its status and latency at the end, the 500 of a panic included. The
        // lines are at INFO under `tower_http`, off by default (see `main::init_logs`); an
        // answer of 5xx is logged at ERROR whatever the filter (a 507 has its own line).
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_request(DefaultOnRequest::new().level(Level::DEBUG))
                .on_response(
                    DefaultOnResponse::new()
                        .level(Level::INFO)
                        .latency_unit(LatencyUnit::Micros),
                )
                .on_failure(disk_full::LogFailures(
                    DefaultOnFailure::new().level(Level::ERROR),
                )),
        )
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
    let path = req.uri().path().to_owned();
    let path = path.as_str();
    if path == "/api" || path.starts_with("/api/") {
        return Err(ApiError::NotFound);
    }
    // An article under its own category: its page, rendered now with the live comments and
    // ranking (rather than the build's prerendered copy, which has those of build time).
    if let Route::Article { category, slug } = contract::paths::parse_path(path, "") {
        if state
            .content
            .meta(&slug)
            .await
            .is_ok_and(|meta| meta.category == category)
        {
            return article_per_request::article(&state, &slug, req.headers()).await;
        }
    }
    if let Some(real) = static_files::locate(&state.dist, path)
        .await
        .map_err(internal)?
    {
        // Pages are rewritten (the views endpoint), so read here and compressed by the
        // router's CompressionLayer; every other file goes to tower-http as it is.
        if real.extension().is_none_or(|e| e != "html") {
            return Ok(static_files::serve_file(real, req).await);
        }
        match tokio::fs::read(&real).await {
            Ok(bytes) => {
                let file = File { path: real, bytes };
                return Ok(static_files::file_response(StatusCode::OK, file));
            }
            Err(e) if !static_files::is_missing(&e) => return Err(internal(e)),
            Err(_) => {}
        }
    }
    // Unlike a static host, this server knows the routes: a page that exists is a 200 (for
    // crawlers and link previews), anything else the not-found page with a 404.
    let exists = match contract::paths::parse_path(path, "") {
        Route::Home => true,
        Route::Category { slug } => state.content.has_category(&slug).await.unwrap_or(false),
        Route::Article { category, slug } => state
            .content
            .meta(&slug)
            .await
            .is_ok_and(|meta| meta.category == category),
        // The app's search page, for any query (the app says what it found); a topic's page
        // when some article has that tag.
        Route::Search { .. } => true,
        Route::Topic { slug, .. } => state.index.get().topic(&slug).is_some(),
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
