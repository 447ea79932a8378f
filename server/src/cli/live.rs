//! `news-server live add|end`: an editor's entries of live coverage (contract v3, «Live
//! coverage»), written into the content folder's `articles/{slug}/live.json`, which `serve`
//! answers and a static host uploads. The writing is `site::live_writer`'s, which the desk
//! calls too.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::site::live_writer;

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
    let target = &args.target;
    let done = live_writer::add(
        &target.content,
        &target.slug,
        args.title.as_deref(),
        &text,
        args.at.clone(),
    )
    .map_err(|e| match e {
        live_writer::LiveError::EmptyBody => format!("{}: no text", args.body_file.display()),
        e => e.to_string(),
    })?;
    println!(
        "added {} to {} ({} in all, live)",
        done.id.unwrap_or_default(),
        contract::paths::live_json(&target.slug),
        done.count
    );
    Ok(())
}

fn end(target: &Target) -> Result<(), String> {
    let done = live_writer::end(&target.content, &target.slug).map_err(|e| e.to_string())?;
    println!(
        "{}: ended ({} entries in all)",
        contract::paths::live_json(&target.slug),
        done.count
    );
    Ok(())
}
