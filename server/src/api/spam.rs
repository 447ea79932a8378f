//! The spam guard before moderation: a comment naming a banned word of the newsroom's file
//! (`--banned-words`), or carrying more than [`MAX_LINKS`] links, goes to the moderators'
//! queue with the reason as its flag, even when comments are published at once.
//!
//! The file is one word or phrase a line, `#` starting a comment line. It is looked at on
//! every comment (one `stat`) and read again when its size or modification time changed,
//! so the newsroom's edits apply without a restart. Words match whole (Unicode word
//! boundaries: «cá» does not match «các»), whatever the case, with their diacritics («cá»
//! is not «ca»), both sides in NFC so that a keyboard's decomposed «ả» matches too.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

use regex::{Regex, RegexSet, RegexSetBuilder};
use unicode_normalization::UnicodeNormalization;

/// More links than this in a body hold it for a moderator.
pub const MAX_LINKS: usize = 2;
/// The flag of a comment held for its links.
pub const FLAG_LINKS: &str = "links";

/// A file's size and modification time.
type Stamp = (u64, Option<SystemTime>);

/// The banned words of one version of the file.
#[derive(Debug, Default)]
struct Banned {
    words: Vec<String>,
    set: Option<RegexSet>,
}

impl Banned {
    /// The words of a file's text; a line that cannot be made a pattern is reported and
    /// skipped (escaped, none should fail but one too large).
    fn parse(text: &str) -> Banned {
        let words: Vec<String> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| l.nfc().collect())
            .collect();
        let patterns: Vec<String> = words.iter().map(|w| whole_word(w)).collect();
        let set = match RegexSetBuilder::new(&patterns)
            .case_insensitive(true)
            .build()
        {
            Ok(set) => Some(set),
            Err(e) => {
                tracing::error!("banned words: {e}");
                None
            }
        };
        Banned { words, set }
    }

    fn first_in(&self, text: &str) -> Option<&str> {
        let set = self.set.as_ref()?;
        let hit = set.matches(text).into_iter().next()?;
        Some(&self.words[hit])
    }
}

/// A pattern matching `word` whole: not inside a longer word, its spaces any run of spaces.
fn whole_word(word: &str) -> String {
    let body = word
        .split_whitespace()
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"\s+");
    // `\b` only where the word begins or ends with a letter or digit: a word such as «18+»
    // has no boundary after its `+`.
    let edge = |c: Option<char>| {
        if c.is_some_and(|c| c.is_alphanumeric()) {
            r"\b"
        } else {
            ""
        }
    };
    format!(
        "{}{body}{}",
        edge(word.chars().next()),
        edge(word.chars().last())
    )
}

/// The guard: the banned-words file, as last read.
pub struct SpamGuard {
    file: Option<PathBuf>,
    links: Regex,
    cache: Mutex<(Option<Stamp>, Arc<Banned>)>,
}

impl SpamGuard {
    /// A guard reading `file` (none: links only).
    pub fn new(file: Option<PathBuf>) -> SpamGuard {
        SpamGuard {
            file,
            // A link is where one begins; `\S*` takes the rest of it, so `https://www.` is one.
            links: Regex::new(r"(?i)(?:https?://|www\.)\S*").expect("a valid pattern"),
            cache: Mutex::new((None, Arc::default())),
        }
    }

    /// Why a comment of this name and body is to be held (its flag), or `None`.
    pub async fn flag(&self, name: &str, body: &str) -> Option<String> {
        let banned = self.banned().await;
        for text in [body, name] {
            let text: String = text.nfc().collect();
            if let Some(word) = banned.first_in(&text) {
                return Some(format!("banned:{word}"));
            }
        }
        (self.links.find_iter(body).count() > MAX_LINKS).then(|| FLAG_LINKS.to_string())
    }

    /// The words of the file as it is now: read again only when it changed. A file gone
    /// means no words; one that cannot be read keeps the words last read.
    async fn banned(&self) -> Arc<Banned> {
        let Some(file) = &self.file else {
            return Arc::clone(&self.lock().1);
        };
        let stamp = match tokio::fs::metadata(file).await {
            Ok(m) => Some((m.len(), m.modified().ok())),
            Err(_) => None,
        };
        {
            let cache = self.lock();
            if cache.0 == stamp {
                return Arc::clone(&cache.1);
            }
        }
        let banned = match stamp {
            None => Arc::default(),
            Some(_) => match tokio::fs::read_to_string(file).await {
                Ok(text) => Arc::new(Banned::parse(&text)),
                Err(e) => {
                    tracing::error!("banned words {}: {e}", file.display());
                    return Arc::clone(&self.lock().1);
                }
            },
        };
        *self.lock() = (stamp, Arc::clone(&banned));
        banned
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, (Option<Stamp>, Arc<Banned>)> {
        self.cache.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block_on<F: std::future::Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(f)
    }

    #[test]
    fn banned_words_match_whole_with_their_diacritics_in_any_case() {
        let b = Banned::parse("# lời bình\n\ncá độ\nlừa đảo\n  18+  \nSPAM\n");
        assert_eq!(b.words, ["cá độ", "lừa đảo", "18+", "SPAM"]);
        assert_eq!(b.first_in("Trang CÁ ĐỘ bóng đá"), Some("cá độ"));
        assert_eq!(b.first_in("trang cá   độ"), Some("cá độ"));
        assert_eq!(b.first_in("Đây là Lừa Đảo!"), Some("lừa đảo"));
        assert_eq!(b.first_in("phim 18+ đây"), Some("18+"));
        assert_eq!(b.first_in("spam."), Some("SPAM"));
        for clean in [
            "ca do",
            "các độ",
            "lua dao",
            "spammer",
            "cá độc",
            "218+",
            "lời bình",
        ] {
            assert_eq!(b.first_in(clean), None, "{clean}");
        }
        assert_eq!(Banned::parse("# none\n").first_in("anything"), None);
    }

    #[test]
    fn the_sample_file_reads_as_words() {
        let b = Banned::parse(include_str!("../../banned-words.sample.txt"));
        assert_eq!(b.words.len(), 4, "{:?}", b.words);
        assert_eq!(b.first_in("Vào trang CÁ ĐỘ đi"), Some("cá độ"));
        assert_eq!(b.first_in("Ghi chú: mỗi dòng một từ"), None);
    }

    #[test]
    fn decomposed_text_matches_too_and_links_are_counted() {
        let dir = std::env::temp_dir().join(format!("news-spam-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("banned-words.txt");
        std::fs::write(&file, "lừa đảo\n").unwrap();
        let guard = SpamGuard::new(Some(file.clone()));
        let decomposed: String = "lừa đảo".nfd().collect();
        assert_ne!(decomposed, "lừa đảo");
        assert_eq!(
            block_on(guard.flag("An", &format!("Coi chừng {decomposed}"))).as_deref(),
            Some("banned:lừa đảo")
        );
        assert_eq!(
            block_on(guard.flag("Lừa đảo", "Bài hay")).as_deref(),
            Some("banned:lừa đảo"),
            "the name too"
        );
        let two = "https://a.example và www.b.example";
        assert_eq!(block_on(guard.flag("An", two)), None);
        assert_eq!(
            block_on(guard.flag("An", &format!("{two} HTTP://c.example"))).as_deref(),
            Some(FLAG_LINKS)
        );
        assert_eq!(
            block_on(guard.flag("An", "https://www.a.example https://www.b.example")),
            None,
            "a link with www is one link"
        );
        // Edited: read again; removed: no words.
        std::fs::write(&file, "# trống\ncờ bạc online\n").unwrap();
        assert_eq!(block_on(guard.flag("An", "lừa đảo")), None);
        assert_eq!(
            block_on(guard.flag("An", "Cờ bạc   online")).as_deref(),
            Some("banned:cờ bạc online")
        );
        std::fs::remove_file(&file).unwrap();
        assert_eq!(block_on(guard.flag("An", "cờ bạc online")), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
