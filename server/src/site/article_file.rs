//! One article file of the content folder: read, checked against the contract, and when it
//! is bad, why — said once in the log however often it is met (issue 27: an operator reads one
//! line per bad file, not one per request, per list rebuilt or per search).
//!
//! `serve` meets a bad file in its start's scan, in the folder's watcher, in requests and in
//! the search index; `prerender` in its run. All of them ask here, so the reasons are worded
//! once and the log line is written once per file and reason.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

use contract::Article;

/// The article in `bytes`, the file of `slug`, or why it is none.
pub fn parse_checked(bytes: &[u8], slug: &str) -> Result<Article, String> {
    if bytes.len() > contract::ARTICLE_MAX_BYTES {
        return Err(format!(
            "too large: {} bytes, over the {} an article may have",
            bytes.len(),
            contract::ARTICLE_MAX_BYTES
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8 ({e})"))?;
    let article = contract::parse_article(text).map_err(|e| format!("not a valid article: {e}"))?;
    if article.slug != slug {
        return Err(format!(
            "its slug is «{}», its file name «{slug}»",
            article.slug
        ));
    }
    Ok(article)
}

/// Reads the file of `slug` at `path` and checks it; a bad file is logged once.
pub fn read_article(path: &Path, slug: &str) -> Option<Article> {
    let checked = std::fs::read(path)
        .map_err(|e| format!("unreadable: {e}"))
        .and_then(|bytes| parse_checked(&bytes, slug));
    outcome(path, checked)
}

/// The value, or `None` with the reason logged once; a good read forgets the file's past
/// reasons, so a file broken again later is said again.
pub fn outcome<T>(path: &Path, checked: Result<T, String>) -> Option<T> {
    match checked {
        Ok(value) => {
            mended(path);
            Some(value)
        }
        Err(why) => {
            report(path, &why);
            None
        }
    }
}

/// The files and reasons already logged: process-wide, as the log is.
static SAID: Mutex<Option<HashSet<(PathBuf, String)>>> = Mutex::new(None);

/// Whether anything was ever said: a good read (every article of a 100,000-article scan, on
/// every core) then takes no lock unless some file was bad.
static ANY_SAID: AtomicBool = AtomicBool::new(false);

/// Logs `path` as skipped for `why`, unless that was said already.
pub fn report(path: &Path, why: &str) {
    let mut said = SAID.lock().unwrap_or_else(PoisonError::into_inner);
    if said
        .get_or_insert_with(HashSet::new)
        .insert((path.to_path_buf(), why.to_string()))
    {
        tracing::warn!("content: skipped {}: {why}", path.display());
        ANY_SAID.store(true, Ordering::Relaxed);
    }
}

/// Forgets what was said of `path` (it reads well now).
fn mended(path: &Path) {
    if !ANY_SAID.load(Ordering::Relaxed) {
        return;
    }
    let mut said = SAID.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(set) = said.as_mut().filter(|s| !s.is_empty()) {
        set.retain(|(p, _)| p != path);
    }
}
