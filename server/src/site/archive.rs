//! A synthetic archive for tests and the benchmark (`news-server archive`): N articles of
//! contract v2 with comments, written into a content folder as a newsroom's would be:
//! `articles/{slug}.json`, `articles/{slug}/comments.json` (20 a page, `next` to the
//! rest), the paged lists (`latest.json`, `categories/{slug}.json` and their numbered pages,
//! as `serve` and `prerender --lists` make them), `most-read.json` and the one image the
//! articles show.
//!
//! Deterministic: the same `--seed`, `--articles` and `--now` write the same bytes on any
//! machine (ChaCha8, one stream per article, so the order in which the cores write them
//! does not matter). Article k (0 the newest) is published about 24 minutes before article
//! k-1, so 60 a day (the 30 to 100 of a provincial portal), the newest at `--now`: with the
//! clock's time, the Google News sitemap has about 120 articles of the last two days.

use std::path::{Path, PathBuf};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde::Serialize;
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

use contract::{
    paths, Article, Author, Block, Category, Comment, CommentPage, CommentsInfo, Image, ReplyPage,
    SummaryList,
};

use crate::site::content_index::{Index, List, Record};
use crate::site::list_pages;

/// The average time between two articles: 60 a day.
const SPACING_SECS: i64 = 24 * 60;
/// Comments per page, as the server serves them.
const COMMENTS_PER_PAGE: usize = 20;
/// The one picture of the archive (heroes and thumbnails), under `images/`.
const IMAGE: &str = "anh-minh-hoa.svg";

/// What to write.
#[derive(Debug, Clone)]
pub struct Options {
    /// The content folder (created; files of the same names are replaced).
    pub out: PathBuf,
    /// How many articles.
    pub articles: usize,
    /// The generator's seed.
    pub seed: u64,
    /// Articles per list page.
    pub page_size: usize,
    /// The newest article's publication time, Unix seconds.
    pub now: i64,
}

/// What was written.
#[derive(Debug, Default)]
pub struct Report {
    /// Articles.
    pub articles: usize,
    /// Comments and replies.
    pub comments: usize,
    /// List pages.
    pub list_pages: usize,
}

const CATEGORIES: &[(&str, &str)] = &[
    ("chinh-tri", "Chính Trị"),
    ("kinh-te", "Kinh Tế"),
    ("xa-hoi", "Xã Hội"),
    ("van-hoa", "Văn Hóa"),
    ("the-thao", "Thể Thao"),
    ("giao-duc", "Giáo Dục"),
    ("suc-khoe", "Sức Khỏe"),
    ("phap-luat", "Pháp Luật"),
    ("du-lich", "Du Lịch"),
    ("quoc-te", "Quốc Tế"),
];

/// Words with their slug form: titles and slugs are made of the same words.
const WORDS: &[(&str, &str)] = &[
    ("Quảng Nam", "quang-nam"),
    ("Tam Kỳ", "tam-ky"),
    ("Hội An", "hoi-an"),
    ("nông dân", "nong-dan"),
    ("mùa lúa", "mua-lua"),
    ("công trình", "cong-trinh"),
    ("giao thông", "giao-thong"),
    ("học sinh", "hoc-sinh"),
    ("bệnh viện", "benh-vien"),
    ("du khách", "du-khach"),
    ("lễ hội", "le-hoi"),
    ("đầu tư", "dau-tu"),
    ("phát triển", "phat-trien"),
    ("khởi công", "khoi-cong"),
    ("hoàn thành", "hoan-thanh"),
    ("tăng trưởng", "tang-truong"),
    ("cải cách", "cai-cach"),
    ("hành chính", "hanh-chinh"),
    ("thanh niên", "thanh-nien"),
    ("miền núi", "mien-nui"),
    ("ven biển", "ven-bien"),
    ("xuất khẩu", "xuat-khau"),
    ("bóng đá", "bong-da"),
    ("văn hóa", "van-hoa"),
    ("an toàn", "an-toan"),
    ("mưa lũ", "mua-lu"),
    ("chợ quê", "cho-que"),
    ("làng nghề", "lang-nghe"),
    ("năm học mới", "nam-hoc-moi"),
    ("hội nghị", "hoi-nghi"),
];

const SENTENCE_PARTS: &[&str] = &[
    "Theo báo cáo của Sở Kế hoạch và Đầu tư",
    "trong những tháng đầu năm",
    "người dân các xã miền núi",
    "chính quyền địa phương đã chủ động",
    "nhiều hộ gia đình",
    "kết quả này cho thấy",
    "các đơn vị liên quan",
    "tỉnh tiếp tục triển khai",
    "mục tiêu đề ra",
    "với sự hỗ trợ của ngành nông nghiệp",
    "đến nay",
    "hơn 500 lao động",
    "thời tiết thuận lợi",
    "nguồn vốn ngân sách",
];

const NAMES: &[&str] = &[
    "Minh Anh",
    "Thu Hà",
    "Văn Bình",
    "Ngọc Lan",
    "Quốc Hùng",
    "Bảo Trâm",
    "Thanh Tùng",
    "Hoàng Yến",
];

fn pick<'a, T>(rng: &mut ChaCha8Rng, from: &'a [T]) -> &'a T {
    &from[rng.random_range(0..from.len())]
}

fn vietnam_time(unix: i64) -> String {
    let offset = UtcOffset::from_hms(7, 0, 0).expect("a valid offset");
    OffsetDateTime::from_unix_timestamp(unix)
        .expect("a date of the archive")
        .to_offset(offset)
        .format(&Rfc3339)
        .expect("formatting a date")
}

fn sentence(rng: &mut ChaCha8Rng) -> String {
    let n = rng.random_range(2..5);
    let mut s: Vec<&str> = (0..n).map(|_| *pick(rng, SENTENCE_PARTS)).collect();
    let mut first = s.remove(0).to_string();
    if let Some(c) = first.chars().next() {
        first = c.to_uppercase().collect::<String>() + &first[c.len_utf8()..];
    }
    s.insert(0, &first);
    format!("{}.", s.join(", "))
}

fn paragraph(rng: &mut ChaCha8Rng) -> String {
    let n = rng.random_range(3..7);
    (0..n).map(|_| sentence(rng)).collect::<Vec<_>>().join(" ")
}

fn image(alt: &str) -> Image {
    Image {
        src: format!("{}{IMAGE}", paths::IMAGES_DIR),
        alt: alt.to_string(),
        caption: None,
        credit: None,
        width: Some(1200),
        height: Some(675),
    }
}

/// Article k (0 the newest) and its comments. Each step below draws from the article's one
/// stream in turn, so their order is the archive's: changing it changes every article.
fn article(opts: &Options, k: usize) -> (Article, Vec<Comment>) {
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    rng.set_stream(k as u64);
    let id = opts.articles - k;
    let published = published_at(opts, k, &mut rng);
    let (title, slug) = headline(&mut rng, id);
    let (cat_slug, cat_name) = *pick(&mut rng, CATEGORIES);
    let body = body(&mut rng);
    let comments = comments(&mut rng, id, published);
    let article = Article {
        slug,
        lead: Some(paragraph(&mut rng)),
        title,
        category: Category {
            slug: cat_slug.into(),
            name: cat_name.into(),
        },
        published_at: vietnam_time(published),
        updated_at: None,
        authors: vec![Author {
            name: pick(&mut rng, NAMES).to_string(),
        }],
        hero: rng.random_bool(0.5).then(|| image("Ảnh minh họa")),
        body,
        tags: Vec::new(),
        related: Vec::new(),
        comments: Some(CommentsInfo {
            enabled: true,
            count: comment_count(&comments),
        }),
        url: None,
        audio: None,
        live: None,
    };
    (article, comments)
}

/// Article k's publication time (Unix seconds, on the minute): k spacings before `now`,
/// up to ten minutes earlier still, but for the newest.
fn published_at(opts: &Options, k: usize, rng: &mut ChaCha8Rng) -> i64 {
    let published =
        opts.now - k as i64 * SPACING_SECS - if k == 0 { 0 } else { rng.random_range(0..600) };
    published - published.rem_euclid(60)
}

/// A title of 4 to 8 words (capitalised) and its slug: the same words without marks, then
/// the article's id.
fn headline(rng: &mut ChaCha8Rng, id: usize) -> (String, String) {
    let n = rng.random_range(4..9);
    let words: Vec<&(&str, &str)> = (0..n).map(|_| pick(rng, WORDS)).collect();
    let mut title: String = words.iter().map(|w| w.0).collect::<Vec<_>>().join(" ");
    if let Some(c) = title.chars().next() {
        title = c.to_uppercase().collect::<String>() + &title[c.len_utf8()..];
    }
    let slug = format!(
        "{}-{id}",
        words.iter().map(|w| w.1).collect::<Vec<_>>().join("-")
    );
    (title, slug)
}

/// 4 to 9 paragraphs, a heading before the third, sometimes a quote after the fourth.
fn body(rng: &mut ChaCha8Rng) -> Vec<Block> {
    let mut body = Vec::new();
    for p in 0..rng.random_range(4..10) {
        if p == 2 {
            body.push(Block::Heading {
                text: sentence(rng).trim_end_matches('.').to_string(),
                level: 2,
            });
        }
        // Plain text: a paragraph's inline markup is the newsroom's, and the demo's articles
        // already carry every tag the allowlist keeps.
        body.push(Block::Paragraph {
            html: paragraph(rng),
        });
        if p == 3 && rng.random_bool(0.3) {
            body.push(Block::Quote {
                text: sentence(rng),
                cite: Some(pick(rng, NAMES).to_string()),
            });
        }
    }
    body
}

/// The comments of article `id`, newest first: a third of the articles are commented, a
/// few of them much (two or three pages); each comment every 15 minutes after the first,
/// ten minutes after publication.
fn comments(rng: &mut ChaCha8Rng, id: usize, published: i64) -> Vec<Comment> {
    if !rng.random_bool(0.35) {
        return Vec::new();
    }
    let n = if rng.random_bool(0.05) {
        rng.random_range(21..50)
    } else {
        rng.random_range(1..9)
    };
    (0..n)
        .map(|j| thread(rng, id, j, published + 600 + j as i64 * 900))
        .rev()
        .collect()
}

/// Top-level comment `j` of article `id`, posted at `at`, with up to two replies a minute
/// apart (drawn before it).
fn thread(rng: &mut ChaCha8Rng, id: usize, j: usize, at: i64) -> Comment {
    let replies: Vec<Comment> = (0..rng.random_range(0..3usize))
        .map(|r| Comment {
            id: format!("c-{id}-{j}-{r}"),
            author_name: pick(rng, NAMES).to_string(),
            body: sentence(rng),
            created_at: vietnam_time(at + 60 + r as i64 * 60),
            likes: rng.random_bool(0.3).then(|| rng.random_range(1..20)),
            replies: None,
        })
        .collect();
    Comment {
        id: format!("c-{id}-{j}"),
        author_name: pick(rng, NAMES).to_string(),
        body: sentence(rng),
        created_at: vietnam_time(at),
        likes: rng.random_bool(0.5).then(|| rng.random_range(1..50)),
        replies: (!replies.is_empty()).then_some(ReplyPage {
            total: replies.len() as u32,
            items: replies,
            next: None,
        }),
    }
}

/// Comments and replies together, as the article's `comments.count`.
fn comment_count(comments: &[Comment]) -> u32 {
    let count: usize = comments
        .iter()
        .map(|c| 1 + c.replies.as_ref().map_or(0, |r| r.items.len()))
        .sum();
    count as u32
}

fn write_json<T: Serialize>(path: &Path, value: &T) -> Result<(), String> {
    let bytes = serde_json::to_vec(value).map_err(|e| e.to_string())?;
    write(path, &bytes)
}

/// Writes `bytes` to `path` (its folder created).
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// Writes the archive (on every core); what it wrote.
pub fn write_archive(opts: &Options) -> Result<Report, String> {
    let out = &opts.out;
    std::fs::create_dir_all(out.join("articles")).map_err(|e| format!("{}: {e}", out.display()))?;
    write(
        &out.join(paths::IMAGES_DIR).join(IMAGE),
        include_bytes!("archive-image.svg"),
    )?;
    let written: Vec<Result<(Record, usize), String>> = (0..opts.articles)
        .into_par_iter()
        .map(|k| {
            let (a, comments) = article(opts, k);
            write_json(&out.join(paths::article_json(&a.slug)), &a)?;
            let total = comments.len() as u32;
            let pages = comments.chunks(COMMENTS_PER_PAGE).count();
            for (p, chunk) in comments.chunks(COMMENTS_PER_PAGE).enumerate() {
                let n = p as u32 + 1;
                let page = CommentPage {
                    items: chunk.to_vec(),
                    total,
                    next: (p + 1 < pages).then(|| paths::comments_json(&a.slug, n + 1)),
                };
                write_json(&out.join(paths::comments_json(&a.slug, n)), &page)?;
            }
            let record = Record::of(&a).ok_or("an article of the archive is unlistable")?;
            Ok((record, a.comments.map_or(0, |c| c.count as usize)))
        })
        .collect();
    let mut records = Vec::with_capacity(opts.articles);
    let mut report = Report::default();
    for r in written {
        let (record, comments) = r?;
        records.push(record);
        report.comments += comments;
    }
    report.articles = records.len();
    let index = Index::build(records, opts.page_size);
    report.list_pages = write_lists(out, &index, out)?;
    // «Đọc nhiều»: ten of the week's articles.
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let recent = index.newest(List::Latest, 7 * 60);
    let mut items = Vec::new();
    for _ in 0..10.min(recent.len()) {
        let e = pick(&mut rng, &recent);
        if let Some(a) = list_pages::article(out, &e.slug) {
            if !items.iter().any(|s: &contract::Summary| s.slug == a.slug) {
                items.push(crate::site::content_folder::summary(&a));
            }
        }
    }
    write_json(&out.join(paths::MOST_READ), &SummaryList { items })?;
    Ok(report)
}

/// Writes every page of every list of `index` (articles read from `content`) under `out`;
/// how many pages.
pub fn write_lists(content: &Path, index: &Index, out: &Path) -> Result<usize, String> {
    let pages = list_pages::every_page(index);
    pages
        .par_iter()
        .map(|(list, page)| {
            let json = list_pages::page_json(content, index, *list, *page)
                .ok_or_else(|| format!("no page {}", list.path(*page)))?;
            write(&out.join(list.path(*page)), &json)
        })
        .collect::<Result<Vec<()>, String>>()
        .map(|v| v.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(out: PathBuf) -> Options {
        Options {
            out,
            articles: 70,
            seed: 7,
            page_size: 30,
            now: 1_764_115_200,
        }
    }

    #[test]
    fn the_same_seed_writes_the_same_valid_archive() {
        let base = std::env::temp_dir().join(format!("news-archive-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        let (a, b) = (base.join("a"), base.join("b"));
        let report = write_archive(&opts(a.clone())).unwrap();
        write_archive(&opts(b.clone())).unwrap();
        assert_eq!(report.articles, 70);
        assert!(report.comments > 0);
        let files = crate::site::content_index::article_files(&a).unwrap();
        assert_eq!(files.len(), 70);
        for (slug, path) in &files {
            let bytes = std::fs::read(path).unwrap();
            assert_eq!(
                bytes,
                std::fs::read(b.join(paths::article_json(slug))).unwrap()
            );
            let article = contract::parse_article(std::str::from_utf8(&bytes).unwrap())
                .unwrap_or_else(|e| panic!("{slug}: {e}"));
            assert_eq!(&article.slug, slug);
        }
        // The newest is published at `now`; the lists are paged and follow their `next`.
        let index = Index::build(crate::site::content_index::scan(&a).unwrap(), 30);
        assert_eq!(index.newest(List::Latest, 1)[0].published, 1_764_115_200);
        let head = std::fs::read_to_string(a.join("latest.json")).unwrap();
        let head: serde_json::Value = serde_json::from_str(&head).unwrap();
        assert_eq!(head["items"].as_array().unwrap().len(), 40);
        assert_eq!(head["next"], "latest/1.json");
        assert!(a.join("latest/2.json").is_file());
        assert!(a.join("most-read.json").is_file());
        // A comment page with more than 20 comments names its next page.
        let mut paged = 0;
        for (slug, _) in &files {
            if let Ok(t) = std::fs::read_to_string(a.join(paths::comments_json(slug, 1))) {
                let page = contract::parse_comment_page(&t).unwrap();
                if let Some(next) = page.next {
                    assert!(a.join(next).is_file());
                    paged += 1;
                }
            }
        }
        assert!(paged > 0, "some articles have two pages of comments");
        std::fs::remove_dir_all(&base).unwrap();
    }
}
