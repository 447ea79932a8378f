//! Every HTTP call of the app. Answers become contract types or an [`ApiError`]; nothing
//! here panics, whatever the network or the server does.
//!
//! Every request uses fetch's defaults, CORS mode with `same-origin` credentials: embedded
//! from a CDN on another origin, no cookie goes with them, so the CDN's
//! `Access-Control-Allow-Origin` is all they need; the view beacon is a simple request.

use std::cell::RefCell;
use std::rc::Rc;

use contract::comments::{CommentCreated, FieldErrors, NewComment};
use contract::{paths, Article, Block, CommentPage, ReplyPage, Summary, SummaryPage};
use gloo_net::http::{Request, Response};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::config::Config;

// (v3) A live coverage's poll, the live island's only.
pub mod live;
// (v3) The static search index's files, a search's on a host without search.json.
mod search_file;

pub use search_file::search_file;

/// How long a GET may take before the reader is offered a retry.
const TIMEOUT_MS: i32 = 15_000;

/// Why data could not be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// 404 or 410: the thing does not exist.
    NotFound,
    /// Any other non-2xx status.
    Status(u16),
    /// No answer: offline, DNS, CORS, connection reset.
    Network,
    /// No answer within [`TIMEOUT_MS`].
    Timeout,
    /// An answer that is not the contract's JSON (the reason, for the console).
    Invalid(String),
}

/// Where an answer came from: the network, or the service worker's copy (public/sw.js).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Source {
    Network,
    /// The copy, answered at once while the network's answer is kept for the next visit
    /// (`X-News-Copy`): it may be older than a page the server just sent.
    Copy,
    /// The copy, the network having failed (`X-News-Offline`).
    Offline,
}

/// A text answer and where it came from.
struct Answer {
    text: String,
    source: Source,
}

// What this session learnt from the network, kept for the session (the one state of this
// module, and no view's: a session cache outlives the pages that fill it).
thread_local! {
    /// Articles already shown this session, each with where it came from: going back to one
    /// costs nothing. A list, not a map: a session reads tens of articles, and a HashMap
    /// costs the wasm 3 KB.
    static ARTICLES: RefCell<Vec<(Rc<Article>, Source)>> = const { RefCell::new(Vec::new()) };
    /// The article the shell's first stage read without its media blocks (v3), as it came:
    /// the app's part reads it again ([`article`]).
    static LATER: RefCell<Option<(String, Answer)>> = const { RefCell::new(None) };
    /// The host refused a like (404 or 405, a static host): no likes for the session.
    static LIKES_REFUSED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Swallows the failure of a prefetch no one used (made once).
    static IGNORE: Closure<dyn FnMut(JsValue)> = Closure::new(|_: JsValue| {});
}

fn source(slug: &str) -> Source {
    ARTICLES.with_borrow(|c| {
        c.iter()
            .find(|(a, _)| a.slug == slug)
            .map_or(Source::Network, |c| c.1)
    })
}

/// True when the article `slug` shown is the service worker's copy, the network having
/// failed: shown with «Bạn đang đọc bản đã lưu».
pub fn saved(slug: &str) -> bool {
    source(slug) == Source::Offline
}

/// True when the article `slug` came from the service worker's copy while online: the page
/// the server or the build just sent may be newer, and is kept as it is (`takeover.rs`).
/// (Offline, the page is the worker's copy too, and the app's says it is saved.)
pub fn copied(slug: &str) -> bool {
    source(slug) == Source::Copy
}

/// False once the host has refused a like this session.
pub fn likes_offered() -> bool {
    !LIKES_REFUSED.get()
}

fn cached(slug: &str) -> Option<Rc<Article>> {
    ARTICLES.with_borrow(|c| c.iter().find(|a| a.0.slug == slug).map(|a| a.0.clone()))
}

fn article_url(config: &Config, slug: &str) -> String {
    config.api_url(&paths::article_json(slug))
}

/// The article `slug`, from this session's cache when it was fetched before.
pub async fn article(config: &Config, slug: &str) -> Result<Rc<Article>, ApiError> {
    if let Some(hit) = cached(slug) {
        return Ok(hit);
    }
    let kept = LATER
        .with_borrow_mut(|l| l.take_if(|(s, _)| s == slug))
        .map(|(_, a)| a);
    let answer = match kept {
        Some(answer) => answer,
        None => get_text(&article_url(config, slug)).await?,
    };
    let article = contract::parse_article(&answer.text)
        .map(Rc::new)
        .map_err(|e| invalid(e.0))?;
    ARTICLES.with_borrow_mut(|c| c.push((article.clone(), answer.source)));
    Ok(article)
}

/// The article `slug` from the download `boot.js` started, once it has come: for the shell's
/// first stage (`shell.rs`), which draws it before the app's code is there. `None` when there
/// is no such download, or it failed: the download is then left as it was, for the app to
/// take and report as it does without a first stage (one request, one error view).
pub async fn early_article(config: &Config, slug: &str) -> Option<Rc<Article>> {
    let url = article_url(config, slug);
    let promise = prefetched(&url)?;
    let answer = answer(promise).await.ok()?;
    let article = Rc::new(contract::parse_article_first(&answer.text).ok()?);
    // Taken only now: the app finds the article in this session's cache, or, when it has
    // media blocks this reader left, its text to read again (`parse_article`: this reader,
    // then the media blocks' own, in the app's part). Read again rather than the article
    // cloned: a clone of an `Article` is about 1.4 KB of the app's part, brotli.
    take_prefetched(&url);
    if article.body.iter().any(|b| matches!(b, Block::Later(_))) {
        LATER.set(Some((slug.to_string(), answer)));
    } else {
        ARTICLES.with_borrow_mut(|c| c.push((article.clone(), answer.source)));
    }
    Some(article)
}

/// Starts downloading the article `slug` (a link was hovered, focused or touched) so that
/// a click shows it at once; [`article`] takes the response.
pub fn prefetch_article(config: &Config, slug: &str) {
    if cached(slug).is_none() {
        prefetch(article_url(config, slug));
    }
}

/// Starts downloading the first comment page of the article `slug`, shown with comments on,
/// while the comments' code comes: [`comments`] takes the response.
pub fn prefetch_comments(config: &Config, slug: &str) {
    prefetch(config.api_url(&first_comments_path(slug)));
}

fn prefetch(url: String) {
    let Some(store) = prefetch_store() else {
        return;
    };
    let key = JsValue::from_str(&url);
    if js_sys::Reflect::has(&store, &key).unwrap_or(true) {
        return;
    }
    let promise = leptos::prelude::window().fetch_with_str(&url);
    // An unused failure must not reach the console as an unhandled rejection.
    IGNORE.with(|ignore| {
        let _ = promise.catch(ignore);
    });
    let _ = js_sys::Reflect::set(&store, &key, &promise);
}

/// The most-read list, in rank order.
pub async fn most_read(config: &Config) -> Result<Rc<Vec<Summary>>, ApiError> {
    Ok(Rc::new(summaries(config, paths::MOST_READ).await?.items))
}

/// One page of a list of articles at `path` (relative to `api_base`): `latest.json`,
/// `categories/{slug}.json`, or a `next` they named; most-read has the same shape.
pub async fn summaries(config: &Config, path: &str) -> Result<SummaryPage, ApiError> {
    let text = get_text(&config.api_url(path)).await?.text;
    contract::parse_summary_page(&text).map_err(|e| invalid(e.0))
}

/// The categories of the masthead's menu (v3, `categories.json`), in the portal's order.
pub async fn categories(config: &Config) -> Result<Vec<contract::Category>, ApiError> {
    let text = get_text(&config.api_url(paths::CATEGORIES)).await?.text;
    contract::parse_categories(&text).map_err(|e| invalid(e.0))
}

/// A page of search results (v3): `search.json?q=…` (`paths::search_json`), or the `next`
/// a page named. A host without search answers 404; a query it cannot search, 422.
pub async fn search(config: &Config, path: &str) -> Result<contract::SearchPage, ApiError> {
    let text = get_text(&config.api_url(path)).await?.text;
    contract::parse_search_page(&text).map_err(|e| invalid(e.0))
}

/// A page of approved comments: the first at `articles/{slug}/comments.json`, later ones at
/// the `next` path the previous page gave.
pub async fn comments(config: &Config, path: &str) -> Result<CommentPage, ApiError> {
    let text = get_text(&config.api_url(path)).await?.text;
    contract::parse_comment_page(&text).map_err(|e| invalid(e.0))
}

/// The rest of a thread's replies, at the `next` path its first replies gave.
pub async fn replies(config: &Config, path: &str) -> Result<ReplyPage, ApiError> {
    let text = get_text(&config.api_url(path)).await?.text;
    contract::parse_reply_page(&text).map_err(|e| invalid(e.0))
}

/// Why a like was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LikeError {
    /// 404 or 405: the host takes no likes (a static host).
    NotOffered,
    /// Anything else, or no answer.
    Failed,
}

/// Gives (`on`) or takes back the reader's like of comment `id`; the comment's count after.
pub async fn like(config: &Config, slug: &str, id: &str, on: bool) -> Result<u32, LikeError> {
    let template = config.likes_endpoint.as_deref();
    let url = config.api_url(&paths::like_endpoint(
        template.unwrap_or(paths::LIKES_ENDPOINT),
        slug,
        id,
    ));
    let request = if on {
        Request::post(&url)
    } else {
        Request::delete(&url)
    };
    // The reader's token in a header as well as the server's cookie: a cookie does not go
    // to an API on the CDN's other origin, a header does (and is remembered on this device).
    let response = request
        .header(READER_HEADER, &reader_token())
        .send()
        .await
        .map_err(|_| LikeError::Failed)?;
    match response.status() {
        200 => {
            let text = response.text().await.unwrap_or_default();
            contract::parse_likes(&text).map_err(|_| LikeError::Failed)
        }
        404 | 405 => {
            LIKES_REFUSED.set(true);
            Err(LikeError::NotOffered)
        }
        _ => Err(LikeError::Failed),
    }
}

const READER_HEADER: &str = "X-Reader-Token";

/// This device's reader token (made once, kept in localStorage): the server counts one
/// like per token and comment. Not a secret: it only tells one reader's likes apart.
fn reader_token() -> String {
    const KEY: &str = "news-app:reader";
    let storage = leptos::prelude::window().local_storage().ok().flatten();
    if let Some(token) = storage
        .as_ref()
        .and_then(|s| s.get_item(KEY).ok().flatten())
    {
        return token;
    }
    let token = format!(
        "{:013x}{:013x}",
        (js_sys::Math::random() * 1e15) as u64,
        (js_sys::Math::random() * 1e15) as u64
    );
    if let Some(s) = storage {
        let _ = s.set_item(KEY, &token);
    }
    token
}

/// The path of an article's first comment page, relative to `api_base`.
pub fn first_comments_path(slug: &str) -> String {
    paths::comments_json(slug, 1)
}

/// Why a comment was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostError {
    /// 422: messages for the fields.
    Invalid(FieldErrors),
    /// 429: try again after this many seconds.
    TooFast(u32),
    /// Anything else, or no answer: the reader may retry.
    Failed,
}

/// Sends a comment to the configured endpoint (contract: `articles/{slug}/comments`).
pub async fn post_comment(
    config: &Config,
    slug: &str,
    comment: &NewComment,
) -> Result<CommentCreated, PostError> {
    let template = config.comments_endpoint.as_deref();
    let endpoint = paths::endpoint(template.unwrap_or(paths::COMMENTS_ENDPOINT), slug);
    let request = Request::post(&config.api_url(&endpoint))
        .header("Content-Type", "application/json")
        .body(contract::comments::new_comment_json(comment))
        .map_err(|_| PostError::Failed)?;
    let response = request.send().await.map_err(|_| PostError::Failed)?;
    let status = response.status();
    let retry_after = response.headers().get("retry-after");
    let text = response.text().await.unwrap_or_default();
    match status {
        201 => contract::parse_created(&text).map_err(|_| PostError::Failed),
        422 => Err(match contract::parse_validation_failure(&text) {
            Ok(errors) if !errors.is_empty() => PostError::Invalid(errors),
            _ => PostError::Failed,
        }),
        429 => Err(PostError::TooFast(
            retry_after
                .and_then(|s| s.trim().parse().ok())
                .unwrap_or(60),
        )),
        _ => Err(PostError::Failed),
    }
}

/// Tells the server an article was opened (`views_endpoint`, only when configured), without
/// making the page wait: `sendBeacon` hands it to the browser.
pub fn count_view(config: &Config, slug: &str) {
    if let Some(endpoint) = &config.views_endpoint {
        let url = config.api_url(&paths::endpoint(endpoint, slug));
        let _ = leptos::prelude::window().navigator().send_beacon(&url);
    }
}

fn invalid(reason: String) -> ApiError {
    leptos::logging::warn!("news-app: invalid data: {reason}");
    ApiError::Invalid(reason)
}

/// GETs a URL as text, with where the answer came from, using the response `boot.js`
/// started before the wasm when there is one.
async fn get_text(url: &str) -> Result<Answer, ApiError> {
    match take_prefetched(url) {
        Some(promise) => answer(promise).await,
        None => fetch_text(url).await,
    }
}

/// The answer to a download `boot.js` started (`promise`, its response).
async fn answer(promise: js_sys::Promise) -> Result<Answer, ApiError> {
    // The early download gets the same patience as the app's own: a timer races it.
    let timeout = js_sys::Promise::new(&mut |_, reject| {
        let _ = leptos::prelude::window().set_timeout_with_callback_and_timeout_and_arguments_1(
            &reject,
            TIMEOUT_MS,
            &JsValue::from_str("timeout"),
        );
    });
    let raced = js_sys::Promise::race(&js_sys::Array::of2(&promise, &timeout));
    let response = match JsFuture::from(raced).await {
        Ok(value) => value
            .dyn_into::<web_sys::Response>()
            .map_err(|_| ApiError::Network)?,
        Err(reason) if reason.as_string().as_deref() == Some("timeout") => {
            return Err(ApiError::Timeout)
        }
        Err(_) => return Err(ApiError::Network),
    };
    // The body boot.js has been reading since the answer came (`newsText`): awaiting it
    // takes no task of its own, so the article renders in the task the wasm started in.
    let early = js_sys::Reflect::get(&response, &JsValue::from_str("newsText"))
        .ok()
        .and_then(|text| text.dyn_into::<js_sys::Promise>().ok());
    read_text(Response::from(response), early).await
}

async fn fetch_text(url: &str) -> Result<Answer, ApiError> {
    let controller = web_sys::AbortController::new().map_err(|_| ApiError::Network)?;
    let signal = controller.signal();
    let abort = Closure::once_into_js(move || controller.abort());
    let timer = leptos::prelude::window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(abort.unchecked_ref(), TIMEOUT_MS)
        .ok();
    let result = async {
        let response = Request::get(url)
            .abort_signal(Some(&signal))
            .send()
            .await
            .map_err(|_| ApiError::Network)?;
        read_text(response, None).await
    }
    .await;
    if let Some(timer) = timer {
        leptos::prelude::window().clear_timeout_with_handle(timer);
    }
    match result {
        Err(ApiError::Network) if signal.aborted() => Err(ApiError::Timeout),
        other => other,
    }
}

/// The body of `response` as text, from `early` when it was already being read, and its
/// source (the service worker's headers say when it answered from its copy).
async fn read_text(response: Response, early: Option<js_sys::Promise>) -> Result<Answer, ApiError> {
    match response.status() {
        200..=299 => {
            let headers = response.headers();
            let source = if headers.get("x-news-offline").is_some() {
                Source::Offline
            } else if headers.get("x-news-copy").is_some() {
                Source::Copy
            } else {
                Source::Network
            };
            let body = match early {
                Some(early) => early,
                None => web_sys::Response::from(response)
                    .text()
                    .map_err(|_| ApiError::Network)?,
            };
            let text = JsFuture::from(body)
                .await
                .ok()
                .and_then(|text| text.as_string())
                .ok_or(ApiError::Network)?;
            Ok(Answer { text, source })
        }
        404 | 410 => Err(ApiError::NotFound),
        status => Err(ApiError::Status(status)),
    }
}

/// Takes (once) the fetch `boot.js` began for this URL, so the JSON downloads while the wasm
/// does instead of after it.
fn take_prefetched(url: &str) -> Option<js_sys::Promise> {
    let promise = prefetched(url)?;
    // Taken, not forgotten: a hover on the same link meanwhile (a pointer over a page that
    // changed under it) must not start the download again.
    let store = prefetch_store()?;
    let _ = js_sys::Reflect::set(&store, &JsValue::from_str(url), &JsValue::TRUE);
    Some(promise)
}

/// The download `boot.js` began for this URL, if any and not yet taken (left in place).
fn prefetched(url: &str) -> Option<js_sys::Promise> {
    let store = prefetch_store()?;
    let promise = js_sys::Reflect::get(&store, &JsValue::from_str(url)).ok()?;
    promise.dyn_into::<js_sys::Promise>().ok()
}

/// `window.__newsPrefetch`, the map of started downloads by URL (created by `boot.js`).
fn prefetch_store() -> Option<js_sys::Object> {
    let global = js_sys::global();
    let name = JsValue::from_str("__newsPrefetch");
    let store = js_sys::Reflect::get(&global, &name).ok()?;
    if store.is_object() {
        return store.dyn_into().ok();
    }
    let store = js_sys::Object::new();
    js_sys::Reflect::set(&global, &name, &store).ok()?;
    Some(store)
}
