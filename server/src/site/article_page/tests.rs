use super::*;
use std::fs;
use std::path::{Path, PathBuf};

const SHELL: &str = "<!doctype html><html lang=vi><head><meta charset=utf-8><title>Tin tức</title>\
    <meta content=\"Tin tức, thời sự\" name=description><meta name=\"description-x\" content=k><script async src=/boot-0123456789abcdef.js></script><link rel=modulepreload href=/news-app.js>\
    </head><body><main class=na-page data-news-app><p class=na-boot>Đang tải bài viết…</p></main>\
    <noscript><p>Trang tin cần bật JavaScript để hiển thị bài viết.</p></noscript></body></html>";

fn shell(base: &str) -> Shell {
    Shell::new(SHELL.into(), base, None).unwrap()
}

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/api")
}

fn seed() -> Article {
    let path =
        demo().join("articles/khoi-thi-dua-cac-co-quan-cong-tac-dang-tong-ket-nam-2022.json");
    contract::parse_article(&fs::read_to_string(path).unwrap()).unwrap()
}

fn page(
    shell: &Shell,
    a: &Article,
    most_read: &[Summary],
    comments: Option<&CommentPage>,
) -> String {
    let extras = Extras {
        most_read,
        comments,
        views_endpoint: None,
        live: None,
    };
    article_page(shell, a, &extras).unwrap()
}

fn vectors() -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/xss-vectors.json");
    let doc: serde_json::Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    doc["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

/// The text of the first element `selector` finds in `html`, read as a browser would.
fn text_of(html: &str, selector: &str) -> String {
    let doc = Html::parse_document(html);
    let found = doc.select(&Selector::parse(selector).unwrap()).next();
    found.map(|e| e.text().collect()).unwrap_or_default()
}

/// The attribute `name` of the first element `selector` finds in `html`.
fn attr_of(html: &str, selector: &str, name: &str) -> Option<String> {
    let doc = Html::parse_document(html);
    let found = doc.select(&Selector::parse(selector).unwrap()).next();
    found.and_then(|e| e.value().attr(name).map(str::to_string))
}

/// Every start tag of `html` with its attribute names, read by html5ever as a browser would.
fn tags_and_attrs(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let doc = Html::parse_document(html);
    doc.tree
        .nodes()
        .filter_map(|n| n.value().as_element().cloned())
        .map(|e| {
            let attrs = e
                .attrs()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            (e.name().to_string(), attrs)
        })
        .collect()
}

fn sanitized(html: &str, base: &str) -> String {
    page::inline::render(&sanitize(html), base).into_string()
}

#[test]
fn sanitiser_keeps_the_allowlist_and_resolves_app_links() {
    assert_eq!(
        sanitized(
            "Xem <a href=\"chinh-tri/x\" onclick=\"y()\">bài <b>này</b></a><br>nhé",
            "/tin"
        ),
        "Xem <a href=\"/tin/chinh-tri/x\" rel=\"noopener\">bài <b>này</b></a><br>nhé"
    );
    assert_eq!(sanitized("<p>a<script>alert(1)</script>b</p>", ""), "ab");
    assert_eq!(sanitized("<a href=\"javascript:alert(1)\">x</a>", ""), "x");
    assert_eq!(sanitized("1 &lt; 2 &amp; <3", ""), "1 &lt; 2 &amp; &lt;3");
}

#[test]
fn the_seed_article_page_has_its_content_head_and_loader() {
    let a = seed();
    let empty = CommentPage {
        items: vec![],
        total: 0,
        next: None,
    };
    let page = page(&shell(""), &a, &[], Some(&empty));
    assert_eq!(text_of(&page, "title"), a.title);
    assert_eq!(
        text_of(&page, "h1#na-title.na-title[tabindex='-1']"),
        a.title
    );
    assert!(page.contains(&format!("data-news-static=\"{}\"", a.slug)));
    assert!(page.contains("<script async src=/boot-0123456789abcdef.js></script>"));
    assert!(page.contains("Chưa có bình luận nào."));
    assert!(
        !page.contains("Đang tải bài viết"),
        "the loading line is replaced"
    );
    assert!(!page.contains("<noscript>"));
    assert_eq!(page.matches("name=\"description\"").count(), 1);
    assert!(page.contains("<meta name=\"description-x\" content=k>"));
    assert!(
        !page.contains("Tin tức, thời sự"),
        "the shell's description is replaced"
    );
    assert!(
        page.contains("src=\"/api/images/"),
        "relative images load from the API folder"
    );
    assert!(
        !page.contains("og:url") && !page.contains("canonical"),
        "no address guessed"
    );
    assert!(
        page.contains("<link rel=modulepreload href=/news-app.js fetchpriority=\"low\">"),
        "the code's preloads yield to the stylesheet: {page}"
    );
}

#[test]
fn images_load_from_the_api_base_the_app_is_given() {
    let html = SHELL.replace(
        "data-news-app>",
        "data-news-app data-api-base=\"https://cdn.example.vn/api/\" data-site-url=\"https://bao.example.vn\">",
    );
    let shell = Shell::new(html, "", None).unwrap();
    let page = page(&shell, &seed(), &[], None);
    assert!(
        page.contains("src=\"https://cdn.example.vn/api/images/"),
        "as the app would"
    );
    assert!(!page.contains("src=\"/api/images/"));
    let a = seed();
    let address = format!("https://bao.example.vn/{}/{}", a.category.slug, a.slug);
    assert_eq!(
        attr_of(&page, "meta[property='og:url']", "content").as_deref(),
        Some(address.as_str())
    );
    assert_eq!(
        attr_of(&page, "link[rel=canonical]", "href").as_deref(),
        Some(address.as_str())
    );
}

#[test]
fn the_server_names_its_address_and_views_endpoint_on_the_mount_element() {
    let shell = Shell::new(SHELL.into(), "", Some("https://bao.example.vn/")).unwrap();
    let extras = Extras {
        most_read: &[],
        comments: None,
        views_endpoint: Some(paths::VIEWS_ENDPOINT),
        live: None,
    };
    let page = article_page(&shell, &seed(), &extras).unwrap();
    assert!(page.contains(
        "data-news-app data-site-url=\"https://bao.example.vn/\" data-views-endpoint=\"articles/{slug}/views\""
    ), "{page}");
}

#[test]
fn a_shell_without_a_mount_element_or_already_prerendered_is_an_error() {
    assert!(Shell::new("<html><title>x</title></html>".into(), "", None).is_err());
    let once = page(&shell(""), &seed(), &[], None);
    assert!(Shell::new(once, "", None).is_err());
}

#[test]
fn hostile_fields_never_become_markup() {
    for v in vectors() {
        let (a, most_read, comments) = hostile_article(&v);
        let page = page(&shell(""), &a, &most_read, Some(&comments));
        // The structured data: one script, whose JSON says the title as it is.
        let doc = Html::parse_document(&page);
        let ld = Selector::parse("script[type=\"application/ld+json\"]").unwrap();
        let scripts: Vec<String> = doc.select(&ld).map(|s| s.text().collect()).collect();
        assert_eq!(scripts.len(), 1, "{v}");
        let data: serde_json::Value = serde_json::from_str(&scripts[0]).unwrap();
        assert_eq!(data["headline"], a.title.as_str(), "{v}");
        for (tag, attrs) in tags_and_attrs(&page) {
            assert_harmless(&tag, &attrs, &v);
        }
    }
}

/// The seed article with `v` in every field a newsroom or a reader writes, a most-read
/// entry and a comment of it.
fn hostile_article(v: &str) -> (Article, [Summary; 1], CommentPage) {
    let v = v.to_string();
    let mut a = seed();
    a.title = v.clone();
    a.lead = Some(v.clone());
    a.category.name = v.clone();
    if let Some(hero) = a.hero.as_mut() {
        hero.src = v.clone();
        hero.caption = Some(v.clone());
    }
    a.body.push(contract::Block::Paragraph { html: v.clone() });
    a.body.push(contract::Block::Quote {
        text: v.clone(),
        cite: Some(v.clone()),
    });
    let image = contract::Image {
        src: v.clone(),
        alt: v.clone(),
        caption: Some(v.clone()),
        credit: Some(v.clone()),
        width: Some(4),
        height: Some(3),
    };
    a.body.push(contract::Block::Image(image.clone()));
    let most_read = [Summary {
        slug: "a".into(),
        title: v.clone(),
        category: Some(a.category.clone()),
        thumbnail: Some(image),
        published_at: None,
        lead: Some(v.clone()),
        format: None,
    }];
    let comment = contract::Comment {
        id: "c".into(),
        author_name: v.clone(),
        body: v.clone(),
        created_at: v.clone(),
        likes: Some(7),
        replies: None,
    };
    let comments = CommentPage {
        items: vec![comment],
        total: 1,
        next: None,
    };
    (a, most_read, comments)
}

/// A tag of the page made from vector `v` that can run nothing: no embedding tag, no
/// form but the masthead's search box, no script but the loader and the structured
/// data, no handler, no script URL.
fn assert_harmless(tag: &str, attrs: &[(String, String)], v: &str) {
    assert!(
        !matches!(tag, "iframe" | "object" | "embed" | "svg" | "math" | "base"),
        "{tag} from {v}"
    );
    if tag == "form" {
        // As html5ever lists them, by name.
        let search = [
            ("action", "/tim-kiem"),
            ("class", "na-search"),
            ("method", "get"),
            ("role", "search"),
        ]
        .map(|(k, v)| (k.to_string(), v.to_string()));
        assert_eq!(attrs, search, "a form from {v}");
    }
    // The loader, and the article's structured data (JSON, which escapes `<`:
    // a `</script>` in the data would have made a script of its own here).
    if tag == "script" {
        let ld = [("type".to_string(), "application/ld+json".to_string())];
        assert!(
            attrs == ld
                || attrs
                    == [
                        ("async".to_string(), String::new()),
                        ("src".into(), "/boot-0123456789abcdef.js".into())
                    ],
            "{attrs:?} from {v}"
        );
    }
    for (name, value) in attrs {
        assert!(!name.starts_with("on"), "{name} on {tag} from {v}");
        if matches!(
            name.as_str(),
            "href" | "src" | "srcset" | "action" | "formaction" | "poster" | "data"
        ) {
            let url = value.trim_start().to_ascii_lowercase();
            assert!(
                !url.starts_with("javascript:") && !url.starts_with("data:"),
                "{name}={value} from {v}"
            );
        }
    }
}
