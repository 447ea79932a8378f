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
mod tests;
