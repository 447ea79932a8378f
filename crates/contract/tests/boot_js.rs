//! `public/boot.js` starts the first view's downloads before the wasm runs, so it spells the
//! contract's paths and the route grammar in JavaScript: checked here against `paths`.

use contract::paths;

fn boot_js() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/boot.js");
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn boot_js_fetches_the_contracts_paths() {
    let js = boot_js();
    // An article's JSON, written in boot.js as a concatenation around the slug.
    let article = paths::article_json("\u{0}");
    let (before, after) = article.split_once('\u{0}').unwrap();
    assert!(
        js.contains(&format!("'{before}' + slug + '{after}'")),
        "articles/{{slug}}.json"
    );
    // A category's list, the same way around its slug.
    let category = paths::category_json("\u{0}");
    let (before, after) = category.split_once('\u{0}').unwrap();
    assert!(
        js.contains(&format!("'{before}' + category + '{after}'")),
        "categories/{{slug}}.json"
    );
    for list in [paths::LATEST, paths::MOST_READ, paths::DEFAULT_API_DIR] {
        assert!(js.contains(&format!("'{list}'")), "{list}");
    }
}

#[test]
fn boot_js_reads_routes_as_the_contract_does() {
    let js = boot_js();
    // `/{category}/{slug}` is an article: two segments, the second the slug; fewer is a list.
    assert!(js.contains("if (parts.length === 2) slug = parts[1];"));
    assert!(js.contains("else if (parts.length < 2)"));
    assert!(matches!(
        paths::parse_path("/chinh-tri/bai-a", ""),
        paths::Route::Article { ref slug, .. } if slug == "bai-a"
    ));
    assert!(matches!(
        paths::parse_path("/chinh-tri", ""),
        paths::Route::Category { .. }
    ));
    // The reserved slugs (v3's search and topics) are no list and no article to prefetch.
    assert!(js.contains(&format!(
        "if (/^({}|{})$/.test(parts[0])) parts = [0, 0, 0];",
        paths::SEARCH_ROUTE,
        paths::TOPIC_ROUTE
    )));
    assert_eq!(
        paths::RESERVED_CATEGORY_SLUGS,
        [paths::SEARCH_ROUTE, paths::TOPIC_ROUTE]
    );
    assert!(!matches!(
        paths::parse_path("/chu-de/bao-so-5", ""),
        paths::Route::Article { .. }
    ));
    // The slug alphabet, as a regular expression.
    assert!(js.contains("/^[a-z0-9-]+$/"));
    for ok in ["a", "khoi-thi-dua-2022", "0-9"] {
        assert!(contract::is_valid_slug(ok));
    }
    for bad in ["A", "a_b", "a.b", "a/b", "", "á"] {
        assert!(!contract::is_valid_slug(bad), "{bad}");
    }
}
