//! The demo content in `public/api/` is contract v1: every document parses with the app's
//! reader, agrees with serde's reading of the same types, and every link and image in it
//! points at something that exists.

use std::fs;
use std::path::{Path, PathBuf};

use news_contract::{parse_article, parse_comment_page, parse_summaries, Article, Block};

fn api_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/api")
}

fn articles() -> Vec<(PathBuf, String)> {
    let mut files: Vec<_> = fs::read_dir(api_dir().join("articles"))
        .expect("public/api/articles exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let text = fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect();
    files.sort();
    files
}

fn assert_image_exists(src: &str, context: &str) {
    assert!(
        api_dir().join(src).is_file(),
        "{context}: image {src} is not in public/api"
    );
}

#[test]
fn every_article_parses_and_agrees_with_serde() {
    let all = articles();
    assert!(all.len() >= 9, "the seed and at least eight more articles");
    for (path, text) in &all {
        let ours = parse_article(text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let serde: Article = serde_json::from_str(text).unwrap();
        assert_eq!(ours, serde, "{}", path.display());
        assert_eq!(
            path.file_stem().unwrap().to_str().unwrap(),
            ours.slug,
            "file name is the slug"
        );
        assert!(news_contract::time::format_vietnam_datetime(&ours.published_at).is_some());
        assert!(
            !ours.body.contains(&Block::Unknown),
            "{}: demo content uses known blocks only",
            path.display()
        );
    }
}

#[test]
fn links_and_images_of_the_demo_point_at_real_things() {
    let all: Vec<Article> = articles()
        .iter()
        .map(|(_, t)| parse_article(t).unwrap())
        .collect();
    let exists = |category: &str, slug: &str| {
        all.iter()
            .any(|a| a.slug == slug && a.category.slug == category)
    };
    for a in &all {
        if let Some(hero) = &a.hero {
            assert_image_exists(&hero.src, &a.slug);
        }
        for block in &a.body {
            match block {
                Block::Image(img) => assert_image_exists(&img.src, &a.slug),
                Block::Paragraph { html } => {
                    for part in html.split("href=\"").skip(1) {
                        let href = &part[..part.find('"').unwrap()];
                        if href.starts_with("http") {
                            continue;
                        }
                        let (cat, slug) = href.split_once('/').expect("category/slug link");
                        assert!(exists(cat, slug), "{}: dead link {href}", a.slug);
                    }
                }
                _ => {}
            }
        }
        for r in &a.related {
            let cat = r.category.as_ref().expect("related has a category");
            assert!(exists(&cat.slug, &r.slug), "{}: related {}", a.slug, r.slug);
        }
    }
}

#[test]
fn most_read_ranks_existing_articles() {
    let text = fs::read_to_string(api_dir().join("most-read.json")).unwrap();
    let items = parse_summaries(&text).unwrap();
    assert!(items.len() >= 5);
    for item in &items {
        let file = api_dir().join(format!("articles/{}.json", item.slug));
        let article = parse_article(&fs::read_to_string(file).unwrap()).unwrap();
        assert_eq!(item.title, article.title);
        assert_eq!(item.category.as_ref(), Some(&article.category));
        if let Some(t) = &item.thumbnail {
            assert_image_exists(&t.src, &item.slug);
        }
    }
}

#[test]
fn comment_pages_parse_and_follow_their_next_links() {
    for (_, text) in articles() {
        let article = parse_article(&text).unwrap();
        let first = api_dir().join(format!("articles/{}/comments.json", article.slug));
        if !article.comments_enabled() {
            continue;
        }
        let mut page = parse_comment_page(&fs::read_to_string(&first).unwrap()).unwrap();
        let total = page.total;
        let mut seen = page.items.len() as u32;
        while let Some(next) = page.next.take() {
            page = parse_comment_page(&fs::read_to_string(api_dir().join(next)).unwrap()).unwrap();
            seen += page.items.len() as u32;
        }
        assert_eq!(seen, total, "{}", article.slug);
        if let Some(info) = article.comments {
            assert_eq!(info.count, total, "{}: comments.count", article.slug);
        }
    }
}

#[test]
fn latest_lists_every_article_newest_first() {
    let text = fs::read_to_string(api_dir().join("latest.json")).unwrap();
    let items = parse_summaries(&text).unwrap();
    assert_eq!(items.len(), articles().len());
    let times: Vec<i64> = items
        .iter()
        .map(|s| news_contract::time::parse_rfc3339(s.published_at.as_deref().unwrap()).unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "newest first");
}
