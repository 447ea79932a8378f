//! The order of results, as the issue asks for it: a query typed with marks ranks the
//! articles that have those marks first («bão», the storm, above «Báo»); then a match in
//! the title above one in the lead, above one in the body; in a field, the query's
//! syllables in a row (a phrase: Vietnamese words are several syllables) above the same
//! syllables scattered; ties newest first.
//!
//! Built from tantivy's query objects, never from a query string (a reader's quotes, `*`,
//! `:` or `-` are separators, not syntax). BM25 is not used: its scores blend term rarity
//! and field length, which would let a body that repeats a word outrank a title. Each
//! feature is a constant score instead, weighted so that the sum orders documents the way
//! above:
//! - every syllable must be somewhere in the article, folded (the match itself, score 0);
//! - exactness: the best field holding every marked syllable as typed, 100 × its tier;
//! - placement: the best field holding the phrase (2 × tier) or every syllable scattered
//!   (2 × tier − 1), times 10: at most 60, below any exactness;
//! - then the publication time ([`sort_key`]).

use search_text::Syllable;
use tantivy::query::{
    BooleanQuery, ConstScoreQuery, DisjunctionMaxQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Score, Term};

/// One searched text of an article and its two indexed forms.
#[derive(Debug, Clone, Copy)]
pub struct TextField {
    /// Exact forms (NFC, lower case).
    pub exact: Field,
    /// Folded forms, with positions (phrases).
    pub folded: Field,
    /// 3 for the title, 2 the lead, 1 the body.
    pub tier: u8,
}

/// The weights every host ranks with (`search_text::rank`, which ranks a static index).
const EXACT: Score = search_text::rank::EXACT as Score;
const PLACED: Score = search_text::rank::PLACED as Score;

/// The query of `syllables` (at least one) over `texts`.
pub fn query(texts: &[TextField], syllables: &[Syllable]) -> Box<dyn Query> {
    // Each syllable, folded, in any field: what makes a result.
    let required: Vec<(Occur, Box<dyn Query>)> = syllables
        .iter()
        .map(|s| {
            let anywhere = texts
                .iter()
                .map(|t| (Occur::Should, term(t.folded, &s.folded)))
                .collect();
            (
                Occur::Must,
                Box::new(BooleanQuery::new(anywhere)) as Box<dyn Query>,
            )
        })
        .collect();
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(
        Occur::Must,
        Box::new(ConstScoreQuery::new(
            Box::new(BooleanQuery::new(required)),
            0.0,
        )),
    )];
    let marked: Vec<&Syllable> = syllables.iter().filter(|s| s.has_marks()).collect();
    if !marked.is_empty() {
        let exact = texts
            .iter()
            .map(|t| {
                let all = marked.iter().map(|s| term(t.exact, &s.exact)).collect();
                constant(all_of(all), EXACT * Score::from(t.tier))
            })
            .collect();
        clauses.push((Occur::Should, Box::new(DisjunctionMaxQuery::new(exact))));
    }
    let mut placed: Vec<Box<dyn Query>> = Vec::new();
    for t in texts {
        let tier = Score::from(t.tier);
        placed.push(constant(phrase(t.folded, syllables), PLACED * 2.0 * tier));
        if syllables.len() > 1 {
            let all = syllables
                .iter()
                .map(|s| term(t.folded, &s.folded))
                .collect();
            placed.push(constant(all_of(all), PLACED * (2.0 * tier - 1.0)));
        }
    }
    clauses.push((Occur::Should, Box::new(DisjunctionMaxQuery::new(placed))));
    Box::new(BooleanQuery::new(clauses))
}

/// The order of a result: its score, then its publication time (newer first), in one
/// number that tantivy's top-k can compare.
pub fn sort_key(score: Score, published: i64) -> i64 {
    // Scores are small whole numbers (at most 360); times fit in 40 bits until year 36,812.
    ((score.max(0.0) as i64) << 40) | published.clamp(0, (1 << 40) - 1)
}

fn term(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::Basic,
    ))
}

fn all_of(queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        queries.into_iter().map(|q| (Occur::Must, q)).collect(),
    ))
}

fn constant(query: Box<dyn Query>, score: Score) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(query, score))
}

/// The syllables in a row in `field` (one syllable: the term itself).
fn phrase(field: Field, syllables: &[Syllable]) -> Box<dyn Query> {
    if let [one] = syllables {
        return term(field, &one.folded);
    }
    let terms = syllables
        .iter()
        .map(|s| Term::from_field_text(field, &s.folded))
        .collect();
    Box::new(PhraseQuery::new(terms))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_score_comes_before_the_time_and_newer_breaks_a_tie() {
        assert!(sort_key(60.0, 0) > sort_key(50.0, 2_000_000_000));
        assert!(sort_key(360.0, 1) > sort_key(300.0, (1 << 40) - 1));
        assert!(sort_key(60.0, 1_700_000_001) > sort_key(60.0, 1_700_000_000));
        assert_eq!(sort_key(0.0, -5), 0);
    }
}
