//! An article as an HTML fragment for a portal's server to include in its own page
//! (`articles/{slug}.html`: nginx SSI, ESI, a CMS template), written by `prerender` beside
//! the article's JSON and served per request by `serve`. It is `page::layout::fragment`:
//! the build's stylesheet, then what an article's page holds in its mount element; no
//! script (the portal's page loads `boot.js`, and the app adopts the fragment in place).
//!
//! The reader's browser resolves its addresses against the portal's page, so they are made
//! absolute under the app's public address when it is known (`--site-url`, the build's
//! `data-site-url`); without it they stay paths, as in the app's own pages (right for a
//! portal that proxies the app under its own host).

use contract::Article;
use page::Render;

use crate::site::article_page::{image_src, sanitize, Extras, Shell};

/// The fragment of `article`.
pub fn fragment(shell: &Shell, article: &Article, extras: &Extras) -> String {
    let api_base = public(shell, &shell.api_base);
    let images = |src: &str| image_src(src, &api_base).map(|u| public(shell, &u));
    let r = Render {
        base_path: &shell.base_path,
        paragraph: &sanitize,
        image_src: &images,
        media: page::media::ALL,
    };
    let stylesheet = shell.stylesheet.as_deref().map(|href| public(shell, href));
    page::layout::fragment(
        stylesheet.as_deref(),
        article,
        extras.most_read,
        extras.comments,
        extras.live,
        &r,
    )
    .into_string()
}

/// `url`, a file of the app's build or API as the shell names it, as a portal's page must
/// name it: under the app's public address when known (a path under the base path joins
/// that address, any other path its origin); else a path (a relative name is relative to
/// the base path, where the shell is).
fn public(shell: &Shell, url: &str) -> String {
    // Absolute already (`https:`, `//host`): only http(s) and paths reach here.
    if url.contains(':') || url.starts_with("//") {
        return url.to_string();
    }
    let base = shell.base_path.trim_matches('/');
    let path = match url.strip_prefix('/') {
        Some(_) => url.to_string(),
        None if base.is_empty() => format!("/{url}"),
        None => format!("/{base}/{url}"),
    };
    let Some(site) = shell.site_url.as_deref() else {
        return path;
    };
    let under_base = if base.is_empty() {
        path.strip_prefix('/')
    } else {
        path.strip_prefix('/')
            .and_then(|p| p.strip_prefix(base))
            .and_then(|p| p.strip_prefix('/'))
    };
    match under_base {
        Some(rest) => format!("{site}{rest}"),
        None => format!("{}{path}", origin(site)),
    }
}

/// `https://host:port` of an address.
fn origin(url: &str) -> &str {
    let host = url.find("://").map_or(0, |i| i + 3);
    url[host..].find('/').map_or(url, |end| &url[..host + end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};
    use std::path::Path;

    const SLUG: &str = "khoi-thi-dua-cac-co-quan-cong-tac-dang-tong-ket-nam-2022";

    /// A built shell under `base` (`""` at the root), with `mount`'s extra attributes.
    fn shell(base: &str, mount: &str, site_url: Option<&str>) -> Shell {
        let html = format!(
            "<!doctype html><html lang=vi><head><title>Tin tức</title>\
             <script async src={base}/boot-0123456789abcdef.js></script>\
             <link href={base}/news-app-e0a61db541ea3ef7.css rel=stylesheet></head>\
             <body><main data-news-app {mount}></main></body></html>"
        );
        Shell::new(html, base, site_url).unwrap()
    }

    fn seed() -> Article {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("../public/api/articles/{SLUG}.json"));
        contract::parse_article(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    fn of(shell: &Shell) -> String {
        let extras = Extras {
            most_read: &[],
            comments: None,
            views_endpoint: None,
            live: None,
        };
        fragment(shell, &seed(), &extras)
    }

    /// The fragment's top-level elements: (name, the attribute `attr`).
    fn top(html: &str, attr: &str) -> Vec<(String, Option<String>)> {
        let doc = Html::parse_fragment(html);
        doc.root_element()
            .children()
            .filter_map(scraper::ElementRef::wrap)
            .map(|e| {
                let v = e.value();
                (v.name().to_string(), v.attr(attr).map(str::to_string))
            })
            .collect()
    }

    fn srcs(html: &str) -> Vec<String> {
        let doc = Html::parse_fragment(html);
        let img = Selector::parse("img[src]").unwrap();
        doc.select(&img)
            .map(|e| e.value().attr("src").unwrap().to_string())
            .collect()
    }

    /// The stylesheets `html` links, in order.
    fn stylesheets(html: &str) -> Vec<String> {
        let doc = Html::parse_document(html);
        let links = Selector::parse("link[rel=stylesheet]").unwrap();
        doc.select(&links)
            .filter_map(|l| l.value().attr("href").map(str::to_string))
            .collect()
    }

    #[test]
    fn only_a_media_article_links_the_media_stylesheet_in_its_fragment_and_page() {
        let shell = shell("", "", None);
        let main = "/news-app-e0a61db541ea3ef7.css";
        let media = "/news-app-media-e0a61db541ea3ef7.css";
        let extras = Extras {
            most_read: &[],
            comments: None,
            views_endpoint: None,
            live: None,
        };
        let served =
            |a: &Article| crate::site::article_page::article_page(&shell, a, &extras).unwrap();
        assert_eq!(stylesheets(&of(&shell)), [main]);
        assert_eq!(stylesheets(&served(&seed())), [main]);
        for slug in [
            "tam-ky-ra-quan-lam-sach-bai-bien-tam-thanh",
            "soi-noi-le-hoi-dua-ghe-tren-song-thu-bon",
            "bao-do-bo-vao-bo-bien-quang-nam-cap-nhat-tung-gio",
        ] {
            let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(format!("../public/api/articles/{slug}.json"));
            let a = contract::parse_article(&std::fs::read_to_string(path).unwrap()).unwrap();
            assert_eq!(
                stylesheets(&fragment(&shell, &a, &extras)),
                [main, media],
                "{slug}"
            );
            assert_eq!(stylesheets(&served(&a)), [main, media], "{slug}");
        }
    }

    #[test]
    fn the_stylesheet_then_the_static_page_and_no_script() {
        let html = of(&shell("", "", None));
        assert_eq!(
            top(&html, "href")[0],
            ("link".into(), Some("/news-app-e0a61db541ea3ef7.css".into()))
        );
        assert_eq!(
            top(&html, "data-news-static")[1],
            ("div".into(), Some(SLUG.into()))
        );
        assert_eq!(top(&html, "").len(), 2);
        assert!(html.starts_with("<link rel=\"stylesheet\" href="), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("<h1 id=\"na-title\""), "{html}");
        let images = srcs(&html);
        assert!(!images.is_empty());
        assert!(
            images.iter().all(|s| s.starts_with("/api/images/")),
            "{images:?}"
        );
    }

    #[test]
    fn with_the_sites_address_its_files_are_absolute() {
        let site = Some("https://cdn.example.vn/news/");
        let html = of(&shell("/news", "", site));
        assert_eq!(
            top(&html, "href")[0].1.as_deref(),
            Some("https://cdn.example.vn/news/news-app-e0a61db541ea3ef7.css")
        );
        let images = srcs(&html);
        assert!(
            images
                .iter()
                .all(|s| s.starts_with("https://cdn.example.vn/news/api/images/")),
            "{images:?}"
        );
        // The build's own data-site-url wins, as for the pages; links stay the app's paths.
        let html = of(&shell("", "data-site-url=https://tin.example.vn", site));
        assert!(html.contains("href=\"https://tin.example.vn/news-app-e0a61db541ea3ef7.css\""));
        assert!(html.contains("href=\"/chinh-tri\""), "{html}");
    }

    #[test]
    fn a_path_outside_the_base_joins_the_sites_origin_and_absolute_ones_stay() {
        let s = shell("/news", "", Some("https://cdn.example.vn/news/"));
        assert_eq!(
            public(&s, "/other/x.svg"),
            "https://cdn.example.vn/other/x.svg"
        );
        assert_eq!(
            public(&s, "/newsy/x.svg"),
            "https://cdn.example.vn/newsy/x.svg"
        );
        assert_eq!(
            public(&s, "api/x.svg"),
            "https://cdn.example.vn/news/api/x.svg"
        );
        assert_eq!(
            public(&s, "https://img.example.vn/x"),
            "https://img.example.vn/x"
        );
        let no_site = shell("/news", "", None);
        assert_eq!(public(&no_site, "api/x.svg"), "/news/api/x.svg");
        let api = shell("", "data-api-base=https://api.example.vn/v2/", None);
        assert!(srcs(&of(&api))
            .iter()
            .all(|s| s.starts_with("https://api.example.vn/v2/images/")));
    }
}
