//! The document head of a page: title, description, canonical link and Open Graph tags. One
//! description, [`Head`], serves the server (written as tags into a page) and the app (set
//! into the document on in-app navigation), so crawlers, link previews and readers see the
//! same head whoever rendered the page.

use contract::Article;
use maud::{html, Markup};

/// Where the site is, for absolute addresses.
pub struct Site<'a> {
    /// The public address of the app's base path, ending in `/` (`data-site-url`, or the
    /// server's `--site-url`); `None` when unknown: then no address is guessed.
    pub url: Option<&'a str>,
    /// The app's base path (`""` at the root).
    pub base_path: &'a str,
    /// Where the JSON is: an absolute URL, an absolute path, or a path under the base.
    pub api_base: &'a str,
}

/// What a page's head says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// The document's title.
    pub title: String,
    /// `description` and `og:description`.
    pub description: String,
    /// `og:type`.
    pub kind: &'static str,
    /// The canonical address, also `og:url`, when known.
    pub url: Option<String>,
    /// `og:image`, absolute, when known.
    pub image: Option<String>,
}

impl Head {
    /// The head of an article page.
    pub fn article(a: &Article, site: &Site) -> Head {
        let url = a
            .url
            .as_deref()
            .filter(|u| is_absolute(u))
            .map(str::to_string)
            .or_else(|| absolute(&a.path(site.base_path), site));
        let image = a
            .hero
            .as_ref()
            .and_then(|h| contract::url::safe_href(&h.src))
            .and_then(|src| {
                if is_absolute(&src) {
                    Some(src)
                } else {
                    absolute(&format!("{}{src}", site.api_base), site)
                }
            });
        Head {
            title: a.title.clone(),
            description: a.lead.clone().unwrap_or_else(|| a.title.clone()),
            kind: "article",
            url,
            image,
        }
    }

    /// The `<meta>` tags as (attribute, key, content), in the order written; an absent one
    /// is not listed (the app removes it from the document).
    pub fn metas(&self) -> Vec<(&'static str, &'static str, Option<&str>)> {
        vec![
            ("name", "description", Some(self.description.as_str())),
            ("property", "og:type", Some(self.kind)),
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
        }
    }
}

fn is_absolute(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// `path` (absolute URL, absolute path, or relative to the base) as an absolute URL.
fn absolute(path: &str, site: &Site) -> Option<String> {
    if is_absolute(path) {
        return Some(path.to_string());
    }
    let site_url = site.url?;
    if let Some(rooted) = path.strip_prefix('/') {
        // The site's origin, then the path.
        let after_scheme = site_url.find("://")? + 3;
        let origin_end = site_url[after_scheme..]
            .find('/')
            .map_or(site_url.len(), |i| after_scheme + i);
        Some(format!("{}/{rooted}", &site_url[..origin_end]))
    } else {
        Some(format!("{}/{path}", site_url.trim_end_matches('/')))
    }
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
            base_path: "/tin",
            api_base: "/tin/api/",
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
             <meta property=\"og:description\" content=\"Sa pô &lt;b&gt;\">"
        );
    }

    #[test]
    fn with_it_the_address_and_image_are_absolute() {
        let hero = r#","hero":{"src":"images/a.svg","alt":""}"#;
        for (api_base, image) in [
            ("/tin/api/", "https://bao.example.vn/tin/api/images/a.svg"),
            ("api/", "https://bao.example.vn/tin/api/images/a.svg"),
            (
                "https://cdn.example.vn/api/",
                "https://cdn.example.vn/api/images/a.svg",
            ),
        ] {
            let site = Site {
                url: Some("https://bao.example.vn/tin/"),
                base_path: "/tin",
                api_base,
            };
            let head = Head::article(&article(hero), &site);
            assert_eq!(
                head.url.as_deref(),
                Some("https://bao.example.vn/tin/xa-hoi/bai-a")
            );
            assert_eq!(head.image.as_deref(), Some(image), "{api_base}");
        }
        // The article's own address wins.
        let site = Site {
            url: Some("https://bao.example.vn/"),
            base_path: "",
            api_base: "/api/",
        };
        let own = Head::article(&article(r#","url":"https://bao.example.vn/a.html""#), &site);
        assert_eq!(own.url.as_deref(), Some("https://bao.example.vn/a.html"));
        assert!(own.tags().into_string().ends_with(
            "<meta property=\"og:url\" content=\"https://bao.example.vn/a.html\">\
             <link rel=\"canonical\" href=\"https://bao.example.vn/a.html\">"
        ));
    }
}
