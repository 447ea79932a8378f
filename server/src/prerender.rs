//! Article pages written before any script runs (`news-server prerender`), for static
//! hosts: the built `index.html` with each article, its comments and the «Đọc nhiều» list
//! already in it (`article_page`), at the path a deep link asks for. A reader sees the
//! article as soon as the HTML and CSS arrive, and readers without JavaScript (and crawlers)
//! see it at all; the app then adopts the page.

use std::fs;
use std::path::{Path, PathBuf};

use news_contract::paths;

use crate::article_page::{article_page, Extras, Shell};

/// Writes the page of every article of `content` into `dist` (`dist/{category}/{slug}/
/// index.html`, the path a deep link asks for), using `dist/index.html` as the shell;
/// returns how many. An article that cannot be read is skipped with a warning.
pub fn write_all(
    dist: &Path,
    content: &Path,
    base_path: &str,
    site_url: Option<&str>,
) -> Result<usize, String> {
    let shell_path = dist.join("index.html");
    let html =
        fs::read_to_string(&shell_path).map_err(|e| format!("{}: {e}", shell_path.display()))?;
    let shell = Shell::new(html, base_path, site_url)
        .map_err(|e| format!("{}: {e}", shell_path.display()))?;
    let read = |path: PathBuf| fs::read_to_string(path).ok();
    let most_read = read(content.join(paths::MOST_READ))
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
                tracing::warn!(
                    "prerender: skipped {} (not a valid article)",
                    path.display()
                );
                continue;
            }
        };
        let comments = read(content.join(paths::comments_json(&article.slug, 1)))
            .and_then(|json| news_contract::parse_comment_page(&json).ok());
        let extras = Extras {
            most_read: &most_read,
            comments: comments.as_ref(),
            views_endpoint: None,
        };
        let page = article_page(&shell, &article, &extras)?;
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
        </head><body><main class=na-page data-news-app><p class=na-boot>Đang tải bài viết…</p></main></body></html>";

    fn demo() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/api")
    }

    fn seed() -> news_contract::Article {
        let path =
            demo().join("articles/khoi-thi-dua-cac-co-quan-cong-tac-dang-tong-ket-nam-2022.json");
        news_contract::parse_article(&fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn every_demo_article_is_written_where_its_link_points() {
        let dist = std::env::temp_dir().join(format!("news-prerender-{}", std::process::id()));
        fs::create_dir_all(&dist).unwrap();
        fs::write(dist.join("index.html"), SHELL).unwrap();
        let n = write_all(&dist, &demo(), "/tin-tuc", None).unwrap();
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
        assert!(write_all(&dist, &demo(), "", None).is_err());
        fs::remove_dir_all(&dist).unwrap();
    }
}
