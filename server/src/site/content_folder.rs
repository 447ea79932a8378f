//! The content folder (`--content`, the demo's `public/api/`). Articles, `latest.json`, the
//! fallback `most-read.json` and images are its files, served as they are: a portal
//! publishes an article by writing a file, and the server reads it on each request. What a
//! request needs to know of an article before answering (does it exist, does it take
//! comments, its category) is kept in memory, checked against the file's size and time, so
//! that a refused request never parses a large article.

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

use contract::{is_valid_slug, parse_comment_page, parse_reply_page, paths, Article, Image};
use contract::{Comment, Summary};

use crate::clock;
use crate::db::ArticleComment;
use crate::http::static_files::{is_missing, regular_file_under};
use crate::site::article_file;

/// The most pages of demo comments followed for one article: `next` links that loop end here.
const MAX_DEMO_PAGES: usize = 100;

/// Why a content file could not be had.
#[derive(Debug)]
pub enum ContentError {
    /// No such article or file (an invalid slug included).
    NotFound,
    /// The file is there but could not be read or is not a valid document.
    Broken(String),
    /// The article's file is not a valid article; its reason is logged already, once.
    Bad,
}

impl From<io::Error> for ContentError {
    fn from(e: io::Error) -> Self {
        if is_missing(&e) {
            ContentError::NotFound
        } else {
            ContentError::Broken(e.to_string())
        }
    }
}

/// What a request checks of an article before reading it whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleMeta {
    /// It takes comments.
    pub comments_enabled: bool,
    /// Its category's slug.
    pub category: String,
}

/// A file's size and modification time: when either changes, what was read of it is stale.
pub type Stamp = (u64, Option<SystemTime>);

/// The content folder.
#[derive(Debug, Default)]
pub struct Content {
    root: PathBuf,
    metas: Mutex<HashMap<String, (Stamp, Arc<ArticleMeta>)>>,
    categories: Mutex<Option<(Stamp, Arc<HashSet<String>>)>>,
}

impl Content {
    /// The folder at `root`.
    pub fn new(root: PathBuf) -> Self {
        Content {
            root,
            ..Content::default()
        }
    }

    /// The folder itself.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where an article's file is: a regular file inside the folder (a link leading out of
    /// it is no article); `None` also for a slug outside the contract's alphabet, which is
    /// what keeps `..` and `/` out of the path.
    async fn article_file(&self, slug: &str) -> Result<Option<(PathBuf, Stamp)>, ContentError> {
        if !is_valid_slug(slug) {
            return Ok(None);
        }
        let path = self.root.join(paths::article_json(slug));
        self.file(&path).await
    }

    /// Where a live coverage's entries file (`articles/{slug}/live.json`) is, with its
    /// stamp, as [`Content::article_file`] says for articles; read by `site::live_file`.
    pub async fn live_file(&self, slug: &str) -> Result<Option<(PathBuf, Stamp)>, ContentError> {
        if !is_valid_slug(slug) {
            return Ok(None);
        }
        self.file(&self.root.join(paths::live_json(slug))).await
    }

    /// `path` if it is a regular file under the folder, with its stamp.
    async fn file(&self, path: &Path) -> Result<Option<(PathBuf, Stamp)>, ContentError> {
        let Some(real) = regular_file_under(&self.root, path).await? else {
            return Ok(None);
        };
        let meta = tokio::fs::metadata(&real).await?;
        Ok(Some((real, (meta.len(), meta.modified().ok()))))
    }

    /// The bytes of `articles/{slug}.json`, when they are a valid article (checked once per
    /// version of the file, by `meta`): a truncated file is not served as the article.
    pub async fn article_bytes(&self, slug: &str) -> Result<Vec<u8>, ContentError> {
        let (path, _) = self.checked(slug).await?;
        Ok(tokio::fs::read(path).await?)
    }

    /// The article `slug`, read and checked with the contract's parser.
    pub async fn article(&self, slug: &str) -> Result<Article, ContentError> {
        let (path, _) = self
            .article_file(slug)
            .await?
            .ok_or(ContentError::NotFound)?;
        parse(&path, slug, &tokio::fs::read(&path).await?)
    }

    /// True when `articles/{slug}.json` is a file.
    pub async fn has_article(&self, slug: &str) -> Result<bool, ContentError> {
        Ok(self.article_file(slug).await?.is_some())
    }

    /// What requests check of an article, parsed once per version of its file.
    pub async fn meta(&self, slug: &str) -> Result<Arc<ArticleMeta>, ContentError> {
        Ok(self.checked(slug).await?.1)
    }

    /// The article's file and what `meta` says of it: one lookup of the file for both.
    async fn checked(&self, slug: &str) -> Result<(PathBuf, Arc<ArticleMeta>), ContentError> {
        let (path, stamp) = self
            .article_file(slug)
            .await?
            .ok_or(ContentError::NotFound)?;
        if let Some((known, meta)) = lock(&self.metas).get(slug) {
            if *known == stamp {
                return Ok((path, Arc::clone(meta)));
            }
        }
        let article = parse(&path, slug, &tokio::fs::read(&path).await?)?;
        let meta = Arc::new(ArticleMeta {
            comments_enabled: article.comments_enabled(),
            category: article.category.slug,
        });
        lock(&self.metas).insert(slug.to_string(), (stamp, Arc::clone(&meta)));
        Ok((path, meta))
    }

    /// True when the portal has a category `slug`: its own list file
    /// (`categories/{slug}.json`), or an article of it in `latest.json`.
    pub async fn has_category(&self, slug: &str) -> Result<bool, ContentError> {
        if !is_valid_slug(slug) {
            return Ok(false);
        }
        let own = self.root.join(paths::category_json(slug));
        if self.file(&own).await?.is_some() {
            return Ok(true);
        }
        let Some((path, stamp)) = self.file(&self.root.join(paths::LATEST)).await? else {
            return Ok(false);
        };
        let cached = lock(&self.categories)
            .as_ref()
            .filter(|(known, _)| *known == stamp)
            .map(|(_, set)| Arc::clone(set));
        let set = match cached {
            Some(set) => set,
            None => {
                let text = String::from_utf8(tokio::fs::read(path).await?)
                    .map_err(|_| ContentError::Broken("latest.json is not UTF-8".into()))?;
                let items = contract::parse_summaries(&text)
                    .map_err(|e| ContentError::Broken(format!("latest.json: {e}")))?;
                let set: Arc<HashSet<String>> = Arc::new(
                    items
                        .into_iter()
                        .filter_map(|s| s.category.map(|c| c.slug))
                        .collect(),
                );
                *lock(&self.categories) = Some((stamp, Arc::clone(&set)));
                set
            }
        };
        Ok(set.contains(slug))
    }

    /// The bytes of a top-level document such as `latest.json`.
    pub async fn document(&self, name: &str) -> Result<Vec<u8>, ContentError> {
        let (path, _) = self
            .file(&self.root.join(name))
            .await?
            .ok_or(ContentError::NotFound)?;
        Ok(tokio::fs::read(path).await?)
    }

    /// Every comment of the demo's static comment pages (`articles/{slug}/comments.json`
    /// and the pages its `next` names), for a database that has none yet. Unreadable
    /// pages are reported and skipped: a demo comment is not worth refusing to start.
    pub fn demo_comments(&self) -> Vec<ArticleComment> {
        let mut out = Vec::new();
        let mut slugs = match std::fs::read_dir(self.root.join("articles")) {
            Ok(dir) => dir
                .filter_map(Result::ok)
                .filter_map(|e| {
                    let name = e.file_name().into_string().ok()?;
                    let slug = name.strip_suffix(".json")?;
                    is_valid_slug(slug).then(|| slug.to_string())
                })
                .collect::<Vec<_>>(),
            Err(_) => return out,
        };
        slugs.sort();
        for slug in slugs {
            let mut page = paths::comments_json(&slug, 1);
            let mut seen = 0;
            while seen < MAX_DEMO_PAGES {
                seen += 1;
                let Some(next) = self.read_demo_page(&slug, &page, &mut out) else {
                    break;
                };
                page = next;
            }
        }
        out
    }

    /// Adds one page's comments to `out`; the next page's path, if it stays in the article's
    /// own folder.
    fn read_demo_page(
        &self,
        slug: &str,
        page: &str,
        out: &mut Vec<ArticleComment>,
    ) -> Option<String> {
        let text = match std::fs::read_to_string(self.root.join(page)) {
            Ok(t) => t,
            Err(e) if is_missing(&e) => return None,
            Err(e) => {
                tracing::warn!("demo comments: {page}: {e}");
                return None;
            }
        };
        let parsed = match parse_comment_page(&text) {
            Ok(p) => p,
            Err(e) => {
                tracing::warn!("demo comments: {page}: {e}");
                return None;
            }
        };
        for mut c in parsed.items {
            let replies = c.replies.take();
            let id = c.id.clone();
            push_demo(out, slug, page, c, None);
            let Some(replies) = replies else { continue };
            let mut next = replies.next;
            for r in replies.items {
                push_demo(out, slug, page, r, Some(&id));
            }
            // The thread's own pages, only under its own folder.
            let mut seen = 0;
            while let Some(path) = next.take().filter(|_| seen < MAX_DEMO_PAGES) {
                seen += 1;
                let prefix = format!("articles/{slug}/comments/{id}/");
                let named = path
                    .strip_prefix(&prefix)
                    .and_then(|name| paths::page_number(paths::REPLIES, name));
                if named.is_none() {
                    break;
                }
                let text = match std::fs::read_to_string(self.root.join(&path)) {
                    Ok(t) => t,
                    Err(e) => {
                        tracing::warn!("demo comments: {path}: {e}");
                        break;
                    }
                };
                match parse_reply_page(&text) {
                    Ok(more) => {
                        next = more.next;
                        for r in more.items {
                            push_demo(out, slug, &path, r, Some(&id));
                        }
                    }
                    Err(e) => tracing::warn!("demo comments: {path}: {e}"),
                }
            }
        }
        let next = parsed.next?;
        // Only a page of the same article's comments (a `next` elsewhere is not followed).
        let name = next.strip_prefix(&format!("articles/{slug}/"))?;
        paths::comment_page_number(name).map(|_| next)
    }
}

/// Adds a demo comment (a reply when `parent` is given), its time in UTC so that the
/// database orders it with new comments.
fn push_demo(
    out: &mut Vec<ArticleComment>,
    slug: &str,
    page: &str,
    c: Comment,
    parent: Option<&str>,
) {
    let Some(created_at) = clock::normalize_rfc3339(&c.created_at) else {
        tracing::warn!("demo comments: {page}: {}: bad created_at", c.id);
        return;
    };
    out.push(ArticleComment {
        slug: slug.to_string(),
        comment: Comment {
            created_at,
            replies: None,
            ..c
        },
        parent_id: parent.map(str::to_string),
        flag: None,
    });
}

/// The article in a file's bytes; a bad file is said once in the log (`article_file`), not
/// at every request for it.
fn parse(path: &Path, slug: &str, bytes: &[u8]) -> Result<Article, ContentError> {
    article_file::parse_checked(bytes, slug).map_err(|why| {
        article_file::report(path, &why);
        ContentError::Bad
    })
}

/// A cache's lock; a panic elsewhere while holding it left a usable map.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The most-read list entry of an article: its thumbnail is its picture
/// (`Article::picture`), without caption or credit (a thumbnail shows neither).
pub fn summary(article: &Article) -> Summary {
    let picture = article.picture();
    Summary {
        slug: article.slug.clone(),
        title: article.title.clone(),
        category: Some(article.category.clone()),
        published_at: Some(article.published_at.clone()),
        thumbnail: picture.map(|img| Image {
            src: img.src.clone(),
            alt: img.alt.clone(),
            caption: None,
            credit: None,
            width: img.width,
            height: img.height,
        }),
        lead: None,
        // v3: what the lists show beside the title (video, gallery, live).
        format: article.format(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> Content {
        Content::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/api"))
    }

    #[test]
    fn demo_comments_follow_next_pages_and_are_stored_in_utc() {
        let all = demo().demo_comments();
        let hoi_an: Vec<_> = all
            .iter()
            .filter(|c| c.slug == "pho-co-hoi-an-lung-linh-dem-ram-thang-gieng")
            .collect();
        let top_level = hoi_an.iter().filter(|c| c.parent_id.is_none()).count();
        assert_eq!(top_level, 6, "both pages of the article are read");
        // Six replies to c-0021: three on the comment page, three on the thread's own page.
        let thread: Vec<_> = hoi_an
            .iter()
            .filter(|c| c.parent_id.as_deref() == Some("c-0021"))
            .map(|c| c.comment.id.as_str())
            .collect();
        assert_eq!(
            thread,
            ["c-0109", "c-0110", "c-0111", "c-0112", "c-0113", "c-0114"]
        );
        assert_eq!(hoi_an.len(), 14);
        assert!(all.iter().all(|c| c.comment.created_at.ends_with('Z')));
        assert!(all.iter().all(|c| c.comment.replies.is_none()));
        let liked = all.iter().find(|c| c.comment.id == "c-0113").unwrap();
        assert_eq!(liked.comment.likes, Some(9), "likes come along");
    }

    #[test]
    fn slugs_outside_the_alphabet_are_not_found() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        for slug in ["..", "../most-read", "a/b", "", "A"] {
            assert!(matches!(
                rt.block_on(demo().article_bytes(slug)),
                Err(ContentError::NotFound)
            ));
        }
    }

    fn block_on<F: std::future::Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(f)
    }

    #[test]
    fn categories_are_those_of_the_portal() {
        let content = demo();
        assert!(block_on(content.has_category("chinh-tri")).unwrap());
        for no in ["khong-co-chuyen-muc", "..", "Chinh-tri", ""] {
            assert!(!block_on(content.has_category(no)).unwrap(), "{no}");
        }
    }

    #[test]
    fn an_article_meta_is_read_again_only_when_its_file_changes() {
        let dir = std::env::temp_dir().join(format!("news-content-meta-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("articles")).unwrap();
        let file = dir.join("articles/a.json");
        let json = r#"{"slug":"a","title":"T","category":{"slug":"c","name":"C"},
            "published_at":"2023-02-02T16:30:00+07:00","authors":[],"body":[]}"#;
        std::fs::write(&file, json).unwrap();
        let content = Content::new(dir.clone());
        let first = block_on(content.meta("a")).unwrap();
        assert!(first.comments_enabled);
        assert_eq!(first.category, "c");
        // The same file: the same answer, not parsed again.
        assert!(Arc::ptr_eq(&first, &block_on(content.meta("a")).unwrap()));
        // Closed since (a different size): read again.
        let closed = json.replace(r#""body":[]"#, r#""body":[],"comments":{"enabled":false}"#);
        std::fs::write(&file, closed).unwrap();
        assert!(!block_on(content.meta("a")).unwrap().comments_enabled);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_link_out_of_the_folder_is_no_article() {
        let dir = std::env::temp_dir().join(format!("news-content-link-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("articles")).unwrap();
        let outside =
            std::env::temp_dir().join(format!("news-outside-{}.json", std::process::id()));
        std::fs::write(&outside, "{}").unwrap();
        std::os::unix::fs::symlink(&outside, dir.join("articles/x.json")).unwrap();
        let content = Content::new(dir.clone());
        assert!(!block_on(content.has_article("x")).unwrap());
        assert!(matches!(
            block_on(content.article_bytes("x")),
            Err(ContentError::NotFound)
        ));
        std::fs::remove_dir_all(&dir).unwrap();
        std::fs::remove_file(&outside).unwrap();
    }

    #[test]
    fn summary_takes_the_hero_or_the_first_body_image() {
        let json = r#"{"slug":"a","title":"T","category":{"slug":"c","name":"C"},
            "published_at":"2023-02-02T16:30:00+07:00","authors":[],
            "body":[{"type":"paragraph","html":"x"},
                    {"type":"image","src":"b.svg","alt":"B","caption":"cap","width":8,"height":4}]}"#;
        let a = contract::parse_article(json).unwrap();
        let s = summary(&a);
        let thumb = s.thumbnail.unwrap();
        assert_eq!(
            (thumb.src.as_str(), thumb.width, thumb.height),
            ("b.svg", Some(8), Some(4))
        );
        assert_eq!(thumb.caption, None);
        assert!(summary(
            &contract::parse_article(&json.replace(
                r#""body":["#,
                r#""hero":{"src":"h.svg","alt":"H"},"body":["#
            ))
            .unwrap()
        )
        .thumbnail
        .is_some_and(|t| t.src == "h.svg"));
    }
}
