//! Live coverage's entries files (`articles/{slug}/live.json`, contract v3 «Live
//! coverage»): each version of a file read and checked once, with its validator, so that a
//! reader's poll costs a stat and, when nothing changed, a bodiless 304. A bad file is not served; why is said once in the log (`article_file`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use axum::body::Bytes;
use contract::live::{parse_live_entries, LiveStatus, LIVE_MAX_BYTES};

use crate::http::etag;
use crate::site::article_file;
use crate::site::content_folder::{Content, ContentError, Stamp};

/// One version of an entries file, ready to send.
#[derive(Debug)]
pub struct LiveFile {
    /// What clients follow: poll while live.
    pub status: LiveStatus,
    /// The digest of the bytes (`etag::digest`), the answer's `ETag`.
    pub tag: String,
    /// The file as it is (the router's compression layer encodes it for the reader).
    pub bytes: Bytes,
}

/// The files read so far, by slug, with the stamp of the version read.
#[derive(Debug, Default)]
pub struct LiveFiles {
    known: Mutex<HashMap<String, (Stamp, Arc<LiveFile>)>>,
}

impl LiveFiles {
    /// The entries of `slug`: `NotFound` without a file, `Bad` for a file that is not a
    /// valid entries document.
    pub async fn get(&self, content: &Content, slug: &str) -> Result<Arc<LiveFile>, ContentError> {
        let (path, stamp) = content
            .live_file(slug)
            .await?
            .ok_or(ContentError::NotFound)?;
        if let Some((known, file)) = self.lock().get(slug) {
            if *known == stamp {
                return Ok(Arc::clone(file));
            }
        }
        let bytes = tokio::fs::read(&path).await?;
        // Parsing is CPU work: off the runtime's threads.
        let checked = tokio::task::spawn_blocking(move || {
            let checked = load(bytes);
            article_file::outcome(&path, checked)
        })
        .await
        .map_err(|e| ContentError::Broken(e.to_string()))?;
        let file = Arc::new(checked.ok_or(ContentError::Bad)?);
        self.lock()
            .insert(slug.to_string(), (stamp, Arc::clone(&file)));
        Ok(file)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, (Stamp, Arc<LiveFile>)>> {
        self.known.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The bytes of an entries file checked, or why they are no entries document.
pub fn check(bytes: &[u8]) -> Result<LiveStatus, String> {
    if bytes.len() > LIVE_MAX_BYTES {
        return Err(format!(
            "too large: {} bytes, over the {LIVE_MAX_BYTES} a live entries file may have",
            bytes.len()
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8 ({e})"))?;
    parse_live_entries(text)
        .map(|doc| doc.status)
        .map_err(|e| format!("not a valid live entries document: {e}"))
}

fn load(bytes: Vec<u8>) -> Result<LiveFile, String> {
    let status = check(&bytes)?;
    Ok(LiveFile {
        status,
        tag: etag::digest(&bytes),
        bytes: Bytes::from(bytes),
    })
}
