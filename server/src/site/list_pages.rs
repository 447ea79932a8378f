//! The paged lists of contract v2 (`SummaryPage`: `latest.json`, `categories/{slug}.json`
//! and their numbered pages), made from the content index and the files of the articles a
//! page lists: served by `serve`, written by `prerender --lists` and `archive`.

use std::path::Path;

use contract::{paths, Article, Summary};
use serde::Serialize;

use crate::site::article_file::read_article;
use crate::site::content_index::{Index, List};

/// A `SummaryPage` as written (the contract crate reads it; the server only writes it).
#[derive(Serialize)]
struct SummaryPage<'a> {
    items: &'a [Summary],
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<String>,
    /// (v3) a topic's name, its page's heading, so that the page costs one request.
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
}

/// `categories.json` as written (v3, the masthead's menu).
#[derive(Serialize)]
struct Categories<'a> {
    items: Vec<Category<'a>>,
}

#[derive(Serialize)]
struct Category<'a> {
    slug: &'a str,
    name: &'a str,
}

/// `categories.json` (v3): every category with an article, the most articles first (the
/// sections a newsroom writes most, a stable order that a new article rarely changes),
/// ties by slug; each named as its newest article names it.
pub fn categories_json(index: &Index) -> Vec<u8> {
    let mut items: Vec<_> = index
        .categories()
        .iter()
        .filter(|c| c.count() > 0)
        .collect();
    items.sort_by(|a, b| b.count().cmp(&a.count()).then_with(|| a.slug.cmp(&b.slug)));
    let doc = Categories {
        items: items
            .into_iter()
            .map(|c| Category {
                slug: &c.slug,
                name: &c.name,
            })
            .collect(),
    };
    serde_json::to_vec(&doc).expect("the categories serialise")
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
    let name = match list {
        List::Topic(slug) => index.topic(slug).map(|t| &*t.name),
        _ => None,
    };
    let doc = SummaryPage {
        items: &items,
        next,
        name,
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

    #[test]
    fn a_topics_list_names_its_tag_and_the_categories_list_the_most_written_first() {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/api");
        let index = Index::build(crate::site::content_index::scan(&content).unwrap(), 30);
        let topic = &index.topics()[0];
        let json = page_json(&content, &index, List::Topic(&topic.slug), None).unwrap();
        let page = contract::parse_summary_page(std::str::from_utf8(&json).unwrap()).unwrap();
        assert_eq!(page.name.as_deref(), Some(&*topic.name));
        let latest = page_json(&content, &index, List::Latest, None).unwrap();
        let latest = contract::parse_summary_page(std::str::from_utf8(&latest).unwrap()).unwrap();
        assert_eq!(latest.name, None, "only a topic's list is named");
        let json = categories_json(&index);
        let listed = contract::parse_categories(std::str::from_utf8(&json).unwrap()).unwrap();
        assert_eq!(listed.len(), index.categories().len());
        let counts: Vec<usize> = listed
            .iter()
            .map(|c| index.category(&c.slug).unwrap().count())
            .collect();
        assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    }
}
