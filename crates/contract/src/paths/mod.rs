//! Every path of the contract, in one place: the API's paths relative to `api_base`
//! ("Endpoints") and the app's routes under its base path ("Routes of the app"). Pure
//! string work, so the browser, the server, `boot.js` (checked by `tests/boot_js.rs`) and
//! the tests agree on every URL.

/// Where the JSON is by default, under the app's base URL.
pub const DEFAULT_API_DIR: &str = "api/";
/// GET: the front page's list.
pub const LATEST: &str = "latest.json";
/// GET: the «Đọc nhiều» ranking.
pub const MOST_READ: &str = "most-read.json";
/// GET (v3): the categories, the masthead's menu.
pub const CATEGORIES: &str = "categories.json";
/// POST: a comment (the default `comments_endpoint`; `{slug}` is the article's).
pub const COMMENTS_ENDPOINT: &str = "articles/{slug}/comments";
/// POST: a view beacon, where a server offers one (`{slug}` is the article's).
pub const VIEWS_ENDPOINT: &str = "articles/{slug}/views";
/// POST and DELETE: a reader's like (the default `likes_endpoint`).
pub const LIKES_ENDPOINT: &str = "articles/{slug}/comments/{id}/likes";
/// The folder of the content's images, relative to `api_base`.
pub const IMAGES_DIR: &str = "images/";

/// GET: an article.
pub fn article_json(slug: &str) -> String {
    format!("articles/{slug}.json")
}

/// GET: an article as an HTML fragment for a portal's server-side include (optional).
pub fn article_html(slug: &str) -> String {
    format!("articles/{slug}.html")
}

/// The media blocks' stylesheet (v3: video, gallery, live coverage), linked only by a page
/// whose article has one, beside the build's stylesheet `href` (`…/news-app-{hash}.css`):
/// `…/news-app-media-{hash}.css`. The build names it so (`scripts/post-build.sh`), and the
/// build's stylesheet, whose hash it takes, holds its hash (`scripts/pre-build.sh`).
pub fn media_stylesheet(href: &str) -> Option<String> {
    let at = href.rfind("/news-app-").map_or(0, |i| i + 1);
    let name = href[at..].strip_prefix("news-app-")?;
    (name.ends_with(".css") && !name.starts_with("media-"))
        .then(|| format!("{}news-app-media-{name}", &href[..at]))
}

/// GET: one category's list.
pub fn category_json(slug: &str) -> String {
    format!("categories/{slug}.json")
}

/// GET: a page of the front page's list (contract v2, `SummaryPage`): `None` is the head,
/// `latest.json` (the newest articles); `Some(n)` is `latest/{n}.json`, the archive's n-th
/// page counted from the **oldest** article, so that a page once full never changes as
/// articles are published (a static host and a CDN keep it for good) and only the head and
/// the newest page move. A folder and not `latest-{n}.json`, like the category pages below.
pub fn latest_page_json(page: Option<u32>) -> String {
    match page {
        None => LATEST.to_string(),
        Some(n) => format!("latest/{n}.json"),
    }
}

/// GET: a page of one category's list, as [`latest_page_json`] pages the front page's:
/// `categories/{slug}.json`, then `categories/{slug}/{n}.json`. In a folder because a
/// category slug may end in `-{digits}` itself (`covid-19`), which `{slug}-{n}.json` could
/// not tell from a page number.
pub fn category_page_json(slug: &str, page: Option<u32>) -> String {
    match page {
        None => category_json(slug),
        Some(n) => format!("categories/{slug}/{n}.json"),
    }
}

/// GET (v3): one topic's list, the articles of one tag, paged as a category's:
/// `topics/{tag_slug}.json`, then `topics/{tag_slug}/{n}.json`.
pub fn topic_page_json(slug: &str, page: Option<u32>) -> String {
    match page {
        None => format!("{TOPICS_DIR}{slug}.json"),
        Some(n) => format!("{TOPICS_DIR}{slug}/{n}.json"),
    }
}

/// The folder of the topics' lists, relative to `api_base`.
pub const TOPICS_DIR: &str = "topics/";

/// GET (v3): search, `search.json?q={q}&trang={n}` (a server's; 404 = none).
pub const SEARCH: &str = "search.json";
/// The query parameter of the searched text.
pub const SEARCH_QUERY_PARAM: &str = "q";
/// The query parameter of a page of results (from 1; absent: the first), named as the
/// app's list addresses name theirs.
pub const SEARCH_PAGE_PARAM: &str = LIST_PAGES_PARAM;

/// The path of page `page` (from 1) of the results for `query`: the query percent-encoded
/// (UTF-8, every byte but RFC 3986's unreserved characters), the page left out for the
/// first.
pub fn search_json(query: &str, page: u32) -> String {
    let mut out = format!("{SEARCH}?{SEARCH_QUERY_PARAM}={}", encode_query(query));
    if page > 1 {
        out.push_str(&format!("&{SEARCH_PAGE_PARAM}={page}"));
    }
    out
}

/// The static search index (v3) a plain CDN serves, written by `prerender`, read when
/// [`SEARCH`] is not found; its format is `search_text::static_index`'s.
pub const STATIC_SEARCH_DIR: &str = "search/";
/// The static index's facts: its version, how many articles, summaries a docs file.
pub const STATIC_SEARCH_INFO: &str = "search/index.bin";

/// The static index's file of the folded syllable named `name`.
pub fn static_search_terms(name: &str) -> String {
    format!("{STATIC_SEARCH_DIR}terms/{name}.bin")
}

/// The static index's file of the syllables following the folded syllable named `name`.
pub fn static_search_pairs(name: &str) -> String {
    format!("{STATIC_SEARCH_DIR}pairs/{name}.bin")
}

/// The static index's summaries, `k`-th file: `{"items": [Summary]}`.
pub fn static_search_docs(k: u32) -> String {
    format!("{STATIC_SEARCH_DIR}docs/{k}.json")
}

/// The app's search page (v3): `/tim-kiem?q=…`. Reserved: no category may be called so.
pub const SEARCH_ROUTE: &str = "tim-kiem";
/// The folder of the app's topic pages (v3): `/chu-de/{tag_slug}`. Reserved likewise.
pub const TOPIC_ROUTE: &str = "chu-de";
/// Slugs a category may not have (v3): the app's routes of search and topics would be
/// taken for a category's page (`/tim-kiem`) or its articles (`/chu-de/{slug}`).
pub const RESERVED_CATEGORY_SLUGS: [&str; 2] = [SEARCH_ROUTE, TOPIC_ROUTE];

/// True for a slug a category may have: the contract's alphabet, and not reserved.
pub fn is_category_slug(slug: &str) -> bool {
    crate::is_valid_slug(slug) && !RESERVED_CATEGORY_SLUGS.contains(&slug)
}

/// The page number of a list page's file name inside `latest/` or `categories/{slug}/`:
/// `{n}.json` with n ≥ 1 written without leading zeros (the only names the paths above
/// write).
pub fn list_page_number(file: &str) -> Option<u32> {
    let n = file.strip_suffix(".json")?;
    if n.is_empty() || n.starts_with('0') || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    n.parse().ok()
}

/// GET: page `page` (from 1) of an article's comments, newest first.
pub fn comments_json(slug: &str, page: u32) -> String {
    format!("articles/{slug}/{}", page_file(COMMENTS, page))
}

/// GET: page `page` (from 1) of an article's comments, most liked first (contract v2).
pub fn comments_top_json(slug: &str, page: u32) -> String {
    format!("articles/{slug}/{}", page_file(COMMENTS_TOP, page))
}

/// GET: page `page` (from 1) of the replies to comment `id` past those its comment page
/// carries, oldest first (contract v2).
pub fn replies_json(slug: &str, id: &str, page: u32) -> String {
    format!("articles/{slug}/comments/{id}/{}", page_file(REPLIES, page))
}

/// GET (v3, live coverage): an article's live entries, the default `entries_endpoint` of
/// its `live` field (`{slug}` is the article's).
pub const LIVE_ENDPOINT: &str = "articles/{slug}/live.json";

/// GET (v3): the live entries of the article `slug`, [`LIVE_ENDPOINT`] filled in.
pub fn live_json(slug: &str) -> String {
    endpoint(LIVE_ENDPOINT, slug)
}

/// The stem of the newest-first comment pages' file names.
pub const COMMENTS: &str = "comments";
/// The stem of the most-liked-first comment pages' file names.
pub const COMMENTS_TOP: &str = "comments-top";
/// The stem of a thread's reply pages' file names.
pub const REPLIES: &str = "replies";

/// `{stem}.json` for page 1, `{stem}-{page}.json` after it.
fn page_file(stem: &str, page: u32) -> String {
    if page <= 1 {
        format!("{stem}.json")
    } else {
        format!("{stem}-{page}.json")
    }
}

/// The page number of a comment page's file name under `articles/{slug}/`: 1 for
/// `comments.json`, n for `comments-n.json` with n ≥ 2 written without leading zeros (the
/// only names [`comments_json`] writes, so the only ones a static host has).
pub fn comment_page_number(file: &str) -> Option<u32> {
    page_number(COMMENTS, file)
}

/// The page number of a file name of the pages named by `stem` ([`COMMENTS`],
/// [`COMMENTS_TOP`], [`REPLIES`]), as [`comment_page_number`] reads comment pages.
pub fn page_number(stem: &str, file: &str) -> Option<u32> {
    let rest = file.strip_prefix(stem)?;
    if rest == ".json" {
        return Some(1);
    }
    let n = rest.strip_prefix('-')?.strip_suffix(".json")?;
    if n.starts_with('0') || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    n.parse().ok().filter(|&n| n >= 2)
}

/// An endpoint template with `{slug}` filled in.
pub fn endpoint(template: &str, slug: &str) -> String {
    fill(template, "{slug}", slug)
}

/// The likes endpoint template with `{slug}` and `{id}` filled in.
pub fn like_endpoint(template: &str, slug: &str, id: &str) -> String {
    fill(&endpoint(template, slug), "{id}", id)
}

/// `template` with every `name` (a `{…}` placeholder) replaced by `value`. A loop over the
/// `{`s rather than `str::replace`, whose substring searcher weighs 1.7 KB of the app's wasm.
fn fill(template: &str, name: &str, value: &str) -> String {
    let mut out = String::with_capacity(template.len() + value.len());
    let mut rest = template;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match rest.strip_prefix(name) {
            Some(after) => {
                out.push_str(value);
                rest = after;
            }
            None => {
                out.push('{');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The site's files for crawlers and feed readers, under the app's base path (written by
/// `prerender` for a static host, served by the reference server): the sitemap index.
pub const SITEMAP_INDEX: &str = "sitemap.xml";
/// The sitemap of the front page and the category pages.
pub const SITEMAP_PAGES: &str = "sitemap-pages.xml";
/// The Google News sitemap: the articles of the last two days.
pub const SITEMAP_NEWS: &str = "sitemap-news.xml";
/// The RSS feed of the newest articles.
pub const FEED: &str = "feed.xml";
/// The crawlers' rules, naming the sitemap index.
pub const ROBOTS: &str = "robots.txt";

/// The n-th sitemap of articles (from 1, counted from the oldest article, so that a full
/// file never changes as articles are published).
pub fn sitemap_articles(n: u32) -> String {
    format!("sitemap-articles-{n}.xml")
}

/// One category's RSS feed, beside its page: `{category}/feed.xml` (never an article's
/// path: `feed.xml` is not a slug).
pub fn category_feed(slug: &str) -> String {
    format!("{slug}/{FEED}")
}

/// `text` percent-encoded for a URL's query: every byte of its UTF-8 but RFC 3986's
/// unreserved characters.
fn encode_query(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
    out
}

mod route;

pub use route::*;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_media_stylesheet_is_beside_the_builds() {
        for (main, media) in [
            ("/news-app-0a1b.css", "/news-app-media-0a1b.css"),
            ("news-app-0a1b.css", "news-app-media-0a1b.css"),
            (
                "https://cdn.example.vn/tin-tuc/news-app-0a1b.css",
                "https://cdn.example.vn/tin-tuc/news-app-media-0a1b.css",
            ),
        ] {
            assert_eq!(media_stylesheet(main).as_deref(), Some(media), "{main}");
        }
        // Not the build's stylesheet, or the media one itself.
        for other in [
            "/portal.css",
            "/news-app-0a1b.js",
            "/news-app-media-0a1b.css",
        ] {
            assert_eq!(media_stylesheet(other), None, "{other}");
        }
    }

    #[test]
    fn api_paths() {
        assert_eq!(article_json("a-1"), "articles/a-1.json");
        assert_eq!(category_json("xa-hoi"), "categories/xa-hoi.json");
        assert_eq!(comments_json("a", 1), "articles/a/comments.json");
        assert_eq!(comments_json("a", 3), "articles/a/comments-3.json");
        assert_eq!(endpoint(COMMENTS_ENDPOINT, "a"), "articles/a/comments");
        assert_eq!(live_json("le-hoi-2026"), "articles/le-hoi-2026/live.json");
        // Not a comment page: the server's routes tell the two apart by name.
        assert_eq!(comment_page_number("live.json"), None);
        assert_eq!(
            like_endpoint(LIKES_ENDPOINT, "a", "c-1"),
            "articles/a/comments/c-1/likes"
        );
        // Every placeholder, as str::replace would: a stray brace and a value that looks
        // like a placeholder stay as they are.
        for (template, slug) in [
            ("{slug}/v?s={slug}", "a"),
            ("x{y}{slu{slug}}{", "{slug}"),
            ("", "a"),
            ("đọc/{slug}", "bài-viết"),
        ] {
            assert_eq!(endpoint(template, slug), template.replace("{slug}", slug));
        }
        for n in [1, 2, 31] {
            let file = comments_json("a", n);
            let name = file.strip_prefix("articles/a/").unwrap();
            assert_eq!(comment_page_number(name), Some(n));
        }
        for no in [
            "comments-1.json",
            "comments-0.json",
            "comments-02.json",
            "comments-.json",
            "comments-+3.json",
            "comments-99999999999.json",
            "comments",
            "views.json",
        ] {
            assert_eq!(comment_page_number(no), None, "{no}");
        }
        assert_eq!(comment_page_number("comments-top.json"), None);
        assert_eq!(comments_top_json("a", 1), "articles/a/comments-top.json");
        assert_eq!(comments_top_json("a", 2), "articles/a/comments-top-2.json");
        assert_eq!(page_number(COMMENTS_TOP, "comments-top-2.json"), Some(2));
        assert_eq!(page_number(COMMENTS_TOP, "comments-2.json"), None);
        assert_eq!(
            replies_json("a", "c-1", 1),
            "articles/a/comments/c-1/replies.json"
        );
        assert_eq!(
            replies_json("a", "c-1", 3),
            "articles/a/comments/c-1/replies-3.json"
        );
        assert_eq!(page_number(REPLIES, "replies-3.json"), Some(3));
        assert_eq!(page_number(REPLIES, "replies-1.json"), None);
    }

    #[test]
    fn list_page_files() {
        assert_eq!(latest_page_json(None), "latest.json");
        assert_eq!(latest_page_json(Some(3333)), "latest/3333.json");
        assert_eq!(
            category_page_json("covid-19", None),
            "categories/covid-19.json"
        );
        assert_eq!(
            category_page_json("covid-19", Some(2)),
            "categories/covid-19/2.json"
        );
        for n in [1, 2, 3333] {
            let file = latest_page_json(Some(n));
            assert_eq!(
                list_page_number(file.strip_prefix("latest/").unwrap()),
                Some(n)
            );
        }
        for no in [
            "0.json",
            "01.json",
            ".json",
            "1",
            "1.json.br",
            "-1.json",
            "a.json",
        ] {
            assert_eq!(list_page_number(no), None, "{no}");
        }
    }

    #[test]
    fn search_and_topic_paths() {
        assert_eq!(topic_page_json("bao-so-5", None), "topics/bao-so-5.json");
        assert_eq!(
            topic_page_json("covid-19", Some(2)),
            "topics/covid-19/2.json"
        );
        assert_eq!(search_json("da nang", 1), "search.json?q=da%20nang");
        assert_eq!(
            search_json("Đà Nẵng&trang=9", 3),
            "search.json?q=%C4%90%C3%A0%20N%E1%BA%B5ng%26trang%3D9&trang=3"
        );
        assert!(is_category_slug("thoi-su"));
        for reserved in RESERVED_CATEGORY_SLUGS {
            assert!(crate::is_valid_slug(reserved) && !is_category_slug(reserved));
        }
        assert!(!is_category_slug("Thoi-su"));
    }
}
