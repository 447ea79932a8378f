//! The prerender's tests: whole runs on the demo content and on a synthetic archive, then
//! runs again after an article is added, edited or removed.

use super::*;
use crate::site::sitemap;

const SHELL: &str = "<!doctype html><html lang=vi><head><meta charset=utf-8><title>Tin tức</title>\
    </head><body><main class=na-page data-news-app><p class=na-boot>Đang tải bài viết…</p></main></body></html>";

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/api")
}

fn seed() -> contract::Article {
    let path =
        demo().join("articles/khoi-thi-dua-cac-co-quan-cong-tac-dang-tong-ket-nam-2022.json");
    contract::parse_article(&fs::read_to_string(path).unwrap()).unwrap()
}

fn options(dist: &Path, content: &Path, base: &str) -> Options {
    Options {
        dist: dist.to_path_buf(),
        content: content.to_path_buf(),
        base_path: base.into(),
        site_url: None,
        site_name: "Tin tức".into(),
        lists: false,
        page_size: 30,
        sitemap_urls: sitemap::MAX_URLS,
    }
}

#[test]
fn every_demo_article_is_written_where_its_link_points() {
    let dist = std::env::temp_dir().join(format!("news-prerender-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dist);
    fs::create_dir_all(&dist).unwrap();
    fs::write(dist.join("index.html"), SHELL).unwrap();
    let report = run(&options(&dist, &demo(), "/tin-tuc")).unwrap();
    let articles = content_index::article_files(&demo()).unwrap().len();
    assert_eq!(report.written, articles);
    assert_eq!(report.articles, articles);
    let a = seed();
    let page =
        fs::read_to_string(dist.join(&a.category.slug).join(&a.slug).join("index.html")).unwrap();
    assert!(
        page.contains(&format!("href=\"/tin-tuc/{}\"", a.category.slug)),
        "links under the base path"
    );
    assert!(page.contains("class=\"na-rank\""), "the most-read list");
    assert!(page.contains("class=\"na-comment\""), "the seed's comments");
    // Its fragment beside its JSON, with the same content as the page's mount element.
    let fragment = fs::read_to_string(dist.join("api").join(paths::article_html(&a.slug))).unwrap();
    assert!(fragment.starts_with("<div class=\"news-app\" lang=\"vi\" data-news-static="));
    // The page's content, byte for byte, but for the masthead and the search box: the
    // portal's page has its own.
    let start = page.find("<header class=\"na-masthead\">").unwrap();
    let end = page[start..].find("</form>").unwrap() + start + "</form>".len();
    assert!(page[start..end].contains("href=\"/tin-tuc/\""), "home");
    let without = format!("{}{}", &page[..start], &page[end..]);
    assert!(
        without.contains(&fragment),
        "the page's content, byte for byte"
    );
    // The content folder's own menu (categories.json) is the build's copy, not rewritten.
    assert!(!dist.join("api").join(paths::CATEGORIES).exists());
    assert!(dist
        .join("api")
        .join(paths::article_html(&a.slug) + ".br")
        .is_file());
    // Each topic's list (v3), for a static host: every article with that tag.
    let topic = |dist: &Path| {
        fs::read_to_string(
            dist.join("api")
                .join(paths::topic_page_json("tet-quy-mao", None)),
        )
        .unwrap()
    };
    let listed = contract::parse_summary_page(&topic(&dist)).unwrap();
    assert_eq!(
        listed.items.len(),
        3,
        "the demo's three articles of Tết Quý Mão"
    );
    let first = topic(&dist);
    // Again: nothing changed, nothing written; the topics as they were (the manifest
    // keeps the tags of the articles not read again).
    let again = run(&options(&dist, &demo(), "/tin-tuc")).unwrap();
    assert_eq!((again.written, again.unchanged), (0, articles));
    assert_eq!(topic(&dist), first);
    // What the next run builds its index from: the tags read back and written again.
    let kept = fs::read_to_string(dist.join(MANIFEST)).unwrap();
    assert_eq!(
        kept.matches("\ttet-quy-mao\tTết Quý Mão").count(),
        3,
        "{kept}"
    );
    // Another base path changes every page.
    let moved = run(&options(&dist, &demo(), "/khac")).unwrap();
    assert_eq!(moved.written, articles);
    // A second run on its own output is refused rather than nesting pages.
    fs::write(dist.join("index.html"), &page).unwrap();
    assert!(run(&options(&dist, &demo(), "")).is_err());
    fs::remove_dir_all(&dist).unwrap();
}

#[test]
fn only_what_changed_is_written_again_and_a_removed_article_loses_its_page() {
    let base = std::env::temp_dir().join(format!("news-prerender-inc-{}", std::process::id()));
    let _ = fs::remove_dir_all(&base);
    let (content, dist) = (base.join("api"), base.join("dist"));
    let opts = an_archive_prerendered(&content, &dist);
    let files = content_index::article_files(&content).unwrap();
    one_added_writes_its_page_and_the_lists_heads(&content, &dist, &opts);
    let (edited, _) = &files[0];
    let (removed, _) = &files[1];
    one_edited_and_one_removed(&content, &dist, &opts, edited, removed);
    // A third run with nothing changed writes nothing.
    let fourth = run(&opts).unwrap();
    assert_eq!(fourth.written + fourth.removed, 0, "{fourth}");
    assert!(
        fourth.other_files <= 1,
        "only the news sitemap may move with the clock: {fourth}"
    );
    fs::remove_dir_all(&base).unwrap();
}

/// 65 articles of the synthetic archive in `content`, prerendered into `dist` with the
/// lists and sitemaps: the options of every later run.
fn an_archive_prerendered(content: &Path, dist: &Path) -> Options {
    crate::site::archive::write_archive(&crate::site::archive::Options {
        out: content.to_path_buf(),
        articles: 65,
        seed: 3,
        page_size: 30,
        now: crate::clock::now_unix(),
    })
    .unwrap();
    fs::create_dir_all(dist).unwrap();
    fs::write(dist.join("index.html"), SHELL).unwrap();
    let mut opts = options(dist, content, "");
    opts.lists = true;
    opts.site_url = Some("https://bao.example.vn/".into());
    opts.sitemap_urls = 20;
    let first = run(&opts).unwrap();
    assert_eq!((first.articles, first.written), (65, 65));
    // A content folder without a menu of its own gets one, for the masthead.
    let menu = fs::read_to_string(dist.join("api").join(paths::CATEGORIES)).unwrap();
    assert!(!contract::parse_categories(&menu).unwrap().is_empty());
    opts
}

/// One article added, the newest: its page and the lists' heads, nothing else.
fn one_added_writes_its_page_and_the_lists_heads(content: &Path, dist: &Path, opts: &Options) {
    let mtime = |p: &str| fs::metadata(dist.join(p)).unwrap().modified().unwrap();
    let before = [
        "sitemap-articles-1.xml",
        "api/latest/1.json",
        "api/latest.json",
    ]
    .map(mtime);
    let added = format!(
        r#"{{"slug":"bai-moi","title":"Bài mới","category":{{"slug":"xa-hoi","name":"Xã Hội"}},
            "published_at":"{}","authors":[],"body":[]}}"#,
        crate::clock::rfc3339_utc(crate::clock::now_unix())
    );
    fs::write(content.join("articles/bai-moi.json"), added).unwrap();
    let second = run(opts).unwrap();
    assert_eq!(
        (second.written, second.unchanged, second.removed),
        (1, 65, 0),
        "{second}"
    );
    assert!(dist.join("xa-hoi/bai-moi/index.html").is_file());
    assert!(dist.join("xa-hoi/bai-moi/index.html.br").is_file());
    let after = [
        "sitemap-articles-1.xml",
        "api/latest/1.json",
        "api/latest.json",
    ]
    .map(mtime);
    assert_eq!(
        before[..2],
        after[..2],
        "full pages and sitemaps are left alone"
    );
    assert_ne!(before[2], after[2], "the head is written again");
    let head = fs::read_to_string(dist.join("api/latest.json")).unwrap();
    assert!(
        head.starts_with("{\"items\":[{\"slug\":\"bai-moi\""),
        "{head}"
    );
    assert!(fs::read_to_string(dist.join("feed.xml"))
        .unwrap()
        .contains("/xa-hoi/bai-moi<"));
    assert!(fs::read_to_string(dist.join("sitemap-articles-4.xml"))
        .unwrap()
        .contains("/xa-hoi/bai-moi<"));
}

/// One article edited (its page written again), one removed (its page gone).
fn one_edited_and_one_removed(
    content: &Path,
    dist: &Path,
    opts: &Options,
    edited: &str,
    removed: &str,
) {
    let page_of = |slug: &str| {
        let a =
            crate::site::article_file::read_article(&content.join(paths::article_json(slug)), slug)
                .unwrap();
        dist.join(&a.category.slug).join(slug).join("index.html")
    };
    let removed_page = page_of(removed);
    assert!(removed_page.is_file());
    let fragment_of = |slug: &str| dist.join("api").join(paths::article_html(slug));
    assert!(fragment_of(removed).is_file());
    let path = content.join(paths::article_json(edited));
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replacen("\"title\":\"", "\"title\":\"Sửa: ", 1)).unwrap();
    fs::remove_file(content.join(paths::article_json(removed))).unwrap();
    let third = run(opts).unwrap();
    assert_eq!(
        (third.written, third.removed, third.unchanged),
        (1, 1, 64),
        "{third}"
    );
    assert!(!removed_page.exists());
    assert!(!fragment_of(removed).exists(), "its fragment goes with it");
    assert!(fs::read_to_string(fragment_of(edited))
        .unwrap()
        .contains("Sửa: "));
    assert!(fs::read_to_string(page_of(edited))
        .unwrap()
        .contains("Sửa: "));
    assert_eq!(Manifest::read(&dist.join(MANIFEST)).articles.len(), 65);
}
