//! Writing a live coverage's entries (contract v3, «Live coverage») into the content
//! folder's `articles/{slug}/live.json`: the one code the command line (`cli/live.rs`) and
//! the desk (`desk/live.rs`) both call. Each change reads the file, changes it and writes it
//! aside then renames it, so a server or a sync never reads half a file, under a lock on
//! the article's own file, so that two editors' entries are both kept. The article's file
//! is left alone (the newsroom sets its `live` field when it publishes).

use std::fmt;
use std::fs::File;
use std::path::Path;

use contract::live::{parse_live_entries, LiveEntries, LiveEntry, LiveStatus, LIVE_MAX_BYTES};
use contract::{is_valid_slug, paths, Block};

use crate::clock;
use crate::site::prerender::write_atomic;

/// Why an entry was not added or a coverage not ended. The words are the command line's;
/// the desk says each in Vietnamese.
#[derive(Debug)]
pub enum LiveError {
    /// Not `[a-z0-9-]+`.
    NotSlug(String),
    /// No `articles/{slug}.json` (or it cannot be opened: the reason).
    NoArticle(String, String),
    /// The entry's text has no words.
    EmptyBody,
    /// The coverage is over: it takes no entry.
    Ended(String),
    /// The existing file is not a valid entries document.
    BadFile(String, String),
    /// The file would be over what a server serves.
    TooLarge(String, usize),
    /// Anything else (the disk, the clock).
    Other(String),
}

impl fmt::Display for LiveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LiveError::NotSlug(slug) => write!(f, "{slug:?} is not a slug (a-z, 0-9 and -)"),
            LiveError::NoArticle(file, why) => {
                write!(f, "no article {file} ({why}); publish the article first")
            }
            LiveError::EmptyBody => write!(f, "no text"),
            LiveError::Ended(file) => write!(f, "{file}: the coverage has ended; no entry added"),
            LiveError::BadFile(file, why) => write!(
                f,
                "{file} is not a valid live entries document ({why}): mend or remove it"
            ),
            LiveError::TooLarge(file, n) => write!(
                f,
                "{file} would be {n} bytes, over the {LIVE_MAX_BYTES} a server serves: \
                 continue the coverage in a new article"
            ),
            LiveError::Other(why) => f.write_str(why),
        }
    }
}

/// What a change did: the entry's id (an add), and the entries in all.
#[derive(Debug, Clone)]
pub struct Changed {
    /// The new entry's id, for an add.
    pub id: Option<String>,
    /// The entries the file now has.
    pub count: usize,
}

/// Adds an entry of plain `text` (paragraphs separated by blank lines, every character
/// kept as text) to `slug`'s coverage, `at` (RFC 3339 in Vietnam time) or now; the file is
/// made (status live) when absent.
pub fn add(
    content: &Path,
    slug: &str,
    title: Option<&str>,
    text: &str,
    at: Option<String>,
) -> Result<Changed, LiveError> {
    let body = paragraphs(text);
    if body.is_empty() {
        return Err(LiveError::EmptyBody);
    }
    let at = match at {
        Some(at) => at,
        None => contract::time::vietnam_rfc3339(&clock::rfc3339_utc(clock::now_unix()))
            .ok_or_else(|| {
                LiveError::Other("the clock is past the years RFC 3339 can write".into())
            })?,
    };
    change(content, slug, |doc, file| {
        if doc.status == LiveStatus::Ended {
            return Err(LiveError::Ended(file.to_string()));
        }
        let id = fresh_id(doc)?;
        let entry = LiveEntry {
            id: id.clone(),
            at,
            title: title
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(String::from),
            body,
        };
        insert(doc, entry);
        Ok(Some(id))
    })
}

/// Sets `slug`'s coverage to ended: readers' pages stop polling.
pub fn end(content: &Path, slug: &str) -> Result<Changed, LiveError> {
    change(content, slug, |doc, _| {
        doc.status = LiveStatus::Ended;
        Ok(None)
    })
}

/// The coverages of the folder: the slugs with an `articles/{slug}/live.json`, each with
/// its status (`None`: not a valid document), by slug.
pub fn coverages(content: &Path) -> Vec<(String, Option<LiveStatus>)> {
    let Ok(dir) = std::fs::read_dir(content.join("articles")) else {
        return Vec::new();
    };
    let mut out: Vec<_> = dir
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|slug| is_valid_slug(slug))
        .filter_map(|slug| {
            let text = std::fs::read_to_string(content.join(paths::live_json(&slug))).ok()?;
            let status = parse_live_entries(&text).ok().map(|d| d.status);
            Some((slug, status))
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Reads `slug`'s entries (none, live, when there is no file yet), lets `edit` change
/// them, writes them back whole, under the article file's lock.
fn change(
    content: &Path,
    slug: &str,
    edit: impl FnOnce(&mut LiveEntries, &str) -> Result<Option<String>, LiveError>,
) -> Result<Changed, LiveError> {
    if !is_valid_slug(slug) {
        return Err(LiveError::NotSlug(slug.to_string()));
    }
    let article = content.join(paths::article_json(slug));
    let lock = File::open(&article)
        .map_err(|e| LiveError::NoArticle(article.display().to_string(), e.to_string()))?;
    lock.lock()
        .map_err(|e| LiveError::Other(format!("{}: {e}", article.display())))?;
    let name = paths::live_json(slug);
    let path = content.join(&name);
    let mut doc = read(&path)?;
    let id = edit(&mut doc, &name)?;
    let mut json =
        serde_json::to_string_pretty(&doc).map_err(|e| LiveError::Other(e.to_string()))?;
    json.push('\n');
    // What `serve` would refuse is never written.
    if json.len() > LIVE_MAX_BYTES {
        return Err(LiveError::TooLarge(name, json.len()));
    }
    parse_live_entries(&json)
        .map_err(|e| LiveError::Other(format!("{name}: would not be valid: {e}")))?;
    write_atomic(&path, json.as_bytes()).map_err(LiveError::Other)?;
    Ok(Changed {
        id,
        count: doc.entries.len(),
    })
}

fn read(path: &Path) -> Result<LiveEntries, LiveError> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse_live_entries(&text)
            .map_err(|e| LiveError::BadFile(path.display().to_string(), e.to_string())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(LiveEntries {
            status: LiveStatus::Live,
            entries: Vec::new(),
        }),
        Err(e) => Err(LiveError::Other(format!("{}: {e}", path.display()))),
    }
}

/// `e-` and 16 hex digits from the system's random source, unused in `doc`.
fn fresh_id(doc: &LiveEntries) -> Result<String, LiveError> {
    loop {
        let id = format!(
            "e-{:016x}",
            getrandom::u64().map_err(|e| LiveError::Other(e.to_string()))?
        );
        if doc.entries.iter().all(|e| e.id != id) {
            return Ok(id);
        }
    }
}

/// Puts `entry` before every entry not newer than it: newest first, a new entry first
/// among those of its minute.
fn insert(doc: &mut LiveEntries, entry: LiveEntry) {
    let at = contract::time::parse_rfc3339(&entry.at);
    let place = doc
        .entries
        .iter()
        .position(|e| contract::time::parse_rfc3339(&e.at) <= at)
        .unwrap_or(doc.entries.len());
    doc.entries.insert(place, entry);
}

/// Plain text → paragraph blocks: blank lines separate paragraphs, every character is
/// escaped for HTML.
fn paragraphs(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut lines: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim).chain(std::iter::once("")) {
        if !line.is_empty() {
            lines.push(line);
        } else if !lines.is_empty() {
            out.push(Block::Paragraph {
                html: escape(&lines.join(" ")),
            });
            lines.clear();
        }
    }
    out
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_becomes_escaped_paragraphs() {
        let text = "Hiệp 1:\r\n<script>alert(\"x\")</script> & 'y'\n\n\n  Hết giờ  \n";
        assert_eq!(
            paragraphs(text),
            [
                Block::Paragraph {
                    html: "Hiệp 1: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
                        .into()
                },
                Block::Paragraph {
                    html: "Hết giờ".into()
                },
            ]
        );
        assert!(paragraphs(" \n\n").is_empty());
    }

    #[test]
    fn an_entry_goes_in_time_order_newest_first() {
        let entry = |id: &str, at: &str| LiveEntry {
            id: id.into(),
            at: at.into(),
            title: None,
            body: Vec::new(),
        };
        let mut doc = LiveEntries {
            status: LiveStatus::Live,
            entries: vec![
                entry("b", "2026-02-02T10:00:00+07:00"),
                entry("a", "2026-02-02T09:00:00+07:00"),
            ],
        };
        insert(&mut doc, entry("late", "2026-02-02T09:30:00+07:00"));
        insert(&mut doc, entry("new", "2026-02-02T03:00:00Z"));
        let ids: Vec<_> = doc.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["new", "b", "late", "a"]);
    }
}
