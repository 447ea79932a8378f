//! The manifest of a prerender run (`.news-prerender` in the build): each article's hash
//! and index record, and the key of every derived file, so that the next run writes only
//! what changed. Also the hashing and the atomic writes the run shares.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::site::content_index::Record;

use super::Options;

/// The manifest's name, in the build.
pub const MANIFEST: &str = ".news-prerender";
/// The manifest's first line: a manifest of another format is ignored (a full run).
// 3: the record's video flag (contract v3), before the category's name.
pub(super) const MANIFEST_HEADER: &str = "news-prerender 3";

/// An article as the manifest keeps it.
#[derive(Debug, Clone)]
pub(super) struct Row {
    pub(super) hash: [u8; 32],
    pub(super) record: Record,
}

#[derive(Debug, Default)]
pub(super) struct Manifest {
    pub(super) global: String,
    pub(super) articles: HashMap<String, Row>,
    /// Derived files (list pages, article sitemaps) and the key of what they list.
    pub(super) files: HashMap<String, String>,
}

impl Manifest {
    pub(super) fn read(path: &Path) -> Manifest {
        let Ok(text) = fs::read_to_string(path) else {
            return Manifest::default();
        };
        let mut lines = text.lines();
        if lines.next() != Some(MANIFEST_HEADER) {
            return Manifest::default();
        }
        let mut m = Manifest::default();
        for line in lines {
            let f: Vec<&str> = line.split('\t').collect();
            match f.as_slice() {
                ["global", g] => m.global = (*g).to_string(),
                ["a", slug, hash, cat, published, modified, video, name, tags @ ..] => {
                    let (Ok(published), Ok(modified), Some(hash)) =
                        (published.parse(), modified.parse(), unhex(hash))
                    else {
                        continue;
                    };
                    m.articles.insert(
                        (*slug).to_string(),
                        Row {
                            hash,
                            record: Record {
                                slug: (*slug).to_string(),
                                category: (*cat).to_string(),
                                category_name: (*name).to_string(),
                                published,
                                modified,
                                // The topics' lists are written from every article's
                                // tags, an article not read again too.
                                tags: tags
                                    .chunks_exact(2)
                                    .map(|t| (t[0].to_string(), t[1].to_string()))
                                    .collect(),
                                video: *video == "v",
                            },
                        },
                    );
                }
                ["f", file, key] => {
                    m.files.insert((*file).to_string(), (*key).to_string());
                }
                _ => {}
            }
        }
        m
    }

    pub(super) fn write(&self, path: &Path) -> Result<(), String> {
        let mut out = String::with_capacity(self.articles.len() * 160);
        out.push_str(MANIFEST_HEADER);
        out.push_str(&format!("\nglobal\t{}\n", self.global));
        let mut slugs: Vec<&String> = self.articles.keys().collect();
        slugs.sort();
        for slug in slugs {
            let r = &self.articles[slug];
            // A name cannot hold a line's separators.
            let name = r.record.category_name.replace(['\t', '\n', '\r'], " ");
            out.push_str(&format!(
                "a\t{slug}\t{}\t{}\t{}\t{}\t{}\t{name}",
                hex(r.hash),
                r.record.category,
                r.record.published,
                r.record.modified,
                if r.record.video { "v" } else { "-" }
            ));
            // Then each tag's slug and name (v3's topics), as fields of their own.
            for (tag, tag_name) in &r.record.tags {
                let tag_name = tag_name.replace(['\t', '\n', '\r'], " ");
                out.push_str(&format!("\t{tag}\t{tag_name}"));
            }
            out.push('\n');
        }
        let mut files: Vec<(&String, &String)> = self.files.iter().collect();
        files.sort();
        for (file, key) in files {
            out.push_str(&format!("f\t{file}\t{key}\n"));
        }
        write_atomic(path, out.as_bytes())
    }
}

/// Writes a file aside then renames it: a server or a sync reading the build never sees
/// half a file.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    fs::write(&tmp, bytes).map_err(|e| format!("{}: {e}", tmp.display()))?;
    fs::rename(&tmp, path).map_err(|e| format!("{}: {e}", path.display()))
}

pub(super) fn hex(digest: impl AsRef<[u8]>) -> String {
    digest.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

/// The digest a manifest line spells in hex.
pub(super) fn unhex(s: &str) -> Option<[u8; 32]> {
    let mut out = [0u8; 32];
    if s.len() != 64 {
        return None;
    }
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

/// Adds a part to a hash with its length, so that two parts cannot run into each other.
pub(super) fn part(h: &mut Sha256, bytes: &[u8]) {
    h.update((bytes.len() as u64).to_le_bytes());
    h.update(bytes);
}

/// What every page is made of besides its article.
pub(super) fn global_hash(opts: &Options, shell_html: &str, most_read: &[u8]) -> String {
    let mut h = Sha256::new();
    part(&mut h, MANIFEST_HEADER.as_bytes());
    part(&mut h, shell_html.as_bytes());
    part(&mut h, opts.base_path.as_bytes());
    part(&mut h, opts.site_url.as_deref().unwrap_or("").as_bytes());
    part(&mut h, most_read);
    // The renderer itself: a build of this program with other templates writes other pages.
    let exe = std::env::current_exe()
        .and_then(fs::read)
        .unwrap_or_default();
    part(&mut h, &exe);
    hex(h.finalize())
}
