//! The static index's articles in the order of results (`crate::rank`'s weights): every
//! article holding each syllable of the query, scored from its sets.

use super::{DocSet, Entry, Variant, FIELDS};
use crate::rank::{score, TIERS};
use crate::Syllable;

/// Every article matching a query, best first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranked {
    pub docs: Vec<u32>,
}

/// Ranks the articles (numbered below `articles`, the newest highest) for `query`, from the
/// entries of its syllables' terms (`terms[i]`, `None`: the syllable is in no article) and
/// of each pair of neighbours (`pairs[i]`: `query[i]` then `query[i + 1]` in a row).
pub fn rank(
    query: &[Syllable],
    terms: &[Option<&Entry>],
    pairs: &[Option<&Variant>],
    articles: u32,
) -> Ranked {
    let none = Ranked { docs: Vec::new() };
    if query.is_empty() || terms.len() != query.len() {
        return none;
    }
    let empty = DocSet::empty(articles);
    // Per syllable: its folded form's articles per field, and where it is as typed.
    let mut folded: Vec<[DocSet; FIELDS]> = Vec::with_capacity(query.len());
    let mut exact: Vec<[&DocSet; FIELDS]> = Vec::new();
    for (s, term) in query.iter().zip(terms) {
        let Some(term) = term else {
            return none;
        };
        let mut fields = [empty.clone(), empty.clone(), empty.clone()];
        for v in &term.variants {
            for (all, one) in fields.iter_mut().zip(&v.fields) {
                all.union_with(one);
            }
        }
        folded.push(fields);
        if s.has_marks() {
            let typed = term.variants.iter().find(|v| v.name == s.exact);
            exact.push(match typed {
                Some(v) => [&v.fields[0], &v.fields[1], &v.fields[2]],
                None => [&empty, &empty, &empty],
            });
        }
    }
    let mut matched = empty.clone();
    for (i, fields) in folded.iter().enumerate() {
        let mut anywhere = empty.clone();
        for f in fields {
            anywhere.union_with(f);
        }
        if i == 0 {
            matched = anywhere;
        } else {
            matched.intersect_with(&anywhere);
        }
    }
    let best = |holds: &dyn Fn(usize) -> bool| {
        (0..FIELDS)
            .filter(|&f| holds(f))
            .map(|f| TIERS[f])
            .max()
            .unwrap_or(0)
    };
    let scores: Vec<(u32, u32)> = matched
        .iter()
        .map(|d| {
            let exact_tier = if exact.is_empty() {
                0
            } else {
                best(&|f| exact.iter().all(|e| e[f].contains(d)))
            };
            let phrase_tier = if query.len() == 1 {
                best(&|f| folded[0][f].contains(d))
            } else {
                best(&|f| {
                    pairs.len() + 1 == query.len()
                        && pairs
                            .iter()
                            .all(|p| p.is_some_and(|p| p.fields[f].contains(d)))
                })
            };
            let scattered_tier = if query.len() == 1 {
                0
            } else {
                best(&|f| folded.iter().all(|s| s[f].contains(d)))
            };
            (score(exact_tier, phrase_tier, scattered_tier), d)
        })
        .collect();
    Ranked {
        docs: by_score(&scores),
    }
}

/// The articles of `scores` ((score, article), articles ascending), best score first, then
/// newest (highest) first: a counting sort, as scores are few small numbers (a generic
/// sort weighs 3 KB of the app's wasm).
fn by_score(scores: &[(u32, u32)]) -> Vec<u32> {
    let top = score(3, 3, 3) as usize;
    // Where each score's articles start: the counts of the better scores before it.
    let mut start = vec![0usize; top + 2];
    for &(s, _) in scores {
        start[top - (s as usize).min(top) + 1] += 1;
    }
    for i in 1..start.len() {
        start[i] += start[i - 1];
    }
    let mut out = vec![0; scores.len()];
    for &(s, d) in scores.iter().rev() {
        let slot = &mut start[top - (s as usize).min(top)];
        out[*slot] = d;
        *slot += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::static_index::Postings;

    fn entry(key: &str, variants: &[(&str, Postings)]) -> Entry {
        let bytes = Entry::write_file([(
            key,
            variants.iter().map(|(n, p)| (*n, p)).collect::<Vec<_>>(),
        )]);
        Entry::read_file(&bytes, 6).unwrap().remove(0)
    }

    #[test]
    fn marks_then_title_then_phrase_then_newest() {
        // Articles 0..6, 5 the newest. «bão» (storm) in 1's body, «báo» in 4's title and
        // 2's title, «bao» unmarked in 3's lead.
        let bao = entry(
            "bao",
            &[
                ("bão", [vec![], vec![], vec![1]]),
                ("báo", [vec![2, 4], vec![], vec![]]),
                ("bao", [vec![], vec![3], vec![]]),
            ],
        );
        let q = crate::query("bão").unwrap();
        let ranked = rank(&q, &[Some(&bao)], &[], 6);
        assert_eq!(ranked.docs, [1, 4, 2, 3]);
        let q = crate::query("bao").unwrap();
        assert_eq!(rank(&q, &[Some(&bao)], &[], 6).docs, [4, 2, 3, 1]);
        // Two syllables: the phrase in the lead (3) above them scattered in the lead (0).
        let da = entry("da", &[("đà", [vec![], vec![0, 3], vec![]])]);
        let nang = entry("nang", &[("nẵng", [vec![], vec![0, 3], vec![5]])]);
        let pair = entry("da", &[("nang", [vec![], vec![3], vec![]])]);
        let q = crate::query("da nang").unwrap();
        let ranked = rank(&q, &[Some(&da), Some(&nang)], &[Some(&pair.variants[0])], 6);
        assert_eq!(ranked.docs, [3, 0]);
        // A syllable in no article: nothing.
        assert!(rank(&q, &[Some(&da), None], &[None], 6).docs.is_empty());
    }
}
