//! Readers' comments: pages newest first, replies under top-level comments, and a
//! duplicate refused (the same body sent at once included).

use super::*;

#[test]
fn migrates_once_and_pages_newest_first() {
    for t in engines("pages") {
        for (id, at) in [
            ("c-1", "2023-01-01T00:00:00Z"),
            ("c-3", "2023-01-03T00:00:00Z"),
            ("c-2", "2023-01-02T00:00:00Z"),
        ] {
            put(&t, "a", id, at, Status::Published);
        }
        put(&t, "a", "c-4", "2023-01-04T00:00:00Z", Status::Pending);
        let (items, total) = t.published_page("a", Order::Newest, 0, 2, 3).unwrap();
        assert_eq!(total, 3, "{}", t.engine);
        let ids: Vec<_> = items.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["c-3", "c-2"], "{}", t.engine);
        let (items, _) = t.published_page("a", Order::Newest, 1, 2, 3).unwrap();
        assert_eq!(items[0].id, "c-1", "{}", t.engine);
        assert_eq!(t.comment_count().unwrap(), 4);
    }
}

#[test]
fn replies_hang_under_published_top_level_comments_and_duplicates_are_refused() {
    for t in engines("threads") {
        let since = "2023-01-01T00:00:00Z";
        let stored = |s: Submission, since: &str| t.submit(&s, since).unwrap();
        assert_eq!(
            stored(submission("t-1", "Chủ đề", None), since),
            Submitted::Stored
        );
        assert_eq!(
            stored(submission("r-1", "Trả lời", Some("t-1")), since),
            Submitted::Stored
        );
        for parent in ["r-1", "t-9"] {
            assert_eq!(
                stored(submission("r-2", "Khác", Some(parent)), since),
                Submitted::NoSuchParent,
                "{} {parent}",
                t.engine
            );
        }
        assert_eq!(
            stored(submission("t-2", "Chủ đề", None), since),
            Submitted::Duplicate
        );
        assert_eq!(
            stored(submission("t-2", "Chủ đề", None), "2023-01-01T00:00:11Z"),
            Submitted::Stored,
            "older than the window"
        );
        let (items, total) = t.published_page("a", Order::Newest, 0, 10, 3).unwrap();
        assert_eq!(total, 2, "top-level only");
        let thread = items.iter().find(|c| c.id == "t-1").unwrap();
        let replies = thread.replies.as_ref().unwrap();
        assert_eq!((replies.items[0].id.as_str(), replies.total), ("r-1", 1));
        assert!(items
            .iter()
            .find(|c| c.id == "t-2")
            .unwrap()
            .replies
            .is_none());
        assert!(t.replies("a", "r-1", 0, 10).unwrap().is_none());
        assert!(t.replies("b", "t-1", 0, 10).unwrap().is_none());
        assert_eq!(t.replies("a", "t-1", 3, 10).unwrap(), Some((vec![], 1)));
        assert_eq!(t.set_like("a", "t-1", "x", true).unwrap(), Some(1));
        let (items, _) = t.published_page("a", Order::MostLiked, 0, 10, 3).unwrap();
        assert_eq!(items[0].id, "t-1", "{}", t.engine);
    }
}

#[test]
fn the_same_body_sent_at_once_from_one_client_is_stored_once() {
    for t in engines("duplicates_at_once") {
        let db: &Db = &t;
        let outcomes: Vec<Submitted> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..6)
                .map(|n| {
                    s.spawn(move || {
                        db.submit(
                            &submission(&format!("d-{n}"), "Cùng một nội dung", None),
                            "2023-01-01T00:00:00Z",
                        )
                        .unwrap()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let stored = outcomes.iter().filter(|o| **o == Submitted::Stored).count();
        assert_eq!(stored, 1, "{}: {outcomes:?}", t.engine);
        assert_eq!(t.comment_count().unwrap(), 1);
    }
}
