//! The content index as `serve` keeps it: built at start, then rebuilt when a file of the
//! articles folder changes, so that lists, sitemaps and feeds follow what a newsroom
//! publishes without a command to run.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use contract::Article;

use crate::site::article_file::{self, read_article};
use crate::site::content_index::{scan, slug_of_file, Index, Record};

/// What else is kept from the articles folder beside the content index (the search index):
/// told of every article that changes once the index is built, and of the end of each batch
/// of changes. It reads the articles of the first index itself (the search index does so in
/// the background, so that the server listens as soon as its lists are ready).
pub trait Follower: Send + Sync {
    /// `article` is new or changed (its `record` as the index keeps it).
    fn put(&self, article: &Article, record: &Record);
    /// The article `slug` is gone, or no longer valid (it may never have been put).
    fn remove(&self, slug: &str);
    /// A batch of changes is over: what was put or removed must now show.
    fn settle(&self);
}

/// The index `serve` reads: built at start, then rebuilt in the background when a file of
/// the articles folder changes (inotify on Linux, through `notify`), a burst of changes
/// once. Readers take the current snapshot and never wait for a rebuild.
pub struct LiveIndex {
    current: RwLock<Arc<Index>>,
    /// Changes since start: caches built from a snapshot compare it.
    generation: std::sync::atomic::AtomicU64,
}

impl LiveIndex {
    /// Reads `content` and, when `watch`, keeps the index current as files change, telling
    /// `follower` of every change.
    pub fn start(
        content: &Path,
        page_size: usize,
        watch: bool,
        follower: Arc<dyn Follower>,
    ) -> Result<Arc<LiveIndex>, String> {
        let folder = content.join("articles");
        // A content folder without articles yet is an empty index, as before there was one.
        let records = if folder.is_dir() {
            scan(content).map_err(|e| format!("{}: {e}", folder.display()))?
        } else {
            tracing::warn!("{} not found: no articles listed", folder.display());
            Vec::new()
        };
        let live = Arc::new(LiveIndex {
            current: RwLock::new(Arc::new(Index::build(records, page_size))),
            generation: std::sync::atomic::AtomicU64::new(0),
        });
        if watch && folder.is_dir() {
            watch_folder(Arc::clone(&live), folder, page_size, follower)?;
        }
        Ok(live)
    }

    /// The index now.
    pub fn get(&self) -> Arc<Index> {
        Arc::clone(&self.current.read().unwrap_or_else(|e| e.into_inner()))
    }

    /// How many times the index changed since start.
    pub fn generation(&self) -> u64 {
        self.generation.load(std::sync::atomic::Ordering::Acquire)
    }

    fn replace(&self, index: Index) {
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(index);
        self.generation
            .fetch_add(1, std::sync::atomic::Ordering::AcqRel);
    }
}

/// How long a burst of changes is gathered before the index is rebuilt once.
const SETTLE: Duration = Duration::from_millis(200);

fn watch_folder(
    live: Arc<LiveIndex>,
    folder: PathBuf,
    page_size: usize,
    follower: Arc<dyn Follower>,
) -> Result<(), String> {
    use notify::Watcher;
    let (tx, rx) = std::sync::mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(tx).map_err(|e| format!("watching: {e}"))?;
    watcher
        .watch(&folder, notify::RecursiveMode::NonRecursive)
        .map_err(|e| format!("watching {}: {e}", folder.display()))?;
    std::thread::Builder::new()
        .name("content-index".into())
        .spawn(move || {
            // The watcher lives as long as this thread.
            let _watcher = watcher;
            while let Ok(first) = rx.recv() {
                let mut changed: Vec<PathBuf> = Vec::new();
                let mut take = |ev: notify::Result<notify::Event>| match ev {
                    // inotify reports every open (notify watches `IN_OPEN`): reading an
                    // article, this thread's own reads included, changes nothing, and
                    // taking it for a change would read it again, forever.
                    Ok(ev) if ev.kind.is_access() => {}
                    Ok(ev) => changed.extend(ev.paths),
                    Err(e) => tracing::warn!("content index: {e}"),
                };
                take(first);
                while let Ok(ev) = rx.recv_timeout(SETTLE) {
                    take(ev);
                }
                changed.sort();
                changed.dedup();
                let mut by_slug: HashMap<String, Record> =
                    live.get().records().map(|r| (r.slug.clone(), r)).collect();
                let mut touched = false;
                let mut settle = false;
                for path in changed {
                    let Some(slug) = path
                        .file_name()
                        .and_then(|n| n.to_str())
                        .and_then(slug_of_file)
                        .map(str::to_string)
                    else {
                        continue;
                    };
                    let is_file = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file());
                    let article = is_file.then(|| read_article(&path, &slug)).flatten();
                    let record = article
                        .as_ref()
                        .and_then(|a| article_file::outcome(&path, Record::checked(a)));
                    // The follower hears of every change: an edit of the body changes no
                    // record but changes what is searched.
                    match (&article, &record) {
                        (Some(a), Some(r)) => follower.put(a, r),
                        _ => follower.remove(&slug),
                    }
                    settle = true;
                    touched |= match record {
                        Some(r) => by_slug.insert(slug, r.clone()).as_ref() != Some(&r),
                        None => by_slug.remove(&slug).is_some(),
                    };
                }
                if settle {
                    follower.settle();
                }
                if touched {
                    let n = by_slug.len();
                    live.replace(Index::build(by_slug.into_values(), page_size));
                    tracing::debug!("content index: {n} articles");
                }
            }
        })
        .map_err(|e| format!("watching: {e}"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// No follower: only the content index.
    struct Nobody;

    impl Follower for Nobody {
        fn put(&self, _: &Article, _: &Record) {}
        fn remove(&self, _: &str) {}
        fn settle(&self) {}
    }

    #[test]
    fn the_live_index_follows_the_folder() {
        let dir = std::env::temp_dir().join(format!("news-index-live-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("articles")).unwrap();
        let article = |slug: &str, day: u32| {
            format!(
                r#"{{"slug":"{slug}","title":"T","category":{{"slug":"c","name":"C"}},
                "published_at":"2023-02-{day:02}T16:30:00+07:00","authors":[],"body":[]}}"#
            )
        };
        std::fs::write(dir.join("articles/a.json"), article("a", 1)).unwrap();
        std::fs::write(dir.join("articles/broken.json"), "{").unwrap();
        let live = LiveIndex::start(&dir, 30, true, Arc::new(Nobody)).unwrap();
        assert_eq!(live.get().len(), 1);
        std::fs::write(dir.join("articles/b.json"), article("b", 2)).unwrap();
        std::fs::remove_file(dir.join("articles/a.json")).unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while live.get().entry("b").is_none() || live.get().entry("a").is_some() {
            assert!(std::time::Instant::now() < deadline, "never saw the change");
            std::thread::sleep(Duration::from_millis(50));
        }
        assert_eq!(live.get().len(), 1);
        assert!(live.generation() >= 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Remembers the slugs it is told of.
    #[derive(Default)]
    struct Heard(std::sync::Mutex<Vec<String>>);

    impl Follower for Heard {
        fn put(&self, a: &Article, _: &Record) {
            self.0.lock().unwrap().push(a.slug.clone());
        }
        fn remove(&self, slug: &str) {
            self.0.lock().unwrap().push(slug.to_string());
        }
        fn settle(&self) {}
    }

    #[test]
    fn reading_an_article_is_no_change() {
        let dir = std::env::temp_dir().join(format!("news-index-read-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("articles")).unwrap();
        let article = |slug: &str| {
            format!(
                r#"{{"slug":"{slug}","title":"T","category":{{"slug":"c","name":"C"}},
                "published_at":"2023-02-01T16:30:00+07:00","authors":[],"body":[]}}"#
            )
        };
        std::fs::write(dir.join("articles/a.json"), article("a")).unwrap();
        let heard = Arc::new(Heard::default());
        let _live = LiveIndex::start(&dir, 30, true, heard.clone()).unwrap();
        // Read (opened, not written), then a real change after it: by the time the change
        // is heard, a read taken for one would have been heard too.
        std::fs::read(dir.join("articles/a.json")).unwrap();
        std::fs::write(dir.join("articles/b.json"), article("b")).unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while !heard.0.lock().unwrap().contains(&"b".to_string()) {
            assert!(std::time::Instant::now() < deadline, "never heard of b");
            std::thread::sleep(Duration::from_millis(50));
        }
        assert_eq!(*heard.0.lock().unwrap(), ["b"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
