//! Views: the most-read ranking by clients, then recency, within the window.

use super::*;

#[test]
fn views_rank_by_clients_then_recency_within_the_window() {
    for t in engines("views") {
        for (slug, client, at) in [
            ("a", "1", 10),
            ("b", "1", 11),
            ("b", "2", 12),
            ("c", "1", 13),
            ("old", "1", 1),
            ("old", "2", 2),
        ] {
            assert!(t.record_view(slug, client, at, at - 100).unwrap());
        }
        // One client viewing "a" a hundred times in the window is still one view.
        for at in 14..114 {
            assert!(!t.record_view("a", "1", at, at - 10_000).unwrap());
        }
        assert_eq!(
            t.most_viewed(5, 10).unwrap(),
            ["b", "c", "a"],
            "{}",
            t.engine
        );
        // After the window, the same client's view counts again (refreshed, not added).
        assert!(t.record_view("a", "1", 20_000, 20_000 - 10_000).unwrap());
        assert_eq!(
            t.most_viewed(5, 10).unwrap(),
            ["b", "a", "c"],
            "{}",
            t.engine
        );
        assert_eq!(t.prune_views(5).unwrap(), 2);
    }
}
