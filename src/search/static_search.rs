//! Search on a host with no `search.json` (a plain CDN): the static index `prerender`
//! writes (`search_text::static_index`, contract v3). [`find`] fetches the files of the
//! query's syllables at once and ranks every matching article by the server's rules;
//! [`page`] fetches the summaries of one page of them.

use contract::{paths, Matches, SearchPage, SearchResult};
use futures::future::join_all;
use search_text::static_index::{self, Info};
use search_text::Syllable;

use crate::api::{self, ApiError};
use crate::config::Config;
use crate::dom;

/// Results a page, as «Xem thêm» adds them.
const PAGE_SIZE: usize = 20;

/// Every article a query matched, best first.
pub struct Found {
    syllables: Vec<Syllable>,
    info: Info,
    docs: Vec<u32>,
}

/// The results of `query` on the host's static index; `None` when the host has none (or
/// one of another version) either: it offers no search.
pub async fn find(config: &Config, query: &str) -> Result<Option<Found>, ApiError> {
    // In NFC and lower case by the browser (an input method may type decomposed letters):
    // the text rules in the wasm go without Unicode's tables (`search_text`'s `tables`).
    // By name (`dom::call`): no import in the first view's glue.
    let nfc = dom::call(&query.into(), "normalize", Some(&"NFC".into()));
    let lower = nfc.and_then(|q| dom::call(&q, "toLowerCase", None));
    let query = lower
        .and_then(|q| q.as_string())
        .unwrap_or_else(|| query.to_string());
    // The server's own refusal: nothing to search, or too long.
    let syllables = search_text::query(&query).map_err(|_| ApiError::Status(422))?;
    let Some(info) = api::search_file(config, paths::STATIC_SEARCH_INFO).await? else {
        return Ok(None);
    };
    let Ok(info) = Info::from_bytes(&info) else {
        return Ok(None);
    };
    let needed = static_index::files_of(&syllables);
    let files: Vec<String> = (needed.terms.iter().map(|n| paths::static_search_terms(n)))
        .chain(needed.pairs.iter().map(|n| paths::static_search_pairs(n)))
        .collect();
    let fetched = join_all(files.iter().map(|path| api::search_file(config, path))).await;
    let mut terms = fetched.into_iter().collect::<Result<Vec<_>, _>>()?;
    let pairs = terms.split_off(needed.terms.len());
    let ranked = static_index::rank_files(&syllables, info, &terms, &pairs)
        .map_err(|e| ApiError::Invalid(e.0.into()))?;
    Ok(Some(Found {
        syllables,
        info,
        docs: ranked.docs,
    }))
}

/// Page `n` (from 1) of `found`, its summaries fetched (their files at once), each with
/// where the query matched its title and lead, as the server would say.
pub async fn page(config: &Config, found: &Found, n: u32) -> Result<SearchPage, ApiError> {
    let start = (n.max(1) as usize - 1) * PAGE_SIZE;
    let shown = found.docs.iter().skip(start).take(PAGE_SIZE);
    let places: Vec<(u32, usize)> = shown.map(|&d| found.info.docs_file(d)).collect();
    // The docs files, each once (a page's results fall in a few: no sort needed).
    let mut files: Vec<u32> = Vec::new();
    for &(k, _) in &places {
        if !files.contains(&k) {
            files.push(k);
        }
    }
    let docs: Vec<String> = files
        .iter()
        .map(|&k| paths::static_search_docs(k))
        .collect();
    let read = join_all(docs.iter().map(|path| api::summaries(config, path))).await;
    let read = read.into_iter().collect::<Result<Vec<_>, _>>()?;
    let items = places
        .iter()
        .filter_map(|&(k, at)| {
            let file = files.iter().position(|&f| f == k)?;
            let summary = read[file].items.get(at)?.clone();
            let matches = Matches {
                title: search_text::matched_ranges(&summary.title, &found.syllables),
                lead: summary.lead.as_deref().map_or_else(Vec::new, |lead| {
                    search_text::matched_ranges(lead, &found.syllables)
                }),
            };
            Some(SearchResult { summary, matches })
        })
        .collect();
    let more = start + PAGE_SIZE < found.docs.len();
    Ok(SearchPage {
        items,
        total: u32::try_from(found.docs.len()).unwrap_or(u32::MAX),
        // Only whether there is more: the next page is counted, not a path.
        next: more.then(String::new),
    })
}
