//! What each character is to the text rules: a letter, a mark or a separator; its lower
//! case; the letter it folds to. Fast paths for the letters Vietnamese is written in (ASCII,
//! the Latin blocks, read by their layout), Unicode's tables for the rest, or, without the
//! `tables` feature (the wasm), the blocks of marks and symbols instead.

#[cfg(feature = "tables")]
use unicode_normalization::char::{decompose_canonical, is_combining_mark};
#[cfg(feature = "tables")]
use unicode_normalization::UnicodeNormalization;

/// What a character is to a syllable.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A letter or a digit.
    Letter,
    /// A combining mark: part of the syllable it follows.
    Mark,
    /// Anything else: between syllables.
    Separator,
}

/// What `c` is, without the Unicode tables' slow lookup for ASCII and the letters
/// Vietnamese is written in ([`is_precomposed_latin`]); every other character through them.
pub(crate) fn kind(c: char) -> Kind {
    if c.is_ascii() {
        return if c.is_ascii_alphanumeric() {
            Kind::Letter
        } else {
            Kind::Separator
        };
    }
    if is_precomposed_latin(c) {
        // Every character of these blocks is a letter but `×` and `÷`.
        return if c == '×' || c == '÷' {
            Kind::Separator
        } else {
            Kind::Letter
        };
    }
    if is_alphanumeric(c) {
        Kind::Letter
    } else if is_mark(c) {
        Kind::Mark
    } else {
        Kind::Separator
    }
}

/// Latin-1's letters to Latin Extended-B, and Latin Extended Additional (where «ạ» to «ỹ»
/// are): letters with their marks in one code point, already NFC.
pub(crate) fn is_precomposed_latin(c: char) -> bool {
    ('\u{C0}'..='\u{24F}').contains(&c) || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

/// `text` in NFC: by Unicode's tables, or (without them, in the wasm) as it is: the app
/// gives its query in NFC (the browser's `normalize`), and a text's folded forms need no
/// composing ([`crate::fold_exact`] takes decomposed letters too).
pub(crate) fn nfc(text: String) -> String {
    #[cfg(feature = "tables")]
    return text.nfc().collect();
    #[cfg(not(feature = "tables"))]
    text
}

/// True for a combining mark: by Unicode's tables, or (without them) the blocks of
/// combining marks Latin, and so Vietnamese, is written with.
pub(crate) fn is_mark(c: char) -> bool {
    #[cfg(feature = "tables")]
    return is_combining_mark(c);
    #[cfg(not(feature = "tables"))]
    in_mark_blocks(c)
}

/// True for a letter or a digit beyond Latin's blocks: by Unicode's tables (the standard
/// library's); without them (the wasm, where they weigh about 5 KB of brotli), anything but
/// a space or a character of the blocks of punctuation and symbols.
pub(crate) fn is_alphanumeric(c: char) -> bool {
    #[cfg(feature = "tables")]
    return c.is_alphanumeric();
    #[cfg(not(feature = "tables"))]
    !(c.is_whitespace() || in_symbol_blocks(c))
}

/// True in the blocks of punctuation and symbols a text carries (Latin-1's, General
/// Punctuation to Miscellaneous Symbols and Arrows, CJK's, the full-width forms', emoji).
#[cfg_attr(feature = "tables", allow(dead_code))]
pub(crate) fn in_symbol_blocks(c: char) -> bool {
    match c as u32 {
        // Latin-1's symbols but its letters and digits (ª ² ³ µ ¹ º ¼ ½ ¾).
        n @ 0x80..=0xBF => !matches!(n, 0xAA | 0xB2 | 0xB3 | 0xB5 | 0xB9 | 0xBA | 0xBC..=0xBE),
        0x2000..=0x206F | 0x20A0..=0x20CF | 0x2190..=0x2BFF | 0x2E00..=0x2E7F => true,
        0x3000..=0x3004 | 0x3008..=0x3020 | 0x3030 | 0xFE10..=0xFE1F | 0xFE30..=0xFE6F => true,
        0xFF00..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65 => true,
        0x1F000..=0x1FAFF => true,
        _ => false,
    }
}

/// The lower case of a character beyond Vietnamese's letters: by the standard library's
/// tables; without them (the wasm), the character itself (the app's query comes lower-cased
/// by the browser).
pub(crate) fn to_lowercase(c: char) -> impl Iterator<Item = char> {
    #[cfg(feature = "tables")]
    return c.to_lowercase();
    #[cfg(not(feature = "tables"))]
    std::iter::once(c)
}

/// True in the blocks of combining marks Latin is written with: Combining Diacritical
/// Marks (and its Extended and Supplement), for Symbols, Half Marks.
#[cfg_attr(feature = "tables", allow(dead_code))]
pub(crate) fn in_mark_blocks(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// The letter each precomposed Latin letter folds to (`is_precomposed_latin`'s blocks), by
/// code point from U+00C0 and from U+1E00: itself (`.`), an ASCII letter, or (`*`) one of
/// the few with another base ([`latin_base`]). Unicode's decompositions without their
/// marks, checked against the tables by a test; 656 bytes where the tables weigh about
/// 150 KB of wasm.
pub(crate) const LATIN_BASES: &[u8] = b"\
AAAAAA.CEEEEIIII.NOOOOO..UUUUY..aaaaaa.ceeeeiiii.nooooo..uuuuy.y\
AaAaAaCcCcCcCcDd..EeEeEeEeEeGgGgGgGgHh..IiIiIiIiI...JjKk.LlLlLl.\
...NnNnNn...OoOoOo..RrRrRrSsSsSsSsTtTt..UuUuUuUuUuUuWwYyYZzZzZz.\
................................Oo.............Uu...............\
.............AaIiOoUuUuUuUuUu.AaAa**..GgKkOoOo**j...Gg..NnAa****\
AaAaEeEeIiIiOoOoRrRrUuUuSsTt..Hh......AaEeOoOoOoOoYy............\
................";
pub(crate) const LATIN_EXTENDED_BASES: &[u8] = b"\
AaBbBbBbCcDdDdDdDdDdEeEeEeEeEeFfGgHhHhHhHhHhIiIiKkKkKkLlLlLlLlMm\
MmMmNnNnNnNnOoOoOoOoPpPpRrRrRrRrSsSsSsSsSsTtTtTtTtUuUuUuUuUuVvVv\
WwWwWwWwWwXxXxYyZzZzZzhtwy.*....AaAaAaAaAaAaAaAaAaAaAaAaEeEeEeEe\
EeEeEeEeIiIiOoOoOoOoOoOoOoOoOoOoOoOoUuUuUuUuUuUuUuYyYyYyYy......";

/// What the precomposed Latin letter `c` folds to (lower case in, lower case out).
pub(crate) fn latin_base(c: char) -> char {
    let n = c as u32;
    let byte = match n {
        0xC0..=0x24F => LATIN_BASES[(n - 0xC0) as usize],
        0x1E00..=0x1EFF => LATIN_EXTENDED_BASES[(n - 0x1E00) as usize],
        _ => b'.',
    };
    match byte {
        b'.' => c,
        b'*' => match c {
            'Ǣ' | 'Ǽ' => 'Æ',
            'ǣ' | 'ǽ' => 'æ',
            'Ǯ' => 'Ʒ',
            'ǯ' => 'ʒ',
            'Ǿ' => 'Ø',
            'ǿ' => 'ø',
            'ẛ' => 'ſ',
            _ => c,
        },
        ascii => char::from(ascii),
    }
}

/// The lower case of the letters of Vietnamese, from their blocks' layout rather than the
/// Unicode tables' search: ASCII, Latin-1's capitals (`À`–`Þ` but `×`), and the pairs of
/// Latin Extended-A's start (`Ā`–`į`: `Ă`, `Đ`, `Ĩ`) and of Vietnamese's own block (`Ạ`–`ỹ`),
/// capital first. `None`: ask the tables.
pub(crate) fn lower_vietnamese(c: char) -> Option<char> {
    let n = c as u32;
    match n {
        0..=0x7F => Some(c.to_ascii_lowercase()),
        0xC0..=0xDE if n != 0xD7 => char::from_u32(n + 0x20),
        0xDF..=0xFF => Some(c),
        0x100..=0x12F | 0x1EA0..=0x1EF9 => char::from_u32(n | 1),
        _ => None,
    }
}

/// Folds a character of no Latin block: its canonical decomposition without marks, by
/// Unicode's tables; without them (the wasm), itself (the static index a query is looked
/// up in holds the few such letters with marks, Greek or Cyrillic, folded: those are
/// found as typed in their composed form only).
pub(crate) fn fold_other(c: char, out: &mut String) {
    #[cfg(feature = "tables")]
    decompose_canonical(c, |d| {
        if !is_combining_mark(d) {
            out.push(d);
        }
    });
    #[cfg(not(feature = "tables"))]
    out.push(c);
}
