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
    /// Where the JSON is: an absolute URL, or a path under the site's address (`api/`).
    pub api_base: &'a str,
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
        let image = a.hero.as_ref().and_then(|h| {
            let src = contract::url::safe_href(&h.src)?;
            if is_absolute(&src) {
                return Some(src);
            }
            // Relative to the JSON: known absolutely only with the site's address.
            let site_url = site.url?;
            Some(if is_absolute(site.api_base) {
                format!("{}{src}", site.api_base)
            } else {
                format!("{site_url}{}{src}", site.api_base)
            })
        });
        Head {
            title: a.title.clone(),
            description: a.lead.clone().unwrap_or_else(|| a.title.clone()),
            url,
            image,
        }
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
        }
    }
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
            ("api/", "https://bao.example.vn/tin/api/images/a.svg"),
            (
                "https://cdn.example.vn/api/",
                "https://cdn.example.vn/api/images/a.svg",
            ),
        ] {
            let site = Site {
                url: Some("https://bao.example.vn/tin/"),
                api_base,
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
        };
        let own = Head::article(
            &article(
                r#","url":"https://bao.example.vn/a.html","hero":{"src":"https://img.example.vn/a.jpg","alt":""}"#,
            ),
            &site,
        );
        assert_eq!(own.url.as_deref(), Some("https://bao.example.vn/a.html"));
        assert_eq!(own.image.as_deref(), Some("https://img.example.vn/a.jpg"));
        assert!(own.tags().into_string().ends_with(
            "<meta property=\"og:url\" content=\"https://bao.example.vn/a.html\">\
             <meta property=\"og:image\" content=\"https://img.example.vn/a.jpg\">\
             <link rel=\"canonical\" href=\"https://bao.example.vn/a.html\">"
        ));
    }
}
