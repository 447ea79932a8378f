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

/// The syllables of one text, as tantivy reads them.
pub struct SyllableStream {
    tokens: std::vec::IntoIter<Token>,
    current: Token,
}

impl Tokenizer for Syllables {
    type TokenStream<'a> = SyllableStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> SyllableStream {
        let folded = self.folded;
        let tokens: Vec<Token> = search_text::syllables(text)
            .enumerate()
            .map(|(position, s)| Token {
                offset_from: s.range.start,
                offset_to: s.range.end,
                position,
                text: if folded { s.folded } else { s.exact },
                position_length: 1,
            })
            .collect();
        SyllableStream {
            tokens: tokens.into_iter(),
            current: Token::default(),
        }
    }
}

impl TokenStream for SyllableStream {
    fn advance(&mut self) -> bool {
        match self.tokens.next() {
            Some(t) => {
                self.current = t;
                true
            }
            None => false,
        }
    }

    fn token(&self) -> &Token {
        &self.current
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.current
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(folded: bool, text: &str) -> Vec<(String, usize)> {
        let mut stream = Syllables { folded }.token_stream(text);
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
