//! Reading the articles folder: its article files, and every article in it as a record.

use std::path::{Path, PathBuf};

use contract::is_valid_slug;

use super::record::Record;
use crate::site::article_file::{self, read_article};
use rayon::prelude::*;

/// The article files of a content folder's `articles/`: regular files named
/// `{slug}.json` with a valid slug (a link is not followed: what it points to may be
/// outside the folder), sorted by slug.
pub fn article_files(content: &Path) -> std::io::Result<Vec<(String, PathBuf)>> {
    let folder = content.join("articles");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&folder)? {
        let entry = entry?;
        if !entry.file_type()?.is_file() {
            continue;
        }
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        if let Some(slug) = slug_of_file(&name) {
            out.push((slug.to_string(), entry.path()));
        }
    }
    out.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// The slug of an article file's name.
pub fn slug_of_file(name: &str) -> Option<&str> {
    name.strip_suffix(".json").filter(|s| is_valid_slug(s))
}

/// Reads every article of `content` (on every core) into records; unreadable or invalid
/// files are skipped, each said once in the log (`article_file`), as `prerender` skips them.
pub fn scan(content: &Path) -> std::io::Result<Vec<Record>> {
    let files = article_files(content)?;
    Ok(files
        .par_iter()
        .filter_map(|(slug, path)| {
            let article = read_article(path, slug)?;
            article_file::outcome(path, Record::checked(&article))
        })
        .collect())
}
