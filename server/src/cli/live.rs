//! `news-server live add|end`: an editor's entries of live coverage (contract v3, «Live
//! coverage»), written into the content folder's `articles/{slug}/live.json`, which `serve`
//! answers and a static host uploads. Each run reads the file, changes it and writes it
//! aside then renames it, so a server or a sync never reads half a file; the article's
//! own file is left alone (the newsroom sets its `live` field when it publishes).

use std::fs::File;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use contract::live::{parse_live_entries, LiveEntries, LiveEntry, LiveStatus, LIVE_MAX_BYTES};
use contract::{is_valid_slug, paths, Block};

use crate::clock;
use crate::site::prerender::write_atomic;

/// `live`'s subcommands.
#[derive(Debug, Clone, Subcommand)]
pub enum LiveSub {
    /// Add an entry to articles/{slug}/live.json, newest first (the file made when absent).
    ///
    /// The body file is plain UTF-8 text: paragraphs separated by blank lines, the lines of
    /// one paragraph joined by a space. Every character is kept as text: <, >, & and quotes
    /// are escaped, no HTML passes.
    Add(AddArgs),
    /// Mark the coverage ended: readers' pages stop polling, caches keep the file a day.
    End(Target),
}

/// Which article's coverage.
#[derive(Debug, Clone, Args)]
pub struct Target {
    /// The content folder (the one `serve --content` reads).
    #[arg(long, value_name = "DIR")]
    pub content: PathBuf,
    /// The article's slug: articles/{slug}.json must exist.
    #[arg(long, value_name = "SLUG")]
    pub slug: String,
}

/// `live add`'s arguments.
#[derive(Debug, Clone, Args)]
pub struct AddArgs {
    #[command(flatten)]
    pub target: Target,
    /// The entry's text (see above).
    #[arg(long, value_name = "FILE")]
    pub body_file: PathBuf,
    /// A title above the entry.
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// When it happened, RFC 3339 with an offset (default: now); stored in Vietnam time.
    #[arg(long, value_name = "TIME", value_parser = parse_at)]
    pub at: Option<String>,
}

fn parse_at(value: &str) -> Result<String, String> {
    contract::time::vietnam_rfc3339(value)
        .ok_or_else(|| format!("{value:?} is not an RFC 3339 time with an offset"))
}

/// Runs one subcommand; what it did on stdout.
pub fn run(sub: &LiveSub) -> Result<(), String> {
    match sub {
        LiveSub::Add(args) => add(args),
        LiveSub::End(target) => end(target),
    }
}

fn add(args: &AddArgs) -> Result<(), String> {
    let text = std::fs::read_to_string(&args.body_file)
        .map_err(|e| format!("{}: {e}", args.body_file.display()))?;
    let body = paragraphs(&text);
    if body.is_empty() {
        return Err(format!("{}: no text", args.body_file.display()));
    }
    let at = match &args.at {
        Some(at) => at.clone(),
        None => contract::time::vietnam_rfc3339(&clock::rfc3339_utc(clock::now_unix()))
            .ok_or("the clock is past the years RFC 3339 can write")?,
    };
    change(&args.target, |doc, file| {
        if doc.status == LiveStatus::Ended {
            return Err(format!("{file}: the coverage has ended; no entry added"));
        }
        let id = fresh_id(doc)?;
        let entry = LiveEntry {
            id: id.clone(),
            at,
            title: args.title.clone().filter(|t| !t.trim().is_empty()),
            body,
        };
        insert(doc, entry);
        Ok(format!(
            "added {id} to {file} ({} in all, live)",
            doc.entries.len()
        ))
    })
}

fn end(target: &Target) -> Result<(), String> {
    change(target, |doc, file| {
        doc.status = LiveStatus::Ended;
        Ok(format!(
            "{file}: ended ({} entries in all)",
            doc.entries.len()
        ))
    })
}

/// Reads `target`'s entries (none, live, when there is no file yet), lets `edit` change
/// them, writes them back whole. The article's file is locked meanwhile, so two editors'
/// runs follow each other instead of one losing the other's entry.
fn change(
    target: &Target,
    edit: impl FnOnce(&mut LiveEntries, &str) -> Result<String, String>,
) -> Result<(), String> {
    let slug = &target.slug;
    if !is_valid_slug(slug) {
        return Err(format!("{slug:?} is not a slug (a-z, 0-9 and -)"));
    }
    let article = target.content.join(paths::article_json(slug));
    let lock = File::open(&article).map_err(|e| {
        format!(
            "no article {slug:?} in {}: {} ({e}); publish the article first",
            target.content.display(),
            article.display()
        )
    })?;
    lock.lock()
        .map_err(|e| format!("{}: {e}", article.display()))?;
    let name = paths::live_json(slug);
    let path = target.content.join(&name);
    let mut doc = read(&path)?;
    let said = edit(&mut doc, &name)?;
    let mut json = serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?;
    json.push('\n');
    // What `serve` would refuse is never written.
    if json.len() > LIVE_MAX_BYTES {
        return Err(format!(
            "{name} would be {} bytes, over the {LIVE_MAX_BYTES} a server serves: \
             continue the coverage in a new article",
            json.len()
        ));
    }
    parse_live_entries(&json).map_err(|e| format!("{name}: would not be valid: {e}"))?;
    write_atomic(&path, json.as_bytes())?;
    println!("{said}");
    Ok(())
}

fn read(path: &Path) -> Result<LiveEntries, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse_live_entries(&text).map_err(|e| {
            format!(
                "{} is not a valid live entries document ({e}): mend or remove it",
                path.display()
            )
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(LiveEntries {
            status: LiveStatus::Live,
            entries: Vec::new(),
        }),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// `e-` and 16 hex digits from the system's random source, unused in `doc`.
fn fresh_id(doc: &LiveEntries) -> Result<String, String> {
    loop {
        let id = format!("e-{:016x}", getrandom::u64().map_err(|e| e.to_string())?);
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
