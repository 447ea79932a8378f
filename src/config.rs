//! The mount element's data attributes → [`Config`] (contract, "Configuration").

use web_sys::Element;

/// Where the app reads its data and how it builds its links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Absolute URL, ending in `/`, that every GET path is relative to.
    pub api_base: String,
    /// Path prefix of the app's routes: `""` at the root, else `/sub/path`.
    pub base_path: String,
    /// Set when a portal embeds one article: the app then leaves the page's URL alone.
    pub article: Option<String>,
    /// Where comments are POSTed (`{slug}` replaced); `None` = the contract default.
    pub comments_endpoint: Option<String>,
    /// Where likes go (`{slug}` and `{id}` replaced); `None` = the contract default.
    pub likes_endpoint: Option<String>,
    /// Where a view beacon goes (`{slug}` replaced); `None` = no beacon.
    pub views_endpoint: Option<String>,
    /// The public address of the app's base path, ending in `/` (v2 `data-site-url`), for
    /// canonical links and shares; `None` when the portal does not say.
    pub site_url: Option<String>,
    /// The publisher's name in the article's structured data (`data-site-name`).
    pub site_name: Option<String>,
    /// The publisher's logo there (`data-site-logo`): absolute, or under the site's address.
    pub site_logo: Option<String>,
}

/// The first element carrying `data-news-app`.
pub fn find_mount() -> Option<Element> {
    leptos::prelude::document()
        .query_selector("[data-news-app]")
        .ok()
        .flatten()
}

impl Config {
    /// Reads the data attributes; absent ones take the contract's defaults.
    pub fn from_element(el: &Element) -> Self {
        let attr = |name: &str| {
            el.get_attribute(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let base_path =
            contract::paths::normalize_base(&attr("data-base-path").unwrap_or_default());
        let page = leptos::prelude::document()
            .base_uri()
            .ok()
            .flatten()
            .unwrap_or_default();
        let api_base = attr("data-api-base")
            .unwrap_or_else(|| format!("{base_path}/{}", contract::paths::DEFAULT_API_DIR));
        let mut api_base = resolve(&api_base, &page).unwrap_or(api_base);
        if !api_base.ends_with('/') {
            api_base.push('/');
        }
        Config {
            api_base,
            base_path,
            article: attr("data-article").filter(|s| contract::is_valid_slug(s)),
            comments_endpoint: attr("data-comments-endpoint"),
            likes_endpoint: attr("data-likes-endpoint"),
            views_endpoint: attr("data-views-endpoint"),
            // Used only to write addresses into the head; ends in `/` like a base URL.
            site_url: attr("data-site-url").map(|mut u| {
                if !u.ends_with('/') {
                    u.push('/');
                }
                u
            }),
            site_name: attr("data-site-name"),
            site_logo: attr("data-site-logo"),
        }
    }

    /// A config for tests and for pages with no attributes: root paths, `api/` on this origin.
    pub fn with_api_base(api_base: &str) -> Self {
        Config {
            api_base: api_base.to_string(),
            base_path: String::new(),
            article: None,
            comments_endpoint: None,
            likes_endpoint: None,
            views_endpoint: None,
            site_url: None,
            site_name: None,
            site_logo: None,
        }
    }

    /// True when embedded for one article: no URL, title or page-wide changes.
    pub fn embedded(&self) -> bool {
        self.article.is_some()
    }

    /// What the masthead names; none when embedded (a portal's page has its own).
    pub fn site(&self) -> Option<page::layout::Site<'_>> {
        (!self.embedded()).then(|| page::layout::Site {
            name: self.site_name.as_deref().unwrap_or(page::words::SITE_TITLE),
            logo: self.site_logo.as_deref(),
            base_path: &self.base_path,
        })
    }

    /// The absolute URL of a path relative to `api_base` (also for relative image sources).
    pub fn api_url(&self, path: &str) -> String {
        resolve(path, &self.api_base).unwrap_or_else(|| format!("{}{path}", self.api_base))
    }
}

fn resolve(url: &str, base: &str) -> Option<String> {
    web_sys::Url::new_with_base(url, base)
        .ok()
        .map(|u| u.href())
}
