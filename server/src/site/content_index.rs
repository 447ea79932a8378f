//! The content index: what the lists, sitemaps and feeds need to know of every article
//! (slug, category, publication and modification time), in memory, without the articles.
//!
//! Built by reading the articles folder once (in parallel), then kept current by `serve`
//! as files change (`live_index::LiveIndex`, which watches the folder) rather than by a `reindex`
//! command: a newsroom publishes by writing a file, and a command it must remember to run
//! after each one would leave lists that miss the article it just published. The cost is
//! a start that reads every article once (docs/server.md, "A newsroom's archive"; the
//! figures in bench/results.md).
//!
//! An entry is about 130 bytes (the slug and three numbers) plus 8 bytes in the lists'
//! orders and 8 a tag (its topic, v3): some 15 MB for 100,000 articles, whatever the size
//! of their bodies. A list page
//! is built from the files of the articles it lists, and nothing else.
//!
//! Lists are paged from the **oldest** article: page n of a list holds its articles
//! `(n-1)·size .. n·size` counted from the oldest, so that a page, once full, never changes
//! as articles are published (a CDN keeps it; `prerender` leaves it alone). The head (the
//! list's own path, `latest.json`) holds the newest full page and the articles past it:
//! from `size` to `2·size - 1` articles once the list has `size`.

use std::collections::HashMap;

use contract::paths;

mod record;
mod scan;

pub use record::Record;
pub use scan::{article_files, scan, slug_of_file};

/// The articles of a list page, a portal's usual 20 to 50.
pub const DEFAULT_PAGE_SIZE: usize = 30;

/// One article in the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its slug.
    pub slug: Box<str>,
    /// Its category, a position in [`Index::categories`].
    pub category: u32,
    /// Publication time, Unix seconds.
    pub published: i64,
    /// Last change, Unix seconds.
    pub modified: i64,
    /// Its topics, positions in the index's topics.
    pub topics: Box<[u32]>,
    /// (v3) It has a video ([`Record::video`]).
    pub video: bool,
}

/// A category, or a topic (a tag), and its articles.
#[derive(Debug, Clone)]
pub struct CategoryInfo {
    /// Its slug.
    pub slug: Box<str>,
    /// Its name, as its newest article gives it.
    pub name: Box<str>,
    /// Its articles, positions in the index, oldest first.
    members: Vec<u32>,
}

impl CategoryInfo {
    /// How many articles it has.
    pub fn count(&self) -> usize {
        self.members.len()
    }
}

/// Which list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum List<'a> {
    /// Every article: the front page's.
    Latest,
    /// One category's.
    Category(&'a str),
    /// One topic's: the articles of one tag (v3).
    Topic(&'a str),
}

impl List<'_> {
    /// The path of one of its pages, relative to `api_base` (`None`: the head).
    pub fn path(&self, page: Option<u32>) -> String {
        match self {
            List::Latest => paths::latest_page_json(page),
            List::Category(slug) => paths::category_page_json(slug, page),
            List::Topic(slug) => paths::topic_page_json(slug, page),
        }
    }
}

/// One page of a list: its articles, newest first, and the page after it.
#[derive(Debug)]
pub struct Page<'a> {
    /// The articles, newest first.
    pub items: Vec<&'a Entry>,
    /// The next (older) page's number.
    pub next: Option<u32>,
}

/// Every article, in order, with its categories.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Oldest first (publication time, then slug).
    entries: Vec<Entry>,
    /// By slug.
    categories: Vec<CategoryInfo>,
    /// By slug.
    topics: Vec<CategoryInfo>,
    page_size: usize,
}

impl Index {
    /// The index of `records` (a slug given twice keeps its last record), lists paged by
    /// `page_size` (at least 1).
    pub fn build(records: impl IntoIterator<Item = Record>, page_size: usize) -> Index {
        let mut by_slug: HashMap<String, Record> = HashMap::new();
        for r in records {
            by_slug.insert(r.slug.clone(), r);
        }
        let mut records: Vec<Record> = by_slug.into_values().collect();
        records.sort_unstable_by(|a, b| (a.published, &a.slug).cmp(&(b.published, &b.slug)));
        let mut categories = groups(
            records
                .iter()
                .map(|r| (r.category.as_str(), r.category_name.as_str())),
        );
        let mut topics = groups(
            records
                .iter()
                .flat_map(|r| r.tags.iter().map(|(s, n)| (s.as_str(), n.as_str()))),
        );
        let mut entries = Vec::with_capacity(records.len());
        for (i, r) in records.iter().enumerate() {
            let c = join(&mut categories, &r.category, i);
            let topics: Box<[u32]> = r
                .tags
                .iter()
                .map(|(t, _)| join(&mut topics, t, i))
                .collect();
            entries.push(Entry {
                slug: r.slug.as_str().into(),
                category: c,
                published: r.published,
                modified: r.modified,
                topics,
                video: r.video,
            });
        }
        for c in categories.iter_mut().chain(topics.iter_mut()) {
            c.members.shrink_to_fit();
        }
        Index {
            entries,
            categories,
            topics,
            page_size: page_size.max(1),
        }
    }

    /// How many articles.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True without any article.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every article, oldest first.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The records the index was built from (a rebuild starts from them, so that nothing
    /// but the index itself is kept between changes).
    pub fn records(&self) -> impl Iterator<Item = Record> + '_ {
        self.entries.iter().map(|e| {
            let c = self.category_of(e);
            Record {
                slug: e.slug.to_string(),
                category: c.slug.to_string(),
                category_name: c.name.to_string(),
                published: e.published,
                modified: e.modified,
                tags: e
                    .topics
                    .iter()
                    .map(|&t| {
                        let t = &self.topics[t as usize];
                        (t.slug.to_string(), t.name.to_string())
                    })
                    .collect(),
                video: e.video,
            }
        })
    }

    /// The categories, by slug.
    pub fn categories(&self) -> &[CategoryInfo] {
        &self.categories
    }

    /// The category of an entry.
    pub fn category_of(&self, entry: &Entry) -> &CategoryInfo {
        &self.categories[entry.category as usize]
    }

    /// The category `slug`.
    pub fn category(&self, slug: &str) -> Option<&CategoryInfo> {
        self.categories
            .binary_search_by(|c| (*c.slug).cmp(slug))
            .ok()
            .map(|i| &self.categories[i])
    }

    /// Every topic (a tag an article has), by slug.
    pub fn topics(&self) -> &[CategoryInfo] {
        &self.topics
    }

    /// The topic `slug` (a tag's).
    pub fn topic(&self, slug: &str) -> Option<&CategoryInfo> {
        self.topics
            .binary_search_by(|c| (*c.slug).cmp(slug))
            .ok()
            .map(|i| &self.topics[i])
    }

    /// The group of articles a list is made of (`None` for the front page's, every one).
    fn group(&self, list: List) -> Option<&CategoryInfo> {
        match list {
            List::Latest => None,
            List::Category(slug) => self.category(slug),
            List::Topic(slug) => self.topic(slug),
        }
    }

    /// The entry of an article (linear: for tests).
    #[cfg(test)]
    pub fn entry(&self, slug: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| &*e.slug == slug)
    }

    /// How many articles a list has; `None` for a category that has none.
    fn list_len(&self, list: List) -> Option<usize> {
        match list {
            List::Latest => Some(self.entries.len()),
            _ => self.group(list).map(|c| c.members.len()),
        }
    }

    /// The `rank`-th article of a list, counted from its oldest.
    fn at(&self, list: List, rank: usize) -> &Entry {
        match self.group(list) {
            None => &self.entries[rank],
            Some(c) => &self.entries[c.members[rank] as usize],
        }
    }

    /// The numbered pages of a list (its full pages, 1 the oldest).
    pub fn numbered_pages(&self, list: List) -> u32 {
        self.list_len(list)
            .map_or(0, |n| (n / self.page_size) as u32)
    }

    /// A page of a list: `None` the head, `Some(n)` the n-th full page from the oldest;
    /// `None` when there is no such page (a category without articles has no head either,
    /// and the front page's head exists only with an article).
    pub fn page(&self, list: List, page: Option<u32>) -> Option<Page<'_>> {
        let len = self.list_len(list).filter(|&n| n > 0)?;
        let full = len / self.page_size;
        let (from, to, next) = match page {
            None => {
                let from = full.saturating_sub(1) * self.page_size;
                (from, len, (full >= 2).then(|| full as u32 - 1))
            }
            Some(n) if n >= 1 && (n as usize) <= full => {
                let n = n as usize;
                let next = (n >= 2).then(|| n as u32 - 1);
                ((n - 1) * self.page_size, n * self.page_size, next)
            }
            Some(_) => return None,
        };
        Some(Page {
            items: (from..to).rev().map(|r| self.at(list, r)).collect(),
            next,
        })
    }

    /// A list's newest `n` articles, newest first.
    pub fn newest(&self, list: List, n: usize) -> Vec<&Entry> {
        let len = self.list_len(list).unwrap_or(0);
        (len.saturating_sub(n)..len)
            .rev()
            .map(|r| self.at(list, r))
            .collect()
    }
}

/// The groups (categories, or topics) of `(slug, name)` pairs given oldest article first,
/// by slug, each named as its newest article names it, without members yet.
fn groups<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)>) -> Vec<CategoryInfo> {
    let mut names: Vec<(&str, &str)> = pairs.collect();
    names.reverse();
    // Stable: the newest article's name stays first of its slug.
    names.sort_by(|a, b| a.0.cmp(b.0));
    names.dedup_by(|a, b| a.0 == b.0);
    names
        .iter()
        .map(|(slug, name)| CategoryInfo {
            slug: (*slug).into(),
            name: (*name).into(),
            members: Vec::new(),
        })
        .collect()
}

/// Adds article `i` to the group `slug` of `groups` and gives the group's position.
fn join(groups: &mut [CategoryInfo], slug: &str, i: usize) -> u32 {
    let g = groups
        .binary_search_by(|c| (*c.slug).cmp(slug))
        .expect("every slug was grouped");
    groups[g].members.push(i as u32);
    g as u32
}

#[cfg(test)]
mod tests;
