//! The app's routes under its base path (contract, "Routes of the app"): pure string work,
//! so the browser router and the tests agree on every URL.

/// A page of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `/`: the front page.
    Home,
    /// `/{category_slug}`: the breadcrumb's category link.
    Category { slug: String },
    /// `/{category_slug}/{article_slug}`.
    Article { category: String, slug: String },
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

/// The route of a URL path (no query or fragment) under a normalised base path.
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
        [category] if crate::is_valid_slug(category) => Route::Category {
            slug: (*category).to_string(),
        },
        [category, slug] if crate::is_valid_slug(category) && crate::is_valid_slug(slug) => {
            Route::Article {
                category: (*category).to_string(),
                slug: (*slug).to_string(),
            }
        }
        _ => Route::NotFound,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
