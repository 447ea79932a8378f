//! Bad files in a content folder, as a newsroom's pipeline meets them (issue 27): `prerender`
//! writes every good article's page, names each bad file with the reason on stderr, and exits
//! with status 3, so that the pipeline knows something was skipped.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{TempDir, BIN};

#[test]
fn prerender_writes_the_good_pages_names_each_bad_file_and_says_so_by_its_status() {
    let dir = TempDir::new();
    let content = dir.0.join("content");
    let articles = content.join("articles");
    let dist = dir.0.join("dist");
    std::fs::create_dir_all(&articles).unwrap();
    std::fs::create_dir_all(&dist).unwrap();
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
    // Cut half-way, as a copy interrupted; another article's JSON under this name; not UTF-8.
    std::fs::write(articles.join("bai-bi-cat.json"), &storm[..storm.len() / 2]).unwrap();
    std::fs::write(articles.join("sai-ten-tep.json"), &storm).unwrap();
    std::fs::write(
        articles.join("khong-phai-utf8.json"),
        b"{\"slug\": \"\xff\xfe\"}",
    )
    .unwrap();
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
    assert_eq!(named.len(), 4, "{stderr}");
    for (file, why) in [
        ("bai-bi-cat.json", "not a valid article"),
        (
            "sai-ten-tep.json",
            "its slug is «bao-so-5-do-bo-da-nang», its file name «sai-ten-tep»",
        ),
        ("khong-phai-utf8.json", "not UTF-8"),
        // The fixtures' own: valid JSON in a category whose slug is the app's search route.
        (
            "bai-trong-chuyen-muc-cam.json",
            "no valid category (or a reserved one)",
        ),
    ] {
        assert!(
            named.iter().any(|l| l.contains(file) && l.contains(why)),
            "{file}: {why}\n{stderr}"
        );
    }
    // Every good article has its page; the report counts the skipped.
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("4 skipped"), "{stdout}");
    let pages: Vec<String> = walk(&dist)
        .into_iter()
        .filter(|p| p.ends_with("/index.html"))
        .collect();
    for slug in good.iter().filter(|s| *s != "bai-trong-chuyen-muc-cam") {
        let page = format!("/{slug}/index.html");
        assert!(pages.iter().any(|p| p.ends_with(&page)), "{slug}");
    }

    // Once the files are mended (removed), the status is 0.
    for bad in [
        "bai-bi-cat.json",
        "sai-ten-tep.json",
        "khong-phai-utf8.json",
        "bai-trong-chuyen-muc-cam.json",
    ] {
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
