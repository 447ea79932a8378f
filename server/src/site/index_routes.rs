//! What `serve` answers from the content index ([`LiveIndex`]): the paged lists of
//! contract v2 (`/api/latest.json`, `/api/latest/{n}.json`, `/api/categories/{slug}.json`,
//! `/api/categories/{slug}/{n}.json`) and v3's topics (`/api/topics/{slug}.json`,
//! `/api/topics/{slug}/{n}.json`) and, with `--site-url`, the sitemaps, the feeds and
//! `robots.txt`, the same files `prerender` writes for a static host. A request reads the
//! files of the articles it lists and nothing else; list pages (what readers ask for) are
//! kept in memory until the index changes, at most [`CACHED_PAGES`] of them.
//!
//! A middleware in front of the router rather than routes: the sitemap files' names
//! (`sitemap-articles-{n}.xml`) and the feeds beside the app's pages (`/{category}/feed.xml`)
//! share their folders with the app's files and pages, which the router's fallback serves.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use contract::paths;

use crate::http::error::ApiError;
use crate::site::content_index::List;
use crate::site::feed;
use crate::site::list_pages;
use crate::site::live_index::LiveIndex;
use crate::site::sitemap::{self, Site};
use crate::site::sitemap_video;

/// The most list pages kept in memory: the front page, the categories' heads and the
/// pages readers are paging through, about 20 KB each.
pub const CACHED_PAGES: usize = 512;

/// What the answers are made from.
pub struct SiteState {
    /// The content index.
    pub index: Arc<LiveIndex>,
    /// The content folder.
    pub content: PathBuf,
    /// The app's public address, ending in `/` (`--site-url`).
    pub site_url: Option<String>,
    /// The publication's name.
    pub site_name: String,
    /// The most addresses in one sitemap file.
    pub sitemap_urls: usize,
    /// The moderation desk's path, which robots are asked to leave alone.
    pub desk_path: String,
    cache: Mutex<(u64, HashMap<String, Bytes>)>,
}

impl SiteState {
    /// The state over an index.
    pub fn new(
        index: Arc<LiveIndex>,
        content: PathBuf,
        site_url: Option<String>,
        site_name: String,
        sitemap_urls: usize,
        desk_path: String,
    ) -> Arc<SiteState> {
        Arc::new(SiteState {
            index,
            content,
            site_url,
            site_name,
            sitemap_urls,
            desk_path,
            cache: Mutex::new((0, HashMap::new())),
        })
    }

    /// A list page, from memory or made now.
    fn list_page(&self, list: List, page: Option<u32>) -> Option<Bytes> {
        let generation = self.index.generation();
        let key = list.path(page);
        {
            let cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
            if cache.0 == generation {
                if let Some(hit) = cache.1.get(&key) {
                    return Some(hit.clone());
                }
            }
        }
        let index = self.index.get();
        let json = Bytes::from(list_pages::page_json(&self.content, &index, list, page)?);
        let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        // A new index makes every page stale; a full cache starts again (the pages asked
        // for most come back first).
        if cache.0 != generation || cache.1.len() >= CACHED_PAGES {
            *cache = (generation, HashMap::new());
        }
        cache.1.insert(key, json.clone());
        Some(json)
    }
}

/// What a path names.
enum Answer {
    List(List<'static>, Option<u32>),
    Categories,
    Category(String, Option<u32>),
    Topic(String, Option<u32>),
    SitemapIndex,
    SitemapPages,
    SitemapNews,
    SitemapArticles(u32),
    Feed,
    CategoryFeed(String),
    Robots,
}

fn answer_for(path: &str) -> Option<Answer> {
    if let Some(api) = path.strip_prefix("/api/") {
        if api == paths::LATEST {
            return Some(Answer::List(List::Latest, None));
        }
        if api == paths::CATEGORIES {
            return Some(Answer::Categories);
        }
        if let Some(file) = api.strip_prefix("latest/") {
            return Some(Answer::List(
                List::Latest,
                Some(paths::list_page_number(file)?),
            ));
        }
        if let Some(rest) = api.strip_prefix(paths::TOPICS_DIR) {
            let (slug, page) = slug_and_page(rest)?;
            return Some(Answer::Topic(slug, page));
        }
        let (slug, page) = slug_and_page(api.strip_prefix("categories/")?)?;
        return Some(Answer::Category(slug, page));
    }
    let file = path.strip_prefix('/')?;
    Some(match file {
        paths::SITEMAP_INDEX => Answer::SitemapIndex,
        paths::SITEMAP_PAGES => Answer::SitemapPages,
        paths::SITEMAP_NEWS => Answer::SitemapNews,
        paths::FEED => Answer::Feed,
        paths::ROBOTS => Answer::Robots,
        _ => {
            if let Some(n) = file
                .strip_prefix("sitemap-articles-")
                .and_then(|r| r.strip_suffix(".xml"))
                .filter(|n| !n.starts_with('0'))
                .and_then(|n| n.parse().ok())
            {
                return Some(Answer::SitemapArticles(n));
            }
            let slug = file.strip_suffix(&format!("/{}", paths::FEED))?;
            return contract::is_valid_slug(slug).then(|| Answer::CategoryFeed(slug.to_string()));
        }
    })
}

/// `{slug}.json` (the head) or `{slug}/{n}.json` inside a folder of lists.
fn slug_and_page(rest: &str) -> Option<(String, Option<u32>)> {
    if let Some(slug) = rest.strip_suffix(".json").filter(|s| !s.contains('/')) {
        return Some((slug.to_string(), None));
    }
    let (slug, file) = rest.split_once('/')?;
    Some((slug.to_string(), Some(paths::list_page_number(file)?)))
}

const XML: &str = "application/xml; charset=utf-8";
const RSS: &str = "application/rss+xml; charset=utf-8";
const JSON: &str = "application/json; charset=utf-8";
const TEXT: &str = "text/plain; charset=utf-8";

/// The middleware: answers the paths above, passes every other request on.
pub async fn answer(State(state): State<Arc<SiteState>>, req: Request, next: Next) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return next.run(req).await;
    }
    let Some(what) = answer_for(req.uri().path()) else {
        return next.run(req).await;
    };
    let is_site_file = !matches!(
        what,
        Answer::List(..) | Answer::Categories | Answer::Category(..) | Answer::Topic(..)
    );
    if is_site_file && state.site_url.is_none() {
        // Without the site's address there are no absolute addresses to give: the build's
        // own files (a prerender with one), or 404.
        return next.run(req).await;
    }
    let if_none_match = req.headers().get(IF_NONE_MATCH).cloned();
    let s = Arc::clone(&state);
    let made = tokio::task::spawn_blocking(move || make(&s, what)).await;
    match made {
        Ok(Some((ctype, body))) => with_etag(ctype, body, if_none_match),
        Ok(None) => ApiError::NotFound.into_response(),
        Err(_) => ApiError::Internal.into_response(),
    }
}

fn make(s: &SiteState, what: Answer) -> Option<(&'static str, Bytes)> {
    let index = s.index.get();
    let content = &s.content;
    let site = Site {
        url: s.site_url.as_deref().unwrap_or("/"),
        name: &s.site_name,
    };
    let read = |slug: &str| feed::item_text(content, slug);
    let now = crate::clock::now_unix();
    let body = match what {
        Answer::List(list, page) => return Some((JSON, s.list_page(list, page)?)),
        Answer::Category(slug, page) => {
            return Some((JSON, s.list_page(List::Category(&slug), page)?))
        }
        Answer::Topic(slug, page) => return Some((JSON, s.list_page(List::Topic(&slug), page)?)),
        Answer::Categories => {
            return Some((JSON, Bytes::from(list_pages::categories_json(&index))));
        }
        Answer::SitemapIndex => sitemap::index_xml(&site, &index, s.sitemap_urls, now),
        Answer::SitemapPages => sitemap::pages_xml(&site, &index),
        Answer::SitemapNews => sitemap::news_xml(&site, &index, now, |e| {
            list_pages::article(content, &e.slug).map(|a| a.title)
        }),
        Answer::SitemapArticles(n) => {
            // The API's public address: this server's, `/api/` under the site's.
            let api = site.file_url(paths::DEFAULT_API_DIR);
            sitemap::articles_xml(&site, &index, n, s.sitemap_urls, |e| {
                sitemap_video::of(&list_pages::article(content, &e.slug)?, &api)
            })?
        }
        Answer::Feed => {
            return Some((
                RSS,
                Bytes::from(feed::feed_xml(&site, &index, List::Latest, read)?),
            ))
        }
        Answer::CategoryFeed(slug) => {
            return Some((
                RSS,
                Bytes::from(feed::feed_xml(&site, &index, List::Category(&slug), read)?),
            ))
        }
        Answer::Robots => {
            return Some((
                TEXT,
                Bytes::from(sitemap::robots_txt(&site, Some(&s.desk_path)).into_bytes()),
            ))
        }
    };
    Some((XML, Bytes::from(body)))
}

/// The answer with a weak `ETag` of its bytes (the compression layer may send it in
/// another encoding), 304 when the reader has it.
fn with_etag(ctype: &'static str, body: Bytes, if_none_match: Option<HeaderValue>) -> Response {
    let etag = format!("W/\"{}\"", crate::http::etag::digest(&body));
    let fresh = if_none_match
        .as_ref()
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let mut res = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        Response::new(Body::from(body))
    };
    let h = res.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static(ctype));
    h.insert(
        CACHE_CONTROL,
        HeaderValue::from_static(crate::http::static_files::NO_CACHE),
    );
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(ETAG, v);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_named() {
        let list = |p: &str| match answer_for(p) {
            Some(Answer::List(List::Latest, n)) => Some(n),
            _ => None,
        };
        assert_eq!(list("/api/latest.json"), Some(None));
        assert_eq!(list("/api/latest/12.json"), Some(Some(12)));
        for no in [
            "/api/latest/012.json",
            "/api/latest/0.json",
            "/api/latest/x.json",
            "/latest.json",
        ] {
            assert_eq!(list(no), None, "{no}");
            assert!(!matches!(answer_for(no), Some(Answer::List(..))), "{no}");
        }
        assert!(matches!(
            answer_for("/api/categories/covid-19.json"),
            Some(Answer::Category(s, None)) if s == "covid-19"
        ));
        assert!(matches!(
            answer_for("/api/categories/covid-19/19.json"),
            Some(Answer::Category(s, Some(19))) if s == "covid-19"
        ));
        assert!(answer_for("/api/categories/a/b/1.json").is_none());
        assert!(matches!(
            answer_for("/api/categories.json"),
            Some(Answer::Categories)
        ));
        assert!(matches!(
            answer_for("/api/topics/bao-so-5.json"),
            Some(Answer::Topic(s, None)) if s == "bao-so-5"
        ));
        assert!(matches!(
            answer_for("/api/topics/bao-so-5/2.json"),
            Some(Answer::Topic(s, Some(2))) if s == "bao-so-5"
        ));
        assert!(answer_for("/api/topics/a/b/1.json").is_none());
        assert!(matches!(
            answer_for("/sitemap-articles-3.xml"),
            Some(Answer::SitemapArticles(3))
        ));
        assert!(answer_for("/sitemap-articles-03.xml").is_none());
        assert!(
            matches!(answer_for("/xa-hoi/feed.xml"), Some(Answer::CategoryFeed(s)) if s == "xa-hoi")
        );
        assert!(answer_for("/a/b/feed.xml").is_none());
        assert!(answer_for("/boot.js").is_none());
        assert!(matches!(answer_for("/robots.txt"), Some(Answer::Robots)));
    }
}
