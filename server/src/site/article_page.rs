//! An article's page with the article in it: the built `index.html` (the shell) with the
//! `news-page` layout in its mount element and the article's head (title, description,
//! canonical, Open Graph) in its head. Written ahead by `prerender` for static hosts, and per
//! request by `serve` (live comments and ranking, articles added after the build). The HTML
//! is `news-page`'s, with html5ever standing in for the browser's parser under the same
//! allowlist; the shell is edited by an HTML rewriter (`lol_html`), never as text.

use contract::live::LiveEntries;
use contract::{paths, Article, CommentPage, Summary};
use lol_html::html_content::ContentType;
use lol_html::{element, rewrite_str, RewriteStrSettings};
use page::head::{Head, Site};
use page::inline::{sanitize_tree, HtmlNode, Inline, NodeKind};
use page::Render;
use scraper::{Html, Node, Selector};

/// Paragraph HTML → the allowlist's nodes (the server's twin of the app's `sanitize`).
pub fn sanitize(html: &str) -> Vec<Inline> {
    let doc = Html::parse_fragment(html);
    sanitize_tree(&Tree(*doc.root_element()))
}

/// A node of html5ever's tree, seen by the presentation's sanitiser.
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

/// The built `index.html` and what its mount element configures.
#[derive(Debug, Clone)]
pub struct Shell {
    html: String,
    /// The app's base path (`""` at the root).
    pub base_path: String,
    /// Where the JSON is, as the app will resolve it: `data-api-base`, or `api/` under the
    /// base path.
    pub api_base: String,
    /// `data-site-url`, or the server's `--site-url`, ending in `/`.
    pub site_url: Option<String>,
    /// `data-site-name` and `data-site-logo`: the publisher of the articles' structured data.
    pub publisher: (Option<String>, Option<String>),
    /// The build's stylesheet (`href` of its first `<link rel="stylesheet">`), as the shell
    /// names it: an article's fragment links it.
    pub stylesheet: Option<String>,
}

impl Shell {
    /// Reads `html` (a build's `index.html`) for an app under `base_path`; `site_url` is
    /// used when the mount element does not name one.
    pub fn new(html: String, base_path: &str, site_url: Option<&str>) -> Result<Shell, String> {
        let doc = Html::parse_document(&html);
        let mount = Selector::parse("[data-news-app]").map_err(|e| e.to_string())?;
        let el = doc
            .select(&mount)
            .next()
            .ok_or("the shell has no [data-news-app] element")?;
        if el.attr("data-news-static").is_some() || html.contains("data-news-static") {
            return Err("the shell is already a prerendered page".into());
        }
        let attr = |name: &str| {
            el.value()
                .attr(name)
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        let sheet = Selector::parse("link[rel~=stylesheet][href]").map_err(|e| e.to_string())?;
        let stylesheet = doc
            .select(&sheet)
            .filter_map(|l| l.value().attr("href"))
            .map(str::trim)
            .find(|href| !href.is_empty())
            .map(str::to_string);
        let api_base = attr("data-api-base")
            .unwrap_or_else(|| format!("{base_path}/{}", paths::DEFAULT_API_DIR));
        let site_url = attr("data-site-url")
            .or_else(|| site_url.map(str::to_string))
            .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
            .map(|u| format!("{}/", u.trim_end_matches('/')));
        Ok(Shell {
            publisher: (attr("data-site-name"), attr("data-site-logo")),
            stylesheet,
            html,
            base_path: base_path.to_string(),
            api_base,
            site_url,
        })
    }
}

/// Where a page's images load from: a relative `src` is under the API's folder, as in the app
/// (`Config::api_url`).
pub(super) fn image_src(src: &str, api_base: &str) -> Option<String> {
    let src = contract::url::safe_href(src)?;
    if src.contains(':') || src.starts_with('/') {
        Some(src)
    } else {
        Some(format!("{api_base}{src}"))
    }
}

/// What a page holds besides its article.
pub struct Extras<'a> {
    /// The «Đọc nhiều» list.
    pub most_read: &'a [Summary],
    /// The first page of comments, when known.
    pub comments: Option<&'a CommentPage>,
    /// `data-views-endpoint` for the mount element (a server that counts views).
    pub views_endpoint: Option<&'a str>,
    /// (v3) A live article's entries as they are now: in the page, and in its JSON-LD.
    pub live: Option<&'a LiveEntries>,
}

/// The page of `article`.
pub fn article_page(shell: &Shell, article: &Article, extras: &Extras) -> Result<String, String> {
    let images = |src: &str| image_src(src, &shell.api_base);
    let r = Render {
        base_path: &shell.base_path,
        paragraph: &sanitize,
        image_src: &images,
        media: page::media::ALL,
    };
    // The masthead as the app draws it from the same mount element's attributes.
    let masthead = page::layout::Site {
        name: shell
            .publisher
            .0
            .as_deref()
            .unwrap_or(page::words::SITE_TITLE),
        logo: shell.publisher.1.as_deref(),
        base_path: &shell.base_path,
    };
    let content = page::layout::served_page(
        article,
        extras.most_read,
        extras.comments,
        extras.live,
        &masthead,
        &r,
    )
    .into_string();
    // Relative to the site's address, as the head wants it (the app's default `api/`).
    let api_base = shell
        .api_base
        .strip_prefix(&format!("{}/", shell.base_path))
        .unwrap_or(&shell.api_base);
    let site = Site {
        url: shell.site_url.as_deref(),
        api_base,
        name: shell
            .publisher
            .0
            .as_deref()
            .unwrap_or(page::words::SITE_TITLE),
        logo: shell.publisher.1.as_deref(),
    };
    let mut head = Head::article(article, &site);
    if let Some(live) = extras.live {
        head.live_updates(article, live);
    }
    let head_tags = head.tags().into_string();
    let mut media = shell
        .stylesheet
        .as_deref()
        .and_then(|href| page::layout::media_stylesheet(article, href))
        .map(|href| page::layout::stylesheet_link(&href).into_string());
    let mut first_mount = true;
    let settings = RewriteStrSettings {
        element_content_handlers: vec![
            element!("title", |el| {
                el.set_inner_content(&head.title, ContentType::Text);
                el.after(&head_tags, ContentType::Html);
                Ok(())
            }),
            // (v3) The media blocks' stylesheet after the build's, when the article has one.
            element!("link[rel~=stylesheet][href]", |el| {
                if let Some(link) = media.take() {
                    el.after(&link, ContentType::Html);
                }
                Ok(())
            }),
            // The shell's own head tags that the article's replace.
            element!(
                "meta[name=description], meta[property^='og:'], link[rel=canonical]",
                |el| {
                    el.remove();
                    Ok(())
                }
            ),
            element!("[data-news-app]", |el| {
                if std::mem::take(&mut first_mount) {
                    el.set_inner_content(&content, ContentType::Html);
                    if let Some(url) = &shell.site_url {
                        el.set_attribute("data-site-url", url)?;
                    }
                    if let Some(views) = extras.views_endpoint {
                        el.set_attribute("data-views-endpoint", views)?;
                    }
                }
                Ok(())
            }),
            // The article paints with the HTML and the stylesheet alone: the app's code must
            // not take bandwidth from the stylesheet (the shell keeps them at normal
            // priority, since there the wasm is what paints the article).
            element!("link[rel=modulepreload], link[rel=preload]", |el| {
                el.set_attribute("fetchpriority", "low")?;
                Ok(())
            }),
            // The shell's notice says the article needs JavaScript: not this page.
            element!("noscript", |el| {
                el.remove();
                Ok(())
            }),
        ],
        ..RewriteStrSettings::default()
    };
    rewrite_str(&shell.html, settings).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests;
