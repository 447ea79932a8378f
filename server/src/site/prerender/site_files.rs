//! What a prerender run writes beside the articles' pages: the paged lists (`--lists`),
//! and, with a site address, the sitemaps, the feeds and `robots.txt`, each only when what
//! it lists changed.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use contract::paths;

use crate::http::compress;
use crate::site::article_page::Shell;
use crate::site::content_index::{Index, List};
use crate::site::feed;
use crate::site::list_pages;
use crate::site::sitemap::{self, Site};
use crate::site::sitemap_video;

use super::manifest::{hex, part, write_atomic, Manifest};
use super::Options;

/// The build's folder of the API, when the shell's `api_base` is inside the build.
pub(super) fn api_dir(dist: &Path, shell: &Shell) -> Option<PathBuf> {
    let rel = shell
        .api_base
        .strip_prefix(&format!("{}/", shell.base_path))?;
    (!rel.contains(':') && !rel.split('/').any(|p| p == "..")).then(|| dist.join(rel))
}

/// Writes the list pages of `pages` whose articles changed; how many.
pub(super) fn write_lists(
    opts: &Options,
    shell: &Shell,
    index: &Index,
    pages: Vec<(List<'_>, Option<u32>)>,
    hashes: &HashMap<&str, &[u8; 32]>,
    old: &Manifest,
    files_now: &mut HashMap<String, String>,
) -> Result<usize, String> {
    let Some(api) = api_dir(&opts.dist, shell) else {
        tracing::warn!(
            "prerender: the API is outside the build ({}): no lists",
            shell.api_base
        );
        return Ok(0);
    };
    let results: Vec<Result<(String, String, bool), String>> = pages
        .par_iter()
        .map(|(list, page)| {
            let path = list.path(*page);
            let found = index.page(*list, *page).expect("a listed page");
            let mut h = Sha256::new();
            part(&mut h, path.as_bytes());
            part(&mut h, &found.next.unwrap_or(0).to_le_bytes());
            for e in &found.items {
                part(&mut h, e.slug.as_bytes());
                part(&mut h, hashes.get(&*e.slug).map_or(&[][..], |d| &d[..]));
            }
            let key = format!("list:{}", hex(h.finalize()));
            let file = api.join(&path);
            let manifest_name = format!("api:{path}");
            if old.files.get(&manifest_name) == Some(&key) && file.is_file() {
                return Ok((manifest_name, key, false));
            }
            let json = list_pages::page_json(&opts.content, index, *list, *page)
                .ok_or_else(|| format!("no page {path}"))?;
            write_atomic(&file, &json)?;
            compress::write_siblings(&file, compress::PER_ARTICLE)?;
            Ok((manifest_name, key, true))
        })
        .collect();
    let mut written = 0;
    for r in results {
        let (name, key, wrote) = r?;
        written += usize::from(wrote);
        files_now.insert(name, key);
    }
    Ok(written)
}

/// Writes `categories.json` (v3, the masthead's menu) from the articles, unless the content
/// folder has its own (a newsroom's order, which the build copied); how many (0 or 1).
pub(super) fn write_categories(
    opts: &Options,
    shell: &Shell,
    index: &Index,
) -> Result<usize, String> {
    if opts.content.join(paths::CATEGORIES).is_file() {
        return Ok(0);
    }
    let Some(api) = api_dir(&opts.dist, shell) else {
        return Ok(0);
    };
    let file = api.join(paths::CATEGORIES);
    let wrote = write_if_changed(&file, &list_pages::categories_json(index))?;
    if wrote {
        compress::write_siblings(&file, compress::PER_ARTICLE)?;
    }
    Ok(usize::from(wrote))
}

/// Writes `bytes` unless the file already holds them; true when written.
pub(super) fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<bool, String> {
    if fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(false);
    }
    write_atomic(path, bytes)?;
    Ok(true)
}

/// Writes the sitemaps, the feeds and `robots.txt` that changed; how many.
pub(super) fn write_site_files(
    opts: &Options,
    site: &Site,
    api: &str,
    index: &Index,
    old: &Manifest,
    files_now: &mut HashMap<String, String>,
) -> Result<usize, String> {
    let dist = &opts.dist;
    let now = crate::clock::now_unix();
    let max = opts.sitemap_urls.max(1);
    let mut written = 0;
    // The article sitemaps: one key per file, of the addresses and times it lists.
    for (n, chunk) in index.entries().chunks(max).enumerate() {
        let n = n as u32 + 1;
        let name = paths::sitemap_articles(n);
        let mut h = Sha256::new();
        part(&mut h, site.url.as_bytes());
        for e in chunk {
            part(&mut h, e.slug.as_bytes());
            part(&mut h, index.category_of(e).slug.as_bytes());
            part(&mut h, &e.modified.to_le_bytes());
            part(&mut h, &[u8::from(e.video)]);
        }
        let key = format!("sitemap:{}", hex(h.finalize()));
        let file = dist.join(&name);
        if old.files.get(&name) != Some(&key) || !file.is_file() {
            let xml = sitemap::articles_xml(site, index, n, max, |e| {
                let article = list_pages::article(&opts.content, &e.slug)?;
                sitemap_video::of(&article, api)
            })
            .expect("a listed file");
            written += usize::from(write_if_changed(&file, &xml)?);
        }
        files_now.insert(name, key);
    }
    // Sitemap files past the last one, from a larger archive.
    let count = sitemap::article_files(index, max);
    for name in old.files.keys() {
        let stale = name
            .strip_prefix("sitemap-articles-")
            .and_then(|r| r.strip_suffix(".xml"))
            .and_then(|n| n.parse::<u32>().ok())
            .is_some_and(|n| n > count);
        if stale {
            let _ = fs::remove_file(dist.join(name));
        }
    }
    let content = &opts.content;
    let mut small: Vec<(String, Vec<u8>)> = vec![
        (
            paths::SITEMAP_INDEX.into(),
            sitemap::index_xml(site, index, max, now),
        ),
        (paths::SITEMAP_PAGES.into(), sitemap::pages_xml(site, index)),
        (
            paths::SITEMAP_NEWS.into(),
            sitemap::news_xml(site, index, now, |e| {
                list_pages::article(content, &e.slug).map(|a| a.title)
            }),
        ),
        (
            paths::ROBOTS.into(),
            sitemap::robots_txt(site, None).into_bytes(),
        ),
    ];
    let read = |slug: &str| feed::item_text(content, slug);
    if let Some(xml) = feed::feed_xml(site, index, List::Latest, read) {
        small.push((paths::FEED.into(), xml));
    }
    for c in index.categories() {
        if let Some(xml) = feed::feed_xml(site, index, List::Category(&c.slug), read) {
            small.push((paths::category_feed(&c.slug), xml));
        }
    }
    for (name, bytes) in small {
        written += usize::from(write_if_changed(&dist.join(name), &bytes)?);
    }
    Ok(written)
}
