//! The document head of a page: title, description, canonical link, Open Graph tags and the
//! article's structured data (schema.org `NewsArticle` in JSON-LD, for search engines' news
//! results). One description, [`Head`], serves the server (written as tags into a page) and
//! the app (set into the document on in-app navigation), so crawlers, link previews and
//! readers see the same head whoever rendered the page.

use contract::json::write_string;
use contract::time::vietnam_rfc3339;
use contract::{Article, LiveStatus};
use maud::{html, Markup, PreEscaped};

/// Where the site is, for absolute addresses.
pub struct Site<'a> {
    /// The public address of the app's base path, ending in `/` (`data-site-url`, or the
    /// server's `--site-url`); `None` when unknown: then no address is guessed.
    pub url: Option<&'a str>,
    /// Where the JSON is: an absolute URL, or a path under the site's address (`api/`).
    pub api_base: &'a str,
    /// The publisher's name (`data-site-name`, else «Tin tức»).
    pub name: &'a str,
    /// The publisher's logo (`data-site-logo`): an absolute URL, or a path under the site's
    /// address.
    pub logo: Option<&'a str>,
}

/// What a page's head says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// The document's title.
    pub title: String,
    /// `description` and `og:description`.
    pub description: String,
    /// The canonical address, also `og:url`, when known.
    pub url: Option<String>,
    /// `og:image`, absolute, when known.
    pub image: Option<String>,
    /// The JSON-LD of an article page (`NewsArticle`), whose `<` are escaped: it cannot close
    /// its script element.
    pub structured_data: Option<String>,
}

impl Head {
    /// The head of an article page. Addresses are plain concatenations (the site's address
    /// ends in `/`): the wasm carries no URL parser for them.
    pub fn article(a: &Article, site: &Site) -> Head {
        let url = a
            .url
            .clone()
            .filter(|u| is_absolute(u))
            .or_else(|| Some(format!("{}{}/{}", site.url?, a.category.slug, a.slug)));
        // What a share (Facebook, Zalo) shows: the article's picture, else the publisher's
        // logo.
        let image = a.picture().and_then(|p| content_url(&p.src, site));
        let image = image.or_else(|| logo(site));
        let mut head = Head {
            title: a.title.clone(),
            description: a.lead.clone().unwrap_or_else(|| a.title.clone()),
            url,
            image,
            structured_data: None,
        };
        head.structured_data = Some(news_article(a, &head, site));
        head
    }

    /// The `<meta>` tags as (attribute, key, content), in the order written; an absent one
    /// is not written (the app removes it from the document).
    pub fn metas(&self) -> [(&'static str, &'static str, Option<&str>); 6] {
        [
            ("name", "description", Some(self.description.as_str())),
            ("property", "og:type", Some("article")),
            ("property", "og:title", Some(self.title.as_str())),
            (
                "property",
                "og:description",
                Some(self.description.as_str()),
            ),
            ("property", "og:url", self.url.as_deref()),
            ("property", "og:image", self.image.as_deref()),
        ]
    }

    /// The tags that follow `<title>` in a page's head.
    pub fn tags(&self) -> Markup {
        html! {
            @for (attr, key, content) in self.metas() {
                @if let Some(content) = content {
                    @if attr == "name" {
                        meta name=(key) content=(content);
                    } @else {
                        meta property=(key) content=(content);
                    }
                }
            }
            @if let Some(url) = &self.url {
                link rel="canonical" href=(url);
            }
            @if let Some(data) = &self.structured_data {
                // JSON, not text: the writer escaped every `<`, so nothing closes the script.
                script type="application/ld+json" { (PreEscaped(data)) }
            }
        }
    }
}

/// The absolute address of a file the JSON names (an image, a video): relative to the
/// JSON, it is known absolutely only with the site's address.
fn content_url(src: &str, site: &Site) -> Option<String> {
    let src = contract::url::safe_href(src)?;
    if is_absolute(&src) {
        return Some(src);
    }
    let site_url = site.url?;
    Some(if is_absolute(site.api_base) {
        format!("{}{src}", site.api_base)
    } else {
        format!("{site_url}{}{src}", site.api_base)
    })
}

/// The article as schema.org's `NewsArticle`: the head's title, description, image and
/// address, the times in Vietnam time with their offset, the authors and the publisher.
/// Addresses are the head's (absolute, or left out when the site's address is unknown).
/// The publisher's logo, absolute (under the site's address when given as a path).
fn logo(site: &Site) -> Option<String> {
    let logo = site.logo?;
    if is_absolute(logo) {
        return Some(logo.to_string());
    }
    Some(format!(
        "{}{}",
        site.url?,
        logo.strip_prefix('/').unwrap_or(logo)
    ))
}

fn news_article(a: &Article, head: &Head, site: &Site) -> String {
    let mut j = String::from(r#"{"@context":"https://schema.org","@type":"#);
    // (v3) A live coverage is a `LiveBlogPosting` (its updates: `live.rs`).
    let kind = ["NewsArticle", "LiveBlogPosting"][usize::from(a.live.is_some())];
    write_string(&mut j, kind);
    member(&mut j, "headline", &a.title);
    member(&mut j, "description", &head.description);
    if let Some(image) = &head.image {
        j.push_str(r#","image":["#);
        write_string(&mut j, image);
        j.push(']');
    }
    let published = contract::time::vietnam_rfc3339(&a.published_at);
    let modified = a
        .updated_at
        .as_deref()
        .and_then(contract::time::vietnam_rfc3339);
    if let Some(t) = &published {
        member(&mut j, "datePublished", t);
    }
    // Never edited: modified when published.
    if let Some(t) = modified.as_ref().or(published.as_ref()) {
        member(&mut j, "dateModified", t);
    }
    if !a.authors.is_empty() {
        j.push_str(r#","author":["#);
        for (i, author) in a.authors.iter().enumerate() {
            if i > 0 {
                j.push(',');
            }
            j.push_str(r#"{"@type":"Person""#);
            member(&mut j, "name", &author.name);
            j.push('}');
        }
        j.push(']');
    }
    j.push_str(r#","publisher":{"@type":"Organization""#);
    member(&mut j, "name", site.name);
    if let Some(logo) = logo(site) {
        j.push_str(r#","logo":{"@type":"ImageObject""#);
        member(&mut j, "url", &logo);
        j.push('}');
    }
    j.push('}');
    // v3: the article's video, for search engines' video results.
    let absolute = |src: &str| content_url(src, site);
    if let Some(video) = crate::head_video::video_object(a, &head.description, absolute) {
        j.push_str(r#","video":"#);
        j.push_str(&video);
    }
    if let Some(url) = &head.url {
        j.push_str(r#","mainEntityOfPage":{"@type":"WebPage""#);
        member(&mut j, "@id", url);
        j.push('}');
    }
    coverage(&mut j, a, published.as_deref());
    j.push('}');
    j
}

/// A live coverage's times in its JSON-LD: begun when published, ended (if so) at its update.
fn coverage(j: &mut String, a: &Article, published: Option<&str>) {
    let Some(live) = &a.live else { return };
    if let Some(t) = published {
        member(j, "coverageStartTime", t);
    }
    let end = a.updated_at.as_deref().and_then(vietnam_rfc3339);
    if let (LiveStatus::Ended, Some(t)) = (live.status, end) {
        member(j, "coverageEndTime", &t);
    }
}

/// The front page's structured data: schema.org `WebSite` named `name` at `url` (the
/// site's address, ending in `/`), with the `SearchAction` that searches it
/// (`{url}tim-kiem?q={search_term_string}`, the app's search route).
pub fn website(name: &str, url: &str) -> String {
    let mut j = String::from(r#"{"@context":"https://schema.org","@type":"WebSite""#);
    member(&mut j, "name", name);
    member(&mut j, "url", url);
    j.push_str(r#","potentialAction":{"@type":"SearchAction""#);
    let target = format!(
        "{url}{}?{}={{search_term_string}}",
        contract::paths::SEARCH_ROUTE,
        contract::paths::SEARCH_QUERY_PARAM
    );
    member(&mut j, "target", &target);
    member(&mut j, "query-input", "required name=search_term_string");
    j.push_str("}}");
    j
}

/// A topic page's structured data: schema.org `CollectionPage` named `name`, at `url` when
/// the address is known.
pub fn collection_page(name: &str, url: Option<&str>) -> String {
    let mut j = String::from(r#"{"@context":"https://schema.org","@type":"CollectionPage""#);
    member(&mut j, "name", name);
    if let Some(url) = url {
        member(&mut j, "url", url);
    }
    j.push('}');
    j
}

/// Appends `,"key":"value"` (`key` is one of this file's names: nothing to escape).
pub(crate) fn member(j: &mut String, key: &str, value: &str) {
    j.push_str(",\"");
    j.push_str(key);
    j.push_str("\":");
    write_string(j, value);
}

fn is_absolute(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(extra: &str) -> Article {
        contract::parse_article(&format!(
            r#"{{"slug":"bai-a","title":"Tiêu đề \"A\"","lead":"Sa pô <b>","category":{{"slug":"xa-hoi","name":"Xã hội"}},
            "published_at":"2023-02-02T16:30:00+07:00","authors":[],"body":[]{extra}}}"#
        ))
        .unwrap()
    }

    #[test]
    fn without_the_sites_address_nothing_is_guessed() {
        let site = Site {
            url: None,
            api_base: "https://cdn.example.vn/api/",
            name: "Tin tức",
            logo: Some("logo.svg"),
        };
        let head = Head::article(
            &article(r#","hero":{"src":"images/a.svg","alt":""}"#),
            &site,
        );
        assert_eq!(head.url, None);
        assert_eq!(head.image, None);
        assert_eq!(head.description, "Sa pô <b>");
        assert_eq!(
            head.tags().into_string(),
            "<meta name=\"description\" content=\"Sa pô &lt;b&gt;\"><meta property=\"og:type\" \
             content=\"article\"><meta property=\"og:title\" content=\"Tiêu đề &quot;A&quot;\">\
             <meta property=\"og:description\" content=\"Sa pô &lt;b&gt;\">\
             <script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\
             \"@type\":\"NewsArticle\",\"headline\":\"Tiêu đề \\\"A\\\"\",\
             \"description\":\"Sa pô \\u003cb>\",\"datePublished\":\"2023-02-02T16:30:00+07:00\",\
             \"dateModified\":\"2023-02-02T16:30:00+07:00\",\"publisher\":{\"@type\":\
             \"Organization\",\"name\":\"Tin tức\"}}</script>"
        );
    }

    #[test]
    fn without_a_hero_a_share_shows_the_first_body_image_else_the_logo() {
        let site = Site {
            url: Some("https://bao.example.vn/"),
            api_base: "api/",
            name: "Tin tức",
            logo: Some("/logo.svg"),
        };
        let image = |src: &str| {
            contract::Block::Image(contract::Image {
                src: src.into(),
                alt: String::new(),
                caption: None,
                credit: None,
                width: None,
                height: None,
            })
        };
        let mut with_images = article("");
        with_images.body = vec![
            contract::Block::Paragraph {
                html: "Mở đầu".into(),
            },
            image("images/b.jpg"),
            image("images/c.jpg"),
        ];
        let head = Head::article(&with_images, &site);
        assert_eq!(
            head.image.as_deref(),
            Some("https://bao.example.vn/api/images/b.jpg")
        );
        let ld = head.structured_data.unwrap();
        assert!(
            ld.contains(r#""image":["https://bao.example.vn/api/images/b.jpg"]"#),
            "{ld}"
        );
        let plain = Head::article(&article(""), &site);
        assert_eq!(
            plain.image.as_deref(),
            Some("https://bao.example.vn/logo.svg")
        );
        assert!(plain
            .tags()
            .into_string()
            .contains(r#"<meta property="og:image" content="https://bao.example.vn/logo.svg">"#));
    }

    #[test]
    fn with_it_the_address_and_image_are_absolute() {
        let hero = r#","hero":{"src":"images/a.svg","alt":""}"#;
        for (api_base, image) in [
            ("api/", "https://bao.example.vn/tin/api/images/a.svg"),
            (
                "https://cdn.example.vn/api/",
                "https://cdn.example.vn/api/images/a.svg",
            ),
        ] {
            let site = Site {
                url: Some("https://bao.example.vn/tin/"),
                api_base,
                name: "Tin tức",
                logo: None,
            };
            let head = Head::article(&article(hero), &site);
            assert_eq!(
                head.url.as_deref(),
                Some("https://bao.example.vn/tin/xa-hoi/bai-a")
            );
            assert_eq!(head.image.as_deref(), Some(image), "{api_base}");
        }
        // The article's own address wins; an absolute image is taken as it is.
        let site = Site {
            url: Some("https://bao.example.vn/"),
            api_base: "api/",
            name: "Tin tức",
            logo: None,
        };
        let own = Head::article(
            &article(
                r#","url":"https://bao.example.vn/a.html","hero":{"src":"https://img.example.vn/a.jpg","alt":""}"#,
            ),
            &site,
        );
        assert_eq!(own.url.as_deref(), Some("https://bao.example.vn/a.html"));
        assert_eq!(own.image.as_deref(), Some("https://img.example.vn/a.jpg"));
        assert!(own.tags().into_string().contains(
            "<meta property=\"og:url\" content=\"https://bao.example.vn/a.html\">\
             <meta property=\"og:image\" content=\"https://img.example.vn/a.jpg\">\
             <link rel=\"canonical\" href=\"https://bao.example.vn/a.html\"><script"
        ));
    }

    /// The JSON-LD of `head`'s tags, read as a search engine's JSON reader would.
    fn json_ld(head: &Head) -> serde_json::Value {
        let tags = head.tags().into_string();
        let (_, rest) = tags
            .split_once("<script type=\"application/ld+json\">")
            .unwrap();
        let (json, after) = rest.split_once("</script>").unwrap();
        assert_eq!(after, "", "the data is the last tag, and closed once");
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn the_news_article_says_what_the_article_says() {
        let a = contract::parse_article(
            r#"{"slug":"bai-a","title":"Giá lúa </script><script>alert(1)</script>",
            "lead":"Sa pô","category":{"slug":"kinh-te","name":"Kinh tế"},
            "published_at":"2023-02-01T20:15:00Z","updated_at":"2023-02-03T08:00:30+07:00",
            "authors":[{"name":"Minh An"},{"name":"Lê \"B\""}],"hero":{"src":"images/a.jpg","alt":""},
            "body":[]}"#,
        )
        .unwrap();
        let site = Site {
            url: Some("https://bao.example.vn/tin/"),
            api_base: "api/",
            name: "Báo Mẫu",
            logo: Some("logo.svg"),
        };
        let head = Head::article(&a, &site);
        let tags = head.tags().into_string();
        // The title's `</script>` stays inside the data: one script element, closed once.
        assert_eq!(tags.matches("<script").count(), 1);
        assert_eq!(tags.matches("</script>").count(), 1);
        let ld = json_ld(&head);
        assert_eq!(ld["@context"], "https://schema.org");
        assert_eq!(ld["@type"], "NewsArticle");
        assert_eq!(ld["headline"], a.title.as_str());
        assert_eq!(ld["description"], "Sa pô");
        assert_eq!(
            ld["image"],
            serde_json::json!(["https://bao.example.vn/tin/api/images/a.jpg"])
        );
        // The same moments, written in Vietnam time with their offset.
        assert_eq!(ld["datePublished"], "2023-02-02T03:15:00+07:00");
        assert_eq!(ld["dateModified"], "2023-02-03T08:00:30+07:00");
        assert_eq!(
            ld["author"],
            serde_json::json!([
                {"@type": "Person", "name": "Minh An"},
                {"@type": "Person", "name": "Lê \"B\""}
            ])
        );
        assert_eq!(
            ld["publisher"],
            serde_json::json!({"@type": "Organization", "name": "Báo Mẫu",
                "logo": {"@type": "ImageObject", "url": "https://bao.example.vn/tin/logo.svg"}})
        );
        assert_eq!(
            ld["mainEntityOfPage"],
            serde_json::json!({"@type": "WebPage", "@id": "https://bao.example.vn/tin/kinh-te/bai-a"})
        );
        // Without authors, an update or the site's address: those members are left out; without
        // a picture of its own, the article's image is the logo.
        let bare = Head::article(
            &article(""),
            &Site {
                url: None,
                api_base: "api/",
                name: "Tin tức",
                logo: Some("https://cdn.example.vn/logo.png"),
            },
        );
        let ld = json_ld(&bare);
        assert_eq!(ld["dateModified"], ld["datePublished"]);
        for absent in ["author", "mainEntityOfPage"] {
            assert!(ld.get(absent).is_none(), "{absent}");
        }
        assert_eq!(
            ld["image"],
            serde_json::json!(["https://cdn.example.vn/logo.png"])
        );
        assert_eq!(
            ld["publisher"]["logo"]["url"],
            "https://cdn.example.vn/logo.png"
        );
    }

    #[test]
    fn the_front_page_offers_search_and_a_topic_is_a_collection() {
        let site: serde_json::Value =
            serde_json::from_str(&website("Tin </script>", "https://x.vn/tin/")).unwrap();
        assert_eq!(site["@type"], "WebSite");
        assert_eq!(site["name"], "Tin </script>");
        assert_eq!(site["url"], "https://x.vn/tin/");
        assert_eq!(site["potentialAction"]["@type"], "SearchAction");
        assert_eq!(
            site["potentialAction"]["target"],
            "https://x.vn/tin/tim-kiem?q={search_term_string}"
        );
        assert_eq!(
            site["potentialAction"]["query-input"],
            "required name=search_term_string"
        );
        assert!(!website("</script>", "https://x.vn/").contains('<'));
        let topic: serde_json::Value = serde_json::from_str(&collection_page(
            "Đà <Nẵng>",
            Some("https://x.vn/chu-de/da-nang"),
        ))
        .unwrap();
        assert_eq!(topic["@type"], "CollectionPage");
        assert_eq!(topic["name"], "Đà <Nẵng>");
        assert_eq!(topic["url"], "https://x.vn/chu-de/da-nang");
        assert!(!collection_page("<", None).contains("url"));
    }
}
