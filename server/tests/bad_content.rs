//! Bad files in a content folder, as a newsroom's pipeline meets them (issue 27): `prerender`
//! writes every good article's page, names each bad file with the reason on stderr, and exits
//! with status 3, so that the pipeline knows something was skipped; `serve` answers every good
//! article and list, and says each bad file once in its log, however often it is asked for.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{request, serve_logged, stderr_after_kill, TempDir, BIN};

/// A content folder of the search fixtures (good articles) and, beside them, the bad files a
/// pipeline meets: cut half-way as a copy interrupted; another article's JSON under this name;
/// not UTF-8; 30 MB. Returns the good slugs.
fn folder_with_bad_files(content: &Path) -> Vec<String> {
    let articles = content.join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search/articles");
    let mut good = Vec::new();
    for entry in std::fs::read_dir(fixtures).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), articles.join(entry.file_name())).unwrap();
        good.push(
            entry
                .file_name()
                .to_string_lossy()
                .trim_end_matches(".json")
                .to_string(),
        );
    }
    let storm = std::fs::read_to_string(articles.join("bao-so-5-do-bo-da-nang.json")).unwrap();
    std::fs::write(articles.join("bai-bi-cat.json"), &storm[..storm.len() / 2]).unwrap();
    std::fs::write(articles.join("sai-ten-tep.json"), &storm).unwrap();
    std::fs::write(
        articles.join("khong-phai-utf8.json"),
        b"{\"slug\": \"\xff\xfe\"}",
    )
    .unwrap();
    // A valid article, but 30 MB: one paragraph of 30 million letters.
    let mut huge: serde_json::Value = serde_json::from_str(&storm).unwrap();
    huge["slug"] = "bai-qua-lon".into();
    huge["body"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"type": "paragraph", "html": "a".repeat(30_000_000)}));
    std::fs::write(articles.join("bai-qua-lon.json"), huge.to_string()).unwrap();
    good
}

/// The bad files of [`folder_with_bad_files`] and the reason each is named with.
const BAD: [(&str, &str); 4] = [
    ("bai-bi-cat.json", "not a valid article"),
    (
        "sai-ten-tep.json",
        "its slug is «bao-so-5-do-bo-da-nang», its file name «sai-ten-tep»",
    ),
    ("khong-phai-utf8.json", "not UTF-8"),
    ("bai-qua-lon.json", "too large"),
];

/// The fixtures' own: valid JSON in a category whose slug is the app's search route, so it
/// is served but listed nowhere.
const UNLISTED: (&str, &str) = (
    "bai-trong-chuyen-muc-cam.json",
    "no valid category (or a reserved one)",
);

#[test]
fn prerender_writes_the_good_pages_names_each_bad_file_and_says_so_by_its_status() {
    let dir = TempDir::new();
    let content = dir.0.join("content");
    let articles = content.join("articles");
    let dist = dir.0.join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    let good = folder_with_bad_files(&content);
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><html lang=vi><head><title>Tin tức</title></head>\
         <body><main data-news-app></main></body></html>",
    )
    .unwrap();

    let out = prerender(&dist, &content);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    let named: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("news-server: prerender skipped "))
        .collect();
    assert_eq!(named.len(), BAD.len() + 1, "{stderr}");
    for (file, why) in BAD.into_iter().chain([UNLISTED]) {
        assert!(
            named.iter().any(|l| l.contains(file) && l.contains(why)),
            "{file}: {why}\n{stderr}"
        );
    }
    // Every good article has its page; the report counts the skipped.
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("5 skipped"), "{stdout}");
    let pages: Vec<String> = walk(&dist)
        .into_iter()
        .filter(|p| p.ends_with("/index.html"))
        .collect();
    for slug in good.iter().filter(|s| *s != "bai-trong-chuyen-muc-cam") {
        let page = format!("/{slug}/index.html");
        assert!(pages.iter().any(|p| p.ends_with(&page)), "{slug}");
    }

    // Once the files are mended (removed), the status is 0.
    for (bad, _) in BAD.into_iter().chain([UNLISTED]) {
        std::fs::remove_file(articles.join(bad)).unwrap();
    }
    let again = prerender(&dist, &content);
    assert_eq!(
        again.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
}

#[test]
fn serve_answers_every_good_article_and_list_and_says_each_bad_file_once() {
    let dir = TempDir::new();
    let content = dir.0.join("content");
    let good = folder_with_bad_files(&content);
    let (child, addr) = serve_logged(&content, &dir, None);
    let get = |path: &str| request(&addr, "GET", path, &[], b"");

    for slug in &good {
        let r = get(&format!("/api/articles/{slug}.json"));
        assert_eq!(r.status, 200, "{slug}");
        assert!(r.text().contains(&format!("\"{slug}\"")), "{slug}");
    }
    let latest = get("/api/latest.json");
    assert_eq!(latest.status, 200);
    let listed = latest.text();
    for (file, _) in BAD.into_iter().chain([UNLISTED]) {
        let slug = file.trim_end_matches(".json");
        assert!(!listed.contains(&format!("\"{slug}\"")), "{slug} listed");
    }
    // Asked for three times each, as readers and crawlers would: never served as an
    // article, never a 500, the server alive.
    for _ in 0..3 {
        for (file, _) in BAD {
            let slug = file.trim_end_matches(".json");
            for path in [
                format!("/api/articles/{slug}.json"),
                format!("/api/articles/{slug}.html"),
            ] {
                let status = get(&path).status;
                assert!(matches!(status, 404 | 503), "{path}: {status}");
            }
        }
    }
    // Rewritten as bad as before: the watcher meets it again, and says nothing new.
    let cut = content.join("articles/bai-bi-cat.json");
    let bytes = std::fs::read(&cut).unwrap();
    std::fs::write(&cut, bytes).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(800));
    assert_eq!(get("/api/latest.json").status, 200);

    let log = stderr_after_kill(child);
    for (file, why) in BAD.into_iter().chain([UNLISTED]) {
        let lines: Vec<&str> = log
            .lines()
            .filter(|l| l.contains("skipped") && l.contains(file))
            .collect();
        assert_eq!(lines.len(), 1, "{file} said once:\n{log}");
        assert!(lines[0].contains(why), "{file}: {why}\n{log}");
    }
}

/// `news-server prerender` of `content` into `dist`, as a pipeline runs it.
fn prerender(dist: &Path, content: &Path) -> Output {
    Command::new(BIN)
        .args(["prerender", "--dist"])
        .arg(dist)
        .arg("--content")
        .arg(content)
        .output()
        .unwrap()
}

/// Every file under `dir`, as paths with `/`.
fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path.to_string_lossy().replace('\\', "/"));
        }
    }
    out
}
