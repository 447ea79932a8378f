//! Build-time compression: a `.br` and a `.gz` beside each text or wasm file of a build, so
//! that a reader's browser gets the smallest copy without the server (or a static host:
//! nginx's `brotli_static`/`gzip_static`, a CDN) compressing it on every request. Written
//! at the highest levels, which are too slow to run per request and cost nothing here.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::http::static_files::{fresh_sibling, COMPRESSIBLE};

/// What [`write_all`] did.
#[derive(Debug, Default)]
pub struct Report {
    /// Files given (or already having) siblings.
    pub files: usize,
    /// Their bytes.
    pub bytes: u64,
    /// The bytes of their brotli siblings.
    pub brotli: u64,
}

/// Writes `NAME.br` and `NAME.gz` beside every file of `dist` (its folders included) whose
/// extension is in [`COMPRESSIBLE`]; a sibling that is newer than its file is kept, and
/// one that would not be smaller is not written (the file is served as it is).
pub fn write_all(dist: &Path) -> Result<Report, String> {
    write_all_but(dist, &|_| false)
}

/// [`write_all`] without the folders `skip` names: `prerender` compresses the pages it
/// writes as it writes them, and a walk over 100,000 article folders would cost an
/// incremental run seconds.
pub fn write_all_but(dist: &Path, skip: &dyn Fn(&Path) -> bool) -> Result<Report, String> {
    let mut report = Report::default();
    let mut folders = vec![dist.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries =
            std::fs::read_dir(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("{}: {e}", folder.display()))?;
            let path = entry.path();
            // Links are not followed: what a build links to is not the build's to compress.
            let kind = entry
                .file_type()
                .map_err(|e| format!("{}: {e}", path.display()))?;
            if kind.is_dir() {
                if !skip(&path) {
                    folders.push(path);
                }
            } else if kind.is_file() && is_compressible(&path) {
                compress_file(&path, BEST, &mut report)?;
            }
        }
    }
    Ok(report)
}

/// Brotli's best quality, for the build's shared files (wasm, JS, CSS, the shell).
pub const BEST: u32 = 11;
/// The quality of the files written per article (pages, list pages): on a 12 KB article
/// page 11 took 60 ms and 9 took 5.5 ms for 10% more bytes (2,688 against 2,438 B), which
/// is the difference between an hour and minutes for 100,000 articles on 2 cores.
pub const PER_ARTICLE: u32 = 9;

/// Writes the `.br` and `.gz` siblings of one file just written (`prerender`'s pages,
/// compressed as they are made instead of by a walk over the whole build), brotli at
/// `quality`.
pub fn write_siblings(path: &Path, quality: u32) -> Result<(), String> {
    compress_file(path, quality, &mut Report::default())
}

fn is_compressible(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| COMPRESSIBLE.contains(&e))
}

fn compress_file(path: &Path, quality: u32, report: &mut Report) -> Result<(), String> {
    let fail = |e: std::io::Error| format!("{}: {e}", path.display());
    // Both siblings fresh: nothing to read.
    if fresh_sibling(path, "br") && fresh_sibling(path, "gz") {
        report.files += 1;
        report.bytes += std::fs::metadata(path).map_err(fail)?.len();
        report.brotli += std::fs::metadata(sibling(path, "br")).map_err(fail)?.len();
        return Ok(());
    }
    let bytes = std::fs::read(path).map_err(fail)?;
    report.files += 1;
    report.bytes += bytes.len() as u64;
    let brotli = |bytes: &[u8]| brotli(bytes, quality);
    for (ext, encode) in [("br", &brotli as &dyn Fn(&[u8]) -> Vec<u8>), ("gz", &gzip)] {
        let sibling = sibling(path, ext);
        if fresh_sibling(path, ext) {
            if ext == "br" {
                report.brotli += std::fs::metadata(&sibling).map_err(fail)?.len();
            }
            continue;
        }
        let packed = encode(&bytes);
        if packed.len() >= bytes.len() {
            // An old sibling would be served instead of the file: it goes.
            match std::fs::remove_file(&sibling) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(fail(e)),
                _ => {}
            }
            if ext == "br" {
                report.brotli += bytes.len() as u64;
            }
            continue;
        }
        if ext == "br" {
            report.brotli += packed.len() as u64;
        }
        // Written aside then renamed: a server reading the build never sees half a file.
        let tmp = sibling.with_extension(format!("{ext}.tmp"));
        std::fs::write(&tmp, &packed).map_err(fail)?;
        std::fs::rename(&tmp, &sibling).map_err(fail)?;
    }
    Ok(())
}

/// `NAME.EXT` beside `NAME`.
fn sibling(path: &Path, ext: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(ext);
    PathBuf::from(name)
}

/// `bytes` as brotli at `quality`.
fn brotli(bytes: &[u8], quality: u32) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() / 3);
    {
        // A 4 MiB window: wasm files are larger than the default.
        let mut w = ::brotli::CompressorWriter::new(&mut out, 64 * 1024, quality, 22);
        w.write_all(bytes).expect("writing to memory");
    }
    out
}

/// `bytes` as gzip at its best level.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut w = flate2::write::GzEncoder::new(
        Vec::with_capacity(bytes.len() / 3),
        flate2::Compression::best(),
    );
    w.write_all(bytes).expect("writing to memory");
    w.finish().expect("writing to memory")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn siblings_for_text_and_wasm_only_and_only_when_smaller() {
        let dir = std::env::temp_dir().join(format!("news-compress-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("tin-tuc")).unwrap();
        let big = "<p>Tin tức</p>".repeat(200);
        std::fs::write(dir.join("tin-tuc/index.html"), &big).unwrap();
        std::fs::write(dir.join("a.png"), &big).unwrap();
        std::fs::write(dir.join("tiny.js"), "x").unwrap();
        let report = write_all(&dir).unwrap();
        assert_eq!(report.files, 2);
        assert!(dir.join("tin-tuc/index.html.br").is_file());
        assert!(dir.join("tin-tuc/index.html.gz").is_file());
        assert!(
            !dir.join("a.png.br").exists(),
            "images are compressed already"
        );
        assert!(!dir.join("tiny.js.br").exists(), "not smaller");
        let mut back = Vec::new();
        let br = std::fs::read(dir.join("tin-tuc/index.html.br")).unwrap();
        std::io::Read::read_to_end(&mut ::brotli::Decompressor::new(&br[..], 4096), &mut back)
            .unwrap();
        assert_eq!(back, big.as_bytes());
        // Again: nothing to do, the siblings are newer than their files.
        let again = write_all(&dir).unwrap();
        assert_eq!(again.brotli, report.brotli);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
