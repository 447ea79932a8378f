//! A search of the static index, whoever fetches its files: which files a query needs
//! ([`files_of`]), then its results from their bytes ([`rank_files`]).

use super::{file_name, rank, Entry, FormatError, Info, Ranked};
use crate::Syllable;

/// The names of the files a query needs: each syllable's terms file, and for each pair of
/// neighbours, the pairs file of the first (none for a query of one syllable).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Needed {
    pub terms: Vec<String>,
    pub pairs: Vec<String>,
}

/// The files `query` needs.
pub fn files_of(query: &[Syllable]) -> Needed {
    let names = |s: &[Syllable]| s.iter().map(|s| file_name(&s.folded)).collect();
    Needed {
        terms: names(query),
        pairs: names(&query[..query.len().saturating_sub(1)]),
    }
}

/// The results of `query` from the bytes of the files [`files_of`] named, in its order
/// (`None`: the host has no such file, so no article has that syllable or pair).
pub fn rank_files(
    query: &[Syllable],
    info: Info,
    terms: &[Option<Vec<u8>>],
    pairs: &[Option<Vec<u8>>],
) -> Result<Ranked, FormatError> {
    let read = |file: &Option<Vec<u8>>| -> Result<Vec<Entry>, FormatError> {
        file.as_deref()
            .map_or(Ok(Vec::new()), |b| Entry::read_file(b, info.articles))
    };
    let terms: Vec<Vec<Entry>> = terms.iter().map(read).collect::<Result<_, _>>()?;
    let pairs: Vec<Vec<Entry>> = pairs.iter().map(read).collect::<Result<_, _>>()?;
    let term_of = |i: usize| {
        let entries = terms.get(i)?;
        entries.iter().find(|e| e.key == query[i].folded)
    };
    let pair_of = |i: usize| {
        let entries = pairs.get(i)?;
        let entry = entries.iter().find(|e| e.key == query[i].folded)?;
        entry
            .variants
            .iter()
            .find(|v| v.name == query[i + 1].folded)
    };
    let found_terms: Vec<_> = (0..query.len()).map(term_of).collect();
    let found_pairs: Vec<_> = (0..query.len().saturating_sub(1)).map(pair_of).collect();
    Ok(rank(query, &found_terms, &found_pairs, info.articles))
}
