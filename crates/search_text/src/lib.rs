//! The text rules of Vietnamese search, written once for every index and every query: the
//! reference server's index (`news-server`), the app's search of a static index and the
//! static index `prerender` writes. No web dependencies, so that the wasm app can link it.
//!
//! A text is cut into **syllables**: runs of letters, digits and combining marks (so that a
//! decomposed «a» + U+0300 stays one syllable), everything else a separator. Vietnamese
//! writes a word of several syllables with spaces between them («Đà Nẵng»), so a word is a
//! phrase of syllables, and a query's syllables in a row are searched as a phrase.
//!
//! Each syllable has two forms:
//! - **exact**: Unicode NFC, lower case («Bão» → «bão»): what a reader who types the marks
//!   means («bão», the storm, is not «báo», the newspaper);
//! - **folded**: the exact form without its diacritics, `đ` → `d` («đà nẵng» → «da nang»):
//!   what a reader who types without marks, or with only some («Da Nẵng»), finds. `đ` is a
//!   letter of its own, not `d` with a mark: Unicode does not decompose it, so generic
//!   folding (stripping combining marks) keeps it and «da nang» would miss «Đà Nẵng».
//!
//! Offsets are byte offsets into the text as given (NFC or NFD), so that a match can be
//! shown on the very string it was found in.

pub mod rank;
pub mod static_index;

use std::ops::Range;

mod chars;

use chars::{
    fold_other, is_mark, is_precomposed_latin, kind, latin_base, lower_vietnamese, nfc,
    to_lowercase, Kind,
};
#[cfg(all(test, feature = "tables"))]
use chars::{in_mark_blocks, in_symbol_blocks};
#[cfg(all(test, feature = "tables"))]
use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

/// One syllable of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Syllable {
    /// Where it is in the text, in bytes.
    pub range: Range<usize>,
    /// NFC, lower case.
    pub exact: String,
    /// [`exact`](Self::exact) with its diacritics folded, `đ` → `d`.
    pub folded: String,
}

impl Syllable {
    /// True when the syllable carries a diacritic (its exact and folded forms differ).
    pub fn has_marks(&self) -> bool {
        self.exact != self.folded
    }
}

/// Where the syllables of `text` are, in bytes, in order: what [`syllables`] reads, without
/// making either form (an index that wants one form makes only that one).
pub fn syllable_ranges(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut rest = text.char_indices().map(|(i, c)| (i, kind(c))).peekable();
    std::iter::from_fn(move || loop {
        let (start, first) = rest.find(|&(_, k)| k != Kind::Separator)?;
        let mut end = text.len();
        // Marks alone (nothing left once folded) are no syllable.
        let mut has_letter = first == Kind::Letter;
        while let Some(&(i, k)) = rest.peek() {
            if k == Kind::Separator {
                end = i;
                break;
            }
            has_letter |= k == Kind::Letter;
            rest.next();
        }
        if has_letter {
            return Some(start..end);
        }
    })
}

/// The syllables of `text`, in order.
pub fn syllables(text: &str) -> impl Iterator<Item = Syllable> + '_ {
    syllable_ranges(text).map(|range| {
        let exact = exact(&text[range.clone()]);
        let folded = fold_exact(&exact);
        Syllable {
            range,
            exact,
            folded,
        }
    })
}

/// The exact form of a text: NFC, lower case.
pub fn exact(text: &str) -> String {
    // Most syllables of an article are ASCII or precomposed Latin letters, already NFC once
    // lower-cased: no work but the lower case.
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut lower = String::with_capacity(text.len());
    let mut precomposed = true;
    for c in text.chars() {
        match lower_vietnamese(c) {
            Some(l) => lower.push(l),
            None => {
                for l in to_lowercase(c) {
                    precomposed &= l.is_ascii() || is_precomposed_latin(l);
                    lower.push(l);
                }
            }
        }
    }
    if precomposed {
        return lower;
    }
    // Lower case before NFC: a few upper-case letters lower to a letter plus a mark
    // («İ» → «i̇»), which NFC composes again where it can; marks of NFD input compose too.
    nfc(lower)
}

/// The folded form of a text: lower case, no diacritics, `đ` → `d` (NFC or NFD input).
pub fn fold(text: &str) -> String {
    fold_exact(&exact(text))
}

/// Folds a text already in exact form (what [`exact`] gives): each character decomposed,
/// its marks dropped (their order does not matter, so no reordering), `đ` → `d`.
pub fn fold_exact(exact: &str) -> String {
    if exact.is_ascii() {
        return exact.to_string();
    }
    let mut out = String::with_capacity(exact.len());
    for c in exact.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if c == 'đ' {
            out.push('d');
        } else if is_precomposed_latin(c) {
            out.push(latin_base(c));
        } else if !is_mark(c) {
            fold_other(c, &mut out);
        }
    }
    out
}

/// The most characters of a query: a longer one is refused before any work (a title is
/// rarely past 150 characters, and nobody types a paragraph into a search box).
pub const MAX_QUERY_CHARS: usize = 200;
/// The most syllables of a query (each is a term of every field searched).
pub const MAX_QUERY_SYLLABLES: usize = 32;

/// Why a query cannot be searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryError {
    /// Nothing to search: empty, or only punctuation, spaces, control characters.
    Empty,
    /// Over [`MAX_QUERY_CHARS`] characters or [`MAX_QUERY_SYLLABLES`] syllables.
    TooLong,
}

/// The syllables of a reader's query. Every character that is not a letter, a digit or a
/// mark separates syllables, so a query has no syntax: quotes, `*`, `(`, `:`, `-`, control
/// and direction characters are spaces.
pub fn query(text: &str) -> Result<Vec<Syllable>, QueryError> {
    if text.chars().nth(MAX_QUERY_CHARS).is_some() {
        return Err(QueryError::TooLong);
    }
    let found: Vec<Syllable> = syllables(text).take(MAX_QUERY_SYLLABLES + 1).collect();
    match found.len() {
        0 => Err(QueryError::Empty),
        n if n > MAX_QUERY_SYLLABLES => Err(QueryError::TooLong),
        _ => Ok(found),
    }
}

/// Where `query`'s syllables are in `text` (a result's title or lead), as
/// `[start, end)` pairs of Unicode scalar values (`char`s), in order: every syllable of the
/// text whose folded form is one of the query's, the way it was found.
pub fn matched_ranges(text: &str, query: &[Syllable]) -> Vec<[u32; 2]> {
    let mut chars = 0usize;
    let mut counted = 0usize;
    let mut out = Vec::new();
    for s in syllables(text) {
        if query.iter().any(|q| q.folded == s.folded) {
            // Counted on from the last range: one pass over the text.
            chars += text[counted..s.range.start].chars().count();
            let start = chars;
            chars += text[s.range.clone()].chars().count();
            counted = s.range.end;
            out.push([start as u32, chars as u32]);
        }
    }
    out
}

/// The text of a paragraph's inline HTML (the contract's few inline elements): tags
/// become spaces, the usual entities their characters, so that «Đà&nbsp;Nẵng» and
/// «<b>Đà</b> Nẵng» are the same syllables as «Đà Nẵng».
pub fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            match rest.find('>') {
                Some(end) => {
                    out.push(' ');
                    rest = &rest[end + 1..];
                    continue;
                }
                None => break,
            }
        }
        if c == '&' {
            let entity = rest.find(';').filter(|&e| e <= 10).map(|e| &rest[1..e]);
            let decoded = entity.and_then(|name| match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => {
                    let n = name.strip_prefix('#')?;
                    let code = match n.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => n.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            });
            if let (Some(d), Some(name)) = (decoded, entity) {
                out.push(d);
                rest = &rest[name.len() + 2..];
                continue;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(all(test, feature = "tables"))]
mod tests {
    use super::*;

    #[test]
    fn the_mark_blocks_are_marks_and_hold_every_vietnamese_mark() {
        // Every assigned character of the blocks is a mark (the unassigned are nothing a
        // text holds): no letter, digit or separator is taken for one.
        for c in ('\0'..='\u{FFFF}').filter(|&c| in_mark_blocks(c)) {
            assert!(
                is_combining_mark(c) || !c.is_alphanumeric() && !c.is_whitespace(),
                "{c:?}"
            );
        }
        assert!(('\u{300}'..='\u{36F}').all(is_combining_mark));
    }

    #[test]
    fn the_symbol_blocks_hold_no_letter_or_digit_but_a_few_letterlike_ones() {
        let letters: Vec<char> = ('\0'..=char::MAX)
            .filter(|&c| in_symbol_blocks(c) && c.is_alphanumeric())
            .collect();
        // Superscripts, letter-like symbols, number forms and enclosed letters and digits
        // (ℓ, Ⅻ, ①, Ⓐ, 🄰): symbols to a reader, letters to the tables; a query has none.
        let letterlike = |c: char| matches!(c as u32, 0x2070..=0x218F | 0x2460..=0x24FF | 0x2776..=0x2793 | 0x2E2F | 0x1F100..=0x1F1FF);
        assert!(letters.iter().all(|&c| letterlike(c)), "{letters:?}");
        assert!(letters.len() < 400);
        let letters = ('\u{C0}'..='\u{24F}').chain('\u{1E00}'..='\u{1EFF}');
        for d in letters.flat_map(|c| c.to_string().nfd().collect::<Vec<_>>()) {
            assert!(
                d.is_ascii() || !is_combining_mark(d) || in_mark_blocks(d),
                "{d:?}"
            );
        }
    }

    fn folded(text: &str) -> Vec<String> {
        syllables(text).map(|s| s.folded).collect()
    }

    fn exacts(text: &str) -> Vec<String> {
        syllables(text).map(|s| s.exact).collect()
    }

    #[test]
    fn da_nang_with_or_without_marks_folds_to_da_nang() {
        for spelling in [
            "Đà Nẵng",
            "đà nẵng",
            "da nang",
            "Da Nẵng",
            "ĐÀ NẴNG",
            "DA NANG",
        ] {
            assert_eq!(folded(spelling), ["da", "nang"], "{spelling}");
        }
        assert_eq!(folded("Điện Bàn"), ["dien", "ban"]);
        assert_eq!(fold("Đường"), "duong");
    }

    #[test]
    fn nfd_input_reads_as_nfc() {
        let nfd: String = "Bão số 5 đổ bộ Đà Nẵng".nfd().collect();
        assert_ne!(nfd, "Bão số 5 đổ bộ Đà Nẵng");
        assert_eq!(exacts(&nfd), exacts("Bão số 5 đổ bộ Đà Nẵng"));
        assert_eq!(exacts(&nfd), ["bão", "số", "5", "đổ", "bộ", "đà", "nẵng"]);
        // The ranges are the decomposed text's, each syllable whole with its marks.
        let first = syllables(&nfd).next().unwrap();
        assert_eq!(&nfd[first.range.clone()], "Bão".nfd().collect::<String>());
    }

    #[test]
    fn the_marks_tell_bao_from_bao() {
        let storm = syllables("Bão").next().unwrap();
        let paper = syllables("Báo").next().unwrap();
        assert_eq!(storm.folded, paper.folded);
        assert_eq!(storm.folded, "bao");
        assert_ne!(storm.exact, paper.exact);
        assert!(storm.has_marks());
        assert!(!syllables("bao").next().unwrap().has_marks());
        // ư and ơ keep their own exact forms; folded they are u and o.
        assert_eq!(exacts("Thương"), ["thương"]);
        assert_eq!(folded("Thương ơi"), ["thuong", "oi"]);
    }

    #[test]
    fn the_fast_paths_agree_with_the_unicode_tables() {
        // Every character of the blocks read without the tables, read with them.
        for c in ('\u{C0}'..='\u{24F}').chain('\u{1E00}'..='\u{1EFF}') {
            let by_tables = if c.is_alphanumeric() {
                Kind::Letter
            } else if is_combining_mark(c) {
                Kind::Mark
            } else {
                Kind::Separator
            };
            assert!(kind(c) == by_tables, "{c:?}");
            let s = c.to_string();
            let nfc: String = s.to_lowercase().nfc().collect();
            assert_eq!(exact(&s), nfc, "{c:?}");
            let folded: String = nfc
                .nfd()
                .filter(|&d| !is_combining_mark(d))
                .map(|d| if d == 'đ' { 'd' } else { d })
                .collect();
            assert_eq!(fold(&s), folded, "{c:?}");
        }
    }

    #[test]
    fn the_lower_case_of_vietnamese_letters_is_the_tables() {
        for c in ('\0'..='\u{24F}').chain('\u{1E00}'..='\u{1EFF}') {
            if let Some(l) = lower_vietnamese(c) {
                assert_eq!(l.to_string(), c.to_lowercase().to_string(), "{c:?}");
            }
        }
    }

    #[test]
    fn the_ranges_are_the_syllables_and_each_form_is_made_alone() {
        let text = "Ông ĐẶNG,\u{0301} x\u{0301}y İ 42";
        let ranges: Vec<_> = syllable_ranges(text).collect();
        let from_syllables: Vec<_> = syllables(text).map(|s| s.range).collect();
        assert_eq!(ranges, from_syllables);
        assert_eq!(
            exacts(text),
            ["ông", "đặng", "x\u{0301}y", "i\u{0307}", "42"]
        );
        for s in syllables(text) {
            assert_eq!(fold_exact(&exact(&text[s.range.clone()])), s.folded);
        }
        assert_eq!(folded(text), ["ong", "dang", "xy", "i", "42"]);
    }

    #[test]
    fn punctuation_separates_syllables_and_an_empty_text_has_none() {
        assert_eq!(
            folded("«Hà Nội», 12/2026: (bão!) \"số-5\" *x*"),
            ["ha", "noi", "12", "2026", "bao", "so", "5", "x"]
        );
        // Combining marks with no letter under them are not a syllable either.
        for nothing in [
            "",
            "   ",
            "!?.,;:\"*()-",
            "\u{202E}\u{200B}\t\n",
            "\u{0300}\u{0301} .",
        ] {
            assert_eq!(syllables(nothing).count(), 0, "{nothing:?}");
        }
        let ranges: Vec<_> = syllables("a, bb").map(|s| s.range).collect();
        assert_eq!(ranges, [0..1, 3..5]);
    }

    #[test]
    fn paragraph_html_reads_as_its_text() {
        assert_eq!(
            folded(&html_text(
                "<b>Đà</b>&nbsp;Nẵng &amp; <a href=\"x\">Điện&#32;Bàn</a>"
            )),
            ["da", "nang", "dien", "ban"]
        );
        assert_eq!(html_text("a &unknown; b &#xD0;"), "a &unknown; b Ð");
        assert_eq!(html_text("x <unclosed"), "x ");
    }

    #[test]
    fn a_query_is_its_syllables_and_has_no_syntax() {
        let q = query("\"Đà Nẵng\" AND (bão*) -x: \u{202E}").unwrap();
        let f: Vec<&str> = q.iter().map(|s| s.folded.as_str()).collect();
        assert_eq!(f, ["da", "nang", "and", "bao", "x"]);
        for empty in ["", " ", "\"*():-", "\u{0}\u{7}\u{202E}\u{2066}\u{200F}"] {
            assert_eq!(query(empty).unwrap_err(), QueryError::Empty, "{empty:?}");
        }
        assert_eq!(query(&"a".repeat(2000)).unwrap_err(), QueryError::TooLong);
        assert_eq!(query(&"a ".repeat(40)).unwrap_err(), QueryError::TooLong);
        assert!(query(&"á".repeat(MAX_QUERY_CHARS)).is_ok());
    }

    #[test]
    fn matched_ranges_count_chars_of_the_text_as_shown() {
        let q = query("da nang").unwrap();
        assert_eq!(
            matched_ranges("Bão số 5 đổ bộ Đà Nẵng", &q),
            [[15, 17], [18, 22]]
        );
        let nfd: String = "Đà Nẵng".nfd().collect();
        let ranges = matched_ranges(&nfd, &q);
        let chars: Vec<char> = nfd.chars().collect();
        let shown: String = chars[ranges[1][0] as usize..ranges[1][1] as usize]
            .iter()
            .collect();
        assert_eq!(fold(&shown), "nang");
        assert!(matched_ranges("Hà Nội", &q).is_empty());
    }
}

/// Without Unicode's tables (the wasm's build): Vietnamese, composed or not, reads the same.
#[cfg(all(test, not(feature = "tables")))]
mod without_tables {
    use super::*;

    #[test]
    fn da_nang_and_dien_ban_fold_composed_or_decomposed() {
        let composed = "Bão đổ bộ Đà Nẵng, Điện Bàn";
        let decomposed = "Ba\u{303}o đo\u{302}\u{309} bo\u{323}\u{302} Đa\u{300} Na\u{306}\u{303}ng, Đie\u{302}\u{323}n Ba\u{300}n";
        let folds = |t: &str| syllables(t).map(|s| s.folded).collect::<Vec<_>>();
        let folded = ["bao", "do", "bo", "da", "nang", "dien", "ban"];
        assert_eq!(folds(composed), folded);
        assert_eq!(folds(decomposed), folded);
        assert_eq!(exact("Bão"), "bão");
        assert_eq!(
            matched_ranges(decomposed, &query("da nang").unwrap()),
            [[15, 18], [19, 25]]
        );
    }
}
