//! The files of the static index: their names and their bytes.
//!
//! `index.bin`: the magic `NSI`, then varints: the format's version, how many articles,
//! how many summaries a docs file holds.
//!
//! A terms or pairs file: a varint count of entries; each entry a string (a varint length
//! and UTF-8) naming its folded syllable, a varint count of variants, and each variant a
//! string (in a terms file the exact form, in a pairs file the folded syllable that follows)
//! and three sets (title, lead, body; `sets::write`). A file usually holds one entry: it
//! holds more only when syllables share a hashed name.

use super::sets::{self, Reader};
use super::{DocSet, FormatError, FIELDS};

/// The format's version: a reader refuses another one (and the app says search is off).
pub const INFO_VERSION: u32 = 1;

const MAGIC: &[u8] = b"NSI";

/// The longest syllable named by itself; a longer one, or one not in `[a-z0-9]`, is named
/// by a hash of it.
const LONGEST_NAME: usize = 40;

/// What `index.bin` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Info {
    /// How many articles are numbered (0 the oldest).
    pub articles: u32,
    /// How many summaries each `docs/{k}.json` holds (the last may hold fewer).
    pub per_file: u32,
}

impl Info {
    pub fn to_bytes(self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        for n in [INFO_VERSION, self.articles, self.per_file] {
            sets::varint(n, &mut out);
        }
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Info, FormatError> {
        let mut r = Reader::new(bytes);
        if r.bytes(MAGIC.len())? != MAGIC {
            return Err(FormatError("not a search index"));
        }
        if r.varint()? != INFO_VERSION {
            return Err(FormatError("another version of the format"));
        }
        let info = Info {
            articles: r.varint()?,
            per_file: r.varint()?,
        };
        if info.per_file == 0 {
            return Err(FormatError("no summaries a file"));
        }
        Ok(info)
    }

    /// The docs file holding article `doc`, and its place in that file.
    pub fn docs_file(self, doc: u32) -> (u32, usize) {
        (doc / self.per_file, (doc % self.per_file) as usize)
    }
}

/// The name of the file (without `.bin`) of the folded syllable `folded`: itself when it
/// is short and in `[a-z0-9]` (what Vietnamese folds to), else `_` and a hash of it
/// (FNV-1a, 32 bits, in hex): a name every CDN and file system takes as it is.
pub fn file_name(folded: &str) -> String {
    let plain = folded
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    if plain && !folded.is_empty() && folded.len() <= LONGEST_NAME {
        return folded.to_string();
    }
    let hash = folded.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    format!("_{hash:08x}")
}

/// The articles of a variant, per field, as the writer gathers them (ascending).
pub type Postings = [Vec<u32>; FIELDS];

/// One entry of a file, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    pub variants: Vec<Variant>,
}

/// One variant of an entry, read: its name and its articles per field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub name: String,
    pub fields: [DocSet; FIELDS],
}

impl Entry {
    /// The bytes of a file holding `entries`: (key, [(variant, postings)]).
    pub fn write_file<'a>(
        entries: impl IntoIterator<Item = (&'a str, Vec<(&'a str, &'a Postings)>)>,
    ) -> Vec<u8> {
        let mut body = Vec::new();
        let mut count = 0;
        for (key, variants) in entries {
            count += 1;
            string(key, &mut body);
            sets::varint(variants.len() as u32, &mut body);
            for (name, postings) in variants {
                string(name, &mut body);
                for docs in postings {
                    sets::write(docs, &mut body);
                }
            }
        }
        let mut out = Vec::with_capacity(body.len() + 4);
        sets::varint(count, &mut out);
        out.extend(body);
        out
    }

    /// The entries of a file, of articles below `articles`.
    pub fn read_file(bytes: &[u8], articles: u32) -> Result<Vec<Entry>, FormatError> {
        let mut r = Reader::new(bytes);
        let count = r.varint()?;
        // Each entry is at least two bytes: a hostile count allocates nothing.
        let mut entries = Vec::with_capacity((count as usize).min(bytes.len() / 2));
        for _ in 0..count {
            let key = r.string()?.to_string();
            let n = r.varint()?;
            let mut variants = Vec::with_capacity((n as usize).min(bytes.len() / 4));
            for _ in 0..n {
                let name = r.string()?.to_string();
                let fields = [r.set(articles)?, r.set(articles)?, r.set(articles)?];
                variants.push(Variant { name, fields });
            }
            entries.push(Entry { key, variants });
        }
        if !r.at_end() {
            return Err(FormatError("bytes after the last entry"));
        }
        Ok(entries)
    }
}

fn string(s: &str, out: &mut Vec<u8>) {
    sets::varint(s.len() as u32, out);
    out.extend_from_slice(s.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_syllable_or_a_hash() {
        assert_eq!(file_name("nang"), "nang");
        assert_eq!(file_name("2024"), "2024");
        assert_eq!(file_name("北京"), file_name("北京"));
        assert!(file_name("北京").starts_with('_'));
        assert_ne!(file_name("北京"), file_name("东京"));
        assert_eq!(file_name(&"a".repeat(41)).len(), 9);
        assert!(file_name("../x").starts_with('_'));
    }

    #[test]
    fn a_file_reads_back_as_written() {
        let storm: Postings = [vec![1], vec![], vec![0, 2]];
        let paper: Postings = [vec![], vec![2], vec![]];
        let bytes = Entry::write_file([("bao", vec![("bão", &storm), ("báo", &paper)])]);
        let entries = Entry::read_file(&bytes, 3).unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].key, "bao");
        let names: Vec<&str> = entries[0]
            .variants
            .iter()
            .map(|v| v.name.as_str())
            .collect();
        assert_eq!(names, ["bão", "báo"]);
        let body: Vec<u32> = entries[0].variants[0].fields[2].iter().collect();
        assert_eq!(body, [0, 2]);
        // Articles past the count, a cut file, bytes after the end: errors.
        assert!(Entry::read_file(&bytes, 2).is_err());
        assert!(Entry::read_file(&bytes[..bytes.len() - 1], 3).is_err());
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(Entry::read_file(&longer, 3).is_err());
        assert!(Entry::read_file(&[0xff, 0xff, 0xff, 0xff, 0x0f], 3).is_err());
    }

    #[test]
    fn the_info_reads_back_and_another_version_is_refused() {
        let info = Info {
            articles: 100_000,
            per_file: 32,
        };
        assert_eq!(Info::from_bytes(&info.to_bytes()), Ok(info));
        assert_eq!(info.docs_file(65), (2, 1));
        let mut other = info.to_bytes();
        other[3] = 2;
        assert!(Info::from_bytes(&other).is_err());
        assert!(Info::from_bytes(b"{}").is_err());
    }
}
