//! The search index: tantivy in memory, written as the content folder changes, read by
//! `search.json`.
//!
//! In memory (`Index::create_in_ram`) rather than in a folder: the index is rebuilt from the
//! content folder at every start anyway (it is never the source of truth), so a folder would
//! only trade resident memory for a disk cache and a folder to clean up; the figures at
//! 100,000 articles are in docs/server.md. tantivy's `mmap` feature and a folder under the
//! data directory are the change to make if memory is what runs short.

use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;

use contract::Article;
use search_text::Syllable;
use tantivy::collector::{Count, TopDocs};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, FAST, STORED, STRING,
};
use tantivy::{
    DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term,
};

use crate::search::analyzer::{self, Syllables};
use crate::search::document::Texts;
use crate::search::ranking::{self, TextField};
use crate::site::article_file::read_article;
use crate::site::content_index::Record;
use crate::site::live_index::Follower;

/// The memory tantivy's writer gathers documents in before it writes a segment, per
/// indexing thread (its minimum is 15 MB).
const WRITER_MEMORY_PER_THREAD: usize = 40_000_000;

/// The most indexing threads: the start's bulk load uses every core up to this.
const MAX_WRITER_THREADS: usize = 4;

/// One page of results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// How many articles match.
    pub total: usize,
    /// The slugs of the page's articles, best first.
    pub slugs: Vec<String>,
}

/// The fields of a document.
struct Fields {
    slug: Field,
    published: Field,
    title: TextField,
    lead: TextField,
    body: TextField,
}

/// The index, its writer and its reader.
pub struct SearchIndex {
    fields: Fields,
    writer: Mutex<IndexWriter>,
    reader: IndexReader,
    /// False while the first fill runs: searches are answered 503 until it is done.
    ready: AtomicBool,
    /// While the first fill runs, the articles that changed meanwhile, read again after it
    /// (the fill may have read a file before its change); `None` once it is done.
    changed_while_filling: Mutex<Option<HashSet<String>>>,
}

impl SearchIndex {
    /// An empty index in memory.
    pub fn new() -> Result<SearchIndex, String> {
        let mut schema = Schema::builder();
        let slug = schema.add_text_field("slug", STRING | STORED);
        let published = schema.add_i64_field("published", FAST);
        let mut text = |name: &str, tier: u8, exact_positions: bool| {
            let options = |tokenizer: &str, record: IndexRecordOption| {
                TextOptions::default().set_indexing_options(
                    TextFieldIndexing::default()
                        .set_tokenizer(tokenizer)
                        .set_index_option(record),
                )
            };
            // Only phrases need positions: the folded forms always (phrase before
            // scattered), the exact ones nowhere (exactness is per syllable), so the exact
            // body, the largest part, is only which articles hold each syllable.
            let exact_record = if exact_positions {
                IndexRecordOption::WithFreqs
            } else {
                IndexRecordOption::Basic
            };
            TextField {
                exact: schema.add_text_field(
                    &format!("{name}_exact"),
                    options(analyzer::EXACT, exact_record),
                ),
                folded: schema.add_text_field(
                    &format!("{name}_folded"),
                    options(analyzer::FOLDED, IndexRecordOption::WithFreqsAndPositions),
                ),
                tier,
            }
        };
        let [title, lead, body] = search_text::rank::TIERS;
        let title = text("title", title, true);
        let lead = text("lead", lead, true);
        let body = text("body", body, false);
        let index = Index::create_in_ram(schema.build());
        index
            .tokenizers()
            .register(analyzer::EXACT, Syllables { folded: false });
        index
            .tokenizers()
            .register(analyzer::FOLDED, Syllables { folded: true });
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(MAX_WRITER_THREADS);
        let writer = index
            .writer_with_num_threads(threads, threads * WRITER_MEMORY_PER_THREAD)
            .map_err(|e| format!("search index: {e}"))?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| format!("search index: {e}"))?;
        Ok(SearchIndex {
            fields: Fields {
                slug,
                published,
                title,
                lead,
                body,
            },
            writer: Mutex::new(writer),
            reader,
            ready: AtomicBool::new(true),
            changed_while_filling: Mutex::new(None),
        })
    }

    /// True once the first fill is done (always, without one).
    pub fn is_ready(&self) -> bool {
        self.ready.load(Ordering::Acquire)
    }

    /// Marks the index as being filled: from now on, until [`fill`](Self::fill) ends,
    /// searches wait and changes are only noted.
    pub fn begin_fill(&self) {
        self.ready.store(false, Ordering::Release);
        *self.lock_changed() = Some(HashSet::new());
    }

    /// Reads the articles `slugs` of `content` (on every core) into the index, then those
    /// that changed meanwhile, then commits: the first index of `serve`, built after it
    /// listens (at 100,000 articles this takes many times as long as the content index).
    pub fn fill(&self, content: &Path, slugs: &[String]) {
        let put_file = |slug: &str| {
            let path = content.join(contract::paths::article_json(slug));
            let article = read_article(&path, slug);
            match article.as_ref().and_then(|a| Some((a, Record::of(a)?))) {
                Some((a, r)) => self.put(a, r.published),
                None => self.remove(slug),
            }
        };
        slugs.par_iter().for_each(|slug| put_file(slug));
        // From here on changes go straight in; those noted meanwhile are read again.
        let changed = self.lock_changed().take().unwrap_or_default();
        for slug in &changed {
            put_file(slug);
        }
        self.commit();
        self.ready.store(true, Ordering::Release);
    }

    /// Notes a change during the first fill; false when there is none (apply it).
    fn noted_while_filling(&self, slug: &str) -> bool {
        match self.lock_changed().as_mut() {
            Some(changed) => {
                changed.insert(slug.to_string());
                true
            }
            None => false,
        }
    }

    fn lock_changed(&self) -> std::sync::MutexGuard<'_, Option<HashSet<String>>> {
        self.changed_while_filling
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Adds `article` (published at `published`, Unix seconds), or replaces it; searchable
    /// after the next [`commit`](Self::commit).
    pub fn put(&self, article: &Article, published: i64) {
        let f = &self.fields;
        let texts = Texts::of(article);
        let mut doc = TantivyDocument::default();
        doc.add_text(f.slug, &article.slug);
        doc.add_i64(f.published, published);
        for (field, text) in [
            (f.title, &texts.title),
            (f.lead, &texts.lead),
            (f.body, &texts.body),
        ] {
            doc.add_text(field.exact, text);
            doc.add_text(field.folded, text);
        }
        let writer = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        writer.delete_term(Term::from_field_text(f.slug, &article.slug));
        if let Err(e) = writer.add_document(doc) {
            tracing::error!("search index: {}: {e}", article.slug);
        }
    }

    /// Removes the article `slug`, after the next [`commit`](Self::commit).
    pub fn remove(&self, slug: &str) {
        let writer = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        writer.delete_term(Term::from_field_text(self.fields.slug, slug));
    }

    /// Makes every change so far searchable.
    pub fn commit(&self) {
        let mut writer = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        if let Err(e) = writer.commit() {
            tracing::error!("search index: {e}");
            return;
        }
        drop(writer);
        if let Err(e) = self.reader.reload() {
            tracing::error!("search index: {e}");
        }
    }

    /// How many articles are searchable.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// The results `offset..offset + limit` for `syllables` (at least one), best first.
    pub fn search(
        &self,
        syllables: &[Syllable],
        offset: usize,
        limit: usize,
    ) -> Result<Found, String> {
        let f = &self.fields;
        let query = ranking::query(&[f.title, f.lead, f.body], syllables);
        let top = TopDocs::with_limit(limit.max(1))
            .and_offset(offset)
            .tweak_score(move |segment: &tantivy::SegmentReader| {
                let published = segment
                    .fast_fields()
                    .i64("published")
                    .map(|c| c.first_or_default_col(0));
                move |doc, score| {
                    let time = published.as_ref().map_or(0, |c| c.get_val(doc));
                    ranking::sort_key(score, time)
                }
            });
        let searcher = self.reader.searcher();
        let (total, hits) = searcher
            .search(&query, &(Count, top))
            .map_err(|e| format!("search: {e}"))?;
        let slugs = hits
            .into_iter()
            .take(limit)
            .filter_map(|(_, address)| self.slug_of(&searcher, address))
            .collect();
        Ok(Found { total, slugs })
    }

    fn slug_of(&self, searcher: &Searcher, address: DocAddress) -> Option<String> {
        let doc: TantivyDocument = searcher.doc(address).ok()?;
        doc.get_first(self.fields.slug)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    }
}

/// The search index follows the articles folder with the content index.
impl Follower for SearchIndex {
    fn put(&self, article: &Article, record: &Record) {
        if !self.noted_while_filling(&article.slug) {
            SearchIndex::put(self, article, record.published);
        }
    }

    fn remove(&self, slug: &str) {
        if !self.noted_while_filling(slug) {
            SearchIndex::remove(self, slug);
        }
    }

    fn settle(&self) {
        if self.is_ready() {
            self.commit();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An article of `title`, `lead` and one paragraph `body`, published at `t`.
    fn article(slug: &str, title: &str, lead: &str, body: &str) -> Article {
        let json = serde_json::json!({
            "slug": slug, "title": title, "lead": lead,
            "category": {"slug": "thoi-su", "name": "Thời sự"},
            "published_at": "2026-11-01T08:00:00+07:00", "authors": [],
            "body": [{"type": "paragraph", "html": body}],
        });
        contract::parse_article(&json.to_string()).unwrap()
    }

    fn index(articles: &[(Article, i64)]) -> SearchIndex {
        let ix = SearchIndex::new().unwrap();
        for (a, t) in articles {
            ix.put(a, *t);
        }
        ix.commit();
        ix
    }

    fn search(ix: &SearchIndex, q: &str) -> Vec<String> {
        let q = search_text::query(q).unwrap();
        ix.search(&q, 0, 30).unwrap().slugs
    }

    #[test]
    fn without_marks_finds_every_spelling_and_d_is_folded() {
        let ix = index(&[
            (article("bao", "Bão số 5 đổ bộ Đà Nẵng", "", "Gió mạnh."), 3),
            (
                article(
                    "dien-ban",
                    "Lũ ở Quảng Nam",
                    "",
                    "Nước lên ở <b>Điện Bàn</b>.",
                ),
                2,
            ),
            (article("khac", "Giá lúa tăng", "", "Không liên quan."), 1),
        ]);
        for q in ["da nang", "Đà Nẵng", "Da Nẵng", "ĐÀ NẴNG", "\"da\" nang*"] {
            assert_eq!(search(&ix, q), ["bao"], "{q}");
        }
        assert_eq!(search(&ix, "dien ban"), ["dien-ban"]);
        assert!(search(&ix, "ha noi").is_empty());
    }

    #[test]
    fn the_marks_typed_come_first() {
        // «Báo» is newer: without exactness it would come first.
        let ix = index(&[
            (article("bao-so-5", "Bão số 5 đổ bộ Đà Nẵng", "", ""), 1),
            (article("bao-chi", "Báo chí cách mạng Việt Nam", "", ""), 2),
        ]);
        assert_eq!(search(&ix, "bão"), ["bao-so-5", "bao-chi"]);
        assert_eq!(search(&ix, "báo"), ["bao-chi", "bao-so-5"]);
        assert_eq!(
            search(&ix, "bao"),
            ["bao-chi", "bao-so-5"],
            "no marks: newest first"
        );
    }

    #[test]
    fn title_before_lead_before_body_and_a_phrase_before_scattered_syllables() {
        let ix = index(&[
            (article("body", "Tin ngắn", "", "Mưa lớn ở Hội An"), 5),
            (article("lead", "Tin sáng", "Mưa lớn ở Hội An", ""), 4),
            (article("title", "Mưa lớn ở Hội An", "", ""), 1),
            (article("scattered", "Hội nghị về An toàn", "", ""), 6),
        ]);
        assert_eq!(
            search(&ix, "hoi an"),
            ["title", "scattered", "lead", "body"]
        );
        let ix = index(&[
            (article("scattered", "Hội nghị về An toàn", "", ""), 6),
            (article("phrase", "Phố cổ Hội An", "", ""), 1),
        ]);
        assert_eq!(search(&ix, "hoi an"), ["phrase", "scattered"]);
    }

    #[test]
    fn a_changed_article_is_searched_as_it_is_now_and_a_removed_one_is_gone() {
        let ix = index(&[(article("a", "Đà Nẵng", "", ""), 1)]);
        ix.put(&article("a", "Điện Bàn", "", ""), 1);
        ix.commit();
        assert!(search(&ix, "da nang").is_empty());
        assert_eq!(search(&ix, "dien ban"), ["a"]);
        ix.remove("a");
        ix.commit();
        assert!(search(&ix, "dien ban").is_empty());
        assert_eq!(ix.len(), 0);
    }

    #[test]
    fn the_first_fill_reads_the_folder_and_then_what_changed_meanwhile() {
        let dir = std::env::temp_dir().join(format!("news-search-fill-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("articles")).unwrap();
        let write = |slug: &str, title: &str| {
            let a = article(slug, title, "", "");
            let json = serde_json::to_string(&a).unwrap();
            std::fs::write(dir.join(format!("articles/{slug}.json")), json).unwrap();
        };
        write("a", "Đà Nẵng");
        write("b", "Hội An");
        let ix = SearchIndex::new().unwrap();
        ix.begin_fill();
        assert!(!ix.is_ready());
        // A change the watcher reports during the fill is noted, not applied...
        write("b", "Điện Bàn");
        Follower::put(&ix, &article("b", "Điện Bàn", "", ""), &rec());
        Follower::settle(&ix);
        ix.fill(
            &dir,
            &["a".to_string(), "b".to_string(), "gone".to_string()],
        );
        assert!(ix.is_ready());
        // ...and read again after it: the file as it is now.
        assert_eq!(search(&ix, "da nang"), ["a"]);
        assert_eq!(search(&ix, "dien ban"), ["b"]);
        assert!(search(&ix, "hoi an").is_empty());
        assert_eq!(ix.len(), 2);
        // Afterwards, changes go straight in.
        Follower::remove(&ix, "a");
        Follower::settle(&ix);
        assert!(search(&ix, "da nang").is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    fn rec() -> Record {
        Record::of(&article("b", "x", "", "")).unwrap()
    }

    #[test]
    fn pages_and_the_total() {
        let many: Vec<(Article, i64)> = (0..7)
            .map(|i| (article(&format!("a{i}"), "Đà Nẵng", "", ""), i))
            .collect();
        let ix = index(&many);
        let q = search_text::query("da nang").unwrap();
        let first = ix.search(&q, 0, 3).unwrap();
        assert_eq!(first.total, 7);
        assert_eq!(first.slugs, ["a6", "a5", "a4"]);
        assert_eq!(ix.search(&q, 6, 3).unwrap().slugs, ["a0"]);
        assert!(ix.search(&q, 9, 3).unwrap().slugs.is_empty());
    }
}
