//! An article's files in the build: its page (`{category}/{slug}/index.html`) and, when the
//! API's folder is in the build, its fragment for a portal's include
//! (`{api}/articles/{slug}.html`), each with its `.br` and `.gz` siblings. Both are made of
//! the same things, so they are written together when those changed, and removed together
//! when the article is gone.

use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use contract::paths;

use crate::http::compress;
use crate::site::article_file::{self, parse_checked};
use crate::site::article_page::{article_page, Extras, Shell};
use crate::site::content_index::Record;
use crate::site::fragment::fragment;

use super::manifest::{part, write_atomic, Manifest, Row};
use super::Options;

/// What every article's files are made with.
pub(super) struct Pages<'a> {
    pub(super) opts: &'a Options,
    pub(super) shell: &'a Shell,
    pub(super) most_read: &'a [contract::Summary],
    pub(super) global: &'a str,
    pub(super) same_global: bool,
    /// The build's folder of the API (`site_files::api_dir`), where fragments go.
    pub(super) api: Option<PathBuf>,
}

/// What became of one article.
pub(super) enum Outcome {
    Written(Row),
    /// The slug of an article whose row is taken over from the last run's manifest.
    Unchanged(String),
    /// The file and why it was skipped, for the run's report.
    Skipped(String),
}

/// The folder of an article's page.
pub(super) fn page_dir(dist: &Path, category: &str, slug: &str) -> PathBuf {
    dist.join(category).join(slug)
}

/// An article's fragment, under the API's folder.
fn fragment_file(api: &Path, slug: &str) -> PathBuf {
    api.join(paths::article_html(slug))
}

/// A file and its compressed siblings, removed.
fn remove_with_siblings(file: &Path) {
    for ext in ["", ".br", ".gz"] {
        let mut name = file.as_os_str().to_owned();
        name.push(ext);
        let _ = fs::remove_file(PathBuf::from(name));
    }
}

/// A file skipped, said once on stderr as it is met, and named again in the run's report.
fn skipped(path: &Path, why: &str) -> Outcome {
    article_file::report(path, why);
    Outcome::Skipped(format!("{}: {why}", path.display()))
}

/// Hashes one article and writes its page and fragment when that changed.
pub(super) fn one_article(
    pages: &Pages<'_>,
    old: &Manifest,
    slug: &str,
    path: &Path,
) -> Result<Outcome, String> {
    let opts = pages.opts;
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => return Ok(skipped(path, &format!("unreadable: {e}"))),
    };
    let comments_bytes = fs::read(opts.content.join(paths::comments_json(slug, 1))).ok();
    // (v3) A live coverage's entries, in its page as they are now: the page is written
    // again when the newsroom rewrites them.
    let live_bytes = fs::read(opts.content.join(paths::live_json(slug))).ok();
    let mut h = Sha256::new();
    part(&mut h, pages.global.as_bytes());
    part(&mut h, &bytes);
    part(&mut h, comments_bytes.as_deref().unwrap_or(b""));
    part(&mut h, live_bytes.as_deref().unwrap_or(b""));
    let hash: [u8; 32] = h.finalize().into();
    if pages.same_global {
        if let Some(row) = old.articles.get(slug).filter(|r| r.hash == hash) {
            let page = page_dir(&opts.dist, &row.record.category, slug).join("index.html");
            let fragment = pages.api.as_deref().map(|api| fragment_file(api, slug));
            if page.is_file() && fragment.is_none_or(|f| f.is_file()) {
                return Ok(Outcome::Unchanged(slug.to_string()));
            }
        }
    }
    let checked = parse_checked(&bytes, slug)
        .and_then(|article| Record::checked(&article).map(|record| (article, record)));
    let (article, record) = match checked {
        Ok(valid) => valid,
        Err(why) => return Ok(skipped(path, &why)),
    };
    let comments = comments_bytes
        .as_deref()
        .and_then(|b| std::str::from_utf8(b).ok())
        .and_then(|json| contract::parse_comment_page(json).ok());
    // A bad entries file leaves the page without entries (the server refuses to serve it).
    let live = live_bytes
        .filter(|_| article.live.is_some())
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|json| contract::live::parse_live_entries(&json).ok());
    let extras = Extras {
        most_read: pages.most_read,
        comments: comments.as_ref(),
        views_endpoint: None,
        live: live.as_ref(),
    };
    let page = article_page(pages.shell, &article, &extras)?;
    let file = page_dir(&opts.dist, &article.category.slug, &article.slug).join("index.html");
    write_atomic(&file, page.as_bytes())?;
    compress::write_siblings(&file, compress::PER_ARTICLE)?;
    if let Some(api) = &pages.api {
        let file = fragment_file(api, slug);
        write_atomic(&file, fragment(pages.shell, &article, &extras).as_bytes())?;
        compress::write_siblings(&file, compress::PER_ARTICLE)?;
    }
    Ok(Outcome::Written(Row { hash, record }))
}

/// Removes the pages of articles gone, or moved to another category, since the last run,
/// and the fragments of those gone; how many pages.
pub(super) fn remove_gone(
    dist: &Path,
    api: Option<&Path>,
    old: &Manifest,
    manifest: &Manifest,
) -> usize {
    let mut removed = 0;
    for (slug, row) in &old.articles {
        let now = manifest.articles.get(slug);
        if now.is_some_and(|now| now.record.category == row.record.category) {
            continue;
        }
        let dir = page_dir(dist, &row.record.category, slug);
        remove_with_siblings(&dir.join("index.html"));
        let _ = fs::remove_dir(&dir);
        // A moved article's fragment is where it was, written again by this run.
        if let (None, Some(api)) = (now, api) {
            remove_with_siblings(&fragment_file(api, slug));
        }
        removed += 1;
    }
    removed
}
