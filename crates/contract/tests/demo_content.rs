//! The demo content in `public/api/` is contract v2: every document parses with the app's
//! reader, agrees with serde's reading of the same types, and every link and image in it
//! points at something that exists; threads, reply pages and the most-liked order agree
//! with the newest-first pages.

use std::fs;
use std::path::{Path, PathBuf};

use std::collections::HashSet;

use contract::{
    parse_article, parse_comment_page, parse_reply_page, parse_summaries, Article, Block, Comment,
    CommentPage,
};

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
        assert!(contract::time::format_vietnam_datetime(&ours.published_at).is_some());
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
        if let Some(audio) = &a.audio {
            assert!(
                api_dir().join(&audio.src).is_file(),
                "{}: audio {}",
                a.slug,
                audio.src
            );
        }
        for block in &a.body {
            match block {
                Block::Image(img) => assert_image_exists(&img.src, &a.slug),
                Block::Gallery(g) => {
                    for img in &g.images {
                        assert_image_exists(&img.image.src, &a.slug);
                        for source in &img.srcset {
                            assert_image_exists(&source.src, &a.slug);
                        }
                    }
                }
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

/// Every top-level comment of the pages starting at `first`, following `next`, checked
/// against serde's reading and the pages' `total`.
fn all_pages(first: &str) -> Vec<Comment> {
    let mut items = Vec::new();
    let mut path = Some(first.to_string());
    let mut total = None;
    while let Some(p) = path.take() {
        let text = fs::read_to_string(api_dir().join(&p)).unwrap_or_else(|e| panic!("{p}: {e}"));
        let page = parse_comment_page(&text).unwrap_or_else(|e| panic!("{p}: {e}"));
        let serde: CommentPage = serde_json::from_str(&text).unwrap();
        assert_eq!(page, serde, "{p}");
        assert_eq!(*total.get_or_insert(page.total), page.total, "{p}");
        items.extend(page.items);
        path = page.next;
    }
    assert_eq!(items.len() as u32, total.unwrap_or(0), "{first}");
    items
}

fn at(c: &Comment) -> i64 {
    contract::time::parse_rfc3339(&c.created_at).unwrap()
}

/// The whole thread of a top-level comment: the replies it carries, then its own pages.
fn thread(c: &Comment) -> Vec<Comment> {
    let Some(first) = &c.replies else {
        return Vec::new();
    };
    let mut items = first.items.clone();
    let mut next = first.next.clone();
    while let Some(p) = next.take() {
        let text = fs::read_to_string(api_dir().join(&p)).unwrap_or_else(|e| panic!("{p}: {e}"));
        let page = parse_reply_page(&text).unwrap_or_else(|e| panic!("{p}: {e}"));
        assert_eq!(page.total, first.total, "{p}");
        items.extend(page.items);
        next = page.next;
    }
    assert_eq!(items.len() as u32, first.total, "{}", c.id);
    items
}

#[test]
fn threads_read_downwards_and_the_top_order_is_most_liked_first() {
    let mut threads_with_more = 0;
    let mut articles_with_replies = 0;
    let mut ids = HashSet::new();
    for (_, text) in articles() {
        let article = parse_article(&text).unwrap();
        let slug = &article.slug;
        if !article.comments_enabled() {
            continue;
        }
        let newest = all_pages(&format!("articles/{slug}/comments.json"));
        let mut replies_here = 0;
        for c in &newest {
            assert!(ids.insert(c.id.clone()), "{slug}: id {} twice", c.id);
            let Some(first) = &c.replies else { continue };
            assert!(
                first.items.len() <= 3,
                "{slug}: {} carries three at most",
                c.id
            );
            assert!(first.total > 0, "{slug}: none is written as absent");
            threads_with_more += usize::from(first.next.is_some());
            let all = thread(c);
            replies_here += all.len();
            for r in &all {
                assert!(ids.insert(r.id.clone()), "{slug}: id {} twice", r.id);
                assert!(
                    r.replies.is_none(),
                    "{slug}: replies have none of their own"
                );
                assert!(at(r) > at(c), "{slug}: {} after its comment", r.id);
            }
            assert!(
                all.windows(2).all(|w| at(&w[0]) < at(&w[1])),
                "{slug}: {} oldest first",
                c.id
            );
        }
        articles_with_replies += usize::from(replies_here > 0);
        if slug == "khoi-thi-dua-cac-co-quan-cong-tac-dang-tong-ket-nam-2022" {
            assert!(replies_here > 3, "the seed article has threads");
        }
        let top_path = format!("articles/{slug}/comments-top.json");
        if newest.is_empty() {
            assert!(!api_dir().join(&top_path).exists(), "{slug}");
            continue;
        }
        let top = all_pages(&top_path);
        let mut same: Vec<_> = top.clone();
        same.sort_by(|a, b| a.id.cmp(&b.id));
        let mut expected = newest.clone();
        expected.sort_by(|a, b| a.id.cmp(&b.id));
        assert_eq!(same, expected, "{slug}: the same comments in both orders");
        let key = |c: &Comment| (c.likes.unwrap_or(0), at(c));
        assert!(
            top.windows(2).all(|w| key(&w[0]) >= key(&w[1])),
            "{slug}: most liked first, ties newest first"
        );
    }
    assert!(
        articles_with_replies >= 3,
        "the seed and two more have threads"
    );
    assert!(threads_with_more >= 2, "some threads have their own pages");
}

#[test]
fn latest_lists_every_article_newest_first() {
    let text = fs::read_to_string(api_dir().join("latest.json")).unwrap();
    let items = parse_summaries(&text).unwrap();
    assert_eq!(items.len(), articles().len());
    let times: Vec<i64> = items
        .iter()
        .map(|s| contract::time::parse_rfc3339(s.published_at.as_deref().unwrap()).unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "newest first");
}

#[test]
fn the_menu_lists_every_category_the_most_written_first() {
    let text = fs::read_to_string(api_dir().join(contract::paths::CATEGORIES)).unwrap();
    let menu = contract::parse_categories(&text).unwrap();
    let latest =
        parse_summaries(&fs::read_to_string(api_dir().join("latest.json")).unwrap()).unwrap();
    let count = |slug: &str| {
        latest
            .iter()
            .filter(|s| s.category.as_ref().is_some_and(|c| c.slug == slug))
            .count()
    };
    let mut expected: Vec<contract::Category> = Vec::new();
    for s in &latest {
        let c = s.category.as_ref().unwrap();
        if !expected.iter().any(|e| e.slug == c.slug) {
            expected.push(c.clone());
        }
    }
    // As the reference server writes it: the most articles first, ties by slug.
    expected.sort_by(|a, b| {
        count(&b.slug)
            .cmp(&count(&a.slug))
            .then(a.slug.cmp(&b.slug))
    });
    assert_eq!(menu, expected);
}

#[test]
fn each_category_has_its_list_the_newest_of_that_category() {
    let latest =
        parse_summaries(&fs::read_to_string(api_dir().join("latest.json")).unwrap()).unwrap();
    let mut slugs: Vec<&str> = latest
        .iter()
        .filter_map(|s| s.category.as_ref().map(|c| c.slug.as_str()))
        .collect();
    slugs.sort_unstable();
    slugs.dedup();
    let files = fs::read_dir(api_dir().join("categories")).unwrap().count();
    assert_eq!(files, slugs.len(), "one file per category, no other");
    for slug in slugs {
        let path = api_dir().join(contract::paths::category_json(slug));
        let text = fs::read_to_string(&path).unwrap();
        let page = contract::parse_summary_page(&text).unwrap();
        assert_eq!(
            page,
            serde_json::from_str::<contract::SummaryPage>(&text).unwrap()
        );
        let expected: Vec<_> = latest
            .iter()
            .filter(|s| s.category.as_ref().is_some_and(|c| c.slug == slug))
            .cloned()
            .collect();
        // One page: the demo's lists are shorter than a page (20 to 50 is usual).
        assert_eq!(page.items, expected, "{slug}");
        assert_eq!(page.next, None, "{slug}");
    }
}

/// (v3) The photo story: a gallery of 8 to 12 images, each with its alt, caption and
/// sizes, and its summaries saying so (`format`, which a reader without it ignores).
#[test]
fn the_photo_story_has_its_gallery_and_its_lists_say_so() {
    let stories: Vec<Article> = articles()
        .iter()
        .map(|(_, t)| parse_article(t).unwrap())
        .filter(|a| a.body.iter().any(|b| matches!(b, Block::Gallery(_))))
        .collect();
    assert_eq!(stories.len(), 1, "one photo story in the demo");
    let story = &stories[0];
    for block in &story.body {
        if let Block::Gallery(g) = block {
            assert!((8..=12).contains(&g.images.len()), "{}", g.images.len());
            for img in &g.images {
                assert!(!img.image.alt.is_empty() && img.image.caption.is_some());
                assert!(img.image.size().is_some() && img.srcset.len() >= 2);
            }
        }
    }
    for list in ["latest.json", "categories/van-hoa.json"] {
        let text = fs::read_to_string(api_dir().join(list)).unwrap();
        let raw: serde_json::Value = serde_json::from_str(&text).unwrap();
        let item = raw["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["slug"] == story.slug.as_str())
            .unwrap_or_else(|| panic!("{list} lists the photo story"));
        assert_eq!(item["format"], "gallery", "{list}");
    }
}

/// (v3) Every live coverage's entries file (`articles/{slug}/live.json`) is a valid
/// `LiveEntries` (newest first, ids unique: the app's reader says so), read alike by serde,
/// of an article that says it is live; and a live article of the demo has its entries.
#[test]
fn live_entries_files_belong_to_live_articles() {
    let mut files = 0;
    for (_, text) in articles() {
        let article = parse_article(&text).unwrap();
        let path = api_dir().join(contract::paths::live_json(&article.slug));
        let Some(live) = &article.live else {
            assert!(
                !path.exists(),
                "{}: entries of an article not live",
                article.slug
            );
            continue;
        };
        assert_eq!(
            live.endpoint(&article.slug),
            contract::paths::live_json(&article.slug)
        );
        let text = fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: its entries: {e}", path.display()));
        let ours = contract::live::parse_live_entries(&text).unwrap();
        let serde: contract::live::LiveEntries = serde_json::from_str(&text).unwrap();
        assert_eq!(ours, serde, "{}", path.display());
        assert!(
            (10..=15).contains(&ours.entries.len()),
            "{}: a realistic coverage",
            article.slug
        );
        for e in &ours.entries {
            assert!(contract::time::format_vietnam_short(&e.at).is_some());
            assert!(
                !e.body.is_empty() && !e.body.contains(&Block::Unknown),
                "{}",
                e.id
            );
            let started = contract::time::parse_rfc3339(&article.published_at);
            assert!(
                contract::time::parse_rfc3339(&e.at) >= started,
                "{}: after the article",
                e.id
            );
        }
        files += 1;
    }
    assert!(files >= 1, "the demo has a live article");
}
