//! The archive at a small size: `archive` writes a synthetic content folder, `prerender`
//! writes its pages, lists, sitemaps and feeds, and `serve` answers the same from its
//! content index. The sitemaps and feeds are validated against their schemas with xmllint
//! (`server/tests/fixtures/xml/`; `scripts/setup.sh --test` installs it) and checked for
//! what they list.

mod common;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::{Server, TempDir, BIN};
use serde_json::Value;

const SITE: &str = "https://bao.example.vn/tin-tuc/";
const ARTICLES: usize = 130;
const PAGE: usize = 20;
const SITEMAP_URLS: usize = 50;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/xml")
}

/// Validates `file` against `schema` with xmllint; the failure names both and says why.
fn validate(file: &Path, schema: &str) {
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(fixtures().join(schema))
        .arg(file)
        .output()
        .expect("xmllint (Debian's libxml2-utils; scripts/setup.sh --test installs it)");
    assert!(
        out.status.success(),
        "{} against {schema}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn run(args: &[&str]) -> String {
    let out = Command::new(BIN).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Every `loc`'s text of an XML file.
fn locs(xml: &str) -> Vec<String> {
    texts(xml, "loc")
}

/// The texts of every `tag` element of an XML file or a piece of one, as an XML parser
/// reads them (entities decoded).
fn texts(xml: &str, tag: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    // The tests also read one `<item>` of a feed, cut out of it.
    reader.config_mut().allow_unmatched_ends = true;
    let mut out: Vec<String> = Vec::new();
    let mut inside = false;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == tag.as_bytes() => {
                inside = true;
                out.push(String::new());
            }
            Event::End(e) if e.name().as_ref() == tag.as_bytes() => inside = false,
            Event::Text(t) if inside => out.last_mut().unwrap().push_str(&t.unescape().unwrap()),
            Event::Eof => return out,
            _ => {}
        }
    }
}

/// Each article of a content folder: slug → (category, published, title).
fn articles(content: &Path) -> BTreeMap<String, (String, i64, String)> {
    std::fs::read_dir(content.join("articles"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .map(|e| {
            let a: Value =
                serde_json::from_str(&std::fs::read_to_string(e.path()).unwrap()).unwrap();
            let published = news_time(a["published_at"].as_str().unwrap()).expect("a valid date");
            (
                a["slug"].as_str().unwrap().to_string(),
                (
                    a["category"]["slug"].as_str().unwrap().to_string(),
                    published,
                    a["title"].as_str().unwrap().to_string(),
                ),
            )
        })
        .collect()
}

/// Unix seconds of an RFC 3339 time with an offset (the archive writes `+07:00`).
fn news_time(s: &str) -> Option<i64> {
    let (date, rest) = s.split_once('T')?;
    let d: Vec<i64> = date.split('-').map(|x| x.parse().unwrap()).collect();
    let (clock, sign, off) = if let Some((c, o)) = rest.split_once('+') {
        (c, 1, o)
    } else if let Some(c) = rest.strip_suffix('Z') {
        (c, 1, "00:00")
    } else {
        let (c, o) = rest.rsplit_once('-')?;
        (c, -1, o)
    };
    let t: Vec<i64> = clock.split(':').map(|x| x.parse().unwrap()).collect();
    let o: Vec<i64> = off.split(':').map(|x| x.parse().unwrap()).collect();
    // Days from the civil date (Howard Hinnant's algorithm).
    let (y, m) = if d[1] <= 2 {
        (d[0] - 1, d[1] + 9)
    } else {
        (d[0], d[1] - 3)
    };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + d[2] - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + t[0] * 3600 + t[1] * 60 + t[2] - sign * (o[0] * 3600 + o[1] * 60))
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

struct Built {
    dir: TempDir,
    content: PathBuf,
    dist: PathBuf,
}

fn build() -> Built {
    let dir = TempDir::new();
    let content = dir.0.join("content");
    let dist = dir.0.join("dist");
    let n = ARTICLES.to_string();
    let page = PAGE.to_string();
    let out = run(&[
        "archive",
        "--out",
        content.to_str().unwrap(),
        "--articles",
        &n,
        "--seed",
        "5",
        "--page-size",
        &page,
    ]);
    assert!(out.contains(&format!("wrote {ARTICLES} articles")), "{out}");
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><html lang=vi><head><title>Tin tức</title></head>\
         <body><main data-news-app></main></body></html>",
    )
    .unwrap();
    let urls = SITEMAP_URLS.to_string();
    let out = run(&[
        "prerender",
        "--dist",
        dist.to_str().unwrap(),
        "--content",
        content.to_str().unwrap(),
        "--base-path",
        "/tin-tuc",
        "--site-url",
        SITE,
        "--site-name",
        "Báo Quảng Nam",
        "--lists",
        "--page-size",
        &page,
        "--sitemap-urls",
        &urls,
    ]);
    // Not a terminal: no bar, one line.
    assert!(
        out.starts_with(&format!("prerendered {ARTICLES} articles in ")),
        "{out}"
    );
    assert!(
        out.contains(&format!("{ARTICLES} pages written, 0 unchanged")),
        "{out}"
    );
    Built { dir, content, dist }
}

#[test]
fn prerendered_sitemaps_and_feeds_validate_and_list_what_they_should() {
    let b = build();
    let all = articles(&b.content);
    assert_eq!(all.len(), ARTICLES);
    let url_of = |slug: &str| format!("{SITE}{}/{slug}", all[slug].0);

    // The index names every file, each of at most SITEMAP_URLS addresses.
    let index_path = b.dist.join("sitemap.xml");
    validate(&index_path, "siteindex.xsd");
    let index = std::fs::read_to_string(&index_path).unwrap();
    let files = ARTICLES.div_ceil(SITEMAP_URLS);
    assert_eq!(files, 3);
    let mut expected: Vec<String> = vec![format!("{SITE}sitemap-pages.xml")];
    expected.extend((1..=files).map(|n| format!("{SITE}sitemap-articles-{n}.xml")));
    expected.push(format!("{SITE}sitemap-news.xml"));
    assert_eq!(locs(&index), expected);
    assert!(!b
        .dist
        .join(format!("sitemap-articles-{}.xml", files + 1))
        .exists());

    // Every article once, in files of at most the limit.
    let mut seen = Vec::new();
    for n in 1..=files {
        let path = b.dist.join(format!("sitemap-articles-{n}.xml"));
        validate(&path, "sitemap.xsd");
        let l = locs(&std::fs::read_to_string(&path).unwrap());
        assert!(l.len() <= SITEMAP_URLS, "file {n}: {}", l.len());
        seen.extend(l);
    }
    let mut wanted: Vec<String> = all.keys().map(|s| url_of(s)).collect();
    seen.sort();
    wanted.sort();
    assert_eq!(seen, wanted);

    // The front page and the categories.
    let pages_path = b.dist.join("sitemap-pages.xml");
    validate(&pages_path, "sitemap.xsd");
    let categories: HashSet<&str> = all.values().map(|v| v.0.as_str()).collect();
    let pages = locs(&std::fs::read_to_string(&pages_path).unwrap());
    assert_eq!(pages[0], SITE);
    assert_eq!(pages.len(), categories.len() + 1);
    for c in &categories {
        assert!(pages.contains(&format!("{SITE}{c}")), "{c}");
    }

    // Google News: exactly the articles of the last two days, with their titles.
    let news_path = b.dist.join("sitemap-news.xml");
    validate(&news_path, "sitemap.xsd");
    let news = std::fs::read_to_string(&news_path).unwrap();
    let t = now();
    let recent: Vec<&String> = all
        .iter()
        .filter(|(_, v)| v.1 <= t && v.1 >= t - 2 * 86_400)
        .map(|(s, _)| s)
        .collect();
    // The archive publishes 60 a day from now: about 120 in two days, not all 130.
    assert!((100..ARTICLES).contains(&recent.len()), "{}", recent.len());
    let listed = locs(&news);
    // The two-day boundary may have moved by the seconds since prerender ran.
    assert!(
        listed.len().abs_diff(recent.len()) <= 1,
        "{} vs {}",
        listed.len(),
        recent.len()
    );
    let titles = texts(&news, "news:title");
    assert_eq!(titles.len(), listed.len());
    for (loc, title) in listed.iter().zip(&titles) {
        let slug = loc.rsplit('/').next().unwrap();
        assert_eq!(
            title.replace("&amp;", "&"),
            all[slug].2,
            "the title of {slug}"
        );
        assert!(all[slug].1 >= t - 2 * 86_400 - 60, "{slug} is recent");
    }
    assert!(news.contains("<news:name>Báo Quảng Nam</news:name>"));
    assert!(news.contains("<news:language>vi</news:language>"));

    // The feed: the 50 newest, newest first, absolute links; each category's its own.
    let feed_path = b.dist.join("feed.xml");
    validate(&feed_path, "rss-2.0.xsd");
    let feed = std::fs::read_to_string(&feed_path).unwrap();
    let mut newest: Vec<(&String, &(String, i64, String))> = all.iter().collect();
    newest.sort_by(|a, b| (b.1 .1, b.0).cmp(&(a.1 .1, a.0)));
    let want: Vec<String> = newest.iter().take(50).map(|(s, _)| url_of(s)).collect();
    let items: Vec<String> = feed
        .split("<item>")
        .skip(1)
        .map(|i| texts(i, "link")[0].clone())
        .collect();
    assert_eq!(items, want);
    assert_eq!(
        feed.matches("<guid isPermaLink=\"true\">").count(),
        50,
        "every item has a permalink guid"
    );
    assert_eq!(feed.matches("<pubDate>").count(), 50);
    assert!(feed.contains(&format!("href=\"{SITE}feed.xml\"")));
    for c in &categories {
        let path = b.dist.join(format!("{c}/feed.xml"));
        validate(&path, "rss-2.0.xsd");
        let f = std::fs::read_to_string(&path).unwrap();
        let links: Vec<String> = f
            .split("<item>")
            .skip(1)
            .map(|i| texts(i, "link")[0].clone())
            .collect();
        let mine = all.values().filter(|v| v.0 == *c).count();
        assert_eq!(links.len(), mine.min(50), "{c}");
        assert!(
            links.iter().all(|l| l.starts_with(&format!("{SITE}{c}/"))),
            "{c}"
        );
    }

    let robots = std::fs::read_to_string(b.dist.join("robots.txt")).unwrap();
    assert!(
        robots.contains(&format!("Sitemap: {SITE}sitemap.xml\n")),
        "{robots}"
    );

    // The lists: following `next` from the head reads every article once, newest first.
    let mut seen = Vec::new();
    let mut path = Some("latest.json".to_string());
    while let Some(p) = path {
        let page: Value =
            serde_json::from_str(&std::fs::read_to_string(b.dist.join("api").join(&p)).unwrap())
                .unwrap();
        seen.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["slug"].as_str().unwrap().to_string()),
        );
        path = page["next"].as_str().map(str::to_string);
    }
    let want: Vec<String> = newest.iter().map(|(s, _)| (*s).clone()).collect();
    assert_eq!(seen, want);
    drop(b.dir);
}

#[test]
fn the_server_answers_the_same_from_its_index_and_follows_new_files() {
    let b = build();
    let s = Server::start_with_content(
        &b.content,
        &[
            "--site-url",
            SITE,
            "--site-name",
            "Báo Quảng Nam",
            "--page-size",
            &PAGE.to_string(),
            "--sitemap-urls",
            &SITEMAP_URLS.to_string(),
        ],
    );
    // The same bytes as the static files, for what does not move with the clock.
    for (path, file) in [
        ("/sitemap-articles-1.xml", "sitemap-articles-1.xml"),
        ("/sitemap-articles-3.xml", "sitemap-articles-3.xml"),
        ("/sitemap-pages.xml", "sitemap-pages.xml"),
        ("/feed.xml", "feed.xml"),
        ("/api/latest.json", "api/latest.json"),
        ("/api/latest/1.json", "api/latest/1.json"),
        ("/api/categories/xa-hoi.json", "api/categories/xa-hoi.json"),
    ] {
        let r = s.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(
            r.text(),
            std::fs::read_to_string(b.dist.join(file)).unwrap(),
            "{path}"
        );
    }
    let r = s.get("/sitemap.xml");
    assert_eq!(
        r.header("content-type"),
        Some("application/xml; charset=utf-8")
    );
    assert_eq!(locs(&r.text()).len(), 5);
    let r = s.get("/xa-hoi/feed.xml");
    assert_eq!(
        r.header("content-type"),
        Some("application/rss+xml; charset=utf-8")
    );
    // An ETag, and 304 for a reader that has it.
    let etag = r.header("etag").unwrap().to_string();
    let again = common::request(
        &s.addr,
        "GET",
        "/xa-hoi/feed.xml",
        &[("If-None-Match", &etag)],
        b"",
    );
    assert_eq!(again.status, 304);
    let robots = s.get("/robots.txt").text();
    assert!(
        robots.contains(&format!("Sitemap: {SITE}sitemap.xml")),
        "{robots}"
    );
    assert!(robots.contains("Disallow: /quan-tri/"), "{robots}");
    for missing in [
        "/sitemap-articles-4.xml",
        "/sitemap-articles-0.xml",
        "/khong-co/feed.xml",
        "/api/categories/khong-co.json",
        "/api/latest/99.json",
        "/api/latest/01.json",
    ] {
        assert_eq!(s.get(missing).status, 404, "{missing}");
    }

    // A new article file is in the lists within moments, without a restart.
    let slug = "bai-viet-moi-nhat";
    let json = format!(
        r#"{{"slug":"{slug}","title":"Bài viết mới nhất","category":{{"slug":"xa-hoi","name":"Xã Hội"}},
        "published_at":"2099-01-01T08:00:00+07:00","authors":[],"body":[]}}"#
    );
    std::fs::write(b.content.join(format!("articles/{slug}.json")), json).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let head = s.get("/api/latest.json").json();
        if head["items"][0]["slug"] == slug {
            break;
        }
        assert!(Instant::now() < deadline, "the new article never showed");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(
        s.get("/api/categories/xa-hoi.json").json()["items"][0]["slug"],
        slug
    );
    assert!(texts(&s.get("/feed.xml").text(), "link").contains(&format!("{SITE}xa-hoi/{slug}")));
    // And gone when its file is.
    std::fs::remove_file(b.content.join(format!("articles/{slug}.json"))).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while s.get("/api/latest.json").json()["items"][0]["slug"] == slug {
        assert!(Instant::now() < deadline, "the removed article stayed");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn without_a_site_address_there_are_no_sitemaps_but_the_lists_are_served() {
    let s = Server::start(&[]);
    assert_eq!(s.get("/sitemap.xml").status, 404);
    assert_eq!(s.get("/feed.xml").status, 404);
    let head = s.get("/api/latest.json");
    assert_eq!(head.status, 200);
    let items = head.json()["items"].as_array().unwrap().len();
    assert_eq!(items, articles(&common::content_dir()).len());
}
