//! `search_text`'s syllables as tantivy tokenizers: one gives each syllable's exact form
//! (NFC, lower case), the other its folded form (no diacritics, `đ` → `d`). Every text is
//! indexed twice, once by each, so that a query typed with marks can rank exact matches
//! first while one typed without them finds every spelling.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// The name tantivy knows the exact-form tokenizer by.
pub const EXACT: &str = "vi_exact";
/// The name tantivy knows the folded-form tokenizer by.
pub const FOLDED: &str = "vi_folded";

/// Cuts a text into syllables, in one of their two forms.
#[derive(Debug, Clone, Copy)]
pub struct Syllables {
    /// The folded form, else the exact one.
    pub folded: bool,
}

/// The syllables of one text, as tantivy reads them, each form made when asked for.
pub struct SyllableStream<'a> {
    text: &'a str,
    ranges: Box<dyn Iterator<Item = std::ops::Range<usize>> + 'a>,
    folded: bool,
    token: Token,
}

impl Tokenizer for Syllables {
    type TokenStream<'a> = SyllableStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> SyllableStream<'a> {
        SyllableStream {
            text,
            ranges: Box::new(search_text::syllable_ranges(text)),
            folded: self.folded,
            token: Token::default(),
        }
    }
}

impl TokenStream for SyllableStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(range) = self.ranges.next() else {
            return false;
        };
        // Only the form this field keeps: articles are tokenized once per form.
        let exact = search_text::exact(&self.text[range.clone()]);
        let t = &mut self.token;
        t.text = if self.folded {
            search_text::fold_exact(&exact)
        } else {
            exact
        };
        // `Token::default()` starts at position usize::MAX: the first is 0.
        t.position = t.position.wrapping_add(1);
        t.offset_from = range.start;
        t.offset_to = range.end;
        t.position_length = 1;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(folded: bool, text: &str) -> Vec<(String, usize)> {
        let mut tokenizer = Syllables { folded };
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push((stream.token().text.clone(), stream.token().position));
        }
        out
    }

    #[test]
    fn both_forms_with_their_positions() {
        assert_eq!(
            texts(false, "Đà Nẵng, Điện Bàn"),
            [
                ("đà".into(), 0),
                ("nẵng".into(), 1),
                ("điện".into(), 2),
                ("bàn".into(), 3)
            ]
        );
        assert_eq!(
            texts(true, "Đà Nẵng, Điện Bàn"),
            [
                ("da".into(), 0),
                ("nang".into(), 1),
                ("dien".into(), 2),
                ("ban".into(), 3)
            ]
        );
    }
}
