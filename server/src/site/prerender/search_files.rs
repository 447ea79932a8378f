//! The static search index (contract v3, `search_text::static_index`), written into the
//! build's API folder for a host with no `search.json`: every article's syllables by
//! field, the pairs of syllables in a row, and the summaries results show.
//!
//! Written on every run from every article (an index of syllables cannot be patched per
//! article the way pages are), but only the files whose bytes changed are written: articles
//! are numbered oldest first, so a new article changes the files of its own syllables and
//! the last summaries file. Files of syllables no article has any more are removed.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use contract::{paths, Summary, SummaryPage};
use search_text::static_index::{file_name, Entry, Info, Postings};

use crate::http::compress;
use crate::search::document::Texts;
use crate::site::content_index::Index;
use crate::site::list_pages;

use super::site_files::write_if_changed;

/// Summaries a docs file holds: a page of ten results falls in one or two files when they
/// are neighbours in time (ties are newest first), and a file is a few KB in brotli.
const PER_FILE: u32 = 32;

/// Articles read at once: what a batch's syllables weigh in memory before they join the
/// postings.
const BATCH: usize = 2048;

/// Per folded syllable, its variants (exact forms, or the folded syllables that follow)
/// and their articles per field.
type Gathered = HashMap<String, BTreeMap<String, Postings>>;

/// A field's syllables, (folded, exact), and its pairs in a row, (folded, folded), each once.
type FieldSyllables = (Vec<(String, String)>, Vec<(String, String)>);

/// What one article gives the index.
struct Read {
    summary: Summary,
    /// Title, lead, body.
    fields: [FieldSyllables; 3],
}

/// Writes the index of `index`'s articles (read from `content`) under `api`; how many
/// files were written.
pub(super) fn write(content: &Path, index: &Index, api: &Path) -> Result<usize, String> {
    let dir = api.join(paths::STATIC_SEARCH_DIR);
    let entries = index.entries();
    if u32::try_from(entries.len()).is_err() {
        return Err("too many articles".into());
    }
    let mut terms: Gathered = HashMap::new();
    let mut pairs: Gathered = HashMap::new();
    let mut written = 0;
    let mut wanted: HashSet<PathBuf> = HashSet::new();
    // Articles are numbered as they are read: one whose file has gone or broken since the
    // index saw it has no number, so that every number has its summary.
    let mut numbered: u32 = 0;
    let mut summaries: Vec<Summary> = Vec::new();
    let mut docs_files = 0;
    for (i, batch) in entries.chunks(BATCH).enumerate() {
        let read: Vec<Option<Read>> = batch.par_iter().map(|e| read(content, &e.slug)).collect();
        for r in read.into_iter().flatten() {
            let doc = numbered;
            numbered += 1;
            summaries.push(r.summary);
            for (f, (syllables, neighbours)) in r.fields.into_iter().enumerate() {
                for (folded, exact) in syllables {
                    add(&mut terms, folded, exact, f, doc);
                }
                for (a, b) in neighbours {
                    add(&mut pairs, a, b, f, doc);
                }
            }
        }
        // Whole docs files, and the last one at the end.
        let last = i + 1 == entries.len().div_ceil(BATCH);
        let whole = if last {
            summaries.len()
        } else {
            summaries.len() / PER_FILE as usize * PER_FILE as usize
        };
        let ready: Vec<Summary> = summaries.drain(..whole).collect();
        let results: Vec<Result<(PathBuf, bool), String>> = ready
            .par_chunks(PER_FILE as usize)
            .enumerate()
            .map(|(k, items)| {
                let file = api.join(paths::static_search_docs(docs_files + k as u32));
                let page = SummaryPage {
                    items: items.to_vec(),
                    next: None,
                    name: None,
                };
                let json = serde_json::to_vec(&page).map_err(|e| e.to_string())?;
                Ok((file.clone(), put(&file, &json)?))
            })
            .collect();
        docs_files += ready.len().div_ceil(PER_FILE as usize) as u32;
        for r in results {
            let (file, wrote) = r?;
            written += usize::from(wrote);
            wanted.insert(file);
        }
    }
    let info = Info {
        articles: numbered,
        per_file: PER_FILE,
    };
    let info_file = api.join(paths::STATIC_SEARCH_INFO);
    written += usize::from(put(&info_file, &info.to_bytes())?);
    wanted.insert(info_file);
    for (postings, path) in [
        (&terms, paths::static_search_terms as fn(&str) -> String),
        (&pairs, paths::static_search_pairs),
    ] {
        let (n, files) = write_postings(api, postings, path)?;
        written += n;
        wanted.extend(files);
    }
    remove_others(&dir, &wanted);
    Ok(written)
}

/// One article's summary and syllables (none when its file has gone or broken).
fn read(content: &Path, slug: &str) -> Option<Read> {
    let article = list_pages::article(content, slug)?;
    let texts = Texts::of(&article);
    let field = |text: &str| {
        let syllables: Vec<search_text::Syllable> = search_text::syllables(text).collect();
        let mut words: Vec<(String, String)> = syllables
            .iter()
            .map(|s| (s.folded.clone(), s.exact.clone()))
            .collect();
        let mut neighbours: Vec<(String, String)> = syllables
            .windows(2)
            .map(|w| (w[0].folded.clone(), w[1].folded.clone()))
            .collect();
        for list in [&mut words, &mut neighbours] {
            list.sort_unstable();
            list.dedup();
        }
        (words, neighbours)
    };
    Some(Read {
        summary: list_pages::list_summary(&article),
        fields: [field(&texts.title), field(&texts.lead), field(&texts.body)],
    })
}

/// Notes that article `doc` holds `variant` of `key` in field `f` (articles come in order).
fn add(postings: &mut Gathered, key: String, variant: String, f: usize, doc: u32) {
    let docs = &mut postings.entry(key).or_default().entry(variant).or_default()[f];
    if docs.last() != Some(&doc) {
        docs.push(doc);
    }
}

/// Writes a file per name of `postings`' keys at `path(name)`; how many were written, and
/// every file's path.
fn write_postings(
    api: &Path,
    postings: &Gathered,
    path: fn(&str) -> String,
) -> Result<(usize, Vec<PathBuf>), String> {
    let mut by_name: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for key in postings.keys() {
        by_name.entry(file_name(key)).or_default().push(key);
    }
    let results: Vec<Result<(PathBuf, bool), String>> = by_name
        .par_iter_mut()
        .map(|(name, keys)| {
            keys.sort_unstable();
            let bytes = Entry::write_file(keys.iter().map(|&k| {
                (
                    k,
                    postings[k].iter().map(|(v, p)| (v.as_str(), p)).collect(),
                )
            }));
            let file = api.join(path(name));
            Ok((file.clone(), put(&file, &bytes)?))
        })
        .collect();
    let mut written = 0;
    let mut files = Vec::with_capacity(results.len());
    for r in results {
        let (file, wrote) = r?;
        written += usize::from(wrote);
        files.push(file);
    }
    Ok((written, files))
}

/// Writes `bytes` at `file` with its compressed siblings, unless it holds them already.
fn put(file: &Path, bytes: &[u8]) -> Result<bool, String> {
    if let Some(dir) = file.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let wrote = write_if_changed(file, bytes)?;
    if wrote {
        compress::write_siblings(file, compress::PER_ARTICLE)?;
    }
    Ok(wrote)
}

/// Removes the files under `dir` that are not `wanted` (nor their compressed siblings).
fn remove_others(dir: &Path, wanted: &HashSet<PathBuf>) {
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            let own = match path.extension().and_then(|e| e.to_str()) {
                Some("br" | "gz") => path.with_extension(""),
                _ => path.clone(),
            };
            if !wanted.contains(&own) {
                let _ = fs::remove_file(&path);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::SearchIndex;
    use crate::site::content_index;

    /// The slugs a static host finds for `query`, best first, reading the files as the
    /// app fetches them.
    fn static_search(api: &Path, query: &str) -> Vec<String> {
        let syllables = search_text::query(query).unwrap();
        let info =
            Info::from_bytes(&fs::read(api.join(paths::STATIC_SEARCH_INFO)).unwrap()).unwrap();
        let needed = search_text::static_index::files_of(&syllables);
        let read = |path: String| fs::read(api.join(path)).ok();
        let terms: Vec<_> = needed
            .terms
            .iter()
            .map(|n| read(paths::static_search_terms(n)))
            .collect();
        let pairs: Vec<_> = needed
            .pairs
            .iter()
            .map(|n| read(paths::static_search_pairs(n)))
            .collect();
        let ranked =
            search_text::static_index::rank_files(&syllables, info, &terms, &pairs).unwrap();
        ranked
            .docs
            .iter()
            .map(|&d| {
                let (k, at) = info.docs_file(d);
                let json = fs::read_to_string(api.join(paths::static_search_docs(k))).unwrap();
                contract::parse_summary_page(&json).unwrap().items[at]
                    .slug
                    .clone()
            })
            .collect()
    }

    /// Every query gets the same articles in the same order from the static index as from
    /// the server's (tantivy), on the search fixtures and on the demo's articles.
    #[test]
    fn a_static_host_finds_what_the_server_finds_in_the_same_order() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let cases: [(PathBuf, &[&str]); 2] = [
            (
                root.join("tests/fixtures/search"),
                &[
                    "da nang",
                    "Đà Nẵng",
                    "Da Nẵng",
                    "dien ban",
                    "bão",
                    "báo",
                    "bao",
                    "hội an",
                    "quang nam",
                    "nam",
                    "ha noi",
                    "\"da\" -nang*",
                    "lũ quảng",
                ],
            ),
            (
                root.join("../public/api"),
                &[
                    "quảng nam",
                    "tam ky",
                    "dien",
                    "hội",
                    "năm",
                    "văn hóa",
                    "van hoa",
                    "người dân",
                ],
            ),
        ];
        for (content, queries) in cases {
            let records = content_index::scan(&content).unwrap();
            let index = Index::build(records, 30);
            let api = std::env::temp_dir().join(format!(
                "news-static-search-{}-{}",
                std::process::id(),
                index.len()
            ));
            let _ = fs::remove_dir_all(&api);
            assert!(write(&content, &index, &api).unwrap() > 0);
            let server = SearchIndex::new().unwrap();
            let slugs: Vec<String> = index.entries().iter().map(|e| e.slug.to_string()).collect();
            server.fill(&content, &slugs);
            let mut found_any = false;
            for q in queries {
                let syllables = search_text::query(q).unwrap();
                let expected = server.search(&syllables, 0, 1000).unwrap().slugs;
                found_any |= !expected.is_empty();
                assert_eq!(static_search(&api, q), expected, "{q}");
            }
            assert!(found_any);
            // A second run over the same articles writes nothing.
            assert_eq!(write(&content, &index, &api).unwrap(), 0);
            let _ = fs::remove_dir_all(&api);
        }
    }

    /// An article published since is found after the next run, which rewrites only the
    /// files of its syllables and the last summaries file; one removed is gone, and so are
    /// the files of the syllables only it had.
    #[test]
    fn a_new_article_is_found_after_the_next_run_and_a_removed_one_is_gone() {
        let root = std::env::temp_dir().join(format!("news-static-new-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let content = root.join("content");
        let api = root.join("api");
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search");
        fs::create_dir_all(content.join("articles")).unwrap();
        for entry in fs::read_dir(fixtures.join("articles")).unwrap() {
            let entry = entry.unwrap();
            fs::copy(
                entry.path(),
                content.join("articles").join(entry.file_name()),
            )
            .unwrap();
        }
        let index_of = |content: &Path| Index::build(content_index::scan(content).unwrap(), 30);
        let first = write(&content, &index_of(&content), &api).unwrap();
        assert!(static_search(&api, "xylanh").is_empty());
        let storm = content.join("articles/bao-so-5-do-bo-da-nang.json");
        let mut article: contract::Article =
            serde_json::from_str(&fs::read_to_string(&storm).unwrap()).unwrap();
        article.slug = "xe-xylanh-moi".into();
        article.title = "Xe xylanh mới".into();
        article.published_at = "2030-01-01T08:00:00+07:00".into();
        let new_file = content.join("articles/xe-xylanh-moi.json");
        fs::write(&new_file, serde_json::to_vec(&article).unwrap()).unwrap();
        let again = write(&content, &index_of(&content), &api).unwrap();
        assert_eq!(static_search(&api, "xylanh"), ["xe-xylanh-moi"]);
        assert!(again < first / 2, "{again} files written of {first}");
        fs::remove_file(&new_file).unwrap();
        write(&content, &index_of(&content), &api).unwrap();
        assert!(static_search(&api, "xylanh").is_empty());
        assert!(!api.join(paths::static_search_terms("xylanh")).exists());
        let _ = fs::remove_dir_all(&root);
    }
}
