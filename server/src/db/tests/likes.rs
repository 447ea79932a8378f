//! Likes: each reader counted once, only on published comments, and none lost at once.

use super::*;

#[test]
fn likes_count_each_reader_once_and_only_on_published_comments() {
    for t in engines("likes") {
        let at = "2023-01-01T00:00:00Z";
        put(&t, "a", "c-1", at, Status::Published);
        put(&t, "a", "c-2", at, Status::Pending);
        assert_eq!(t.set_like("a", "c-1", "r1", true).unwrap(), Some(1));
        assert_eq!(t.set_like("a", "c-1", "r1", true).unwrap(), Some(1));
        assert_eq!(t.set_like("a", "c-1", "r2", true).unwrap(), Some(2));
        assert_eq!(t.set_like("a", "c-1", "r3", false).unwrap(), Some(2));
        assert_eq!(t.set_like("a", "c-1", "r1", false).unwrap(), Some(1));
        assert_eq!(t.set_like("a", "c-2", "r1", true).unwrap(), None);
        assert_eq!(t.set_like("b", "c-1", "r1", true).unwrap(), None);
        assert_eq!(t.set_like("a", "c-9", "r1", true).unwrap(), None);
        let (items, _) = t.published_page("a", Order::Newest, 0, 10, 3).unwrap();
        assert_eq!(items[0].likes, Some(1), "{}", t.engine);
        t.set_like("a", "c-1", "r2", false).unwrap();
        let (items, _) = t.published_page("a", Order::Newest, 0, 10, 3).unwrap();
        assert_eq!(
            items[0].likes, None,
            "{}: none is written as absent",
            t.engine
        );
    }
}

#[test]
fn concurrent_likes_are_neither_lost_nor_doubled() {
    for t in engines("concurrent_likes") {
        put(&t, "a", "c-1", "2023-01-01T00:00:00Z", Status::Published);
        let db: &Db = &t;
        std::thread::scope(|s| {
            for reader in 0..8 {
                s.spawn(move || {
                    for _ in 0..3 {
                        db.set_like("a", "c-1", &format!("r{reader}"), true)
                            .unwrap();
                    }
                });
            }
        });
        assert_eq!(
            t.set_like("a", "c-1", "r0", true).unwrap(),
            Some(8),
            "{}",
            t.engine
        );
    }
}
