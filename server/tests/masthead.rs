//! The masthead over HTTP (v3): `categories.json`, the menu's list, and a topic's list
//! naming its tag; an article's page holding the masthead and a search box that works
//! without script. On the fixtures of `fixtures/search/` and the demo content; on SQLite, and on PostgreSQL with
//! `NEWS_TEST_ENGINE=postgres` like every HTTP test.

mod common;

use std::path::{Path, PathBuf};

use common::*;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search")
}

#[test]
fn the_menu_lists_the_categories_the_most_written_first_without_reserved_ones() {
    let s = Server::start_with_content(&fixtures(), &[]);
    let r = s.get("/api/categories.json");
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    let menu = contract::parse_categories(&r.text()).unwrap();
    let listed: Vec<(&str, &str)> = menu
        .iter()
        .map(|c| (c.slug.as_str(), c.name.as_str()))
        .collect();
    // Thời sự has two articles; the others one each, by slug; «tim-kiem» is the app's route.
    assert_eq!(
        listed,
        [
            ("thoi-su", "Thời sự"),
            ("du-lich", "Du lịch"),
            ("kinh-te", "Kinh tế"),
            ("van-hoa", "Văn hóa")
        ]
    );
    assert!(!r.text().contains("tim-kiem"));
}

#[test]
fn a_topics_list_names_its_tag() {
    let s = Server::start_with_content(&fixtures(), &[]);
    for (slug, name) in [("mien-trung", "Miền Trung"), ("bao-so-5", "Bão số 5")] {
        let r = s.get(&format!("/api/topics/{slug}.json"));
        assert_eq!(r.status, 200, "{slug}");
        let page = contract::parse_summary_page(&r.text()).unwrap();
        assert_eq!(page.name.as_deref(), Some(name));
    }
    // The other lists name nothing.
    let latest = s.get("/api/latest.json");
    assert_eq!(
        contract::parse_summary_page(&latest.text()).unwrap().name,
        None
    );
}

#[test]
fn an_articles_page_holds_the_masthead_and_a_box_that_works_without_script() {
    let s = Server::start(&[]);
    let r = s.get(&format!("/chinh-tri/{KHOI}"));
    assert_eq!(r.status, 200);
    let html = r.text();
    assert!(
        html.contains(
            "<header class=\"na-masthead\"><a class=\"na-brand\" href=\"/\">Tin tức</a></header>"
        ),
        "{html}"
    );
    assert!(html.contains(
        "<form class=\"na-search\" role=\"search\" action=\"/tim-kiem\" method=\"get\">"
    ));
    // A portal's fragment has neither: the portal's page has its own.
    let fragment = s.get(&format!("/api/articles/{KHOI}.html")).text();
    assert!(fragment.contains("data-news-static"), "{fragment}");
    assert!(!fragment.contains("na-masthead") && !fragment.contains("na-search"));
}
