//! Files from a folder with the headers docs/deploy.md asks of any host ("Headers a host
//! must send"): hashed build files cached for a year, everything else revalidated, `.wasm`
//! typed for streaming compilation, and `404.html` for unknown paths so that deep links
//! load the app.
//! Which file a path names (and that it stays inside the folder) is decided here; sending
//! it (ranges, `Last-Modified`, the precompressed `.br`/`.gz` siblings) is tower-http's
//! `ServeFile`.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_TYPE, VARY};
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use tower::ServiceExt;
use tower_http::services::ServeFile;

/// True for the read errors that mean "no such file".
pub fn is_missing(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::NotFound
            | std::io::ErrorKind::NotADirectory
            | std::io::ErrorKind::IsADirectory
    )
}

/// The cache header of files whose names change with their content.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// The cache header of everything else: use it, but ask first.
pub const NO_CACHE: &str = "no-cache";

/// A file read from disk.
pub struct File {
    /// Where it was found (for its type and cache rule).
    pub path: PathBuf,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Where the file `url_path` names under `root` is, links resolved (a folder's
/// `index.html` for a folder): `Ok(None)` when there is none or it is outside `root`.
pub async fn locate(root: &Path, url_path: &str) -> std::io::Result<Option<PathBuf>> {
    let Some(mut path) = safe_join(root, url_path) else {
        return Ok(None);
    };
    match tokio::fs::metadata(&path).await {
        Ok(meta) if meta.is_dir() => path.push("index.html"),
        Ok(_) => {}
        Err(e) if is_missing(&e) => return Ok(None),
        Err(e) => return Err(e),
    }
    regular_file_under(root, &path).await
}

/// The extensions whose files get precompressed `.br` and `.gz` siblings (`compress`):
/// text and wasm; images and fonts are compressed already.
pub const COMPRESSIBLE: &[&str] = &["js", "wasm", "css", "html", "json", "svg", "bin"];

/// True when `PATH.EXT` is a regular file (not a link) at least as new as `path`: a sibling
/// older than its file belongs to an earlier build and must not be served for it.
pub fn fresh_sibling(path: &Path, ext: &str) -> bool {
    let modified = |p: &Path| -> Option<(bool, SystemTime)> {
        let meta = std::fs::symlink_metadata(p).ok()?;
        Some((meta.is_file(), meta.modified().ok()?))
    };
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(ext);
    match (modified(path), modified(Path::new(&name))) {
        (Some((_, file)), Some((true, sibling))) => sibling >= file,
        _ => false,
    }
}

/// A file of the build other than a page (`path` from [`locate`]) answered by tower-http's
/// `ServeFile`: its `.br` or `.gz` sibling when the reader accepts it and it is fresh, ranges
/// and `If-Modified-Since`, with this server's type and cache headers.
pub async fn serve_file(path: PathBuf, req: Request) -> Response {
    let mime = content_type(&path)
        .parse()
        .unwrap_or(mime::APPLICATION_OCTET_STREAM);
    let compressible = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| COMPRESSIBLE.contains(&e));
    // Two stats, off the runtime's threads like every other file access.
    let siblings = if compressible {
        let p = path.clone();
        tokio::task::spawn_blocking(move || (fresh_sibling(&p, "br"), fresh_sibling(&p, "gz")))
            .await
            .unwrap_or((false, false))
    } else {
        (false, false)
    };
    let mut service = ServeFile::new_with_mime(&path, &mime);
    if siblings.0 {
        service = service.precompressed_br();
    }
    if siblings.1 {
        service = service.precompressed_gzip();
    }
    let mut res = match service.oneshot(req).await {
        Ok(res) => res.map(Body::new),
        Err(never) => match never {},
    };
    let headers = res.headers_mut();
    headers.insert(
        CACHE_CONTROL,
        HeaderValue::from_static(cache_control(&path)),
    );
    // The answer depends on Accept-Encoding whichever copy was sent; caches must know.
    if compressible {
        headers.append(VARY, HeaderValue::from_static(ACCEPT_ENCODING.as_str()));
    }
    res
}

/// `path` with every link resolved, when that is a regular file inside `root` (resolved
/// too); `None` for anything else: a link out of the folder (`images/x -> /etc/passwd`),
/// a device, a folder, nothing.
pub async fn regular_file_under(root: &Path, path: &Path) -> std::io::Result<Option<PathBuf>> {
    let resolve = |p: &Path| {
        let p = p.to_path_buf();
        async move {
            match tokio::fs::canonicalize(&p).await {
                Ok(real) => Ok(Some(real)),
                Err(e) if is_missing(&e) => Ok(None),
                Err(e) => Err(e),
            }
        }
    };
    let (Some(root), Some(real)) = (resolve(root).await?, resolve(path).await?) else {
        return Ok(None);
    };
    if !real.starts_with(&root) {
        return Ok(None);
    }
    let meta = tokio::fs::metadata(&real).await?;
    Ok(meta.is_file().then_some(real))
}

/// `root` joined with a percent-encoded URL path, or `None` when the path would leave
/// `root` (a `..` segment, encoded or not) or cannot name a file (a NUL, a backslash).
pub fn safe_join(root: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    let mut path = root.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return None,
            s if s.contains(['\\', '\0']) => return None,
            s => path.push(s),
        }
    }
    Some(path)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// True for a build file named with its content hash: `-` and 15 or 16 hex digits (Trunk
/// drops a leading zero), then `.js`, `.css`, `.wasm` or `_bg.wasm`.
pub fn is_hashed(file_name: &str) -> bool {
    let Some((stem, ext)) = file_name.rsplit_once('.') else {
        return false;
    };
    if !matches!(ext, "js" | "wasm" | "css") {
        return false;
    }
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let Some((name, hash)) = stem.rsplit_once('-') else {
        return false;
    };
    !name.is_empty()
        && (15..=16).contains(&hash.len())
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The `Cache-Control` of a file.
pub fn cache_control(path: &Path) -> &'static str {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if is_hashed(name) {
        IMMUTABLE
    } else {
        NO_CACHE
    }
}

/// The `Content-Type` of a file, by its extension.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json; charset=utf-8",
        Some("txt") => "text/plain; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("webp") => "image/webp",
        Some("avif") => "image/avif",
        Some("gif") => "image/gif",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        // v3's video block: its files and captions.
        Some("mp4") => "video/mp4",
        Some("webm") => "video/webm",
        Some("m3u8") => "application/vnd.apple.mpegurl",
        Some("vtt") => "text/vtt; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// An app page as this server serves it: the mount element also names the views endpoint
/// (the built `index.html` cannot, since a static host has none), so that most-read ranks by
/// real views. The page is rewritten by an HTML parser: the mount element is the first
/// element with the attribute, wherever the text `data-news-app` appears (a title, say).
pub fn with_views_endpoint(html: Vec<u8>) -> Vec<u8> {
    let Ok(text) = String::from_utf8(html) else {
        return Vec::new();
    };
    let mut first = true;
    let settings = lol_html::RewriteStrSettings {
        element_content_handlers: vec![lol_html::element!("[data-news-app]", |el| {
            if std::mem::take(&mut first) && !el.has_attribute("data-views-endpoint") {
                el.set_attribute("data-views-endpoint", contract::paths::VIEWS_ENDPOINT)?;
            }
            Ok(())
        })],
        ..lol_html::RewriteStrSettings::default()
    };
    match lol_html::rewrite_str(&text, settings) {
        Ok(page) => page.into_bytes(),
        // Only a handler error ends a rewrite, and ours has none: serve the page as built.
        Err(_) => text.into_bytes(),
    }
}

/// The answer carrying a file, with its type and cache headers.
pub fn file_response(status: StatusCode, file: File) -> Response {
    let is_page = file.path.extension().is_some_and(|e| e == "html");
    let bytes = if is_page {
        with_views_endpoint(file.bytes)
    } else {
        file.bytes
    };
    let mut res = Response::new(Body::from(bytes));
    *res.status_mut() = status;
    let headers = res.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static(content_type(&file.path)),
    );
    headers.insert(
        CACHE_CONTROL,
        HeaderValue::from_static(cache_control(&file.path)),
    );
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_name_the_views_endpoint_once() {
        let page = with_views_endpoint(b"<main class=na-page data-news-app><p>x</p>".to_vec());
        assert_eq!(
            String::from_utf8(page.clone()).unwrap(),
            "<main class=na-page data-news-app data-views-endpoint=\"articles/{slug}/views\"><p>x</p>"
        );
        assert_eq!(with_views_endpoint(page.clone()), page);
    }

    #[test]
    fn the_attribute_goes_on_the_mount_element_whatever_the_text_around_it() {
        let page = with_views_endpoint(
            b"<title>Vi sao data-news-app</title><meta content=\"data-news-app\">\
              <!-- data-news-app --><main data-news-app></main><div data-news-app></div>"
                .to_vec(),
        );
        assert_eq!(
            String::from_utf8(page).unwrap(),
            "<title>Vi sao data-news-app</title><meta content=\"data-news-app\">\
             <!-- data-news-app --><main data-news-app data-views-endpoint=\"articles/{slug}/views\">\
             </main><div data-news-app></div>"
        );
    }

    #[tokio::test]
    async fn only_regular_files_inside_the_folder_are_served() {
        let dir = std::env::temp_dir().join(format!("news-static-{}", std::process::id()));
        let root = dir.join("dist");
        std::fs::create_dir_all(root.join("images")).unwrap();
        std::fs::write(root.join("images/a.svg"), "<svg/>").unwrap();
        std::fs::write(dir.join("secret.txt"), "secret").unwrap();
        std::os::unix::fs::symlink(dir.join("secret.txt"), root.join("images/out.txt")).unwrap();
        std::os::unix::fs::symlink(root.join("images/a.svg"), root.join("images/in.svg")).unwrap();
        std::os::unix::fs::symlink("/etc", root.join("etc")).unwrap();
        assert!(locate(&root, "/images/a.svg").await.unwrap().is_some());
        assert!(
            locate(&root, "/images/in.svg").await.unwrap().is_some(),
            "a link inside"
        );
        assert!(locate(&root, "/images/out.txt").await.unwrap().is_none());
        assert!(locate(&root, "/etc/passwd").await.unwrap().is_none());
        assert!(
            locate(&root, "/images").await.unwrap().is_none(),
            "a folder without index"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn hashed_names_are_those_of_the_build() {
        for yes in [
            "news-app-db0066b107cda6d0.js",
            "news-app-db0066b107cda6d0_bg.wasm",
            "base-6e994e9b0098da21.css",
            "x-0123456789abcdef.wasm",
            // Trunk writes a hash that starts with 0 with 15 digits.
            "news-app-db0066b107cda6d.js",
        ] {
            assert!(is_hashed(yes), "{yes}");
        }
        for no in [
            "boot.js",
            "index.html",
            "news-app-db0066b107cda6.js",
            "a-0123456789ABCDEF.js",
            "a_0123456789abcdef.js",
            "a-0123456789abcdef.json",
            "a-0123456789abcdef_bg.css.map",
            "",
        ] {
            assert!(!is_hashed(no), "{no}");
        }
    }

    #[test]
    fn paths_stay_under_the_root() {
        let root = Path::new("/srv/dist");
        assert_eq!(
            safe_join(root, "/chinh-tri/a%20b.html"),
            Some(PathBuf::from("/srv/dist/chinh-tri/a b.html"))
        );
        assert_eq!(safe_join(root, "/"), Some(PathBuf::from("/srv/dist")));
        for bad in [
            "/../etc/passwd",
            "/a/%2e%2e/%2E%2E/x",
            "/a%5c..%5cb",
            "/%00",
            "/%zz",
            "/%ff",
        ] {
            assert_eq!(safe_join(root, bad), None, "{bad}");
        }
    }

    #[test]
    fn types() {
        assert_eq!(content_type(Path::new("a_bg.wasm")), "application/wasm");
        assert_eq!(
            content_type(Path::new("x.json")),
            "application/json; charset=utf-8"
        );
        assert_eq!(cache_control(Path::new("/d/boot.js")), NO_CACHE);
        assert_eq!(
            cache_control(Path::new("/d/news-app-db0066b107cda6d0.js")),
            IMMUTABLE
        );
    }
}
