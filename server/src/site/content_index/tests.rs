//! The content index's tests: the paging of lists, categories and topics.

use super::*;

fn rec(slug: &str, cat: &str, t: i64) -> Record {
    Record {
        slug: slug.into(),
        category: cat.into(),
        category_name: cat.to_uppercase(),
        published: t,
        modified: t,
        tags: Vec::new(),
        video: false,
    }
}

fn slugs(p: &Page) -> Vec<String> {
    p.items.iter().map(|e| e.slug.to_string()).collect()
}

/// Articles a0 (oldest) to a{n-1}, alternating between two categories.
fn index(n: usize, size: usize) -> Index {
    Index::build(
        (0..n).map(|i| {
            rec(
                &format!("a{i}"),
                if i % 2 == 0 { "x" } else { "y" },
                i as i64,
            )
        }),
        size,
    )
}

#[test]
fn the_head_holds_the_newest_full_page_and_what_is_past_it() {
    let ix = index(10, 3);
    let head = ix.page(List::Latest, None).unwrap();
    assert_eq!(slugs(&head), ["a9", "a8", "a7", "a6"]);
    assert_eq!(head.next, Some(2));
    let p2 = ix.page(List::Latest, Some(2)).unwrap();
    assert_eq!(slugs(&p2), ["a5", "a4", "a3"]);
    assert_eq!(p2.next, Some(1));
    let p1 = ix.page(List::Latest, Some(1)).unwrap();
    assert_eq!(slugs(&p1), ["a2", "a1", "a0"]);
    assert_eq!(p1.next, None);
    // Page 3 exists (a6..a8) though the head includes it; page 4 does not.
    assert_eq!(
        slugs(&ix.page(List::Latest, Some(3)).unwrap()),
        ["a8", "a7", "a6"]
    );
    assert!(ix.page(List::Latest, Some(4)).is_none());
    assert!(ix.page(List::Latest, Some(0)).is_none());
    // Following `next` from the head reads every article once, newest first.
    let mut seen = slugs(&head);
    let mut next = head.next;
    while let Some(n) = next {
        let p = ix.page(List::Latest, Some(n)).unwrap();
        seen.extend(slugs(&p));
        next = p.next;
    }
    let all: Vec<String> = (0..10).rev().map(|i| format!("a{i}")).collect();
    assert_eq!(seen, all);
}

#[test]
fn a_new_article_changes_only_the_head_and_full_pages_stay() {
    let before = index(10, 3);
    let after = index(11, 3);
    for n in 1..=3 {
        assert_eq!(
            slugs(&before.page(List::Latest, Some(n)).unwrap()),
            slugs(&after.page(List::Latest, Some(n)).unwrap()),
            "page {n}"
        );
    }
    assert_eq!(
        slugs(&after.page(List::Latest, None).unwrap()),
        ["a10", "a9", "a8", "a7", "a6"]
    );
}

#[test]
fn short_lists_and_categories() {
    let ix = index(2, 30);
    let head = ix.page(List::Latest, None).unwrap();
    assert_eq!(slugs(&head), ["a1", "a0"]);
    assert_eq!(head.next, None);
    assert_eq!(ix.numbered_pages(List::Latest), 0);
    assert!(Index::build([], 30).page(List::Latest, None).is_none());
    let ix = index(10, 2);
    let x = ix.page(List::Category("x"), None).unwrap();
    assert_eq!(slugs(&x), ["a8", "a6", "a4"]);
    assert_eq!(x.next, Some(1));
    assert!(ix.page(List::Category("z"), None).is_none());
    assert_eq!(ix.category("y").unwrap().name.as_ref(), "Y");
    assert_eq!(
        ix.newest(List::Category("y"), 2)
            .iter()
            .map(|e| &*e.slug)
            .collect::<Vec<_>>(),
        ["a9", "a7"]
    );
}

#[test]
fn ties_are_ordered_by_slug_and_a_slug_is_listed_once() {
    let ix = Index::build(
        [
            rec("b", "x", 5),
            rec("a", "x", 5),
            rec("c", "x", 1),
            rec("c", "x", 9),
        ],
        10,
    );
    assert_eq!(
        slugs(&ix.page(List::Latest, None).unwrap()),
        ["c", "b", "a"]
    );
}

#[test]
fn a_topic_lists_only_its_tags_articles_and_survives_a_rebuild() {
    let tagged = |slug: &str, t: i64, tags: &[&str]| Record {
        tags: tags
            .iter()
            .map(|s| (s.to_string(), s.to_uppercase()))
            .collect(),
        ..rec(slug, "x", t)
    };
    let ix = Index::build(
        [
            tagged("a", 1, &["bao-so-5"]),
            tagged("b", 2, &[]),
            tagged("c", 3, &["bao-so-5", "da-nang"]),
        ],
        10,
    );
    assert_eq!(
        slugs(&ix.page(List::Topic("bao-so-5"), None).unwrap()),
        ["c", "a"]
    );
    assert_eq!(
        slugs(&ix.page(List::Topic("da-nang"), None).unwrap()),
        ["c"]
    );
    assert!(ix.page(List::Topic("khong-co"), None).is_none());
    assert!(
        ix.page(List::Topic("x"), None).is_none(),
        "a category is no topic"
    );
    let again = Index::build(ix.records(), 10);
    assert_eq!(
        again.records().collect::<Vec<_>>(),
        ix.records().collect::<Vec<_>>()
    );
    assert_eq!(
        List::Topic("da-nang").path(Some(2)),
        "topics/da-nang/2.json"
    );
}

#[test]
fn the_category_name_is_its_newest_articles() {
    let mut old = rec("a", "x", 1);
    old.category_name = "Cũ".into();
    let mut new = rec("b", "x", 2);
    new.category_name = "Mới".into();
    assert_eq!(&*Index::build([new, old], 10).categories()[0].name, "Mới");
}
