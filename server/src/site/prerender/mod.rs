//! Article pages written before any script runs (`news-server prerender`), for static
//! hosts: the built `index.html` with each article, its comments and the «Đọc nhiều» list
//! already in it (`article_page`), at the path a deep link asks for. A reader sees the
//! article as soon as the HTML and CSS arrive, and readers without JavaScript (and crawlers)
//! see it at all; the app then adopts the page. Beside each article's JSON in the build's
//! API folder, its fragment for a portal's include (`articles/{slug}.html`,
//! `site::fragment`). Beside them: the sitemaps, the feeds and `robots.txt` (when the
//! site's address is known), the topics' lists, the static search index
//! (`search_files`) and, with `--lists`, the paged lists.
//!
//! At an archive's size (100,000 articles and more) a run is:
//! - **incremental**: a manifest in the build (`.news-prerender`) keeps, per article, the
//!   SHA-256 of what its page is made of (its file, its first comment page) and, per list
//!   page and sitemap file, of the articles it lists. A page is written again only when
//!   that changed, or when what every page shares did (the shell, the base path, the
//!   site's address, `most-read.json`, this program's own binary: a new renderer); an
//!   article removed since loses its page and fragment. Lists are paged from the oldest article
//!   (`index`), so a new article changes the heads of two lists and no other page;
//! - **parallel**: articles are read, hashed, rendered and compressed on every core
//!   (rayon);
//! - **streaming**: a worker holds one article at a time; what stays in memory is the
//!   index and the manifest, about 200 bytes an article;
//! - **visible**: a progress bar on stderr when it is a terminal (indicatif), and one line
//!   on stdout at the end in any case.

use std::collections::HashMap;
use std::fs;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use contract::paths;

use crate::http::compress;
use crate::site::article_page::Shell;
use crate::site::content_index::{self, Index};
use crate::site::sitemap::Site;

mod article_files;
mod manifest;
mod search_files;
mod site_files;

use article_files::{one_article, remove_gone, Outcome, Pages};
pub(crate) use manifest::write_atomic;
pub use manifest::MANIFEST;
use manifest::{global_hash, Manifest};
use site_files::{api_dir, write_lists, write_site_files};

/// What a run is told.
#[derive(Debug, Clone)]
pub struct Options {
    /// The build (its `index.html` is the shell).
    pub dist: PathBuf,
    /// The content folder.
    pub content: PathBuf,
    /// The app's path prefix the build was made for (`""` at the root).
    pub base_path: String,
    /// The app's public address, when known (the build's `data-site-url` wins).
    pub site_url: Option<String>,
    /// The publication's name, for the news sitemap and the feeds.
    pub site_name: String,
    /// Write the paged lists into the build's API folder.
    pub lists: bool,
    /// Articles per list page.
    pub page_size: usize,
    /// The most addresses in one sitemap file.
    pub sitemap_urls: usize,
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Report {
    /// Valid articles in the content folder.
    pub articles: usize,
    /// Article pages written.
    pub written: usize,
    /// Article pages left as they were.
    pub unchanged: usize,
    /// Files that were not valid articles.
    pub skipped: usize,
    /// Each file skipped, with why (its path, a colon, the reason), in no order.
    pub skipped_files: Vec<String>,
    /// Pages of articles gone since the last run, removed.
    pub removed: usize,
    /// List pages, sitemaps, feeds and `robots.txt` written.
    pub other_files: usize,
    /// The build's other files, given their `.br` and `.gz` siblings.
    pub compressed: compress::Report,
    /// How long it took.
    pub elapsed: Duration,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "prerendered {} articles in {:.1} s: {} pages written, {} unchanged, {} removed, \
             {} skipped; {} lists, sitemaps and feeds written; {} other files compressed",
            self.articles,
            self.elapsed.as_secs_f64(),
            self.written,
            self.unchanged,
            self.removed,
            self.skipped,
            self.other_files,
            self.compressed.files
        )
    }
}

/// Writes what changed since the last run into `opts.dist` (see the module's notes).
pub fn run(opts: &Options) -> Result<Report, String> {
    let started = Instant::now();
    let dist = &opts.dist;
    let shell_path = dist.join("index.html");
    let html =
        fs::read_to_string(&shell_path).map_err(|e| format!("{}: {e}", shell_path.display()))?;
    let shell = Shell::new(html.clone(), &opts.base_path, opts.site_url.as_deref())
        .map_err(|e| format!("{}: {e}", shell_path.display()))?;
    let most_read_bytes = fs::read(opts.content.join(paths::MOST_READ)).unwrap_or_default();
    let most_read = std::str::from_utf8(&most_read_bytes)
        .ok()
        .and_then(|json| contract::parse_summaries(json).ok())
        .unwrap_or_default();
    let global = global_hash(opts, &html, &most_read_bytes);
    let manifest_path = dist.join(MANIFEST);
    let mut old = Manifest::read(&manifest_path);
    let pages = Pages {
        opts,
        shell: &shell,
        most_read: &most_read,
        same_global: old.global == global,
        global: &global,
        api: api_dir(dist, &shell),
    };
    let outcomes = write_pages(&pages, &old)?;
    let api = pages.api;
    let mut report = Report::default();
    let mut manifest = Manifest {
        global,
        ..Manifest::default()
    };
    tally(outcomes, &mut old, &mut manifest, &mut report)?;
    report.removed = remove_gone(dist, api.as_deref(), &old, &manifest);
    let index = Index::build(
        manifest.articles.values().map(|r| r.record.clone()),
        opts.page_size,
    );
    let (other_files, files_now) = write_other_files(opts, &shell, &index, &manifest, &old)?;
    report.other_files += other_files;
    // The static search index (v3), for a host with no `search.json`: made from every
    // article (seconds at 100,000), so only when an article's page was written or removed
    // (or there is none yet), not on a run that found nothing changed.
    if let Some(api) = api.as_deref() {
        let changed =
            report.written + report.removed > 0 || !api.join(paths::STATIC_SEARCH_INFO).is_file();
        if changed {
            report.other_files += search_files::write(&opts.content, &index, api)?;
        }
    }
    manifest.files = files_now;
    manifest.write(&manifest_path)?;
    report.compressed = compress_build(dist, &index)?;
    report.elapsed = started.elapsed();
    Ok(report)
}

/// What [`write_search_index`] did.
#[derive(Debug)]
pub struct SearchIndexReport {
    pub articles: usize,
    pub written: usize,
    pub elapsed: Duration,
}

/// Writes the static search index of the articles of `content` under `api` (`search/`),
/// without the pages: `news-server search-index`, for a host whose pages are made elsewhere.
pub fn write_search_index(content: &Path, api: &Path) -> Result<SearchIndexReport, String> {
    let started = Instant::now();
    let records = content_index::scan(content)
        .map_err(|e| format!("{}: {e}", content.join("articles").display()))?;
    let index = Index::build(records, 1);
    let written = search_files::write(content, &index, api)?;
    Ok(SearchIndexReport {
        articles: index.len(),
        written,
        elapsed: started.elapsed(),
    })
}

/// Every article's page and fragment, in parallel, with a progress bar on a terminal.
fn write_pages(pages: &Pages<'_>, old: &Manifest) -> Result<Vec<Result<Outcome, String>>, String> {
    let opts = pages.opts;
    let files = content_index::article_files(&opts.content)
        .map_err(|e| format!("{}: {e}", opts.content.join("articles").display()))?;
    let bar = progress_bar(files.len());
    let outcomes = files
        .par_iter()
        .map(|(slug, path)| {
            let out = one_article(pages, old, slug, path);
            bar.inc(1);
            out
        })
        .collect();
    bar.finish_and_clear();
    Ok(outcomes)
}

/// A progress bar on stderr when it is a terminal, hidden otherwise.
fn progress_bar(len: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} {wide_bar} {pos}/{len} bài viết, {per_sec}, còn {eta}",
        )
        .expect("a valid template"),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// Counts the articles' outcomes into `report` and `manifest`; an unchanged article's
/// row moves from the old manifest to the new.
fn tally(
    outcomes: Vec<Result<Outcome, String>>,
    old: &mut Manifest,
    manifest: &mut Manifest,
    report: &mut Report,
) -> Result<(), String> {
    for o in outcomes {
        match o? {
            Outcome::Written(row) => {
                report.written += 1;
                manifest.articles.insert(row.record.slug.clone(), row);
            }
            Outcome::Unchanged(slug) => {
                // Moved, not copied: one row per article in memory.
                if let Some(row) = old.articles.remove(&slug) {
                    report.unchanged += 1;
                    manifest.articles.insert(slug, row);
                }
            }
            Outcome::Skipped(line) => {
                report.skipped += 1;
                report.skipped_files.push(line);
            }
        }
    }
    report.articles = manifest.articles.len();
    Ok(())
}

/// The lists (`--lists`) and, with a site address, the sitemaps, feeds and `robots.txt`:
/// how many were written, and the derived files' keys for the manifest.
fn write_other_files(
    opts: &Options,
    shell: &Shell,
    index: &Index,
    manifest: &Manifest,
    old: &Manifest,
) -> Result<(usize, HashMap<String, String>), String> {
    let hashes: HashMap<&str, &[u8; 32]> = manifest
        .articles
        .iter()
        .map(|(s, r)| (s.as_str(), &r.hash))
        .collect();
    let mut files_now: HashMap<String, String> = HashMap::new();
    let mut written = 0;
    // The topics' lists (v3) are made from the articles' tags, which no content folder
    // lists by itself: written on every run, so that a static host has them; the other
    // lists with `--lists` (a content folder may carry its own).
    let mut pages = crate::site::list_pages::topic_pages(index);
    if opts.lists {
        pages.extend(crate::site::list_pages::every_page(index));
    }
    written += write_lists(opts, shell, index, pages, &hashes, old, &mut files_now)?;
    written += site_files::write_categories(opts, shell, index)?;
    if let Some(url) = shell.site_url.as_deref() {
        let site = Site {
            url,
            name: &opts.site_name,
        };
        // The API's public address, for the video sitemap: the shell's `api_base`, under
        // the site's address when it is a path of the build.
        let api = match shell
            .api_base
            .strip_prefix(&format!("{}/", shell.base_path))
        {
            Some(rel) => format!("{url}{rel}"),
            None => shell.api_base.clone(),
        };
        written += write_site_files(opts, &site, &api, index, old, &mut files_now)?;
    } else {
        tracing::warn!(
            "prerender: no site address (--site-url or data-site-url): no sitemaps, feeds or robots.txt"
        );
    }
    Ok((written, files_now))
}

/// The rest of the build (its own files, the API's copy): the categories' folders hold
/// only what was compressed with the pages, unless the build uses that name itself.
fn compress_build(dist: &Path, index: &Index) -> Result<compress::Report, String> {
    let build_folders = ["api", "images", "audio", "assets"];
    let categories: std::collections::HashSet<PathBuf> = index
        .categories()
        .iter()
        .filter(|c| !build_folders.contains(&&*c.slug))
        .map(|c| dist.join(&*c.slug))
        .collect();
    compress::write_all_but(dist, &|p| categories.contains(p))
}

#[cfg(test)]
mod tests {
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
        let page = fs::read_to_string(dist.join(&a.category.slug).join(&a.slug).join("index.html"))
            .unwrap();
        assert!(
            page.contains(&format!("href=\"/tin-tuc/{}\"", a.category.slug)),
            "links under the base path"
        );
        assert!(page.contains("class=\"na-rank\""), "the most-read list");
        assert!(page.contains("class=\"na-comment\""), "the seed's comments");
        // Its fragment beside its JSON, with the same content as the page's mount element.
        let fragment =
            fs::read_to_string(dist.join("api").join(paths::article_html(&a.slug))).unwrap();
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
            let a = crate::site::article_file::read_article(
                &content.join(paths::article_json(slug)),
                slug,
            )
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
}
