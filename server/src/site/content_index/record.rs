//! What the index keeps of one article, and how it is read from a parsed article.

use contract::{is_valid_slug, paths, Article};

/// What the index keeps of one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Its slug.
    pub slug: String,
    /// Its category's slug.
    pub category: String,
    /// Its category's name, as the article gives it.
    pub category_name: String,
    /// Publication time, Unix seconds.
    pub published: i64,
    /// Last change (`updated_at`, else publication), Unix seconds.
    pub modified: i64,
    /// Its tags (topics), slug and name, each once.
    pub tags: Vec<(String, String)>,
    /// (v3) Its body has a video: the video sitemap reads its file.
    pub video: bool,
}

impl Record {
    /// The record of a parsed article, or why it cannot be listed (`of`'s `None`, worded).
    pub fn checked(article: &Article) -> Result<Record, String> {
        Record::of(article)
            .ok_or_else(|| "no valid category (or a reserved one) or publication time".into())
    }

    /// The record of a parsed article; `None` when its category could not be linked or its
    /// dates cannot be read (the app could not list it either).
    pub fn of(article: &Article) -> Option<Record> {
        if !paths::is_category_slug(&article.category.slug) {
            return None;
        }
        let mut tags: Vec<(String, String)> = Vec::new();
        for t in &article.tags {
            if is_valid_slug(&t.slug) && !tags.iter().any(|(s, _)| *s == t.slug) {
                tags.push((t.slug.clone(), t.name.clone()));
            }
        }
        let published = contract::time::parse_rfc3339(&article.published_at)?;
        let modified = article
            .updated_at
            .as_deref()
            .and_then(contract::time::parse_rfc3339)
            .unwrap_or(published)
            .max(published);
        Some(Record {
            slug: article.slug.clone(),
            category: article.category.slug.clone(),
            category_name: article.category.name.clone(),
            published,
            modified,
            tags,
            video: article
                .body
                .iter()
                .any(|b| matches!(b, contract::Block::Video(_))),
        })
    }
}
