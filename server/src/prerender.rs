//! Article pages written before any script runs (`news-server prerender`): the built
//! `index.html` with the article, its comments and the «Đọc nhiều» list already in the mount
//! element, and the article's title and description in the head. A reader sees the article
//! as soon as the HTML and CSS arrive, and readers without JavaScript (and crawlers) see it
//! at all; the app then takes the page over (`src/takeover.rs`).
//!
//! The markup is the app's own (`contract::markup`), with html5ever standing in for the
//! browser's parser under the same allowlist, so both write the same article.

use std::fs;
use std::path::{Path, PathBuf};

use news_contract::html::{escape_into, render, safe_href, sanitize_tree, HtmlNode, NodeKind};
use news_contract::markup::Render;
use news_contract::{Article, CommentPage, Summary};
use scraper::{Html, Node};

/// Paragraph HTML → safe HTML (the prerenderer's twin of the app's `sanitize`).
pub fn sanitize(html: &str, base_path: &str) -> String {
    let doc = Html::parse_fragment(html);
    let nodes = sanitize_tree(&Tree(*doc.root_element()));
    let mut out = String::with_capacity(html.len());
    render(&nodes, base_path, &mut out);
    out
}

/// A node of html5ever's tree, seen by the contract's sanitiser.
struct Tree<'a>(ego_tree::NodeRef<'a, Node>);

impl HtmlNode for Tree<'_> {
    fn children(&self) -> Vec<Self> {
        self.0.children().map(Tree).collect()
    }

    fn kind(&self) -> NodeKind {
        match self.0.value() {
            Node::Text(t) => NodeKind::Text(t.to_string()),
            Node::Element(e) => NodeKind::Element(e.name().to_string()),
            _ => NodeKind::Other,
        }
    }

    fn attr(&self, name: &str) -> Option<String> {
        self.0.value().as_element()?.attr(name).map(str::to_string)
    }

    fn text_content(&self) -> String {
        self.0
            .descendants()
            .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
            .collect()
    }
}

/// Where a page's images load from: a relative `src` is under the API's folder, as in the app
/// (`Config::api_url`), but written as a path so that the page works on any host name.
fn image_src(src: &str, api_base: &str) -> Option<String> {
    let src = safe_href(src)?;
    if src.contains(':') || src.starts_with('/') {
        Some(src)
    } else {
        Some(format!("{api_base}{src}"))
    }
}

/// The page of `article`: `shell` (the built `index.html`) with the prerendered app in its
/// `[data-news-app]` element and the article's title and description in its head.
pub fn article_page(
    shell: &str,
    base_path: &str,
    article: &Article,
    most_read: &[Summary],
    comments: Option<&CommentPage>,
) -> Result<String, String> {
    let api_base = format!("{base_path}/api/");
    let paragraph = |html: &str| sanitize(html, base_path);
    let images = |src: &str| image_src(src, &api_base);
    let r = Render::new(&paragraph, &images);
    let mut app = String::new();
    news_contract::markup::prerendered(article, most_read, comments, base_path, &r, &mut app);

    let mut page = replace_content(shell, "data-news-app", &app)?;
    let mut title = String::new();
    escape_into(&mut title, &article.title);
    page = replace_between(&page, "<title>", "</title>", &title)?;
    let description = article.lead.as_deref().unwrap_or(&article.title);
    let mut head = String::new();
    for (attr, key, value) in [
        ("name", "description", description),
        ("property", "og:type", "article"),
        ("property", "og:title", &article.title),
        ("property", "og:description", description),
    ] {
        head.push_str(&format!("<meta {attr}=\"{key}\" content=\""));
        escape_into(&mut head, value);
        head.push_str("\">");
    }
    page = remove_meta(page, "description");
    page = page.replacen("</title>", &format!("</title>{head}"), 1);
    // The shell's <noscript> says the article needs JavaScript: not this page.
    if let (Some(start), Some(end)) = (page.find("<noscript>"), page.find("</noscript>")) {
        page.replace_range(start..end + "</noscript>".len(), "");
    }
    Ok(page)
}

/// `html` with the content of the element whose start tag holds `attr` replaced by `inner`.
fn replace_content(html: &str, attr: &str, inner: &str) -> Result<String, String> {
    let at = html.find(attr).ok_or(format!("no {attr} element"))?;
    let open = html[..at].rfind('<').ok_or("malformed start tag")?;
    let name: String = html[open + 1..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let content = at + html[at..].find('>').ok_or("malformed start tag")? + 1;
    let close = content
        + html[content..]
            .find(&format!("</{name}>"))
            .ok_or(format!("no </{name}>"))?;
    Ok(format!("{}{inner}{}", &html[..content], &html[close..]))
}

/// `html` with what lies between `start` and `end` replaced by `inner`.
fn replace_between(html: &str, start: &str, end: &str, inner: &str) -> Result<String, String> {
    let from = html.find(start).ok_or(format!("no {start}"))? + start.len();
    let to = from + html[from..].find(end).ok_or(format!("no {end}"))?;
    Ok(format!("{}{inner}{}", &html[..from], &html[to..]))
}

/// `html` without its `<meta name=NAME>` tag (quoted or not, in any attribute order, as
/// Trunk's minifier may write it).
fn remove_meta(mut html: String, name: &str) -> String {
    let (bare, quoted) = (format!("name={name}"), format!("name=\"{name}\""));
    let mut from = 0;
    while let Some(at) = html[from..].find("<meta").map(|i| i + from) {
        let Some(end) = html[at..].find('>').map(|i| at + i + 1) else {
            break;
        };
        let tag = &html[at..end];
        let named = tag.contains(&quoted)
            || tag
                .match_indices(&bare)
                .any(|(i, m)| matches!(tag[i + m.len()..].chars().next(), Some(' ' | '>' | '/')));
        if named {
            html.replace_range(at..end, "");
        } else {
            from = end;
        }
    }
    html
}

/// Writes the page of every article of `content` into `dist` (`dist/{category}/{slug}/
/// index.html`, the path a deep link asks for), using `dist/index.html` as the shell;
/// returns how many. An article that cannot be read is skipped with a warning.
pub fn write_all(dist: &Path, content: &Path, base_path: &str) -> Result<usize, String> {
    let shell_path = dist.join("index.html");
    let shell =
        fs::read_to_string(&shell_path).map_err(|e| format!("{}: {e}", shell_path.display()))?;
    if shell.contains("data-news-static") {
        return Err(format!(
            "{} is already a prerendered page",
            shell_path.display()
        ));
    }
    let read = |path: PathBuf| fs::read_to_string(path).ok();
    let most_read = read(content.join("most-read.json"))
        .and_then(|json| news_contract::parse_summaries(&json).ok())
        .unwrap_or_default();
    let folder = content.join("articles");
    let entries = fs::read_dir(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    let mut written = 0;
    for path in paths {
        let article = match read(path.clone()).map(|json| news_contract::parse_article(&json)) {
            Some(Ok(a)) if news_contract::is_valid_slug(&a.category.slug) => a,
            _ => {
                eprintln!(
                    "prerender: skipped {} (not a valid article)",
                    path.display()
                );
                continue;
            }
        };
        let comments = read(folder.join(&article.slug).join("comments.json"))
            .and_then(|json| news_contract::parse_comment_page(&json).ok());
        let page = article_page(&shell, base_path, &article, &most_read, comments.as_ref())?;
        let dir = dist.join(&article.category.slug).join(&article.slug);
        fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        fs::write(dir.join("index.html"), page).map_err(|e| format!("{}: {e}", dir.display()))?;
        written += 1;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHELL: &str = "<!doctype html><html lang=vi><head><meta charset=utf-8><title>Tin tức</title>\
        <meta content=\"Tin tức, thời sự\" name=description><meta name=\"description-x\" content=k><script async src=/boot-0123456789abcdef.js></script>\
        </head><body><main class=na-page data-news-app><p class=na-boot>Đang tải bài viết…</p></main>\
        <noscript><p>Trang tin cần bật JavaScript để hiển thị bài viết.</p></noscript></body></html>";

    fn demo() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/api")
    }

    fn seed() -> Article {
        let path =
            demo().join("articles/khoi-thi-dua-cac-co-quan-cong-tac-dang-tong-ket-nam-2022.json");
        news_contract::parse_article(&fs::read_to_string(path).unwrap()).unwrap()
    }

    fn vectors() -> Vec<String> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/xss-vectors.json");
        let doc: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
        doc["vectors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    }

    /// Every start tag of `html` with its attribute names, read by html5ever as a browser would.
    fn tags_and_attrs(html: &str) -> Vec<(String, Vec<(String, String)>)> {
        let doc = Html::parse_document(html);
        doc.tree
            .nodes()
            .filter_map(|n| n.value().as_element().cloned())
            .map(|e| {
                let attrs = e
                    .attrs()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect();
                (e.name().to_string(), attrs)
            })
            .collect()
    }

    #[test]
    fn sanitiser_keeps_the_allowlist_and_resolves_app_links() {
        assert_eq!(
            sanitize(
                "Xem <a href=\"chinh-tri/x\" onclick=\"y()\">bài <b>này</b></a><br>nhé",
                "/tin"
            ),
            "Xem <a href=\"/tin/chinh-tri/x\" rel=\"noopener\">bài <b>này</b></a><br>nhé"
        );
        assert_eq!(sanitize("<p>a<script>alert(1)</script>b</p>", ""), "ab");
        assert_eq!(sanitize("<a href=\"javascript:alert(1)\">x</a>", ""), "x");
        assert_eq!(sanitize("1 &lt; 2 &amp; <3", ""), "1 &lt; 2 &amp; &lt;3");
    }

    #[test]
    fn the_seed_article_page_has_its_content_head_and_loader() {
        let page = article_page(
            SHELL,
            "",
            &seed(),
            &[],
            Some(&CommentPage {
                items: vec![],
                total: 0,
                next: None,
            }),
        )
        .unwrap();
        let a = seed();
        let mut title = String::new();
        escape_into(&mut title, &a.title);
        assert!(page.contains(&format!("<title>{title}</title>")));
        assert!(page.contains(&format!(
            "<h1 id=\"na-title\" class=\"na-title\" tabindex=\"-1\">{title}</h1>"
        )));
        assert!(page.contains(&format!("data-news-static=\"{}\"", a.slug)));
        assert!(page.contains("<script async src=/boot-0123456789abcdef.js></script>"));
        assert!(page.contains("Chưa có bình luận nào."));
        assert!(
            !page.contains("Đang tải bài viết"),
            "the loading line is replaced"
        );
        assert!(!page.contains("<noscript>"));
        assert_eq!(page.matches("name=\"description\"").count(), 1);
        assert!(page.contains("<meta name=\"description-x\" content=k>"));
        assert!(
            !page.contains("Tin tức, thời sự"),
            "the shell's description is replaced"
        );
        assert!(
            page.contains("src=\"/api/images/"),
            "relative images load from the API folder"
        );
    }

    #[test]
    fn a_shell_without_a_mount_element_is_an_error() {
        assert!(article_page("<html><title>x</title></html>", "", &seed(), &[], None).is_err());
    }

    #[test]
    fn hostile_fields_never_become_markup() {
        for v in vectors() {
            let mut a = seed();
            a.title = v.clone();
            a.lead = Some(v.clone());
            a.category.name = v.clone();
            if let Some(hero) = a.hero.as_mut() {
                hero.src = v.clone();
                hero.caption = Some(v.clone());
            }
            a.body
                .push(news_contract::Block::Paragraph { html: v.clone() });
            a.body.push(news_contract::Block::Quote {
                text: v.clone(),
                cite: Some(v.clone()),
            });
            let image = news_contract::Image {
                src: v.clone(),
                alt: v.clone(),
                caption: Some(v.clone()),
                credit: Some(v.clone()),
                width: Some(4),
                height: Some(3),
            };
            a.body.push(news_contract::Block::Image(image.clone()));
            let most_read = [Summary {
                slug: "a".into(),
                title: v.clone(),
                category: Some(a.category.clone()),
                thumbnail: Some(image),
                published_at: None,
                lead: Some(v.clone()),
            }];
            let comment = news_contract::Comment {
                id: "c".into(),
                author_name: v.clone(),
                body: v.clone(),
                created_at: v.clone(),
                likes: Some(7),
            };
            let comments = CommentPage {
                items: vec![comment],
                total: 1,
                next: None,
            };
            let page = article_page(SHELL, "", &a, &most_read, Some(&comments)).unwrap();
            for (tag, attrs) in tags_and_attrs(&page) {
                assert!(
                    !matches!(
                        tag.as_str(),
                        "iframe" | "object" | "embed" | "svg" | "math" | "form" | "base"
                    ),
                    "{tag} from {v}"
                );
                if tag == "script" {
                    assert_eq!(
                        attrs,
                        [
                            ("async".to_string(), String::new()),
                            ("src".into(), "/boot-0123456789abcdef.js".into())
                        ],
                        "{v}"
                    );
                }
                for (name, value) in attrs {
                    assert!(!name.starts_with("on"), "{name} on {tag} from {v}");
                    if matches!(
                        name.as_str(),
                        "href" | "src" | "srcset" | "action" | "formaction" | "poster" | "data"
                    ) {
                        let url = value.trim_start().to_ascii_lowercase();
                        assert!(
                            !url.starts_with("javascript:") && !url.starts_with("data:"),
                            "{name}={value} from {v}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn every_demo_article_is_written_where_its_link_points() {
        let dist = std::env::temp_dir().join(format!("news-prerender-{}", std::process::id()));
        fs::create_dir_all(&dist).unwrap();
        fs::write(dist.join("index.html"), SHELL).unwrap();
        let n = write_all(&dist, &demo(), "/tin-tuc").unwrap();
        let articles = fs::read_dir(demo().join("articles"))
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .path()
                    .extension()
                    .is_some_and(|x| x == "json")
            })
            .count();
        assert_eq!(n, articles);
        let a = seed();
        let page = fs::read_to_string(dist.join(&a.category.slug).join(&a.slug).join("index.html"))
            .unwrap();
        assert!(
            page.contains(&format!("href=\"/tin-tuc/{}\"", a.category.slug)),
            "links under the base path"
        );
        assert!(page.contains("class=\"na-rank\""), "the most-read list");
        assert!(page.contains("class=\"na-comment\""), "the seed's comments");
        // A second run on its own output is refused rather than nesting pages.
        fs::write(dist.join("index.html"), &page).unwrap();
        assert!(write_all(&dist, &demo(), "").is_err());
        fs::remove_dir_all(&dist).unwrap();
    }
}
