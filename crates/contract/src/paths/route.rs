//! The app's routes under its base path ("Routes of the app"): the pages a path names, the
//! addresses the app writes, and a list's pages in its address.

use super::*;

/// A page of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `/`: the front page.
    Home,
    /// `/{category_slug}`: the breadcrumb's category link.
    Category { slug: String },
    /// `/{category_slug}/{article_slug}`.
    Article { category: String, slug: String },
    /// `/tim-kiem?q=…` (v3): the results for `query` (decoded, as typed), `page` pages of
    /// them shown (`trang`, as a list's address says it).
    Search { query: String, page: u32 },
    /// `/chu-de/{tag_slug}` (v3): a topic's articles, `page` pages of them shown.
    Topic { slug: String, page: u32 },
    /// Anything else under the base path, or a path outside it.
    NotFound,
}

/// Normalises a configured base path: leading `/`, no trailing `/` (the root is `""`).
pub fn normalize_base(base: &str) -> String {
    let trimmed = base.trim().trim_end_matches('/');
    if trimmed.is_empty() {
        String::new()
    } else if trimmed.starts_with('/') {
        trimmed.to_string()
    } else {
        format!("/{trimmed}")
    }
}

/// The route of a URL path (no query or fragment) under a normalised base path. The query's
/// parts of a route are left at their defaults ([`parse_route`] reads them): a path is all
/// the server's fallback and `boot.js` need, and all the main part of the wasm reads.
pub fn parse_path(path: &str, base: &str) -> Route {
    let Some(rest) = path.strip_prefix(base) else {
        return Route::NotFound;
    };
    if !(rest.is_empty() || rest.starts_with('/')) {
        return Route::NotFound;
    }
    let parts: Vec<&str> = rest.split('/').filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        [] | ["index.html"] => Route::Home,
        [SEARCH_ROUTE] => Route::Search {
            query: String::new(),
            page: 1,
        },
        [TOPIC_ROUTE, slug] if crate::is_valid_slug(slug) => Route::Topic {
            slug: (*slug).to_string(),
            page: 1,
        },
        [category] if is_category_slug(category) => Route::Category {
            slug: (*category).to_string(),
        },
        [category, slug] if is_category_slug(category) && crate::is_valid_slug(slug) => {
            Route::Article {
                category: (*category).to_string(),
                slug: (*slug).to_string(),
            }
        }
        _ => Route::NotFound,
    }
}

/// The route of an address: its path as [`parse_path`] reads it, and what its query
/// (`search`, with or without its `?`) says of a search (`q`) and of the pages shown
/// (`trang`, as [`list_pages`] reads it).
pub fn parse_route(path: &str, search: &str, base: &str) -> Route {
    match parse_path(path, base) {
        Route::Search { .. } => Route::Search {
            query: query_param(search, SEARCH_QUERY_PARAM).unwrap_or_default(),
            page: list_pages(search),
        },
        Route::Topic { slug, .. } => Route::Topic {
            slug,
            page: list_pages(search),
        },
        route => route,
    }
}

/// The value of the parameter `name` in the query `search` (with or without its `?`),
/// decoded as a form sends it (`+` a space, `%XX` bytes of UTF-8; a value whose bytes are
/// not UTF-8 is kept undecoded); `None` when absent.
pub fn query_param(search: &str, name: &str) -> Option<String> {
    let raw = search
        .trim_start_matches('?')
        .split('&')
        .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))?;
    let mut bytes = Vec::with_capacity(raw.len());
    let mut rest = raw.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        rest = tail;
        let hex = |c: u8| (c as char).to_digit(16);
        match b {
            b'+' => bytes.push(b' '),
            b'%' => match (
                rest.first().and_then(|&c| hex(c)),
                rest.get(1).and_then(|&c| hex(c)),
            ) {
                (Some(hi), Some(lo)) => {
                    bytes.push((hi * 16 + lo) as u8);
                    rest = &rest[2..];
                }
                _ => bytes.push(b'%'),
            },
            _ => bytes.push(b),
        }
    }
    // Not `from_utf8_lossy` (its replacement machinery weighs on the wasm): a query that is
    // not UTF-8 once decoded is kept as it was written.
    Some(String::from_utf8(bytes).unwrap_or_else(|_| raw.to_string()))
}

/// The address of the search page for `query` with `pages` pages of results shown:
/// `{base}/tim-kiem?q={query}`, then `&trang={pages}` after the first.
pub fn search_path(base: &str, query: &str, pages: u32) -> String {
    let path = format!(
        "{base}/{SEARCH_ROUTE}?{SEARCH_QUERY_PARAM}={}",
        encode_query(query)
    );
    if pages <= 1 {
        path
    } else {
        format!("{path}&{LIST_PAGES_PARAM}={pages}")
    }
}

/// Where the search box's form asks for results without script: `{base}/tim-kiem` (a GET
/// form adds `?q=…`; the app serves the submit in place).
pub fn search_action(base: &str) -> String {
    format!("{base}/{SEARCH_ROUTE}")
}

/// The path of a topic page, where a tag links: `{base}/chu-de/{tag_slug}`.
pub fn topic_path(base: &str, slug: &str) -> String {
    format!("{base}/{TOPIC_ROUTE}/{slug}")
}

/// The path of an article page: `{base}/{category}/{slug}`.
pub fn article_path(base: &str, category: &str, slug: &str) -> String {
    format!("{base}/{category}/{slug}")
}

/// The path of a category page, the breadcrumb's target: `{base}/{category}`.
pub fn category_path(base: &str, category: &str) -> String {
    format!("{base}/{category}")
}

/// The path of the front page: `{base}/`.
pub fn home_path(base: &str) -> String {
    format!("{base}/")
}

/// The query parameter of a list page's address (front or category) that keeps how many
/// pages of its list are shown: `/?trang=3`, `/kinh-te?trang=2`. A query rather than a path
/// segment: `/{category}/trang-2` is an article's route, and a static host serves a page's
/// file whatever its query.
pub const LIST_PAGES_PARAM: &str = "trang";

/// The most pages of a list one address loads: a typed `?trang=99999` must not start that
/// many downloads (20 pages are 400 to 1,000 articles at the contract's usual sizes).
pub const MAX_LIST_PAGES: u32 = 20;

/// How many pages of its list the query `search` of a list's address asks for (`?trang=3`,
/// with or without the `?`, among other parameters): 1 when it does not say, at most
/// [`MAX_LIST_PAGES`].
pub fn list_pages(search: &str) -> u32 {
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|kv| kv.strip_prefix(LIST_PAGES_PARAM)?.strip_prefix('='))
        .and_then(|n| n.parse::<u32>().ok())
        .map_or(1, |n| n.clamp(1, MAX_LIST_PAGES))
}

/// The address of the list page at `path` with `pages` pages of its list shown: the path
/// alone for the first, `{path}?trang={pages}` after.
pub fn list_address(path: &str, pages: u32) -> String {
    if pages <= 1 {
        path.to_string()
    } else {
        format!("{path}?{LIST_PAGES_PARAM}={pages}")
    }
}

#[cfg(test)]
mod tests {
    use crate::paths::*;

    #[test]
    fn a_list_address_keeps_its_pages() {
        assert_eq!(list_address("/", 1), "/");
        assert_eq!(list_address("/kinh-te", 3), "/kinh-te?trang=3");
        for (search, pages) in [
            ("", 1),
            ("?", 1),
            ("?trang=3", 3),
            ("trang=2", 2),
            ("?utm_source=zalo&trang=4", 4),
            ("?trang=0", 1),
            ("?trang=-2", 1),
            ("?trang=abc", 1),
            ("?xtrang=5", 1),
            ("?trangx=5", 1),
            ("?trang=99999", MAX_LIST_PAGES),
            ("?xtrang=5&trang=4", 4),
            ("?trang=&x=2", 1),
            ("?trang=2x", 1),
        ] {
            assert_eq!(list_pages(search), pages, "{search}");
        }
        // What the app writes, it reads back.
        for n in 1..=MAX_LIST_PAGES {
            let address = list_address("/x", n);
            let search = address.split_once('?').map_or("", |(_, q)| q);
            assert_eq!(list_pages(search), n);
        }
    }

    fn article(c: &str, s: &str) -> Route {
        Route::Article {
            category: c.into(),
            slug: s.into(),
        }
    }

    #[test]
    fn routes_at_the_root() {
        assert_eq!(parse_path("/", ""), Route::Home);
        assert_eq!(parse_path("", ""), Route::Home);
        assert_eq!(parse_path("/index.html", ""), Route::Home);
        assert_eq!(
            parse_path("/chinh-tri/khoi-thi-dua", ""),
            article("chinh-tri", "khoi-thi-dua")
        );
        assert_eq!(
            parse_path("/chinh-tri/khoi-thi-dua/", ""),
            article("chinh-tri", "khoi-thi-dua")
        );
        assert_eq!(
            parse_path("/chinh-tri", ""),
            Route::Category {
                slug: "chinh-tri".into()
            }
        );
        for nf in [
            "/a/b/c",
            "/Chinh",
            "/a.json",
            "/Chinh-Tri/x",
            "/a/b.json",
            "/a/%2e%2e",
        ] {
            assert_eq!(parse_path(nf, ""), Route::NotFound, "{nf}");
        }
    }

    #[test]
    fn search_and_topic_routes() {
        let search = |query: &str, page| Route::Search {
            query: query.into(),
            page,
        };
        let topic = |slug: &str, page| Route::Topic {
            slug: slug.into(),
            page,
        };
        assert_eq!(parse_path("/tim-kiem", ""), search("", 1));
        assert_eq!(
            parse_route("/tim-kiem", "?q=da+nang", ""),
            search("da nang", 1)
        );
        assert_eq!(
            parse_route("/tim-kiem/", "q=%C4%90%C3%A0%20N%E1%BA%B5ng&trang=3", ""),
            search("Đà Nẵng", 3)
        );
        // What the reader typed comes back whole: `&`, `=`, `+`, `%`, quotes, markup.
        for typed in [
            "a&trang=9",
            "1+1=2",
            "100%",
            "<b>\"x\"</b>",
            "  ",
            "Bão số 5",
        ] {
            for pages in [1, 2, 20] {
                let address = search_path("/tin-tuc", typed, pages);
                let (path, query) = address.split_once('?').unwrap();
                assert_eq!(
                    parse_route(path, query, "/tin-tuc"),
                    search(typed, pages),
                    "{address}"
                );
            }
        }
        assert_eq!(search_path("", "a b", 1), "/tim-kiem?q=a%20b");
        assert_eq!(search_path("/x", "a", 2), "/x/tim-kiem?q=a&trang=2");
        // A broken escape is kept as text, a broken UTF-8 sequence replaced.
        assert_eq!(query_param("q=%zz%4", "q").as_deref(), Some("%zz%4"));
        assert_eq!(query_param("q=%C4+a", "q").as_deref(), Some("%C4+a"));
        assert_eq!(query_param("?x=1", "q"), None);
        assert_eq!(query_param("?qq=1&q=2", "q").as_deref(), Some("2"));
        assert_eq!(parse_route("/tim-kiem", "", ""), search("", 1));
        assert_eq!(parse_path("/chu-de/bao-so-5", ""), topic("bao-so-5", 1));
        assert_eq!(
            parse_route("/tin-tuc/chu-de/da-nang", "?trang=2", "/tin-tuc"),
            topic("da-nang", 2)
        );
        assert_eq!(topic_path("/tin-tuc", "da-nang"), "/tin-tuc/chu-de/da-nang");
        // Reserved: neither is a category, nor holds articles; a topic has one slug.
        for nf in ["/chu-de", "/chu-de/Da-Nang", "/chu-de/a/b", "/tim-kiem/x"] {
            assert_eq!(parse_path(nf, ""), Route::NotFound, "{nf}");
        }
        // Other routes read no query.
        assert_eq!(
            parse_route("/kinh-te", "?q=x&trang=2", ""),
            Route::Category {
                slug: "kinh-te".into()
            }
        );
    }

    #[test]
    fn routes_under_a_sub_path() {
        let base = normalize_base("/tin-tuc/ban-doc/");
        assert_eq!(base, "/tin-tuc/ban-doc");
        assert_eq!(parse_path("/tin-tuc/ban-doc", &base), Route::Home);
        assert_eq!(parse_path("/tin-tuc/ban-doc/", &base), Route::Home);
        assert_eq!(
            parse_path("/tin-tuc/ban-doc/kinh-te/gia-lua", &base),
            article("kinh-te", "gia-lua")
        );
        assert_eq!(
            parse_path("/tin-tuc/ban-docx/kinh-te/gia-lua", &base),
            Route::NotFound
        );
        assert_eq!(parse_path("/kinh-te/gia-lua", &base), Route::NotFound);
        assert_eq!(
            article_path(&base, "kinh-te", "gia-lua"),
            "/tin-tuc/ban-doc/kinh-te/gia-lua"
        );
        assert_eq!(home_path(&base), "/tin-tuc/ban-doc/");
        assert_eq!(normalize_base("/"), "");
        assert_eq!(normalize_base("sub"), "/sub");
    }
}
