//! Sets of articles (by number) as they are stored and as they are searched.
//!
//! Stored, each set is the smaller of two forms: a list of the numbers' gaps (LEB128
//! varints), or a bitmap. A syllable in a few articles is a few bytes; one in most of
//! them is an eighth of a byte an article.

use super::FormatError;

/// A set of articles numbered below its `len`, as a bitmap: what a search intersects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocSet {
    words: Vec<u64>,
    /// The articles it may hold: `0..articles`.
    articles: u32,
}

impl DocSet {
    /// No article of `len`.
    pub fn empty(len: u32) -> DocSet {
        DocSet {
            words: vec![0; (len as usize).div_ceil(64)],
            articles: len,
        }
    }

    /// Adds `doc`; false when it is past the set's length.
    pub fn insert(&mut self, doc: u32) -> bool {
        if doc >= self.articles {
            return false;
        }
        self.words[doc as usize / 64] |= 1 << (doc % 64);
        true
    }

    pub fn contains(&self, doc: u32) -> bool {
        self.words
            .get(doc as usize / 64)
            .is_some_and(|w| w & (1 << (doc % 64)) != 0)
    }

    /// Adds every article of `other`.
    pub fn union_with(&mut self, other: &DocSet) {
        for (w, o) in self.words.iter_mut().zip(&other.words) {
            *w |= o;
        }
    }

    /// Keeps only the articles of `other` too.
    pub fn intersect_with(&mut self, other: &DocSet) {
        for (w, o) in self.words.iter_mut().zip(&other.words) {
            *w &= o;
        }
    }

    pub fn len(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|&w| w == 0)
    }

    /// The articles, in order.
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.words.iter().enumerate().flat_map(|(i, &w)| {
            let mut rest = w;
            std::iter::from_fn(move || {
                if rest == 0 {
                    return None;
                }
                let bit = rest.trailing_zeros();
                rest &= rest - 1;
                Some(i as u32 * 64 + bit)
            })
        })
    }
}

/// A stored set's form.
const EMPTY: u32 = 0;
const GAPS: u32 = 1;
const BITMAP: u32 = 2;

/// Writes `docs` (ascending, no repeats) in the smaller form.
pub fn write(docs: &[u32], out: &mut Vec<u8>) {
    let Some(&last) = docs.last() else {
        varint(EMPTY, out);
        return;
    };
    let mut gaps = Vec::with_capacity(docs.len() * 2);
    let mut prev = 0;
    for (i, &d) in docs.iter().enumerate() {
        varint(if i == 0 { d } else { d - prev }, &mut gaps);
        prev = d;
    }
    let bitmap_len = last as usize / 8 + 1;
    if gaps.len() <= bitmap_len {
        varint(GAPS, out);
        varint(docs.len() as u32, out);
        out.extend_from_slice(&gaps);
    } else {
        varint(BITMAP, out);
        varint(bitmap_len as u32, out);
        let start = out.len();
        out.resize(start + bitmap_len, 0);
        for &d in docs {
            out[start + d as usize / 8] |= 1 << (d % 8);
        }
    }
}

/// Appends `n` as an LEB128 varint.
pub fn varint(mut n: u32, out: &mut Vec<u8>) {
    while n >= 0x80 {
        out.push(n as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Reads a file's bytes in order; every read past the end or out of shape is an error.
pub struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes }
    }

    pub fn at_end(&self) -> bool {
        self.bytes.is_empty()
    }

    pub fn varint(&mut self) -> Result<u32, FormatError> {
        let mut n: u32 = 0;
        for shift in (0..35).step_by(7) {
            let (&b, rest) = self.bytes.split_first().ok_or(FormatError("truncated"))?;
            self.bytes = rest;
            n |= u32::from(b & 0x7f)
                .checked_shl(shift)
                .filter(|v| v >> shift == u32::from(b & 0x7f))
                .ok_or(FormatError("number too large"))?;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(FormatError("number too long"))
    }

    pub fn bytes(&mut self, len: usize) -> Result<&'a [u8], FormatError> {
        if len > self.bytes.len() {
            return Err(FormatError("truncated"));
        }
        let (taken, rest) = self.bytes.split_at(len);
        self.bytes = rest;
        Ok(taken)
    }

    /// A varint length, then that many bytes of UTF-8.
    pub fn string(&mut self) -> Result<&'a str, FormatError> {
        let len = self.varint()? as usize;
        std::str::from_utf8(self.bytes(len)?).map_err(|_| FormatError("not UTF-8"))
    }

    /// A set written by [`write`], of articles below `len` (any past it is an error).
    pub fn set(&mut self, len: u32) -> Result<DocSet, FormatError> {
        let mut set = DocSet::empty(len);
        match self.varint()? {
            EMPTY => {}
            GAPS => {
                let count = self.varint()?;
                let mut doc: u32 = 0;
                for i in 0..count {
                    let gap = self.varint()?;
                    doc = if i == 0 {
                        gap
                    } else {
                        doc.checked_add(gap)
                            .filter(|_| gap > 0)
                            .ok_or(FormatError("gaps out of order"))?
                    };
                    if !set.insert(doc) {
                        return Err(FormatError("article out of range"));
                    }
                }
            }
            BITMAP => {
                let len = self.varint()? as usize;
                let bytes = self.bytes(len)?;
                for (i, &b) in bytes.iter().enumerate() {
                    let mut rest = b;
                    while rest != 0 {
                        let doc = (i * 8) as u32 + rest.trailing_zeros();
                        rest &= rest - 1;
                        if !set.insert(doc) {
                            return Err(FormatError("article out of range"));
                        }
                    }
                }
            }
            _ => return Err(FormatError("unknown set form")),
        }
        Ok(set)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(docs: &[u32], len: u32) -> (usize, Vec<u32>) {
        let mut out = Vec::new();
        write(docs, &mut out);
        let mut r = Reader::new(&out);
        let set = r.set(len).unwrap();
        assert!(r.at_end());
        (out.len(), set.iter().collect())
    }

    #[test]
    fn a_set_reads_back_as_written_in_the_smaller_form() {
        let (bytes, back) = round_trip(&[], 10);
        assert_eq!((bytes, back), (1, vec![]));
        let sparse = [3, 700, 99_999];
        let (bytes, back) = round_trip(&sparse, 100_000);
        assert_eq!(back, sparse);
        assert!(bytes < 10, "{bytes}");
        let dense: Vec<u32> = (0..100_000).step_by(2).collect();
        let (bytes, back) = round_trip(&dense, 100_000);
        assert_eq!(back, dense);
        assert!(bytes <= 12_500 + 4, "a bitmap: {bytes}");
    }

    #[test]
    fn hostile_bytes_are_an_error_never_a_panic() {
        let cases: &[&[u8]] = &[
            &[],
            &[GAPS as u8],
            &[GAPS as u8, 5, 1],
            &[GAPS as u8, 2, 1, 0],
            &[GAPS as u8, 1, 0xff, 0xff, 0xff, 0xff, 0x7f],
            &[GAPS as u8, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
            &[BITMAP as u8, 3, 1],
            &[BITMAP as u8, 3, 0, 0, 0xff],
            &[9],
        ];
        for bytes in cases {
            assert!(Reader::new(bytes).set(16).is_err(), "{bytes:?}");
        }
    }

    #[test]
    fn sets_intersect_and_unite() {
        let mut a = DocSet::empty(200);
        let mut b = DocSet::empty(200);
        for d in [1, 64, 130, 199] {
            a.insert(d);
        }
        for d in [64, 199, 5] {
            b.insert(d);
        }
        let mut both = a.clone();
        both.intersect_with(&b);
        assert_eq!(both.iter().collect::<Vec<_>>(), [64, 199]);
        a.union_with(&b);
        assert_eq!(a.iter().collect::<Vec<_>>(), [1, 5, 64, 130, 199]);
        assert_eq!(a.len(), 5);
        assert!(!a.insert(200));
    }
}
