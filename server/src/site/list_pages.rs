//! The paged lists of contract v2 (`SummaryPage`: `latest.json`, `categories/{slug}.json`
//! and their numbered pages), made from the content index and the files of the articles a
//! page lists: served by `serve`, written by `prerender --lists` and `archive`.

use std::path::Path;

use contract::{paths, Article, Summary};
use serde::Serialize;

use crate::site::content_index::{read_article, Index, List};

/// A `SummaryPage` as written (the contract crate reads it; the server only writes it).
#[derive(Serialize)]
struct SummaryPage<'a> {
    items: &'a [Summary],
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<String>,
}

/// A list's entry for an article: the most-read entry with the article's lead, which the
/// front and category pages show.
pub fn list_summary(article: &Article) -> Summary {
    Summary {
        lead: article.lead.clone(),
        ..crate::site::content_folder::summary(article)
    }
}

/// The article `slug` of a content folder, if it is still a valid article.
pub fn article(content: &Path, slug: &str) -> Option<Article> {
    read_article(&content.join(paths::article_json(slug)), slug)
}

/// The JSON of a list page; `None` when the index has no such page. An article whose file
/// has gone (or broken) since the index saw it is left out: the index catches up.
pub fn page_json(content: &Path, index: &Index, list: List, page: Option<u32>) -> Option<Vec<u8>> {
    let found = index.page(list, page)?;
    let items: Vec<Summary> = found
        .items
        .iter()
        .filter_map(|e| article(content, &e.slug))
        .map(|a| list_summary(&a))
        .collect();
    let next = found.next.map(|n| list.path(Some(n)));
    let doc = SummaryPage {
        items: &items,
        next,
    };
    Some(serde_json::to_vec(&doc).expect("a summary page serialises"))
}

/// Every page of a list: the head (`None`) and its numbered pages.
pub fn all_pages(index: &Index, list: List) -> impl Iterator<Item = Option<u32>> {
    std::iter::once(None).chain((1..=index.numbered_pages(list)).map(Some))
}

/// Every page of every topic's list (v3).
pub fn topic_pages(index: &Index) -> Vec<(List<'_>, Option<u32>)> {
    let mut out: Vec<(List, Option<u32>)> = Vec::new();
    for t in index.topics() {
        let list = List::Topic(&t.slug);
        out.extend(all_pages(index, list).map(|p| (list, p)));
    }
    out
}

/// Every page of every list: the front page's, then each category's (then each topic's,
/// [`topic_pages`]).
pub fn every_page(index: &Index) -> Vec<(List<'_>, Option<u32>)> {
    let mut out: Vec<(List, Option<u32>)> = Vec::new();
    if !index.is_empty() {
        out.extend(all_pages(index, List::Latest).map(|p| (List::Latest, p)));
    }
    for c in index.categories() {
        let list = List::Category(&c.slug);
        out.extend(all_pages(index, list).map(|p| (list, p)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_front_page_lists_every_article_newest_first() {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/api");
        let index = Index::build(crate::site::content_index::scan(&content).unwrap(), 30);
        let json = page_json(&content, &index, List::Latest, None).unwrap();
        let items = contract::parse_summaries(std::str::from_utf8(&json).unwrap()).unwrap();
        assert_eq!(items.len(), index.len());
        assert!(items.len() >= 10);
        let times: Vec<i64> = items
            .iter()
            .map(|s| contract::time::parse_rfc3339(s.published_at.as_deref().unwrap()).unwrap())
            .collect();
        assert!(times.windows(2).all(|w| w[0] >= w[1]), "newest first");
        assert!(items.iter().any(|s| s.lead.is_some()), "leads are listed");
        assert!(!String::from_utf8(json).unwrap().contains("\"next\""));
    }
}
